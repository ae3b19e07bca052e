"""The Jinja environment: project templates first, then built-in ones; filters for content."""

from __future__ import annotations

import contextvars
import datetime as dt
import gettext
import re
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup, escape

from informed import colour
from informed.errors import RenderError
from informed.formats import pictures
from informed.i18n import english
from informed.markdown_render import render_inline, render_markdown

#: Things that must read left to right even inside right-to-left text.
_LTR_RUN = re.compile(
    r"(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d ()-]{4,}\d"
    r"|\b[a-z0-9.-]+\.(?:uk|com|org)(?:/\S*)?)"
)
#: Things that must not break across lines: phone and NHS numbers, web and email addresses,
#: and postcodes.
UNBREAKABLE = re.compile(r"(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+"
                         r"|\b[a-z0-9.-]+\.(?:uk|com|org)(?:/\S*)?"
                         # Phone numbers (0..., +44..., (0...)) and NHS numbers (485 777 3456):
                         # groups of digits with spaces between them.
                         # An extension stays with its number.
                         r"|(?<!\w)(?:\+\d{2,}|\(?0\d{2,}\)?|\d{3})(?: \d{2,})+"
                         r"(?:,? (?:ext\.?|extension) ?\d{1,6}\b)?"
                         r"|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b)")
#: Tags whose text is not laid out as running text.
_NOT_TEXT = ("head", "style", "script", "svg", "textarea")
_TAG = re.compile(r"(<[^>]*>)")
#: Letters of right-to-left scripts: Hebrew, Arabic (with Urdu and Persian), Syriac, Thaana.
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I)
#: A run of text with no right-to-left letters, whole HTML entities included, from a Latin
#: letter or a digit on; "latin" holds its first Latin letter, if any.
_LATIN_RUN = re.compile(
    r"(?<![&#\w])[0-9]*(?P<latin>[A-Za-z])?"
    r"(?:[A-Za-z0-9 .,:;()/'\u2019+@-]|&(?:[a-z]+|#\d+|#x[0-9a-f]+);)*", re.I)
#: What a run may not end with: spaces and punctuation other than a closing bracket.
_RUN_TAIL = re.compile(r"(?:[ .,:;(/'\u2019+@-]|&(?:[a-z]+|#\d+|#x[0-9a-f]+);)+$", re.I)


#: The catalog a shared environment translates with, set for each render (see translating).
_CURRENT: contextvars.ContextVar[gettext.NullTranslations | None] = contextvars.ContextVar(
    "informed_translations", default=None)
_UNTRANSLATED = gettext.NullTranslations()


def _current() -> gettext.NullTranslations:
    return _CURRENT.get() or _UNTRANSLATED


def make_environment(template_dirs: list[Path],
                     translations: gettext.NullTranslations | None = None) -> jinja2.Environment:
    env = _environment(template_dirs)
    env.install_gettext_translations(translations or gettext.NullTranslations(), newstyle=True)
    return env


def shared_environment(template_dirs: list[Path]) -> jinja2.Environment:
    """One environment for a whole build: templates are compiled once, and each render
    translates with the catalog set by ``translating``."""
    env = _environment(template_dirs)
    env.install_gettext_callables(
        lambda message: _current().gettext(message),
        lambda one, many, n: _current().ngettext(one, many, n),
        newstyle=True,
        pgettext=lambda context, message: _current().pgettext(context, message),
        npgettext=lambda context, one, many, n: _current().npgettext(context, one, many, n),
    )
    return env


def translating(env: jinja2.Environment, name: str, context: dict[str, Any],
                translations: gettext.NullTranslations) -> str:
    """``render_template`` in a shared environment, translated with ``translations``."""
    token = _CURRENT.set(translations)
    try:
        return render_template(env, name, context)
    finally:
        _CURRENT.reset(token)


def _environment(template_dirs: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        # Keep the newline after block tags: it is the space between two sentences.
        lstrip_blocks=True,
    )
    env.filters.update(
        markdown=render_markdown,
        inline=render_inline,
        ltr=ltr,
        tel=tel_href,
        tint=colour.tint,
        css_content=css_content,
        display_url=display_url,
        qr=qr_svg,
        pictogram=pictures.data_uri,
    )
    return env


def ltr(text: Any) -> Markup:
    """Wrap phone numbers, NHS numbers, web and email addresses so they read left to right in any
    script. A value with no right-to-left letters at all (an address line such as "1 High
    Street") is wrapped whole, or a right-to-left page would move its leading number."""
    escaped = str(escape(text))
    if escaped.strip() and not _RTL_LETTER.search(escaped):
        return Markup(f'<bdi dir="ltr">{escaped}</bdi>')
    return Markup(_LTR_RUN.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', escaped))


def mark_runs(html: str, direction: str = "ltr") -> str:
    """Mark, in the text of a rendered page, the runs that must stay on one line (class
    "nobreak"), and in right-to-left pages the Western digits, which are set in the Latin face
    (class "latin"). Tags, attributes and the head are left as they are."""
    parts = _TAG.split(html)
    skipping: list[str] = []
    # Open elements with dir="ltr" (a <bdi>, English fallback): [name, same-name depth].
    # Text in them is already read left to right.
    ltr: list[list] = []
    fallback = 0
    for i, part in enumerate(parts):
        if i % 2:
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            if name and not part.endswith("/>"):
                tag = name.group(1).lower()
                if ltr and ltr[-1][0] == tag:
                    ltr[-1][1] += -1 if part.startswith("</") else 1
                    if ltr[-1][1] < 0:
                        ltr.pop()
                elif not part.startswith("</") and 'dir="ltr"' in part:
                    ltr.append([tag, 0])
            if name and name.group(1).lower() in _NOT_TEXT and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(name.group(1).lower())
            continue
        if skipping or not part.strip():
            continue
        if direction == "rtl":
            # English fallback (between the markers) becomes a left-to-right span later.
            pieces = re.split(f"([{english.START}{english.END}])", part)
            for k, piece in enumerate(pieces):
                if piece in (english.START, english.END):
                    fallback += 1 if piece == english.START else -1
                elif ltr or fallback:
                    pieces[k] = _mark_rtl(piece, isolate=False)
                else:
                    pieces[k] = _LATIN_RUN.sub(_latin_run, piece)
            text = "".join(pieces)
        else:
            text = UNBREAKABLE.sub(lambda m: f'<span class="nobreak">{m.group(0)}</span>', part)
        parts[i] = text
    return "".join(parts)


def _mark_rtl(text: str, isolate: bool = True) -> str:
    """Right-to-left text's numbers in the Latin face, and its phone numbers and addresses
    kept whole (isolated left to right unless ``isolate`` is False: already in a run)."""
    # A phone number or address is read left to right as a whole: isolated, or the
    # right-to-left text around it would put its groups in reverse order.
    text = UNBREAKABLE.sub(
        _isolated if isolate else lambda m: f'<span class="nobreak">{m.group(0)}</span>', text)
    # "2,000" and "1.5" are one number: one run, or its parts would be reordered.
    # Not the digits of an entity (&#39;); those in "GP2GP" too.
    return re.sub(r"(?<![#\d])(?<!#x)[0-9]+(?:[.,][0-9]+)*", _latin_digits, text)


def _latin_run(match: re.Match) -> str:
    """A run of Latin text in right-to-left text: isolated left to right when it holds
    numbers or punctuation ("Article 6(1)(e)", "Data Protection Act 2018"), which the
    right-to-left text around would otherwise reorder; other text is marked as before."""
    whole = match.group(0)
    tail = _RUN_TAIL.search(whole)
    run, rest = (whole[:tail.start()], whole[tail.start():]) if tail else (whole, "")
    plain = _ENTITY.sub("", run)
    if not (match.group("latin") and re.search(r"[0-9()/:.,]", plain) and " " in plain):
        return _mark_rtl(whole)
    return f'<bdi dir="ltr">{_mark_rtl(run, isolate=False)}</bdi>{_mark_rtl(rest)}'


def _isolated(match: re.Match) -> str:
    run = match.group(0)
    if _RTL_LETTER.search(run):
        return f'<span class="nobreak">{run}</span>'
    return f'<bdi dir="ltr" class="nobreak">{run}</bdi>'


def _latin_digits(match: re.Match) -> str:
    return f'<span class="latin">{match.group(0)}</span>'


def css_content(text: Any) -> Markup:
    """A CSS ``content`` value from translated text; \x01 and \x02 become page counters."""
    value = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    value = " ".join(value.split())
    value = value.replace("\x01", '" counter(page) "').replace("\x02", '" counter(pages) "')
    return Markup(f'"{value}"')


def qr_svg(url: str, title: str) -> Markup:
    """A QR code for ``url`` as inline SVG; ``title`` is its text alternative (PDF /Alt)."""
    import segno  # Only the materials that print a QR code need it.

    code = segno.make(url, error="m", micro=False)
    # A quiet zone of 4 modules, as the QR standard asks, so phones read it off a poster.
    svg = code.svg_inline(scale=1, border=4, title=str(title), omitsize=True, svgclass="qr",
                          dark="#000000")
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def display_url(url: str) -> str:
    """A web address as people say it: no scheme, no trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


class Formatter:
    """Dates and lists in the reader's language, by Babel."""

    def __init__(self, locale: str) -> None:
        self.locale = Locale.parse(locale.replace("-", "_"))

    def date(self, value: dt.date, format: str = "long") -> str:
        return format_date(value, format=format, locale=self.locale)

    def month(self, value: dt.date) -> str:
        return format_date(value, format="MMMM y", locale=self.locale)

    def list(self, items: Iterable[str], style: str = "standard") -> str:
        return format_list(list(items), style=style, locale=self.locale)

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {name}: {exc.message}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {name}: {exc}") from None
    except UnicodeDecodeError:
        raise RenderError(f"template {name}, or a template it uses, is not UTF-8 text; save it "
                          "as UTF-8") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
        # A template (often a project's own override) did something impossible, such as
        # dividing by zero or giving a filter the wrong arguments: name its line.
        lines = [f for f in traceback.extract_tb(exc.__traceback__)
                 if f.filename.endswith(".j2")]
        where = f"{lines[-1].filename}:{lines[-1].lineno}" if lines else f"template {name}"
        raise RenderError(f"{where}: {exc.__class__.__name__}: {exc}") from None

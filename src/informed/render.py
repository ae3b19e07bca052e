"""The Jinja environment: project templates first, then built-in ones; filters for content."""

from __future__ import annotations

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
                         r"|(?<!\w)(?:\+\d{2,}|\(?0\d{2,}\)?|\d{3})(?: \d{2,})+"
                         r"|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b)")
#: Tags whose text is not laid out as running text.
_NOT_TEXT = ("head", "style", "script", "svg", "textarea")
_TAG = re.compile(r"(<[^>]*>)")
#: Letters of right-to-left scripts: Hebrew, Arabic (with Urdu and Persian), Syriac, Thaana.
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def make_environment(template_dirs: list[Path],
                     translations: gettext.NullTranslations | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        # Keep the newline after block tags: it is the space between two sentences.
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations or gettext.NullTranslations(), newstyle=True)
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
    for i, part in enumerate(parts):
        if i % 2:
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _NOT_TEXT and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(name.group(1).lower())
            continue
        if skipping or not part.strip():
            continue
        text = UNBREAKABLE.sub(lambda m: f'<span class="nobreak">{m.group(0)}</span>', part)
        if direction == "rtl":
            text = re.sub(r"[0-9]+", _latin_digits, text)
        parts[i] = text
    return "".join(parts)


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

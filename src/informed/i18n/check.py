"""Validates catalogs: placeholders, HTML tags, Markdown markup and the CLDR plural header."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from informed.errors import ContentError, Problems
from informed.i18n.catalogs import is_translated, read_catalog
from informed.i18n.extract import MARKDOWN_FLAG
from informed.i18n.locales import babel_locale, cldr_plural_forms
from informed.i18n.pofile import header_line

_FORMAT = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?([a-zA-Z%])?")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
_PLURAL_VALUE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
#: Numbers on which two plural rules must agree to be the same rule.
_SAMPLES = [*range(0, 1001), 1001, 1002, 1011, 1100, 10_000, 100_000, 1_000_000, 1_000_001]


def shown(message: Message) -> str:
    text = message.id if isinstance(message.id, str) else message.id[0]
    text = " ".join(text.split())
    return 'msgid "' + (text if len(text) <= 40 else text[:37] + "...") + '"'


def placeholders(text: str) -> tuple[Counter[str], list[str]]:
    """Named placeholders in ``text`` and any malformed ``%`` signs."""
    names: Counter[str] = Counter()
    bad: list[str] = []
    for match in _FORMAT.finditer(text):
        name, kind = match.group(1), match.group(2)
        if kind == "%" and name is None:
            continue
        if name is None or kind is None or kind not in "sdif":
            bad.append(match.group(0))
        else:
            names[name] += 1
    return names, bad


def markdown_problems(source: str, text: str) -> list[str]:
    """Unpaired emphasis, code or brackets, and links whose address changed."""
    found = []
    for mark, name in (("**", "bold (**)"), ("__", "bold (__)"), ("`", "code (`)")):
        if text.count(mark) % 2:
            found.append(f"the {name} markers are not paired")
    if text.count("[") != text.count("]") or text.count("(") < text.count("]("):
        found.append("the [ ] brackets of a link are not paired")
    if sorted(_LINK_TARGET.findall(text)) != sorted(_LINK_TARGET.findall(source)):
        found.append("the links must keep the same addresses as the English text: "
                     + ", ".join(_LINK_TARGET.findall(source) or ["(no links)"]))
    return found


def message_problems(message: Message, nplurals: int, domain: str) -> list[str]:
    """What is wrong with one translated message, in words a translator understands."""
    found: list[str] = []
    sources = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    if len(sources) > 1 and len(strings) != nplurals:
        found.append(f"expected {nplurals} plural forms (msgstr[0] to msgstr[{nplurals - 1}]), "
                     f"got {len(strings)}")
    formatted = "python-format" in message.flags or any("%(" in s for s in sources)
    if formatted:
        wanted, _ = placeholders(sources[-1])
        for index, text in enumerate(strings):
            got, bad = placeholders(text)
            where = f"msgstr[{index}]: " if len(strings) > 1 else ""
            for sign in bad:
                found.append(f'{where}"{sign}" is not a placeholder; write a percent sign as %%')
            for name in sorted(set(wanted) - set(got)):
                # A plural form for exactly one thing may leave out the number.
                if not (len(sources) > 1 and name == "num"):
                    found.append(f"{where}the translation drops the placeholder %({name})s")
            for name in sorted(set(got) - set(wanted)):
                known = ", ".join(f"%({n})s" for n in sorted(wanted)) or "none"
                found.append(f"{where}unknown placeholder %({name})s (the English text has: "
                             f"{known})")
    if domain == "ui":
        tags = Counter(_TAG.findall(sources[0]))
        for index, text in enumerate(strings):
            if Counter(_TAG.findall(text)) != tags:
                where = f"msgstr[{index}]: " if len(strings) > 1 else ""
                keep = " ".join(tags) or "none"
                found.append(f"{where}HTML tags must be the same as in the English text "
                             f"(which has: {keep})")
    if MARKDOWN_FLAG in message.flags or domain != "ui":
        for text in strings:
            found.extend(markdown_problems(sources[0], text))
    return found


def _header_field(raw: str, name: str) -> tuple[int | None, str | None]:
    """(line, value) of one field of the PO header, which tools may wrap over several lines."""
    pieces: list[tuple[int, str]] = []
    started = False
    for number, line in enumerate(raw.splitlines(), start=1):
        text = line.strip()
        if text.startswith("msgstr"):
            started = True
            text = text[len("msgstr"):].strip()
        elif not started:
            continue
        if not text.startswith('"'):
            break
        pieces.append((number, text[1:-1]))
    header = ""
    starts: list[tuple[int, int]] = []
    for number, piece in pieces:
        starts.append((len(header), number))
        header += piece
    position = 0
    for field_text in header.split("\\n"):
        if field_text.startswith(f"{name}:"):
            line = max(n for offset, n in starts if offset <= position)
            return line, field_text[len(name) + 1:].strip()
        position += len(field_text) + 2
    return None, None


def plural_problem(raw: str, tag: str) -> tuple[int | None, str | None]:
    """(line, message) if the Plural-Forms header is missing or differs from CLDR's rule."""
    expected = cldr_plural_forms(tag)
    line, header = _header_field(raw, "Plural-Forms")
    if header is None:
        return None, f'missing the Plural-Forms header; expected "{expected}"'
    value = _PLURAL_VALUE.match(header)
    want = _PLURAL_VALUE.match(expected)
    assert want is not None
    if value is None:
        return line, f'Plural-Forms: cannot read "{header}"; expected "{expected}"'
    try:
        rule = gettext.c2py(value.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return line, f'Plural-Forms: cannot read "{header}"; expected "{expected}"'
    cldr = gettext.c2py(want.group(2))
    different = int(value.group(1)) != int(want.group(1)) or any(
        rule(n) != cldr(n) for n in _SAMPLES)
    if different:
        return line, (f'Plural-Forms does not match the CLDR plural rules for {tag}: '
                      f'expected "{expected}", got "{header}"')
    return None, None


def check_file(path: Path, tag: str, domain: str, problems: Problems) -> Catalog | None:
    """Add every problem in one PO file to ``problems``; the catalog if it could be read."""
    try:
        catalog = read_catalog(path, problems.root)
    except ContentError as exc:
        problems.items.extend(exc.problems)
        return None
    raw = path.read_text(encoding="utf-8")
    language = str(catalog.locale) if catalog.locale else None
    if language != str(babel_locale(tag)):
        line = _header_field(raw, "Language")[0] or header_line(raw)
        problems.error(path, line, "Language", f'expected "{babel_locale(tag)}" for the '
                                               f'folder {tag}, got "{language or "nothing"}"')
    line, message = plural_problem(raw, tag)
    if message:
        problems.error(path, line or header_line(raw), "", message)
    nplurals = int(cldr_plural_forms(tag).split(";")[0].split("=")[1])
    for entry in catalog:
        if not entry.id or not _used(entry, nplurals):
            continue
        for text in message_problems(entry, nplurals, domain):
            problems.error(path, entry.lineno, shown(entry), text)
    return catalog


def _used(message: Message, nplurals: int) -> bool:
    """Only what a build would use is checked: work in progress (fuzzy, half-done) is not."""
    if is_translated(message):
        return True
    # A plural with the wrong number of forms can never be complete; say so.
    return (not message.fuzzy and isinstance(message.string, (list, tuple))
            and len(message.string) != nplurals and any(s.strip() for s in message.string))

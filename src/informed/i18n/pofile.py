"""Reads PO files strictly: UTF-8 text, a UTF-8 header and no msgid twice, each at its line."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser

from informed.errors import ContentError, Problem
from informed.loading import MAX_FIELD, too_long

_CHARSET = re.compile(r'^"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.MULTILINE | re.IGNORECASE)
_HEADER = re.compile(r'^msgid ""\s*\nmsgstr ""', re.MULTILINE)


def po_text(path: Path, root: Path | None = None) -> str:
    """The text of a PO file, which must be UTF-8 and say so in its header."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(path, None, "", f"cannot read this file: {exc.strerror}")],
                           root) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(path, line, "", "this file is not UTF-8 text; save it as "
                                                    "UTF-8")], root) from None
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise ContentError([Problem(path, line, "", "this file holds NUL characters (it may be "
                                                    "UTF-16); save it as UTF-8")], root)
    match = _CHARSET.search(text)
    if match:
        charset = match.group(1)
        try:
            utf8 = codecs.lookup(charset).name == "utf-8"
        except LookupError:
            utf8 = False
        if not utf8:
            line = text.count("\n", 0, match.start()) + 1
            raise ContentError([Problem(path, line, "Content-Type",
                                        f'expected "text/plain; charset=UTF-8", got charset '
                                        f'"{charset}"; save the file as UTF-8 and say so here')],
                               root)
    return text


def header_line(text: str) -> int:
    """The line where the header entry starts (``msgid ""``), or 1 if there is none."""
    match = _HEADER.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


class _Parser(PoFileParser):
    """Babel's parser, noting each message given twice instead of keeping only the last."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.first: dict[tuple[object, ...], int] = {}
        #: (msgid, first line, second line) for each message given twice.
        self.twice: list[tuple[object, int, int]] = []

    def _add_message(self) -> None:
        if len(self.messages) > 1:
            msgid: object = tuple(m.denormalize() for m in self.messages)
        else:
            msgid = self.messages[0].denormalize()
        context = self.context.denormalize() if self.context else None
        key = (self.obsolete, context, msgid[0] if isinstance(msgid, tuple) else msgid)
        line = self.offset + 1
        if key in self.first:
            self.twice.append((msgid, self.first[key], line))
        else:
            self.first[key] = line
        super()._add_message()

    def _process_keyword_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        try:
            super()._process_keyword_line(lineno, line, obsolete)
        except ValueError:
            # Babel reads a plural index such as "msgstr[x]" with int() and lets it fail.
            self._invalid_pofile(line, lineno, "a plural form needs its number, such as "
                                               "msgstr[0]")


def parse_po(path: Path, root: Path | None = None) -> Catalog:
    """Read a PO file; a message given twice is reported at both lines, never half-kept."""
    catalog = Catalog(charset="utf-8")
    parser = _Parser(catalog)
    parser.parse(io.BytesIO(po_text(path, root).encode("utf-8")))
    problems = []
    for message in [*catalog, *catalog.obsolete.values()]:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        length = max(len(text or "") for text in strings) if strings else 0
        if length > MAX_FIELD:
            problems.append(Problem(path, message.lineno, "msgstr", too_long(length)))
    for msgid, first, second in parser.twice:
        text = msgid[0] if isinstance(msgid, tuple) else msgid
        shown = f'msgid "{text if len(text) <= 40 else text[:37] + "..."}"'
        problems.append(Problem(path, first, shown, f"given twice (again on line {second}); "
                                "merge the two translations into one entry"))
        problems.append(Problem(path, second, shown, f"given twice (first on line {first}); "
                                "merge the two translations into one entry"))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0), root)
    return catalog

"""PO files laid out as Poedit and gettext lay them out, so a translator's commit shows only
their own changes.

Poedit (like gettext's msgcat) wraps strings at 79 columns where Unicode's line breaking rules
(UAX #14) allow, counts columns as a terminal does (combining marks take none), and wraps file
references the same way. Babel does neither, so :func:`gettext_layout` re-lays out Babel's
unwrapped output. Only the subset of UAX #14 that PO text meets is implemented: spaces,
hyphens and dashes, slashes, brackets, quotes, punctuation, numbers and combining marks.
"""

from __future__ import annotations

import re
import unicodedata

WIDTH = 79

_STRING = re.compile(r'^(#~ |#\| |#~\| )?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
_CONTINUATION = re.compile(r'^(#~ |#\| |#~\| )?"(.*)"$')

_CLASSES = {
    " ": "SP", "\t": "BA", "\u00a0": "GL", "\u202f": "GL", "\u2007": "GL", "\u2060": "GL",
    "-": "HY", "\u2010": "BA", "\u2013": "BA", "|": "BA", "\u00ad": "BA", "\u0964": "BA",
    "\u0965": "BA", "\u2014": "B2", "/": "SY", "(": "OP", "[": "OP", "{": "OP",
    "\u201a": "OP", "\u201e": "OP", ")": "CP", "]": "CP", "}": "CL", ",": "IS", ".": "IS",
    ":": "IS", ";": "IS", "\u060c": "IS", "!": "EX", "?": "EX", "\u061b": "EX",
    "\u061f": "EX", "\u06d4": "EX", "%": "PO", "\u066a": "PO", "\u2030": "PO", "\u00b0": "PO",
    "$": "PR", "+": "PR", "\\": "PR", "\u00a3": "PR", "\u20ac": "PR", '"': "QU", "'": "QU",
    "\u2018": "QU", "\u2019": "QU", "\u201c": "QU", "\u201d": "QU", "\u00ab": "QU",
    "\u00bb": "QU", "\u2026": "IN", "\u200b": "ZW",
}


def _class(char: str) -> str:
    found = _CLASSES.get(char)
    if found:
        return found
    category = unicodedata.category(char)
    if category.startswith("M") or category == "Cf":
        return "CM"
    if category == "Nd":
        return "NU"
    return "AL"


def _width(char: str) -> int:
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or (category == "Cf" and char != "\u00ad"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _may_break(a: str, b: str, before_spaces: str) -> bool:
    """UAX #14: may a line break between a character of class ``a`` and one of class ``b``?
    ``before_spaces`` is the class before a run of spaces that ``a`` ends."""
    if b in ("CM", "SP"):
        return False
    if a == "ZW":
        return True
    if a == "GL" or (b == "GL" and a not in ("SP", "BA", "HY")):
        return False
    if b in ("CL", "CP", "EX", "IS", "SY"):
        return False
    if a == "OP" or (a == "SP" and before_spaces == "OP"):
        return False
    if a == "SP" and before_spaces == "QU" and b == "OP":
        return False
    if a == "SP" and before_spaces in ("CL", "CP") and b == "NS":
        return False
    if b == "B2" and (a == "B2" or (a == "SP" and before_spaces == "B2")):
        return False
    if a == "SP":
        return True
    if "QU" in (a, b) or b in ("BA", "HY", "NS", "IN"):
        return False
    if b == "NU" and a in ("AL", "PR", "PO", "HY", "IS", "NU", "SY"):
        return False
    if (a, b) in {("NU", "AL"), ("AL", "AL"), ("IS", "AL"), ("CP", "AL"), ("CP", "NU")}:
        return False
    if b in ("PR", "PO") and a in ("AL", "NU", "CL", "CP"):
        return False
    if a in ("PR", "PO") and b in ("AL", "OP"):
        return False
    return not (a in ("AL", "NU") and b == "OP")


def _portions(value: str) -> list[str]:
    """The escaped ``value`` cut after each ``\\n``, as gettext puts each on its own line."""
    portions, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            if value[i + 1] == "n" and i + 2 < len(value):
                portions.append(value[start:i + 2])
                start = i + 2
            i += 2
        else:
            i += 1
    portions.append(value[start:])
    return portions


def _breaks(portion: str, start: int, width: int) -> list[int]:
    """Where gettext breaks ``portion`` (escaped) that starts at column ``start``."""
    escaped = [False] * len(portion)
    i = 0
    while i < len(portion):
        if portion[i] == "\\" and i + 1 < len(portion):
            escaped[i + 1] = True
            i += 2
        else:
            i += 1
    if portion.endswith("\\n") and len(portion) >= 2 and escaped[-1]:
        escaped[-2] = True  # never break just before a final \n
    found: list[int] = []
    column, piece, last = start, 0, None
    previous, before_spaces = "", ""
    for i, char in enumerate(portion):
        kind = _class(char)
        if kind == "CM" and previous not in ("", "SP"):
            kind = previous
        elif kind == "CM":
            kind = "AL"
        possible = (i > 0 and not escaped[i]
                    and _may_break(previous, kind, before_spaces))
        if possible:
            if last is not None and column + piece > width:
                found.append(last)
                column = 0
            last, column, piece = i, column + piece, 0
        piece += _width(char)
        if kind != "SP":
            before_spaces = kind
        previous = kind
    if last is not None and column + piece > width:
        found.append(last)
    return found


def wrap_string(prefix: str, keyword: str, value: str, width: int = WIDTH) -> list[str]:
    """A PO keyword and its escaped string as gettext writes it at ``width`` columns."""
    room = width - 2 - len(prefix)
    lines: list[str] = []
    first = True
    portions = _portions(value)
    for index, portion in enumerate(portions):
        start = len(keyword) + 1 if first else 0
        cuts = _breaks(portion, start, room)
        if first and portion and (index < len(portions) - 1 or start > room or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first, start = False, 0
            cuts = _breaks(portion, start, room)
        head = f'{prefix}{keyword} "' if first else f'{prefix}"'
        pieces = [portion[a:b] for a, b in zip([0, *cuts], [*cuts, len(portion)], strict=True)]
        lines.append(head + pieces[0] + '"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
        first = False
    return lines


def wrap_references(references: list[str], width: int = WIDTH) -> list[str]:
    """``#:`` lines as gettext writes them: as many references as fit in ``width``."""
    lines, line = [], "#:"
    for reference in references:
        if len(line) > 2 and len(line) + 1 + len(reference) > width:
            lines.append(line)
            line = "#:"
        line += " " + reference
    return [*lines, line]


def gettext_layout(text: str, width: int = WIDTH) -> str:
    """Babel's unwrapped PO output laid out as Poedit and msgcat lay it out."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        string = _STRING.match(line)
        if string:
            prefix, keyword, value = string.group(1) or "", string.group(2), string.group(3)
            i += 1
            while i < len(lines):
                more = _CONTINUATION.match(lines[i])
                if not more or (more.group(1) or "") != prefix:
                    break
                value += more.group(2)
                i += 1
            out.extend(wrap_string(prefix, keyword, value, width))
            continue
        if line.startswith("#: "):
            references = []
            while i < len(lines) and lines[i].startswith("#: "):
                references.extend(lines[i][3:].split())
                i += 1
            out.extend(wrap_references(references, width))
            continue
        out.append(line)
        i += 1
    # One newline at the end, as msgcat writes; Babel leaves a blank line after the last entry.
    return "\n".join(out).rstrip("\n") + "\n"


_HEADER = re.compile(r'\A(?:#[^\n]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*"\n)*')
_CREATED = re.compile(r'^"POT-Creation-Date: [^"]*"$', re.MULTILINE)


def keep_header(old: str, new: str) -> str:
    """``new`` with the header of ``old``: the fields Poedit or a translator set (Last-Translator,
    Language-Team, X-Generator…) stay as they were; only POT-Creation-Date follows ``new``."""
    old_header, new_header = _HEADER.match(old), _HEADER.match(new)
    if not old_header or not new_header:
        return new
    header = old_header.group(0)
    created = _CREATED.search(new_header.group(0))
    if created:
        header = _CREATED.sub(lambda _: created.group(0), header, count=1)
    return header + new[new_header.end():]

"""Documents as blocks of text (headings, paragraphs, list items) that know their source lines."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

CHUNK = re.compile(r"\S+")


class SourceText:
    """The text of a source file, to turn character offsets into line:column."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based line and column."""
        starts = self.line_starts
        line = min(max(line, 1), len(starts))
        return starts[line - 1] + column - 1


@dataclass(slots=True)
class Block:
    """A heading, paragraph, list item or table cell: one unit of running text.

    `anchors` map offsets in `text` to offsets in the source: each pair says
    "text from here on comes from the source from there on".
    """

    kind: str  # heading | paragraph | item | cell
    text: str
    source: SourceText
    anchors: list[tuple[int, int]] = field(default_factory=list)
    key: str = ""  # where the text lives: a YAML key path, a PO msgctxt

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source of a character of `text`."""
        anchors = self.anchors
        if not anchors:
            return 1, 1
        index = bisect_right(anchors, (offset, 1 << 62)) - 1
        text_at, source_at = anchors[max(index, 0)]
        return self.source.position(source_at + max(offset - text_at, 0))


@dataclass(slots=True)
class Document:
    """The running text of one file (or one catalog, or one built page), in reading order."""

    path: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    material: str | None = None  # e.g. "consent-form", to choose targets


def align(text: str, source: SourceText, start: int) -> tuple[list[tuple[int, int]], int]:
    """Find each run of non-space characters of `text` in `source`, in order, from `start`.

    Returns the anchors and where the search stopped. Runs that cannot be
    found (escaped or reflowed text) inherit the position of the run before.
    """
    anchors: list[tuple[int, int]] = []
    haystack = source.text
    cursor = start
    position = 0
    while True:
        chunk = CHUNK.search(text, position)
        if chunk is None:
            break
        found = haystack.find(chunk.group(), cursor)
        # Never jump far ahead: a later, unrelated occurrence is worse than none.
        if found < 0 or (anchors and haystack.count("\n", cursor, found) > 3):
            position = chunk.end()
            continue
        anchors.append((chunk.start(), found))
        # The text usually goes on as in the source up to the end of the line.
        length = _common_length(text, chunk.start(), haystack, found, len(chunk.group()))
        position = chunk.start() + length
        cursor = found + length
    if not anchors:
        anchors.append((0, start))
    return anchors, cursor


def _common_length(text: str, at: int, haystack: str, found: int, known: int) -> int:
    """How far text[at:] and haystack[found:] agree (at least `known` characters)."""
    low, high = known, min(len(text) - at, len(haystack) - found)
    while low < high:
        middle = (low + high + 1) // 2
        if haystack.startswith(text[at : at + middle], found):
            low = middle
        else:
            high = middle - 1
    return low


def text_block(kind: str, text: str, source: SourceText, start: int, key: str = "") -> Block:
    """A block whose text appears (word by word) in the source from `start`."""
    anchors, _ = align(text, source, start)
    return Block(kind, text, source, anchors, key)


BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def plain_text_blocks(text: str, source: SourceText, start: int = 0, key: str = "") -> list[Block]:
    """Split plain text into paragraphs (at blank lines) and list items (lines with bullets).

    Each piece is then found in `source` from `start`, so `text` may be a YAML
    value whose lines were folded or unindented.
    """
    if source.text.startswith(text, start):
        return _verbatim_blocks(text, source, start, key)
    pieces: list[tuple[str, str]] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            pieces.append(("paragraph", " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        bullet = BULLET.match(line)
        if not line.strip():
            flush()
        elif bullet:
            flush()
            pieces.append(("item", line[bullet.end():].strip()))
        else:
            lines.append(line.strip())
    flush()
    blocks = []
    cursor = start
    for kind, piece in pieces:
        anchors, cursor = align(piece, source, cursor)
        blocks.append(Block(kind, piece, source, anchors, key))
    return blocks


def _verbatim_blocks(text: str, source: SourceText, start: int, key: str) -> list[Block]:
    """plain_text_blocks() for text that is in the source as it stands (no search needed)."""
    blocks: list[Block] = []
    lines: list[tuple[int, str]] = []

    def flush() -> None:
        if lines:
            anchors, position = [], 0
            for offset, line in lines:
                anchors.append((position, offset))
                position += len(line) + 1
            joined = " ".join(line for _, line in lines)
            blocks.append(Block("paragraph", joined, source, anchors, key))
            lines.clear()

    offset = start
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        bullet = BULLET.match(line)
        if not line.strip():
            flush()
        elif bullet:
            flush()
            item = line[bullet.end():]
            stripped = item.strip()
            at = offset + bullet.end() + len(item) - len(item.lstrip())
            blocks.append(Block("item", stripped, source, [(0, at)], key))
        else:
            stripped = line.strip()
            lines.append((offset + len(line) - len(line.lstrip()), stripped))
        offset += len(raw)
    flush()
    return blocks

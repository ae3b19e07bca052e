"""Reads a built HTML page into blocks of text in reading order: headings, paragraphs, items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements whose text is never read: styles, scripts, and parts hidden from assistive tech.
_SKIP = frozenset({"style", "script", "template", "head", "svg", "nav"})
_BLOCK = {"p": "paragraph", "li": "item", "dt": "term", "dd": "paragraph", "address": "paragraph",
          "caption": "paragraph", "td": "paragraph", "th": "paragraph", "figcaption": "paragraph",
          "summary": "paragraph"}
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area"})


@dataclass(frozen=True)
class Block:
    """One unit of reading: ``kind`` is heading, paragraph, item or term; ``level`` is the
    heading level (1 to 6) or, for an item, how deeply its list is nested (1 for a top list)."""

    kind: str
    text: str
    level: int = 1


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.current: list[str] = []
        self.kind: tuple[str, int] | None = None
        self.lists = 0
        self.lang = ""
        self.dir = ""

    @property
    def hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text and self.kind:
            self.blocks.append(Block(self.kind[0], text, self.kind[1]))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang, self.dir = values.get("lang") or "", values.get("dir") or ""
        if tag in _VOID:
            if tag == "br":
                self.current.append(" ")
            elif tag == "img" and not self.hidden and values.get("alt"):
                self.current.append(f" {values['alt']} ")
            return
        hidden = (tag in _SKIP or values.get("aria-hidden") == "true"
                  or "hidden" in values or "visually-hidden-print" in (values.get("class") or ""))
        self.stack.append((tag, hidden))
        if self.hidden:
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.lists += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.kind = ("heading", int(tag[1]))
        elif tag in _BLOCK:
            self.flush()
            self.kind = (_BLOCK[tag], self.lists if tag == "li" else 1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            open_tag, hidden = self.stack.pop()
            if not hidden and not self.hidden and (
                    open_tag in _BLOCK or re.fullmatch(r"h[1-6]", open_tag)):
                self.flush()
                self.kind = ("paragraph", 1)
            if not hidden and open_tag in ("ul", "ol"):
                self.lists = max(0, self.lists - 1)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            if self.kind is None:
                self.kind = ("paragraph", 1)
            self.current.append(data)


@dataclass(frozen=True)
class Page:
    """A built page as blocks, with its language and direction."""

    blocks: list[Block]
    lang: str
    direction: str

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "heading"), "")

    def sections(self, depth: int = 2) -> list[tuple[str, list[Block]]]:
        """The page cut at each heading of level ``depth`` or above: (heading, blocks under
        it)."""
        out: list[tuple[str, list[Block]]] = []
        for block in self.blocks:
            if (block.kind == "heading" and block.level <= depth) or not out:
                out.append((block.text if block.kind == "heading" else "", []))
                if block.kind == "heading":
                    continue
            out[-1][1].append(block)
        return out


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return Page(reader.blocks, reader.lang, reader.dir or "ltr")

"""Extract running text from Markdown and HTML as blocks that keep their source positions."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser

from .document import Block, SourceText, align

# Inline Markdown tokens whose text a reader sees.
TEXT_TOKENS = {"text", "code_inline"}
BREAK_TOKENS = {"softbreak", "hardbreak"}


@cache
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_blocks(markdown: str, source: SourceText, start: int = 0,
                    key: str = "") -> list[Block]:
    """Headings, paragraphs, list items and table cells of a Markdown text.

    `markdown` must appear in `source` from offset `start` (a file's body, or a
    YAML block scalar), so that each piece of text can be found there.
    Code blocks, raw HTML and images are not running text and are skipped.
    """
    tokens = _markdown_parser().parse(markdown)
    blocks: list[Block] = []
    context: list[str] = []
    cursor = start
    for token in tokens:
        if token.nesting == 1:
            context.append(token.type)
        elif token.nesting == -1:
            if context:
                context.pop()
        elif token.type == "inline":
            kind = _block_kind(context)
            text, anchors, cursor = _inline_text(token.children or [], source, cursor)
            if text.strip():
                blocks.append(Block(kind, text, source, anchors, key))
    return blocks


def _block_kind(context: list[str]) -> str:
    if "heading_open" in context:
        return "heading"
    if "th_open" in context or "td_open" in context:
        return "cell"
    if "list_item_open" in context:
        return "item"
    return "paragraph"


def _inline_text(children: list, source: SourceText, cursor: int) -> tuple[str, list, int]:
    """Join the visible text of inline tokens, finding each piece in the source."""
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for child in children:
        if child.type in TEXT_TOKENS and child.content:
            found, cursor = align(child.content, source, cursor)
            anchors.extend((length + at, source_at) for at, source_at in found)
            parts.append(child.content)
            length += len(child.content)
        elif child.type in BREAK_TOKENS:
            parts.append(" ")
            length += 1
    return "".join(parts), anchors, cursor


# -- HTML -------------------------------------------------------------------

BLOCK_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "p": "paragraph", "li": "item", "dt": "item", "dd": "paragraph",
    "td": "cell", "th": "cell", "caption": "heading", "figcaption": "paragraph",
    "blockquote": "paragraph", "summary": "heading", "div": "paragraph",
    "section": "paragraph", "article": "paragraph", "main": "paragraph", "body": "paragraph",
    "legend": "heading", "label": "paragraph", "button": "item",
}
SKIP_TAGS = {"script", "style", "nav", "footer", "template", "noscript", "svg", "head", "pre",
             "code", "title"}
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col"}


class _TextCollector(HTMLParser):
    """Collect the text of block elements, remembering where each piece came from."""

    def __init__(self, source: SourceText) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.blocks: list[Block] = []
        self.lang: str | None = None
        self.skip = 0
        self.in_main = False
        self.saw_main = False
        self.stack: list[tuple[str, bool]] = []
        self.kinds: list[str] = []
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.length = 0
        self.main_blocks: list[Block] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang")
        if tag in VOID_TAGS:
            if tag == "br":
                self._text(" ", None)
            return
        skipped = tag in SKIP_TAGS or dict(attrs).get("data-readability") == "skip"
        self.stack.append((tag, skipped))
        if skipped:
            self.skip += 1
        if tag == "main":
            self.in_main = self.saw_main = True
        if tag in BLOCK_TAGS:
            self._flush()
            self.kinds.append(BLOCK_TAGS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or all(open_tag != tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip -= 1
            if open_tag in BLOCK_TAGS:
                self._flush()
                if self.kinds:
                    self.kinds.pop()
            if open_tag == "main":
                self.in_main = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            line, column = self.getpos()
            self._text(data, self.source.offset(line, column + 1))

    def _text(self, data: str, source_at: int | None) -> None:
        if source_at is not None:
            found, _ = align(data, self.source, source_at)
            self.anchors.extend((self.length + at, src) for at, src in found)
        self.parts.append(data)
        self.length += len(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            # Collapsing spaces shifts offsets a little; re-find the words instead.
            start = self.anchors[0][1] if self.anchors else 0
            anchors, _ = align(text, self.source, start)
            kind = self.kinds[-1] if self.kinds else "paragraph"
            if kind == "paragraph" and "item" in self.kinds:
                kind = "item"  # <li><p>...</p></li>
            block = Block(kind, text, self.source, anchors)
            (self.main_blocks if self.in_main else self.blocks).append(block)
        self.parts.clear()
        self.anchors.clear()
        self.length = 0

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str, source: SourceText) -> tuple[list[Block], str | None]:
    """Blocks of running text in an HTML page, and the page's lang attribute.

    Only `<main>` is read when the page has one; navigation, footers, scripts
    and styles are skipped everywhere, and so is any element marked
    `data-readability="skip"` (a list of sources, an address block).
    """
    collector = _TextCollector(source)
    collector.feed(html)
    collector.close()
    blocks = collector.main_blocks if collector.saw_main else collector.blocks
    return blocks, collector.lang

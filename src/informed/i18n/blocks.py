"""Splits Markdown into translatable blocks (paragraphs, headings, list items) and joins it back."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)(.*)$")
_HEADING = re.compile(r"^(#{1,6}\s+)(.*?)(\s+#+\s*)?$")
_QUOTE = re.compile(r"^(>\s?)(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Block:
    """One piece of a Markdown text: ``prefix`` (a heading or list marker) and its words.

    Blocks with ``translatable`` false (code) are kept exactly as written.
    """

    prefix: str
    text: str
    #: Text that separates this block from the one before it: a blank line, or a newline
    #: between the items of one list.
    before: str = "\n\n"
    translatable: bool = True
    #: Line of the block within the text, counting from 0.
    line: int = 0


def split_blocks(text: str) -> list[Block]:
    """Paragraphs, headings and list items, each one message; soft line breaks become spaces."""
    blocks: list[Block] = []
    for chunk_index, (start, chunk) in enumerate(_chunks(text)):
        before = "" if chunk_index == 0 else "\n\n"
        lines = chunk.splitlines()
        if _FENCE.match(lines[0]) or lines[0].startswith("    "):
            blocks.append(Block("", chunk, before, translatable=False, line=start))
            continue
        heading = _HEADING.match(lines[0])
        if heading and len(lines) == 1:
            blocks.append(Block(heading.group(1), heading.group(2).strip(), before, line=start))
            continue
        if _LIST_ITEM.match(lines[0]):
            items: list[tuple[str, list[str], int]] = []
            for offset, line in enumerate(lines):
                item = _LIST_ITEM.match(line)
                if item:
                    items.append((item.group(1), [item.group(2).strip()], start + offset))
                else:
                    items[-1][1].append(line.strip())
            for index, (prefix, words, line_no) in enumerate(items):
                blocks.append(Block(prefix, " ".join(words), before if index == 0 else "\n",
                                    line=line_no))
            continue
        quote = _QUOTE.match(lines[0])
        if quote:
            words = [re.sub(r"^>\s?", "", line).strip() for line in lines]
            blocks.append(Block(quote.group(1), " ".join(w for w in words if w), before,
                                line=start))
            continue
        blocks.append(Block("", " ".join(line.strip() for line in lines), before, line=start))
    return blocks


def join_blocks(blocks: list[Block]) -> str:
    return "".join(b.before + b.prefix + b.text for b in blocks) + "\n"


def translate_markdown(text: str, translate: Callable[[str], str]) -> str:
    """``text`` with the words of every block replaced by ``translate(words)``."""
    blocks = split_blocks(text)
    for block in blocks:
        if block.translatable and block.text:
            block.text = translate(block.text)
    return join_blocks(blocks)


def _chunks(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each blank-line separated chunk; a fenced code block is one chunk
    even with blank lines in it."""
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fenced = False
    for number, line in enumerate(text.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                chunks.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line.rstrip())
    if current:
        chunks.append((start, "\n".join(current)))
    return chunks

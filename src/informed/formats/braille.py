"""Braille Ready Format (BRF): a page in contracted braille, 40 cells by 25 lines, by liblouis."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from informed.errors import RenderError
from informed.formats.blocks import Page

CELLS = 40
LINES = 25
#: ASCII braille, as BRF files and embossers expect.
DISPLAY = "en-us-brf.dis"
_TABLES = Path(__file__).with_name("braille-tables.yaml")


def table_for(lang: str) -> str | None:
    """The liblouis table for a language tag (en-GB, ur, pa-Guru), or None if there is none."""
    tables = yaml.safe_load(_TABLES.read_text(encoding="utf-8"))
    base = lang.split("-")[0].lower()
    return tables.get(lang) or tables.get(base)


def available() -> bool:
    return shutil.which("lou_translate") is not None


#: lou_translate cuts a line longer than its buffer, so long text goes in pieces of whole words.
_PIECE = 400


def _pieces(text: str) -> list[str]:
    pieces, piece = [], ""
    for word in text.split(" "):
        if piece and len(piece) + 1 + len(word) > _PIECE:
            pieces.append(piece)
            piece = word
        else:
            piece = f"{piece} {word}" if piece else word
    return [*pieces, piece]


def _louis(lines: list[str], table: str, backward: bool = False) -> list[str]:
    """Each line translated; a long line goes through in pieces and is joined again."""
    pieces = [_pieces(line) for line in lines]
    flat = _louis_lines([p for line in pieces for p in line], table, backward)
    out, start = [], 0
    for line in pieces:
        out.append(" ".join(flat[start:start + len(line)]))
        start += len(line)
    return out


def _louis_lines(lines: list[str], table: str, backward: bool) -> list[str]:
    # lou_translate reads backslash escapes in its input; double them to keep them.
    text = "\n".join(line.replace("\\", "\\\\") for line in lines) + "\n"
    done = subprocess.run(
        ["lou_translate", "--backward" if backward else "--forward", f"{DISPLAY},{table}"],
        input=text.encode("utf-8"), capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RenderError(f"liblouis could not translate to braille with {table}: "
                          f"{done.stderr.decode('utf-8', 'replace').strip()}")
    out = done.stdout.decode("utf-8").split("\n")
    return out[:len(lines)]


#: UEB's line continuation indicator (dots 5): ends a line where a word too long for one
#: line (a web address) goes on, so that it reads as one word.
CONTINUES = '"'


def _wrap(cells: str, first: int, runover: int) -> list[str]:
    """Braille words on lines of CELLS cells: ``first`` blank cells on the first line,
    ``runover`` on the rest. A word longer than a line is divided, each line but its last
    ending with the continuation indicator."""
    lines: list[str] = []
    line = " " * first
    for word in cells.split(" "):
        if not word:
            continue
        while len(word) > CELLS - runover:
            if line.strip():
                lines.append(line)
            room = CELLS - (runover if lines or line.strip() else first) - len(CONTINUES)
            lines.append(" " * (CELLS - room - len(CONTINUES)) + word[:room] + CONTINUES)
            word, line = word[room:], " " * runover
        if line.strip() and len(line) + 1 + len(word) > CELLS:
            lines.append(line)
            line = " " * runover
        line += ("" if not line.strip() else " ") + word
    if line.strip():
        lines.append(line)
    return lines


def brf(page: Page, table: str) -> str:
    """The page as BRF: headings centred (level 1) or at the margin after a blank line, list
    items in 1-3 (nested deeper by two cells), paragraphs in 3-1, and each page numbered on its
    last line. Pages end with a form feed."""
    if not page.blocks:
        return ""
    translated = _louis([b.text for b in page.blocks], table)
    body: list[str] = []
    for block, cells in zip(page.blocks, translated, strict=True):
        if block.kind == "heading":
            if body:
                body.append("")
            if block.level == 1:
                body.extend(line.strip().center(CELLS).rstrip()
                            for line in _wrap(cells, 0, 0))
            else:
                body.extend(_wrap(cells, 0, 2))
        elif block.kind == "item":
            indent = 2 * (block.level - 1)
            body.extend(_wrap(cells, indent, indent + 2))
        else:
            body.extend(_wrap(cells, 2, 0))
    per_page = LINES - 1
    pages = [body[i:i + per_page] for i in range(0, len(body), per_page)]
    numbers = _louis([str(n) for n in range(1, len(pages) + 1)], table)
    out = []
    for lines, number in zip(pages, numbers, strict=True):
        lines = lines + [""] * (per_page - len(lines))
        out.append("\r\n".join([*lines, number.rjust(CELLS)]) + "\r\n")
    return "\f".join(out) + "\f"


def back_translate(text: str, table: str) -> str:
    """The print text of BRF, without page numbers: for checking that the braille reads back."""
    lines: list[str] = []
    joined = False  # the previous line ended with the continuation indicator
    for page in text.split("\f"):
        rows = page.split("\r\n")
        for row in (r.strip() for r in rows[:LINES - 1] if r.strip()):
            if joined:
                lines[-1] = lines[-1][:-len(CONTINUES)] + row
            else:
                lines.append(row)
            joined = row.endswith(CONTINUES) and not row.endswith(" " + CONTINUES)
    return " ".join(_louis(lines, table, backward=True))

"""How much of a PDF's text reads back: pdftotext's words against the words WeasyPrint set.

The reference is the HTML's visible text as printed: WeasyPrint lays the HTML out again and
every text box's text is taken in logical order, line by line. That leaves out what the print
stylesheet hides (the links between layers) and counts what print adds (the running footer on
every page, list numbers, "Page 1 of 2"), so a perfect text layer scores 100%.
"""

from __future__ import annotations

import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from informed.pdf import ProjectFetcher, pad_pages


def normal_words(text: str) -> list[str]:
    """Words compared without case, punctuation or invisible marks, in Unicode NFC."""
    found = []
    for word in unicodedata.normalize("NFC", text).casefold().split():
        word = "".join(c for c in word if unicodedata.category(c)[0] in "LMN")
        if word:
            found.append(word)
    return found


def _lines(box) -> list[str]:
    if isinstance(box, boxes.LineBox):
        # Boxes carry their own spaces: joined with none, "1", ".", "0" read "1.0".
        return ["".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))]
    return [line for child in getattr(box, "children", ()) for line in _lines(child)]


def printed_lines(html: Path, roots: list[Path], pages: int = 0,
                  fit_sizes: tuple[str, ...] = ()) -> list[list[str]]:
    """Each page's lines of text, as WeasyPrint sets ``html`` for print.

    Set as the PDF writer set it: at the first of ``fit_sizes`` that fits a fixed layout into
    its ``pages`` (a poster set in 22 pt), and a booklet made up to ``pages`` with notes pages,
    so its footers count the same pages ("of 16", not "of 13").
    """
    text = html.read_text(encoding="utf-8")
    for size in (None, *fit_sizes):
        page = text if size is None else text.replace(
            "</head>", f"<style>@media print {{ html {{ font-size: {size}; }} }}</style></head>",
            1)
        document = HTML(string=page, base_url=html.parent.as_uri() + "/",
                        url_fetcher=ProjectFetcher(roots)).render()
        if not pages or len(document.pages) <= pages:
            break
    padded = pad_pages(page, pages - len(document.pages))
    if padded:
        document = HTML(string=padded, base_url=html.parent.as_uri() + "/",
                        url_fetcher=ProjectFetcher(roots)).render()
    return [_lines(page._page_box) for page in document.pages]


_INLINE = {"a", "abbr", "b", "bdi", "code", "em", "i", "small", "span", "strong", "sub", "sup"}


class _Text(HTMLParser):
    """The text of an HTML page's body, styles and scripts left out."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("head", "style", "script")
        if tag not in _INLINE:  # "6(<span>1</span>)" is one word, as it is printed
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.skip -= tag in ("head", "style", "script")
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_words(html: Path) -> set[str]:
    parser = _Text()
    parser.feed(html.read_text(encoding="utf-8"))
    return set(normal_words("".join(parser.parts)))


@dataclass(frozen=True)
class Readback:
    #: Share of words matched, counted against the larger of what was set and what read back.
    words: float
    #: Share of the pairs of neighbouring words on each line read back that are neighbours in
    #: the text as set (a line read back the wrong way round has none).
    order: float
    missing: Counter
    extra: Counter


def _pairs(words: list[str]) -> Counter:
    return Counter(pairwise(words))


def readback(pdf: Path, printed: list[list[str]]) -> Readback:
    """Compare pdftotext's reading of ``pdf`` with the text set on its pages."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    got_lines = [normal_words(line) for line in text.splitlines()]
    got = Counter(w for line in got_lines for w in line)
    wanted_lines = [normal_words(line) for page in printed for line in page]
    wanted = Counter(w for line in wanted_lines for w in line)
    matched = sum((got & wanted).values())
    words = matched / max(sum(got.values()), sum(wanted.values()), 1)
    # Pairs across the text's flow, not per line: a layout may set the lines differently
    # (a tri-fold is set smaller to fit) without changing which words follow which.
    flow = set(_pairs([w for line in wanted_lines for w in line]))
    got_pairs = [pair for line in got_lines for pair in _pairs(line).elements()]
    order = sum(pair in flow for pair in got_pairs) / max(len(got_pairs), 1)
    return Readback(words, order, wanted - got, got - wanted)


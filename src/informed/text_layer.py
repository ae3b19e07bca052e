"""A PDF text layer that reads back right for shaped scripts: each run carries its /ActualText.

WeasyPrint maps each glyph to the characters of its cluster in the font's ToUnicode CMap
(WeasyPrint issue #2841). That cannot be right for shaped text: a cluster drawn with several
glyphs maps all but one of them to nothing (Nastaliq, Bengali vowel signs), and a glyph used in
two contexts keeps the text of the first. Copy and paste and text extraction then get garbage.

PDF's remedy is /ActualText on marked content: readers take the run's text from it and ignore
the glyphs' mapping. WeasyPrint already wraps every text box (one line of one inline element)
in ``/Span <</MCID n>> BDC … EMC`` for the tagged PDF; :func:`install` adds ``/ActualText``
to that same property list for runs that need it, so the structure tree is unchanged. A run
in another language than the document's (English fallback text) gets its /Lang there too.

Readers place an ActualText's characters left to right across the run, then reorder
right-to-left text as if it had been read off the page. The text is therefore written in
the order the reader's reordering turns back into the logical order (see :func:`reading_order`).
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager

import pydyf
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.pdf.stream import Stream

from informed.pdf_tags import in_margin

_RIGHT_TO_LEFT = {"R", "AL"}
#: Numbers and the separators around them, which readers keep left to right in any line.
_NUMBERS = {"EN", "AN", "CS", "ES", "ET"}
_RLM = "\u200f"
#: A piece of a number: digits, or the point or comma between them.
_NUMBER_PIECE = re.compile(r"[0-9]+|[.,]")


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in _RIGHT_TO_LEFT


def _is_ltr_or_number(char: str) -> bool:
    return unicodedata.bidirectional(char) == "L" or unicodedata.bidirectional(char) in _NUMBERS


def needs_actual_text(text: str) -> bool:
    """Whether a run's glyphs can fail to map back to ``text``.

    Right-to-left letters and combining marks are where shaping reorders, splits or joins
    glyphs. Other text maps glyph for glyph (ligatures such as "fi" map to both letters), and
    keeping it as plain glyphs keeps each word's own position for readers and tests.
    """
    return any(_is_rtl(c) or unicodedata.category(c).startswith("M") for c in text)


def _segments(text: str, rtl: bool) -> list[tuple[bool, str]]:
    """``text`` cut into the runs a reader's reordering finds: (right_to_left, run).

    A reader (poppler's pdftotext, for one) reads a line from its leading edge, alternating a
    run in the line's direction (any characters but strong ones of the other direction) with
    a run in the other direction, which must end on one of its own strong characters
    (letters; numbers count as left-to-right). So neutral characters after such a run (the
    space after a number in Urdu) start the next run, behind a mark of the line's direction
    that the reader can see as strong.
    """
    own, other = (_is_rtl, _is_ltr_or_number) if rtl else (_is_ltr_or_number, _is_rtl)
    mark = "\u200f" if rtl else "\u200e"
    found: list[tuple[bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        j = i
        while j < n and not other(text[j]):
            j += 1
        found.append((rtl, text[i:j]))
        i = j
        while j < n and not own(text[j]):
            j += 1
        end = max((k + 1 for k in range(i, j) if other(text[k])), default=j)
        if end > i:
            found.append((not rtl, text[i:end]))
        if end < j:  # neutrals after the run: they begin the next run, after the mark
            text = text[:end] + mark + text[end:]
            n += 1
        i = end
    return [(is_rtl, run) for is_rtl, run in found if run]


def reading_order(text: str, rtl: bool) -> str:
    """``text`` (logical order) in the order a reader must find it to read it back logically.

    On a right-to-left line the reader reads runs from the right: the runs come in reverse
    order, right-to-left runs reversed; on a left-to-right line only the right-to-left runs
    are reversed. Text with no right-to-left letters is unchanged.
    """
    if not any(_is_rtl(c) for c in text):
        return text
    runs = [run[::-1] if is_rtl else run for is_rtl, run in _segments(text, rtl)]
    return "".join(reversed(runs) if rtl else runs)


class _Page:
    """Strong letters set so far on one page: readers take its direction from the majority."""

    def __init__(self) -> None:
        self.balance = 0

    def count(self, text: str) -> None:
        self.balance += sum(unicodedata.bidirectional(c) == "L" for c in text)
        self.balance -= sum(_is_rtl(c) for c in text)

    @property
    def rtl(self) -> bool:
        return self.balance < 0


class _Properties(pydyf.Dictionary):
    """A text run's marked-content properties, with its /ActualText decided when written.

    Whether a run needs one, and in which order, depends on the direction of the whole page,
    known only once every run on it is drawn.
    """

    def __init__(self, properties: dict, text: str, page: _Page, run: _LeftToRight) -> None:
        super().__init__(properties)
        self.text, self.page, self.run = text, page, run
        self.index = len(run.texts)
        run.texts.append(text)

    @property
    def data(self) -> bytes:
        text = self.text
        # Spaces and punctuation after the run's last number or letter are not part of it.
        last = max((i for i, t in enumerate(self.run.texts)
                    if any(_is_ltr_or_number(c) for c in t)), default=-1)
        if self.page.rtl and last > 0 and self.index <= last:
            # A reader orders the boxes of a left-to-right run from the right, as it does the
            # words around them ("5678 303 0300"): the first box carries the run's whole text.
            text = "".join(self.run.texts[:last + 1]) if self.index == 0 else ""
            if not text:
                return pydyf.Dictionary({**self, "ActualText": pydyf.String("")}).data
        actual = actual_text(text, self.page.rtl)
        if actual is None:
            return super().data
        return pydyf.Dictionary({**self, "ActualText": pydyf.String(actual)}).data


class _LeftToRight:
    """The text boxes of one left-to-right run on one line, as drawn (in logical order)."""

    def __init__(self, line: float, numeric: bool = False) -> None:
        self.line, self.numeric = line, numeric
        self.texts: list[str] = []


def actual_text(text: str, rtl_page: bool) -> str | None:
    """The /ActualText for a run of ``text`` on a page read right to left or not, or None.

    On a right-to-left page every run gets one ending in a right-to-left mark, even a number
    or an English name: without the mark a reader moves the space after a run to the wrong
    side of it and joins two words ("1آپ").
    """
    if rtl_page and text.strip():
        return reading_order(text + _RLM, rtl=True)
    if needs_actual_text(text):
        return reading_order(text, rtl=False)
    return None


def _other_language(style) -> str | None:
    """The run's language when it is not the document's (English left untranslated in a
    Polish leaflet), for the run's /Lang: the catalog's /Lang covers the rest."""
    root = style
    while getattr(root, "parent_style", None) is not None:
        root = root.parent_style
    lang = style["lang"]
    return lang if lang and lang != root["lang"] else None


def _run_for(stream: Stream, box: TextBox) -> _LeftToRight:
    """The left-to-right run ``box`` continues, or a new one; a right-to-left box is a run of
    its own.

    A run is the boxes drawn one after another on one line of an element set left to right (a
    phone number isolated as "0300", " ", "303"), or the pieces of one number that the fonts
    split ("1", ".", "0" in a right-to-left footer). Numbers with spaces or other marks between
    them are separate runs: right-to-left text orders them from the right.
    """
    run = stream.__dict__.get("_informed_run")
    if run is not None and run.line != box.position_y:
        run = None
    text = box.text
    if box.style["direction"] == "ltr" and not any(_is_rtl(c) for c in text):
        if run is None or run.numeric:
            run = _LeftToRight(box.position_y)
    elif _NUMBER_PIECE.fullmatch(text):
        if run is None or not run.numeric:
            run = _LeftToRight(box.position_y, numeric=True)
    else:
        run = None
    stream.__dict__["_informed_run"] = run
    return run or _LeftToRight(box.position_y)


@contextmanager
def _marked(self: Stream, box, tag: str):
    """WeasyPrint's ``Stream.marked``, with /ActualText for the text boxes that need it."""
    properties = {}
    # The running footer and page numbers in the page margins are artifacts (pdf_tags).
    artifact = self._tags is not None and in_margin(self)
    if artifact:
        # Readers take /ActualText from a Span only (ISO 32000-1, 14.9.4): a text box of the
        # footer is a Span inside the Artifact.
        pydyf.Stream.begin_marked_content(
            self, "Artifact", pydyf.Dictionary({"Type": "/Pagination"}))
        if not isinstance(box, TextBox):
            try:
                yield
            finally:
                pydyf.Stream.end_marked_content(self)
            return
        tag = "Span"
    elif self._tags is not None:
        assert box not in self._tags
        mcid = len(self._tags)
        self._tags[box] = {"tag": tag, "mcid": mcid}
        properties["MCID"] = mcid
    if isinstance(box, TextBox):
        lang = _other_language(box.style)
        if lang:
            properties["Lang"] = pydyf.String(lang)
        page = self.__dict__.setdefault("_informed_page", _Page())
        page.count(box.text)
        property_list = _Properties(properties, box.text, page, _run_for(self, box))
    else:
        property_list = pydyf.Dictionary(properties)
    tagged = self._tags is not None or isinstance(box, TextBox)
    if tagged:
        pydyf.Stream.begin_marked_content(self, tag, property_list)
    try:
        yield
    finally:
        if tagged:
            pydyf.Stream.end_marked_content(self)
        if artifact:
            pydyf.Stream.end_marked_content(self)


def install() -> None:
    """Make every PDF WeasyPrint writes from now on carry ActualText where text is shaped.

    Replaces ``weasyprint.pdf.stream.Stream.marked``, whose body this repeats (WeasyPrint 70;
    pyproject.toml pins the versions this is tested with). Safe to call more than once.
    """
    Stream.marked = _marked

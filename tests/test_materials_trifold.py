"""The tri-fold leaflet: which text lands on which side and panel, and nothing crosses a fold."""

from __future__ import annotations

import re

import pikepdf
import pytest

from built_materials import built_example
from pdfcheck import find_phrase, layout, page_size_mm, pdf_pages, tagged_figures, words
from pdfua import headings

# A roll fold: the panel that folds in is 3 mm narrower. Outside, left to right: that flap
# (0-97 mm), the back (97-197) and the cover (197-297). Inside: 0-100, 100-200, 200-297.
OUTSIDE = {"flap": (0, 97), "back": (97, 197), "cover": (197, 297)}
INSIDE = {"left": (0, 100), "middle": (100, 200), "right": (200, 297)}
#: Text must keep this far from a fold or the paper's edge, in millimetres.
CLEARANCE = 5


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB" / "leaflet.tri-fold.pdf"


@pytest.fixture(scope="module")
def found(pdf):
    return words(pdf)


def panel_of(found, phrase, panels):
    run = find_phrase(found, phrase)
    x0, x1 = min(w.x0 for w in run), max(w.x1 for w in run)
    for name, (left, right) in panels.items():
        if left <= x0 and x1 <= right:
            return run[0].page, name
    raise AssertionError(f"{phrase!r} at {x0:.0f}-{x1:.0f} mm is not inside one panel")


def test_one_a4_landscape_sheet_printed_on_both_sides(pdf):
    with pikepdf.open(pdf) as doc:
        assert [page_size_mm(p) for p in doc.pages] == [(297, 210), (297, 210)]


@pytest.mark.parametrize(("phrase", "page", "panel"), [
    # Outside: the cover is on the right, the back in the middle, the flap on the left.
    ("Your GP record", 0, "cover"),
    ("What it holds, who can see it,", 0, "cover"),
    ("Ask at reception for this in large print", 0, "cover"),
    ("Questions and concerns", 0, "back"),
    ("Phone: 01632 960 000", 0, "back"),
    ("Our full privacy notice:", 0, "back"),
    ("Your choices", 0, "flap"),
    ("The national data opt-out", 0, "flap"),
    ("A type 1 opt-out", 0, "flap"),
])
def test_outside_panels(found, phrase, page, panel):
    assert panel_of(found, phrase, OUTSIDE) == (page, panel)


@pytest.mark.parametrize(("phrase", "panel"), [
    ("What is in your GP record", "left"),
    ("Your personal details", "left"),
    ("How long we keep your record", "left"),
    ("Sharing with other services that care for you", "middle"),
    ("Research to improve health and care", "middle"),
    ("Reports for insurers and employers", "right"),
    ("When the law says we must share", "right"),
])
def test_inside_panels_read_left_to_right(found, phrase, panel):
    assert panel_of(found, phrase, INSIDE) == (1, panel)


def test_the_qr_code_is_on_the_back_and_the_logo_on_the_cover(pdf):
    def panels(page, x0, y0, x1, y1):
        return [name for name, (left, right) in OUTSIDE.items()
                if left + CLEARANCE <= x0 and x1 <= right - CLEARANCE and page == 0]

    figures = layout(pdf).figures
    assert [panels(*f) for f in figures] == [["cover"], ["back"]]
    # Drawn modules of the QR code, without its quiet zone: big enough to scan.
    assert figures[1][3] - figures[1][1] >= 18
    alts = {f["alt"] for f in tagged_figures(pdf)}
    assert alts == {"Example Surgery logo: a green leaf in a blue circle",
                    "QR code that opens www.example-surgery.nhs.uk/your-data"}


def test_no_word_crosses_or_touches_a_fold(found):
    for word in found:
        panels = OUTSIDE if word.page == 0 else INSIDE
        assert any(left + CLEARANCE <= word.x0 and word.x1 <= right - CLEARANCE
                   for left, right in panels.values()), word
        assert word.y0 >= CLEARANCE and word.y1 <= 210 - CLEARANCE, word


def test_both_sides_carry_version_dates_and_other_formats(pdf):
    for page in pdf_pages(pdf):
        assert "Version 1.0 · November 2026 · Next review November 2027" in page
        assert "Other formats and languages are available. Ask at reception." in page


READING_ORDER = ["Your GP record", "What is in your GP record",
                 "How your information is used and shared", "Your choices",
                 "Questions and concerns"]


def test_the_page_reads_cover_inside_then_choices_and_questions(pdf):
    """Opened, the leaflet is read cover first, then the inside, then the flap's choices and
    the back's questions: the HTML's order, although print places the flap and the back on the
    outside sheet."""
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    found = [" ".join(re.sub(r"<[^>]+>", "", m).split())
             for m in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]
    assert [h for h in found if h != "In this leaflet"] == READING_ORDER


def test_the_pdf_tags_read_in_the_same_order(pdf):
    # pdfplumber joins a heading's lines without a space ("used andshared").
    assert [h.replace(" ", "") for h in headings(pdf)] == [
        h.replace(" ", "") for h in READING_ORDER]

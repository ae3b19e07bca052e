"""PDF text reads back as it was written, in every language that builds (WeasyPrint #2841)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, run
from informed.materials import registry
from informed.text_layer import actual_text, reading_order
from readback import html_words, normal_words, printed_lines, readback

#: Every language we ship; every PDF of every patient material is read back.
LOCALES = ("en-GB", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", "cy")
PATIENT = ("poster", "leaflet", "newsletter", "privacy-notice", "privacy-notice-young-people")
#: Complete in every shipped language today, in all their layouts.
COMPLETE = ("poster.pdf", "poster.a4.pdf", "poster.large-print.pdf", "leaflet.pdf",
            "leaflet.large-print.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("text-layer")
    args = [a for name in PATIENT for a in ("--material", name)]
    args += [a for locale in LOCALES for a in ("--locale", locale)]
    result = run(REPO, "build", "--practice", "example-surgery", *args, "--out", str(out),
                 "--date", "2026-11-27")
    assert "Traceback" not in result.output
    return out / "example-surgery"


#: The print sizes a fixed layout may be set in to fit, by file name (poster.a4.pdf).
FIT_SIZES = {material.file_name(variant, "pdf"): variant.fit_sizes
             for material in registry().values() for variant in material.variants}


def _pdfs(built: Path) -> list[Path]:
    return sorted(built.glob("*/*.pdf"))


def test_every_language_builds_its_complete_materials(built):
    for locale in LOCALES:
        assert {p.name for p in (built / locale).glob("*.pdf")} >= set(COMPLETE), locale


def test_every_pdf_reads_back_its_words_in_order(built, tmp_path):
    """98% or more of the words set on the pages come back from pdftotext, in order."""
    failures = []
    for pdf in _pdfs(built):
        with pikepdf.open(pdf) as document:
            count = len(document.pages)
        printed = printed_lines(pdf.with_suffix(".html"), [REPO, built.parent], count,
                                FIT_SIZES.get(pdf.name, ()))
        # The reference is the HTML's own text: each printed word is in it (a word broken
        # across lines, such as a web address, is in it joined up).
        html = "".join(sorted(html_words(pdf.with_suffix(".html"))))
        joined = "".join(w for page in printed for line in page for w in normal_words(line))
        assert any(normal_words(line) for page in printed for line in page), pdf
        assert joined, pdf
        strays = {w for page in printed for line in page for w in normal_words(line)
                  if w not in html and not w.isdigit()}
        # Only what print adds: "Page 1 of 2" in the page margin.
        assert len(strays) <= 2, (pdf, strays)
        result = readback(pdf, printed)
        if result.words < 0.98 or result.order < 0.98:
            failures.append(f"{pdf.relative_to(built)}: words {result.words:.1%}, order "
                            f"{result.order:.1%}; missing {dict(result.missing.most_common(5))}")
    assert not failures, "\n".join(failures)


def test_urdu_heading_reads_back_in_logical_order(built):
    """The poster's heading, copied from the PDF, is the heading as written, not reversed."""
    html = (built / "ur" / "poster.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    text = subprocess.run(["pdftotext", str(built / "ur" / "poster.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    first_line = normal_words(heading)[:4]
    assert " ".join(first_line) in " ".join(normal_words(text))


def test_actual_text_shares_the_tagged_span(built):
    """ActualText sits in the same property list as the MCID: the structure tree is intact.
    The running footer is an artifact (informed.pdf_tags): a Span with its ActualText inside
    it, no MCID."""
    with pikepdf.open(built / "bn" / "poster.pdf") as pdf:
        marked = [op.operands for op in pikepdf.parse_content_stream(pdf.pages[0])
                  if op.operator == pikepdf.Operator("BDC") and "/ActualText" in op.operands[1]]
    spans = [(tag, properties) for tag, properties in marked if str(tag) == "/Span"]
    assert spans and {str(tag) for tag, _ in marked} == {"/Span"}
    # Body text: the Span with its MCID; the footer's Spans sit inside an Artifact, no MCID
    # (readers take /ActualText from Spans only).
    body = [p for _, p in spans if "/MCID" in p]
    footer = [p for _, p in spans if "/MCID" not in p]
    assert body and footer
    assert any("সংস্করণ" in str(p.ActualText) for p in footer)  # "Version"
    assert any("আপনার" in str(properties.ActualText) for _, properties in spans)


def test_plain_latin_text_keeps_its_glyph_mapping():
    assert actual_text("Your GP record", rtl_page=False) is None
    assert actual_text("ffi office", rtl_page=False) is None


def test_bengali_and_arabic_runs_get_actual_text():
    assert actual_text("আপনার রেকর্ড", rtl_page=False) == "আপনার রেকর্ড"
    # On a left-to-right page only the Arabic run is reversed for the reader to turn back.
    assert actual_text("Read لا شيء", rtl_page=False) == "Read ءيش ال"


def test_right_to_left_runs_are_given_in_reading_order():
    assert reading_order("آپ کا", rtl=True) == "اک پآ"
    # A number keeps its own order; the space after it stays after it, behind a mark.
    assert reading_order("ورژن 1.0 ہے", rtl=True) == "ےہ \u200f1.0 نژرو"
    # An English name on an Urdu page ends with a mark so its space stays on its side.
    assert actual_text("Example Surgery", rtl_page=True) == "\u200fExample Surgery"

"""Every material, in every layout: the right files, page sizes, tags, alt text and footer."""

from __future__ import annotations

import re

import pikepdf
import pytest

from built_materials import built_example
from informed.materials import registry
from pdfcheck import (
    Outline,
    expected_size,
    layout,
    lines,
    page_size_mm,
    pdf_pages,
    tagged_figures,
)

PRACTICE_MATERIALS = [m for m in registry().values() if not m.per_study]
JOBS = [(m, v) for m in PRACTICE_MATERIALS for v in m.variants]
PDF_JOBS = [(m, v) for m, v in JOBS if "pdf" in v.formats]
LARGE_PRINT = [(m, v) for m, v in PDF_JOBS if v.name == "large-print"]


def ids(jobs):
    return [m.name + v.suffix for m, v in jobs]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


def test_every_material_and_layout_is_built_in_its_formats(out):
    for material, variant in JOBS:
        for fmt in ("html", "pdf"):
            path = out / material.file_name(variant, fmt)
            assert path.is_file() == (fmt in variant.formats), path.name
    assert not list(out.glob(".*.tmp"))


def test_every_patient_material_has_a_large_print_layout():
    for material in PRACTICE_MATERIALS:
        names = [v.name for v in material.variants]
        if material.audience == "patients":
            large = material.variant("large-print")
            assert large.suffix == ".large-print" and large.page == "A4", material.name
        else:
            assert "large-print" not in names


@pytest.mark.parametrize(("material", "variant"), PDF_JOBS, ids=ids(PDF_JOBS))
def test_pdf_page_size_tags_alt_text_and_footer_on_every_page(out, material, variant):
    path = out / material.file_name(variant, "pdf")
    with pikepdf.open(path) as pdf:
        sizes = {page_size_mm(page) for page in pdf.pages}
        assert sizes == {expected_size(variant.page)}, sizes
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]).endswith(" – Example Surgery")
        if variant.max_pages:
            assert len(pdf.pages) <= variant.max_pages
    figures = tagged_figures(path)
    assert figures, "the logo at least is a tagged figure"
    assert all(f["alt"].strip() for f in figures), figures
    pages = pdf_pages(path)
    assert "Example Surgery" in pages[0]
    footer = ("Policy version 2.0 · November 2026 · Review by November 2027"
              if material.audience == "staff"
              else "Version 1.0 · November 2026 · Next review November 2027")
    booklet = material.name == "leaflet" and variant.name == "standard"
    for number, text in enumerate(pages, start=1):
        where = f"{path.name} page {number}"
        if booklet and number in (1, len(pages)) and len(pages) > 1:
            assert "Page" not in text, f"{where}: a cover has no running footer"
            continue
        assert footer in text, where
        assert not re.search(r"\+[0-9a-f]{8}", text), where
    whole = " ".join(pages)
    # The poster says it in its own box; staff are not sent to reception.
    other = ("Ask at reception for this in large print" if material.name == "poster"
             else "Other formats and languages are available")
    assert (other in whole) == (material.audience != "staff"), path.name


@pytest.mark.parametrize(("material", "variant"), LARGE_PRINT, ids=ids(LARGE_PRINT))
def test_large_print_is_16pt_single_column_with_no_text_over_pictures(out, material, variant):
    path = out / material.file_name(variant, "pdf")
    found = layout(path)
    assert found.texts
    small = [t for t in found.texts if t.size < 16]
    assert not small, f"text under 16 pt: {small[:3]}"
    body = [t for t in found.texts if 20 < t.y < 297 - 34]
    # 18 pt, and 17 pt on the poster, which must stay one sheet.
    assert min(t.size for t in body) >= (17 if material.name == "poster" else 18)
    # One column: every line of body text starts at the left margin or a list's indent.
    starts = [line for line in lines(path) if 20 < line.y0 < 297 - 34]
    assert starts and all(line.x0 < 45 for line in starts), [
        line for line in starts if line.x0 >= 45][:3]
    for page, x0, y0, x1, y1 in found.figures:
        inside = [t for t in found.texts
                  if t.page == page and x0 <= t.x <= x1 and y0 <= t.y - 1 <= y1]
        assert not inside, f"text drawn over a picture on page {page + 1}"


@pytest.mark.parametrize(("material", "variant"), JOBS, ids=ids(JOBS))
def test_html_is_accessible_and_carries_the_footer(out, material, variant):
    html = (out / material.file_name(variant, "html")).read_text(encoding="utf-8")
    outline = Outline(html)
    for attrs in outline.all("img"):
        assert attrs.get("alt"), "every image needs alt text"
    for start, svg in ((m.start(), m.group(0)) for m in re.finditer(r"<svg\b[^>]*>", html)):
        assert html[start + len(svg):].lstrip().startswith("<title>"), "an <svg> needs a <title>"
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, "headings must not skip a level"
    assert "<script" not in html
    text = outline.text
    staff = material.audience == "staff"
    needed = ["Example Surgery", "November 2026",
              "Policy version 2.0" if staff else "Version 1.0",
              "Review by" if staff else "Next review November 2027"]
    if not staff:
        needed.append("Other formats and languages are available")
    for words in needed:
        assert words in text, words
    assert not re.search(r"\+[0-9a-f]{8}", text), "the inputs hash is for the metadata only"
    if variant.name != "article":
        assert outline.all("html") == [{"lang": "en-GB", "dir": "ltr"}]
        assert outline.headings.count(1) == 1 and outline.headings[0] == 1


def links(out, name):
    return [a["href"] for a in Outline((out / name).read_text(encoding="utf-8")).all("a")]


def test_each_layer_links_to_the_next_poster_leaflet_privacy_notice(out):
    assert "leaflet.html" in links(out, "poster.html")
    assert "privacy-notice.html" in links(out, "leaflet.html")
    assert "privacy-notice.html" in links(out, "leaflet.tri-fold.html")
    assert "privacy-notice-young-people.html" in links(out, "privacy-notice.html")
    # A large-print reader is sent on to the large-print layer.
    assert "leaflet.large-print.html" in links(out, "poster.large-print.html")
    assert "privacy-notice.large-print.html" in links(out, "leaflet.large-print.html")
    # Every relative link points at a file that was built.
    for path in out.glob("*.html"):
        for href in links(out, path.name):
            if not re.match(r"^(https?:|mailto:|tel:|#)", href):
                assert (out / href).is_file(), f"{path.name} links to missing {href}"

"""output/<practice>/index.html: every material, layout, language and format, with thumbnails."""

from __future__ import annotations

import shutil
import struct

import pytest

from built_materials import built_example
from conftest import run
from informed.materials import registry
from pdfcheck import Outline

PRACTICE_MATERIALS = [m for m in registry().values() if not m.per_study]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_example(tmp_path_factory)


@pytest.fixture(scope="module")
def index(site):
    return Outline((site / "index.html").read_text(encoding="utf-8"))


def png_size(path):
    head = path.read_bytes()[:24]
    assert head.startswith(b"\x89PNG\r\n\x1a\n"), f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_lists_every_material_layout_and_format(site, index):
    hrefs = {a["href"] for a in index.all("a")}
    for material in PRACTICE_MATERIALS:
        assert material.title in index.text
        for variant in material.variants:
            assert variant.label in index.text
            # The shared build makes HTML and PDF (text and braille are asked for).
            for fmt in set(variant.formats) & {"html", "pdf"}:
                assert f"en-GB/{material.file_name(variant, fmt)}" in hrefs
    for href in hrefs:
        assert (site / href).is_file(), href
    assert "English (United Kingdom)" in index.text
    assert "Version 1.0 ·" in index.text and "Produced 27 November 2026" in index.text


def test_each_pdf_has_a_first_page_thumbnail(site, index):
    images = {img["src"]: img for img in index.all("img")}
    pdfs = [(m, v) for m in PRACTICE_MATERIALS for v in m.variants if "pdf" in v.formats]
    assert len(images) == len(pdfs)
    for material, variant in pdfs:
        src = f"thumbnails/en-GB/{material.name}{variant.suffix}.png"
        assert src in images, src
        assert images[src]["alt"].startswith(f"First page of {material.title}, {variant.label}")
        width, height = png_size(site / src)
        assert width == 240
        landscape = variant.page.endswith("landscape")
        assert (width > height) == landscape, (src, width, height)
    assert "Thumbnails are unavailable" not in index.text


def test_without_pdftoppm_the_build_succeeds_and_the_index_says_why(project, monkeypatch):
    root = project()
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which",
                        lambda name, *a, **k: None if name == "pdftoppm" else real_which(name))
    result = run(root, "build", "--material", "poster", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert ("thumbnails are unavailable: install poppler-utils (pdftoppm) to show the first "
            "page of each PDF on index.html") in result.output
    site = root / "output/example-surgery"
    index = Outline((site / "index.html").read_text(encoding="utf-8"))
    assert "Thumbnails are unavailable: pdftoppm (from poppler-utils) was not found" in index.text
    assert not index.all("img")
    assert not (site / "thumbnails").exists()
    assert "en-GB/poster.pdf" in {a["href"] for a in index.all("a")}


def test_index_keeps_materials_built_earlier(project):
    root = project()
    assert run(root, "build", "--material", "leaflet", "--format", "html").exit_code == 0
    assert run(root, "build", "--material", "poster", "--format", "html").exit_code == 0
    index = Outline((root / "output/example-surgery/index.html").read_text(encoding="utf-8"))
    hrefs = {a["href"] for a in index.all("a")}
    assert {"en-GB/leaflet.html", "en-GB/poster.html", "en-GB/leaflet.tri-fold.html"} <= hrefs
    # HTML only: no PDFs, so no thumbnails and nothing to apologise for.
    assert not index.all("img") and "Thumbnails are unavailable" not in index.text


def test_lists_study_documents_under_their_study(tmp_path):
    from conftest import REPO

    result = run(REPO, "build", "--study", "example-study", "--material", "consent-form",
                 "--out", str(tmp_path), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    index = Outline((tmp_path / "example-surgery/index.html").read_text(encoding="utf-8"))
    hrefs = {a["href"] for a in index.all("a")}
    assert "en-GB/studies/example-study/consent-form.pdf" in hrefs
    assert "en-GB/studies/example-study/consent-form.large-print.html" in hrefs
    images = {img["src"] for img in index.all("img")}
    assert "thumbnails/en-GB/studies/example-study/consent-form.png" in images
    text = " ".join(index.text.split())
    assert "The Blood Test Check study: Standard (A4)" in text
    assert "The Blood Test Check study: Large print (A4)" in text
    assert "example-study" not in text

"""The first community languages: complete for the leaflet and poster, right-to-left done right."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pdfplumber
import pytest
import yaml

from conftest import REPO, run
from informed.build import Job, load_inputs, make_meta, render_html
from informed.i18n.catalogs import read_catalog
from informed.i18n.locales import known_locales
from informed.materials import registry
from informed.project import Project
from informed.render import ltr

#: The languages we ship: England's ten most spoken main languages after English (Census
#: 2021), and Welsh.
FIRST = ("pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", "cy")
#: Every patient material, in every layout, must build in each of them with no English.
PATIENT = ("poster", "leaflet", "newsletter", "privacy-notice", "privacy-notice-young-people")


@pytest.fixture(scope="module")
def repo():
    project = Project(REPO)
    content, practices, _ = load_inputs(project, ["example-surgery"], False)
    return project, content, practices[0]


def render(repo, locale: str, material: str, variant: str = "standard", strict: bool = True):
    project, content, practice = repo
    chosen = registry()[material]
    job = Job(practice, chosen, chosen.variant(variant), locale)
    meta = make_meta(project, practice, content, locale, dt.date(2026, 11, 27))
    return render_html(project, job, content, meta, strict=strict)


@pytest.mark.parametrize("locale", FIRST)
def test_every_patient_material_is_complete_in_each_language(repo, locale):
    # strict: a single string falling back to English would refuse to build.
    for name in PATIENT:
        for variant in registry()[name].variants:
            if variant.name == "easy-read":
                # Not made until every Easy Read string is translated (the build says so):
                # see test_formats_accessible.
                continue
            html = render(repo, locale, name, variant.name)
            # The newsletter article is a fragment to paste into an email: it has no <html>.
            assert f'<html lang="{locale}"' in html or variant.name == "article"
            assert "Some parts are in English" not in html


@pytest.mark.parametrize("locale", FIRST)
def test_each_first_language_is_marked_unreviewed(locale):
    meta = yaml.safe_load((REPO / "locales" / locale / "locale.yaml").read_text("utf-8"))
    assert meta["status"] == "unreviewed"
    assert meta.get("reviewed_by") is None
    assert meta["direction"] == ("rtl" if locale in ("ur", "ar") else "ltr")
    assert locale in known_locales(Project(REPO))
    for domain in ("ui", "content"):
        catalog = read_catalog(REPO / "locales" / locale / "LC_MESSAGES" / f"{domain}.po")
        assert str(catalog.locale) == locale


def test_status_shows_review_and_script_for_every_first_language():
    result = run(REPO, "locale", "status")
    assert result.exit_code == 0, result.output
    for line in ("ar      العربية (Arabic)", "ur      اردو (Urdu)", "bn      বাংলা (Bengali)",
                 "cy      Cymraeg (Welsh)", "pl      polski (Polish)", "pa      ਪੰਜਾਬੀ (Punjabi)",
                 "gu      ગુજરાતી (Gujarati)", "ro      română (Romanian)"):
        assert line in result.output
    assert result.output.count("unreviewed") == len(FIRST)
    for script in ("Arab rtl", "Beng ltr", "Guru ltr", "Gujr ltr", "Latn ltr"):
        assert script in result.output
    assert run(REPO, "locale", "check").exit_code == 0


@pytest.mark.parametrize("locale", ["ur", "ar"])
def test_right_to_left_leaflet_keeps_numbers_left_to_right(repo, locale, tmp_path):
    from informed.pdf import PdfWriter

    project, _content, practice = repo
    html = render(repo, locale, "leaflet")
    assert f'<html lang="{locale}" dir="rtl">' in html
    # Without the spans that keep a number on one line and set its digits in the Latin face.
    plain = re.sub(r'</?span[^>]*>', "", html)
    for run_of_text in ("0300 303 5678", "01632 960 000", "1 High Street",
                        "example.surgery@nhs.net", "1.0<"):
        assert f'<bdi dir="ltr">{run_of_text}' in plain
    pdf = tmp_path / "leaflet.pdf"
    pdf.write_bytes(PdfWriter(project.allowed_roots).render(html, practice.folder, locale))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # Read left to right, in one piece, however the paragraph around them runs.
    for number in ("0300 303 5678", "01632 960 000", "0303 123 1113", "1 High Street"):
        assert number in text
    assert "5678 303 0300" not in text


def test_bengali_text_is_in_the_html(repo):
    # WeasyPrint's PDF text extraction reorders Bengali syllables, so check the HTML.
    html = render(repo, "bn", "leaflet")
    assert '<html lang="bn" dir="ltr">' in html
    assert "<h1>আপনার জিপি রেকর্ড</h1>" in html
    assert "ন্যাশনাল ডেটা অপ্ট-আউট" in html


def test_welsh_and_polish_use_nhs_terms(repo):
    assert "<h1>Eich cofnod meddyg teulu</h1>" in render(repo, "cy", "leaflet")
    assert "lekarza rodzinnego" in render(repo, "pl", "leaflet")


def test_dates_are_formatted_for_the_language(repo):
    assert "27 listopada 2026" in render(repo, "pl", "leaflet")
    assert "27 Tachwedd 2026" in render(repo, "cy", "leaflet")


def test_a_project_catalog_holds_only_what_the_built_in_one_lacks(project):
    root = project()
    assert run(root, "locale", "add", "pl").exit_code == 0
    own = {m.id for m in read_catalog(root / "locales/pl/LC_MESSAGES/ui.po") if m.id}
    builtin = read_catalog(REPO / "locales/pl/LC_MESSAGES/ui.po")
    translated = {m.id for m in builtin if m.id and m.string and not m.fuzzy}
    assert own and not own & translated
    assert "Your GP record" not in own


def test_ltr_filter_wraps_numbers_and_wholly_latin_values():
    assert str(ltr("1 High Street")) == '<bdi dir="ltr">1 High Street</bdi>'
    assert str(ltr("فون 0300 303 5678 پر")) == 'فون <bdi dir="ltr">0300 303 5678</bdi> پر'
    assert str(ltr("رقم NHS الخاص بك 485 777 3456")) == \
        'رقم NHS الخاص بك <bdi dir="ltr">485 777 3456</bdi>'
    assert str(ltr("<b>")) == '<bdi dir="ltr">&lt;b&gt;</bdi>'


#: The layouts with a fixed number of sheets, and the smallest type each may use (points).
FIXED = [(m.name, v.name, v) for m in registry().values() if m.name in ("poster", "leaflet")
         for v in m.variants if v.max_pages]
FLOOR = {"tri-fold": 10, "large-print": 16}


def test_the_fixed_layouts_are_the_posters_and_the_tri_fold():
    assert sorted((m, v) for m, v, _ in FIXED) == [
        ("leaflet", "tri-fold"), ("poster", "a4"), ("poster", "large-print"),
        ("poster", "standard")]


@pytest.mark.parametrize("locale", ("en-GB", *FIRST))
@pytest.mark.parametrize(("material", "variant", "layout"), FIXED,
                         ids=[f"{m}-{v}" for m, v, _ in FIXED])
def test_each_fixed_layout_fits_its_sheets_in_each_language(repo, locale, material, variant,
                                                            layout):
    """Posters on one sheet, the tri-fold on one sheet printed both sides: strict text, no
    English, and the tri-fold's 10 pt and large print's 16 pt kept."""
    from informed.pdf import PdfWriter

    project, _content, practice = repo
    writer = PdfWriter(project.allowed_roots)
    html = render(repo, locale, material, variant)
    # max_pages raises if the translation spills onto another sheet, even in the layout's
    # smaller sizes for longer text.
    pdf = writer.render(html, practice.folder, f"{locale}/{material}.{variant}",
                        max_pages=layout.max_pages, fit_sizes=layout.fit_sizes)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) <= layout.max_pages
        sizes = [c["size"] for page in doc.pages for c in page.chars if c["text"].strip()]
    assert sizes
    if variant in FLOOR:
        assert min(sizes) >= FLOOR[variant] - 0.05, f"{locale} {variant}: {min(sizes):.1f} pt"

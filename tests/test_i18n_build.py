"""Building in a locale: fallback counted and reported, minimum coverage, invalid catalogs."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import run
from informed.i18n.runtime import FallbackReport, NotBuilt, gate
from informed.materials import Material

UI = "locales/tr/LC_MESSAGES/ui.po"
CONTENT = "locales/tr/LC_MESSAGES/content.po"
PRIVATE_USE = re.compile("[\U000f0000-\U000ffffd]")


def translate(path, strings):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for msgid, text in strings.items():
        catalog[msgid].string = text
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_add_translate_two_strings_status_and_build_with_fallback(project):
    """The issue's "done means": add tr, translate two strings, see them counted, build."""
    root = project()
    assert run(root, "locale", "add", "tr").exit_code == 0
    translate(root / UI, {"Your GP record": "Dosarul dumneavoastră medical"})
    translate(root / CONTENT, {"Your medicines": "Medicamentele dumneavoastră"})

    status = run(root, "locale", "status", "tr", "--format", "json")
    domains = json.loads(status.output)[0]["domains"]
    assert domains["ui"]["translated"] == 1 and domains["content"]["translated"] == 1
    table = run(root, "locale", "status", "tr").output
    assert re.search(r"\bui\s+1/\d+ \(\d%\)\s+0\s+\d+", table)
    assert re.search(r"\bcontent\s+1/\d+ \(\d%\)\s+0\s+\d+", table)

    # Below the default minimum of 80%, patient materials are refused, and the build says so.
    refused = run(root, "build", "--locale", "tr", "--material", "leaflet", "--format", "html")
    assert refused.exit_code == 1
    assert re.search(r"example-surgery/tr/leaflet: not built: \d+ of \d+ strings fall back to "
                     r"English \(\d% translated\); the minimum is 80% "
                     r"\(locales\.minimum_coverage in informed\.yaml\)", refused.output)
    assert not (root / "output/example-surgery/tr/leaflet.html").exists()
    # Each layout is named, so a translator can tell which file is missing.
    assert "example-surgery/tr/leaflet.tri-fold: not built" in refused.output
    assert "example-surgery/tr/leaflet.large-print: not built" in refused.output

    # With a lower minimum the leaflet is built: per-string fallback, counted and reported.
    (root / "informed.yaml").write_text("locales:\n  minimum_coverage: 0\n", encoding="utf-8")
    built = run(root, "build", "--locale", "tr", "--material", "leaflet", "--format", "html",
                "--date", "2026-11-27")
    assert built.exit_code == 0, built.output
    report = re.search(r"example-surgery/tr/leaflet: (\d+) of (\d+) strings fall back to English",
                       built.output)
    assert report and 0 < int(report.group(1)) < int(report.group(2))
    html = (root / "output/example-surgery/tr/leaflet.html").read_text(encoding="utf-8")
    assert '<html lang="tr" dir="ltr">' in html
    assert "<h1>Dosarul dumneavoastră medical</h1>" in html
    assert "<strong>Medicamentele dumneavoastră.</strong>" in html
    assert "What is in your GP record" in html  # an untranslated string falls back
    assert "Some parts are in English because they are not translated yet." in html
    assert not PRIVATE_USE.search(html)
    assert "27 Kasım 2026" in html  # dates by Babel, in Turkish


def test_an_english_build_has_no_note_and_counts_nothing(project):
    root = project()
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "fall back" not in result.output
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert "Some parts are in English" not in html
    assert not PRIVATE_USE.search(html)


def test_an_invalid_catalog_is_never_compiled_or_built(project):
    root = project({"informed.yaml": "locales:\n  minimum_coverage: 0\n"})
    assert run(root, "locale", "add", "tr").exit_code == 0
    translate(root / UI, {"Version %(version)s": "Versiunea"})
    result = run(root, "build", "--locale", "tr", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert 'msgid "Version %(version)s": the translation drops the placeholder %(version)s' \
        in result.output
    cache = root / ".informed-cache" / "mo"
    assert not list(cache.glob("tr.*.mo")) if cache.exists() else True
    assert not (root / "output/example-surgery/tr").exists()

    translate(root / UI, {"Version %(version)s": "Versiunea %(version)s"})
    fixed = run(root, "build", "--locale", "tr", "--material", "leaflet", "--format", "html")
    assert fixed.exit_code == 0, fixed.output
    assert sorted(p.name.split(".")[1] for p in cache.glob("tr.*.mo")) == ["content", "ui"]
    assert not list((root / "locales").rglob("*.mo"))
    html = (root / "output/example-surgery/tr/leaflet.html").read_text(encoding="utf-8")
    assert 'Versiunea <bdi dir="ltr">1.0</bdi>' in html


def test_a_locale_without_catalogs_says_how_to_add_one(project):
    result = run(project(), "build", "--locale", "tr", "--material", "leaflet")
    assert result.exit_code == 2
    assert 'no translation for "tr" yet: run informed locale add tr' in result.output


def test_minimum_coverage_setting_is_checked(project):
    root = project({"informed.yaml": "version: '1.0'\nlocales:\n  minimum_coverage: 120\n"})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert ("informed.yaml:2: locales.minimum_coverage: expected a percentage from 0 to 100, "
            "such as 80, got 120") in result.output


def test_consent_materials_need_every_string_and_staff_materials_are_not_gated():
    report = FallbackReport("tr", used=200, fallbacks=["Sign here"], fuzzy=["Sign here"])
    consent = Material("consent-form", "Consent form", "consent-form.html.j2",
                       audience="participants", per_study=True)
    with pytest.raises(NotBuilt) as refused:
        gate(consent, report, 80.0, strict=False)
    assert refused.value.message == (
        "tr/consent-form: not built: consent materials must be translated in full, and 1 of 200 "
        "strings falls back to English (99% translated), 1 of them fuzzy")
    sheet = Material("participant-information-sheet", "Participant information sheet",
                     "pis.html.j2", audience="participants", per_study=True)
    with pytest.raises(NotBuilt) as sheet_refused:
        gate(sheet, report, 80.0, strict=False, where="x/tr/studies/s/pis")
    assert sheet_refused.value.message.startswith(
        "x/tr/studies/s/pis: not built: consent materials must be translated in full")
    leaflet = Material("leaflet", "Leaflet", "leaflet.html.j2")
    gate(leaflet, report, 80.0, strict=False)
    staff = Material("staff-policy", "Staff policy", "staff.html.j2", audience="staff")
    gate(staff, FallbackReport("tr", used=10, fallbacks=["a"] * 9), 80.0, strict=False)
    with pytest.raises(NotBuilt) as strict:
        gate(leaflet, report, 80.0, strict=True)
    assert strict.value.message == ("tr/leaflet: not built (--strict): 1 of 200 strings falls "
                                    "back to English (99% translated)")


def test_a_translation_too_long_for_a_fixed_layout_is_not_built_but_others_are(project):
    root = project({"informed.yaml": "locales:\n  minimum_coverage: 0\n"})
    assert run(root, "locale", "add", "tr").exit_code == 0
    long_title = " ".join(["Dosarul dumneavoastră medical, cine îl vede și ce puteți alege."] * 12)
    translate(root / UI, {"Your GP record: who sees it, and your choices": long_title})
    result = run(root, "build", "--locale", "tr", "--material", "poster", "--format", "pdf")
    assert result.exit_code == 1
    assert re.search(r"example-surgery/tr/poster: not built: the translation needs \d+ pages, "
                     r"but this layout has room for 1, even in smaller print. Shorten the "
                     r"translation, or use the large-print layout", result.output)
    # The large-print poster is one sheet too: not built either; nothing is half-written.
    assert "example-surgery/tr/poster.large-print: not built" in result.output
    assert not (root / "output/example-surgery/tr/poster.large-print.pdf").exists()
    assert not (root / "output/example-surgery/tr/poster.pdf").exists()

"""Translated studies: each study's own catalog, the 100% rule, and the example study in Urdu."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from conftest import REPO, own_study, practice_yaml, run
from informed.i18n.catalogs import read_catalog, update_catalog, write_catalog
from informed.render import mark_runs
from readback import printed_lines, readback

EXAMPLE_STUDY = REPO / "content" / "studies" / "example-study" / "study.yaml"
UR_STUDY = REPO / "locales" / "ur" / "LC_MESSAGES" / "study-example-study.po"
PARTICIPANT = "said by the participant on the consent form"
DOCUMENTS = ("participant-information-sheet", "consent-form")


@pytest.fixture(scope="module")
def urdu(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("study-ur")
    result = run(REPO, "build", "--study", "example-study", "--locale", "ur", "--out", str(out),
                 "--date", "2026-11-27")
    # Asked for by name, so any string short of a translation would fail the build (exit 1).
    assert result.exit_code == 0, result.output
    # Every document but the study's Easy Read, whose points have no catalog entries yet.
    assert [line for line in result.output.splitlines() if "not built" in line] == [
        "example-surgery/ur/studies/example-study/participant-information-sheet.easy-read: not "
        "built: the study's Easy Read points are not in its catalog "
        "(locales/ur/LC_MESSAGES/study-example-study.po) yet, so they are made in English only"]
    return out / "example-surgery" / "ur" / "studies" / "example-study"


def test_example_study_builds_in_urdu_without_english(urdu):
    for name in DOCUMENTS:
        for suffix in ("", ".large-print"):
            html = (urdu / f"{name}{suffix}.html").read_text(encoding="utf-8")
            assert '<html lang="ur" dir="rtl"' in html
            # English fallback text would be marked lang="en-GB"; there is none.
            assert 'lang="en' not in html
            assert (urdu / f"{name}{suffix}.pdf").is_file()
    sheet = (urdu / "participant-information-sheet.html").read_text(encoding="utf-8")
    catalog = read_catalog(UR_STUDY)
    # The study's own words come from its catalog, the transparency wording included.
    for english in ("How will we use information about you?", "What are our legal reasons?",
                    "You can take your time to decide. You do not have to tell anyone why you "
                    "do not want to take part."):
        assert catalog.get(english).string in sheet
        assert english not in sheet


def test_consent_statements_are_the_translated_words_in_the_first_person(urdu):
    form = (urdu / "consent-form.html").read_text(encoding="utf-8")
    study = read_catalog(UR_STUDY)
    content = read_catalog(REPO / "locales" / "ur" / "LC_MESSAGES" / "content.po")
    statements = [
        "I understand that if I leave, the study will keep the information it already has "
        "about me, but will not get any more.",
        "I agree that Example Surgery can contact me about future studies like this one. I "
        "understand that I can say no to any study I am asked about."]
    for english in statements:
        assert study.get(english).string in form
        assert english not in form
    # Each part of the record taken is listed as the participant says it ("my"), not as the
    # information sheet says it to them ("your").
    sheet = (urdu / "participant-information-sheet.html").read_text(encoding="utf-8")
    for mine, yours in (("My medicines", "Your medicines"),
                        ("My test results", "Your test results"),
                        ("My personal details", "Your personal details")):
        assert study.get(mine, PARTICIPANT).string in form
        assert content.get(yours).string not in form.split('class="scope-list"')[1]
        assert content.get(yours).string in sheet
    assert study.get("my year of birth and my sex", PARTICIPANT).string in form


def test_urdu_study_pdfs_read_back(urdu):
    for name in DOCUMENTS:
        pdf = urdu / f"{name}.pdf"
        result = readback(pdf, printed_lines(pdf.with_suffix(".html"), [REPO, urdu.parents[3]]))
        assert result.words >= 0.98 and result.order >= 0.98, (
            name, result.words, result.order, result.missing.most_common(5))


def test_numbers_and_addresses_keep_their_order_in_right_to_left_text():
    html = mark_runs("<p>ہم تقریباً 2,000 لوگوں سے پوچھ رہے ہیں: 0303 123 1113۔</p>", "rtl")
    assert '<span class="latin">2,000</span>' in html
    assert ('<bdi dir="ltr" class="nobreak"><span class="latin">0303</span> '
            '<span class="latin">123</span> <span class="latin">1113</span></bdi>۔') in html
    assert mark_runs("<p>Call 0303 123 1113.</p>") == (
        '<p>Call <span class="nobreak">0303 123 1113</span>.</p>')


def test_locale_status_lists_each_study_catalog():
    total = sum(1 for line in (REPO / "locales" / "study-example-study.pot").read_text(
        encoding="utf-8").splitlines() if line.startswith("msgid ")) - 1  # the header
    table = run(REPO, "locale", "status", "ur", "es")
    assert table.exit_code == 0, table.output
    assert re.search(rf"study-example-study +{total}/{total} \(100%\)", table.output)
    assert re.search(rf"study-example-study +0/{total} \(0%\) +0 +{total} ", table.output)
    rows = json.loads(run(REPO, "locale", "status", "ur", "--format", "json").output)
    assert rows[0]["domains"]["study-example-study"]["percent"] == 100.0
    check = run(REPO, "locale", "check", "ur")
    assert "ok: locales/ur/LC_MESSAGES/study-example-study.po" in check.output


def _partial_urdu(project) -> tuple[Path, int, int]:
    """A researcher's own study "trial", hosted by a practice that works in Urdu too, and
    translated into Urdu wherever its text is the example study's: part way through."""
    text = own_study(EXAMPLE_STUDY.read_text(encoding="utf-8"))
    root = project({"content/studies/trial/study.yaml": text,
                    "content/practices/example-surgery/practice.yaml":
                        practice_yaml(locales="locales: [en-GB, ur]")})
    result = run(root, "locale", "update", "ur")
    assert result.exit_code == 0, result.output
    path = root / "locales" / "ur" / "LC_MESSAGES" / "study-trial.po"
    assert "locales/ur/LC_MESSAGES/study-trial.po: " in result.output
    catalog = read_catalog(path)
    example = read_catalog(UR_STUDY)
    for message in catalog:
        found = example.get(message.id, message.context) if message.id else None
        if found is not None:
            message.string = found.string
    write_catalog(path, catalog)
    entries = [m for m in read_catalog(path) if m.id]
    missing = sum(1 for m in entries if not m.string)
    assert 0 < missing < len(entries)
    return root, missing, len(entries)


def test_a_partly_translated_study_is_skipped_with_its_coverage(project):
    root, missing, total = _partial_urdu(project)
    percent = math.floor(100 * (total - missing) / total)
    line = ('example-surgery/ur/studies/trial: not built: consent materials need a complete '
            'translation; "trial" cannot be built in "ur": content/studies/trial/study.yaml is '
            f"translated in part: {missing} of its {total} strings are not translated in "
            f"locales/ur/LC_MESSAGES/study-trial.po ({percent}% translated)")
    result = run(root, "build", "--practice", "example-surgery", "--material", "consent-form",
                 "--format", "html")
    # Not asked for by name: the site's build goes on, in English, and says what it skipped.
    assert result.exit_code == 0, result.output
    assert line in result.output
    assert (root / "output/example-surgery/en-GB/studies/trial/consent-form.html").is_file()
    assert not (root / "output/example-surgery/ur/studies").exists()
    named = run(root, "build", "--study", "trial", "--locale", "ur", "--format", "html")
    assert named.exit_code == 1
    assert line in named.output


def test_update_restores_an_obsolete_entry_with_a_context():
    catalog = Catalog(locale="ur", domain="study-x")
    catalog.add("My medicines", "میری دوائیں", context=PARTICIPANT)
    template = Catalog(domain="study-x")
    assert update_catalog(catalog, template).removed == 1
    assert catalog.get("My medicines", PARTICIPANT) is None
    template.add("My medicines", context=PARTICIPANT)
    summary = update_catalog(catalog, template)
    assert summary.restored == 1
    assert catalog.get("My medicines", PARTICIPANT).string == "میری دوائیں"

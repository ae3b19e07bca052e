"""Bad study files give exact, located messages, all at once, with exit 2; and the study file's
choices (periods, data form, versions) reach the documents."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, own_study, practice_yaml, run

EXAMPLE = REPO / "content/studies/example-study/study.yaml"
STUDY = "content/studies/trial/study.yaml"
OUT = "output/example-surgery/en-GB/studies/trial"
KNOWN = ", ".join(sorted(c["id"] for c in yaml.safe_load(
    (REPO / "content/record/categories.yaml").read_text(encoding="utf-8"))["categories"]))
HRA = ("Paste the sponsor's current transparency wording in full; the Health Research "
       "Authority (HRA) requires it")


def study_yaml(changes: dict[str, str] | None = None) -> str:
    """The example study.yaml, made a study of one's own, with some exact pieces replaced."""
    text = own_study(EXAMPLE.read_text(encoding="utf-8"))
    for old, new in (changes or {}).items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def build(root, *args: str):
    return run(root, "build", "--study", "trial", "--format", "html", "--date", "2026-11-27",
               *args)


def with_study(project, changes: dict[str, str] | None = None):
    text = study_yaml(changes)
    return project({STUDY: text}), text


def test_unknown_record_category_names_file_line_and_known_categories(project):
    root, text = with_study(project, {"    - medicines\n": "    - medicine\n"})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "    - medicine")
    assert (f'{STUDY}:{line}: data.categories[0]: unknown record category "medicine" '
            f'(did you mean "medicines"?); known categories: {KNOWN}') in result.output
    assert KNOWN.startswith("allergies, consultations, ")
    assert "Traceback" not in result.output
    assert not (root / "output").exists()


def test_unknown_category_given_with_id_is_located_at_its_id(project):
    root, text = with_study(project, {"    - id: test-results": "    - id: x-rays"})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "x-rays")}: data.categories[1].id: unknown record '
            f'category "x-rays"; known categories: {KNOWN}') in result.output


def test_placeholder_in_transparency_wording_is_refused_at_its_line(project):
    root, text = with_study(project, {
        "We, the University of Northbridge, are the sponsor of this study.":
        "We, [insert name of sponsor], are the sponsor of this study."})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "[insert name of sponsor]")
    assert result.output == (
        f'{STUDY}:{line}: transparency: this looks like a placeholder: '
        f'"[insert name of sponsor]". {HRA}\n1 problem found.\n')
    assert not (root / "output").exists()


@pytest.mark.parametrize(("placeholder", "snippet"), [
    ("<sponsor name>", "<sponsor name>"),
    ("TBC", "TBC"),
    ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ("XXX", "XXX"),
    ("{{ sponsor }}", "{{ sponsor }}"),
])
def test_every_kind_of_placeholder_is_refused(project, placeholder, snippet):
    root, text = with_study(project, {
        "Data protection law says we must have a legal reason to use your information.":
        f"Data protection law says we must have {placeholder}."})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, placeholder)
    assert (f'{STUDY}:{line}: transparency: this looks like a placeholder: "{snippet}". '
            f"{HRA}") in result.output


def test_a_line_of_only_dots_is_a_placeholder(project):
    root, text = with_study(project, {"  ## What are your choices?\n":
                                      "  ...\n\n  ## What are your choices?\n"})
    result = build(root)
    assert result.exit_code == 2
    line = text.splitlines().index("  ...") + 1
    assert f'{STUDY}:{line}: transparency: this looks like a placeholder: "...". ' in result.output


def test_empty_transparency_wording_is_refused(project):
    text = study_yaml()
    start = text.index("transparency: |")
    end = text.index("\npis:")
    text = text[:start] + 'transparency: ""\n' + text[end:]
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "transparency:")
    assert (f"{STUDY}:{line}: transparency: the sponsor's transparency wording is empty. "
            f"{HRA}") in result.output


def test_transparency_wording_that_is_not_text_is_refused(project):
    text = study_yaml()
    start = text.index("transparency: |")
    end = text.index("\npis:")
    text = text[:start] + "transparency:\n  - one\n  - two\n" + text[end:]
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "transparency:")
    assert (f"{STUDY}:{line}: transparency: expected the sponsor's transparency wording as text, "
            f"got a list. {HRA}") in result.output


def test_placeholder_in_another_field_and_other_problems_are_reported_together(project):
    root, text = with_study(project, {
        'name: "Sam Patel"': 'name: "TBC"',
        "iras_id: 312345 ": "iras_id: IRAS-1 ",
        "    - medicines\n": "    - medicine\n",
    })
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "TBC")}: local_contact.name: this looks like a placeholder: '
            '"TBC". Write the study\'s own text here') in result.output
    assert (f'{STUDY}:{line_of(text, "iras_id")}: iras_id: expected an IRAS ID of digits only, '
            'such as 312345, got "IRAS-1"') in result.output
    # The category check needs the rest of the file to be valid, so it waits for the next run.
    assert result.output.rstrip().endswith("2 problems found.")


def test_a_markdown_link_is_not_a_placeholder(project):
    root, _ = with_study(project, {
        "  - on the Health Research Authority (HRA) website: www.hra.nhs.uk/information-about-"
        "patients/": "  - on the [Health Research Authority (HRA) website]"
                     "(https://www.hra.nhs.uk/information-about-patients/)"})
    result = build(root)
    assert result.exit_code == 0, result.output
    html = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    assert '<a href="https://www.hra.nhs.uk/information-about-patients/">' in html


def test_unknown_site(project):
    root, text = with_study(project, {"site: example-surgery": "site: nowhere"})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "site: nowhere")}: site: unknown practice "nowhere"; '
            "known practices: example-surgery") in result.output


def test_period_that_ends_before_it_starts(project):
    root, text = with_study(project, {"    start: 2020-01-01\n    end: end-of-study":
                                      "    start: 2020-01-01\n    end: 2019-12-31"})
    result = build(root)
    assert result.exit_code == 2
    assert (f"{STUDY}:{line_of(text, '2019-12-31')}: data.period.end: the end (2019-12-31) is "
            "before the start (2020-01-01)") in result.output


def test_period_end_must_be_a_date_or_end_of_study(project):
    root, text = with_study(project, {"    end: end-of-study": "    end: soon"})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "end: soon")}: data.period.end: expected a date such as '
            '2025-12-31, or "end-of-study", got "soon"') in result.output


def test_category_without_any_period(project):
    root, text = with_study(project, {"  period:\n    start: 2020-01-01\n    end: end-of-study\n":
                                      ""})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "    - medicines")}: data.categories[0]: no dates for '
            '"medicines": give it a "period", or give data.period for every category'
            ) in result.output


def test_unknown_study_lists_the_known_ones(project):
    root, _ = with_study(project)
    result = run(root, "build", "--study", "nope", "--format", "html")
    assert result.exit_code == 2
    assert ("content/studies/nope/study.yaml: file not found; known studies: example-study, "
            "trial") in result.output


def test_consent_materials_are_not_built_in_a_language_without_a_full_translation(project):
    root, _ = with_study(project)
    result = build(root, "--locale", "pl")
    # The study was asked for, so not making it is a failure; nothing half-made is written.
    assert result.exit_code == 1
    assert (
        'example-surgery/pl/studies/trial: not built: consent materials need a complete '
        f'translation; "trial" cannot be built in "pl": {STUDY} is not translated into pl yet: '
        "run informed locale update pl to create locales/pl/LC_MESSAGES/study-trial.po, then "
        "translate its 74 strings\n") in result.output
    assert not (root / "output/example-surgery/pl/studies").exists()


def test_study_material_without_a_study(project):
    root = project()
    result = run(root, "build", "--material", "consent-form", "--format", "html")
    assert result.exit_code == 2
    assert result.output == ('Error: "consent-form" is made for a study: add --study SLUG '
                             "(known studies: none yet)\n")


def test_a_practice_build_includes_the_studies_it_hosts(project):
    root, _ = with_study(project)
    result = run(root, "build", "--practice", "example-surgery", "--format", "html",
                 "--material", "leaflet", "--material", "consent-form")
    assert result.exit_code == 0, result.output
    assert (root / "output/example-surgery/en-GB/leaflet.html").is_file()
    assert (root / OUT / "consent-form.html").is_file()
    assert not (root / OUT / "participant-information-sheet.html").exists()


def scope(root) -> dict[str, str]:
    html = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    rows = re.findall(r'data-category="([a-z-]+)">.*?<td class="answer">(.*?)</td>', html,
                      re.DOTALL)
    return dict(rows)


def test_periods_are_written_as_months_from_the_study_file(project):
    root, _ = with_study(project, {
        "    - medicines\n": "    - id: medicines\n      period:\n        start: 2021-03-01\n"
                             "        end: 2025-12-31\n",
        "    - id: personal-details\n": "    - id: allergies\n      period:\n"
                                        "        end: 2024-06-30\n    - id: personal-details\n",
    })
    assert build(root).exit_code == 0
    answers = scope(root)
    assert answers["medicines"] == "Yes, from March 2021 to December 2025."
    assert answers["allergies"] == "Yes, from the start of your record to June 2024."
    assert answers["test-results"] == ("Yes, only blood test results, from January 2020 to the "
                                       "end of the study.")
    assert answers["letters-and-reports"] == "No."


@pytest.mark.parametrize(("form", "words"), [
    ("identifiable", "The information will include details that show who you are"),
    ("anonymised", "This is called anonymised information."),
    ("pseudonymised", "This is called pseudonymised information."),
])
def test_the_form_the_data_leave_in_is_explained(project, form, words):
    root, _ = with_study(project, {"  form: pseudonymised": f"  form: {form}"})
    assert build(root).exit_code == 0
    html = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    assert words in html


def test_data_form_must_be_one_of_three(project):
    root, text = with_study(project, {"  form: pseudonymised": "  form: anonymous"})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "form: anonymous")}: data.form: expected one of '
            '"identifiable", "pseudonymised", "anonymised", got "anonymous"') in result.output


def test_consent_form_follows_the_information_sheet_version(project):
    root, _ = with_study(project, {'pis:\n  version: "1.1"\n  date: 2026-11-20':
                                   'pis:\n  version: "2.0"\n  date: 2027-01-05',
                                   'consent_form:\n  version: "1.1"\n  date: 2026-11-20':
                                   'consent_form:\n  version: "2.0"\n  date: 2027-01-05'})
    assert build(root).exit_code == 0
    html = (root / OUT / "consent-form.html").read_text(encoding="utf-8")
    assert ("I confirm that I have read the information sheet dated 5 January 2027 "
            "(version 2.0) for the above study.") in html
    sheet = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    assert "Version 2.0, 5 January 2027" in sheet


def test_acronym_not_spelt_out_is_a_warning_and_strict_makes_it_fatal(project):
    root, text = with_study(project, {"how often people have these tests":
                                      "how often people have these QOF tests"})
    line = line_of(text, "QOF")
    expected = (f'{STUDY}:{line}: warning: "QOF" is not spelt out in the participant '
                'information sheet; write it in full the first time, such as "Full Name (QOF)"')
    result = build(root)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert "1 warning" in result.output
    strict = build(root, "--strict")
    assert strict.exit_code == 2
    assert expected.replace("warning: ", "") in strict.output


HARD = ("Participation necessitates authorisation permitting longitudinal pharmacological "
        "surveillance, encompassing comprehensive biochemical investigations, "
        "individualised pharmacotherapeutic documentation and corresponding epidemiological "
        "interpretation.")


def test_summary_that_misses_its_reading_age_is_a_warning_and_strict_makes_it_fatal(project):
    summary = ("  summary: >-\n    Some medicines need regular blood tests to check that they "
               "are safe. We want to find out\n    how often people have these tests, and "
               "whether they have them when they should.")
    root, _ = with_study(project, {summary: f"  summary: >-\n    {HARD} {HARD} {HARD}"})
    result = build(root)
    assert result.exit_code == 0, result.output
    assert (f"{STUDY}: warning: the information sheet's summary misses its readability target: "
            "reading age ") in result.output
    assert "(target 9 to 11)" in result.output
    strict = build(root, "--strict")
    assert strict.exit_code == 2
    assert "the information sheet's summary misses its readability target" in strict.output


def test_example_study_has_no_placeholders_and_no_unexplained_acronyms():
    from informed.study import find_placeholders, unexplained_acronyms

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    values = list(strings(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))))
    assert len(values) > 40
    assert [find_placeholders(v) for v in values if find_placeholders(v)] == []
    assert find_placeholders("Sponsor: [insert name]. Contact <name>. Date TBC.\n...\n") == [
        "[insert name]", "<name>", "TBC", "..."]
    assert find_placeholders("See [the HRA](https://www.hra.nhs.uk/) or <https://x.org>.") == []
    assert unexplained_acronyms("Hospital Episode Statistics (HES) and the HES data.") == []
    assert unexplained_acronyms("IRAS ID (the study number) and NHS data") == ["NHS"]
    assert unexplained_acronyms("Reference 26/EX/0999 at dpo@example.org") == []


def test_a_site_language_without_a_full_translation_is_skipped_with_a_warning(project):
    root, _ = with_study(project)
    project({"content/practices/example-surgery/practice.yaml":
             practice_yaml(locales="locales: [en-GB, pl]")})
    result = run(root, "build", "--practice", "example-surgery", "--material", "consent-form",
                 "--format", "html")
    # The site's own materials are not stopped by a study that is not translated yet.
    assert result.exit_code == 0, result.output
    assert ('example-surgery/pl/studies/trial: not built: consent materials need a complete '
            f'translation; "trial" cannot be built in "pl": {STUDY} is not translated into pl '
            "yet") in result.output
    assert (root / OUT / "consent-form.html").is_file()
    assert not (root / "output/example-surgery/pl").exists()
    strict = run(root, "build", "--practice", "example-surgery", "--material", "consent-form",
                 "--format", "html", "--strict")
    assert strict.exit_code == 2
    assert 'consent materials need a complete translation; "trial"' in strict.output


def test_study_and_practice_problems_are_reported_together(project):
    root, _ = with_study(project, {"    - medicines\n": "    - medicine\n"})
    (root / "content/practices/example-surgery/practice.yaml").write_text(
        practice_yaml(primary='  primary: "blue-ish"'), encoding="utf-8")
    result = run(root, "build", "--practice", "example-surgery", "--format", "html")
    assert result.exit_code == 2
    assert 'colours.primary: expected a colour such as "#005EB8", got "blue-ish"' in result.output
    assert 'data.categories[0]: unknown record category "medicine"' in result.output
    assert result.output.rstrip().endswith("2 problems found.")

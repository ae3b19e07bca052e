"""The information sheet sections the HRA requires, and the checks that keep a study honest:
current transparency wording, real risks, first-person consent statements, dates and versions as
written, and no example values left in a study of one's own."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO, run
from test_study_errors import EXAMPLE, OUT, STUDY, build, line_of, study_yaml, with_study


def without(text: str, key: str) -> str:
    """``text`` without the top-level ``key`` and everything indented under it."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    return "".join(lines[:start] + lines[end:])


SECTIONS = ["expenses", "incidental_findings", "something_goes_wrong", "data_controller",
            "future_use", "results"]


def test_every_missing_hra_section_is_named_with_what_to_write(project):
    from informed.study import REQUIRED_SECTIONS

    assert list(REQUIRED_SECTIONS) == SECTIONS
    text = study_yaml()
    for key in SECTIONS:
        text = without(text, key)
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "title:")
    assert (f"{STUDY}:{line}: expenses: this section is missing, and the Health Research "
            "Authority (HRA) requires it: write whether people are paid or get expenses back, "
            'or "You will not be paid for taking part, and it will not cost you anything."'
            ) in result.output
    for key, what in REQUIRED_SECTIONS.items():
        assert (f"{STUDY}:{line}: {key}: this section is missing, and the Health Research "
                f"Authority (HRA) requires it: {what}") in result.output
    assert result.output.rstrip().endswith(f"{len(SECTIONS)} problems found.")
    assert not (root / "output").exists()


def test_a_missing_part_of_a_section_is_located_at_the_section(project):
    text = study_yaml()
    start = text.index("  sharing: >-")
    end = text.index("results: >-")
    text = text[:start] + "\n" + text[end:]
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "future_use:")}: future_use: missing required field '
            '"sharing" (Whether other researchers, including commercial companies, may use the '
            "data, and on what terms (such as only without names, after an independent review, "
            "under a contract).)") in result.output


OLD_WORDING = ("  We will be using information from you and your medical records in order to\n"
               "  undertake this study and will act as the data controller for this study. To\n"
               "  safeguard your rights, we will use the minimum personally-identifiable\n"
               "  information possible.\n\n")


def test_the_2018_transparency_wording_is_refused_with_advice(project):
    root, text = with_study(project, {"  ## What are our legal reasons?\n":
                                      OLD_WORDING + "  ## What are our legal reasons?\n"})
    result = build(root)
    assert result.exit_code == 2
    line = line_of(text, "undertake this study and will act as the data controller")
    assert result.output == (
        f"{STUDY}:{line}: transparency: this is the Health Research Authority's 2018 wording "
        '("will act as the data controller for this study"). From 1 April 2025 the HRA expects '
        'its updated template, in which "we" is the sponsor, or the sponsor\'s own approved '
        "wording: ask the sponsor for it (see https://www.hra.nhs.uk/planning-and-improving-"
        "research/policies-standards-legislation/data-protection-and-information-governance/"
        "gdpr-guidance/templates/transparency-wording-for-all-sponsors/)\n1 problem found.\n")


@pytest.mark.parametrize(("old", "shown"), [
    ("  To safeguard your rights, we will use the minimum\n  personally identifiable "
     "information possible.", "minimum personally identifiable information possible"),
    ("  Northbridge University is the sponsor for this study\n  based in the United Kingdom.",
     "is the sponsor for this study based in the United Kingdom"),
    ("  Your GP practice will collect information from you for this research\n  study in "
     "accordance with our instructions.", "for this research study in accordance with our "
     "instructions"),
])
def test_the_2018_wording_is_found_however_it_is_wrapped(project, old, shown):
    root, text = with_study(project, {"  ## What are our legal reasons?\n":
                                      f"{old}\n\n  ## What are our legal reasons?\n"})
    result = build(root)
    assert result.exit_code == 2
    first = old.splitlines()[0].strip()
    assert (f"{STUDY}:{line_of(text, first)}: transparency: this is the Health Research "
            f"Authority's 2018 wording (\"{_short(shown)}\")") in result.output


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


RISKS = ("  summary: >-\n    Taking part does not change your care. The risks are small. Someone "
         "could see your\n")


@pytest.mark.parametrize(("claim", "shown"), [
    ("There are no risks.", "no risks"),
    ("There is no risk at all to you.", "no risk"),
    ("Taking part is risk-free.", "risk-free"),
    ("There are no known risks.", "no known risks"),
    ("This is a no-risk study.", "no-risk"),
    ("Taking part is 100% safe.", "100% safe"),
])
def test_risk_text_that_claims_no_risk_is_refused(project, claim, shown):
    root, text = with_study(project, {RISKS: RISKS.replace("The risks are small.", claim)})
    result = build(root)
    assert result.exit_code == 2
    assert result.output == (
        f'{STUDY}:{line_of(text, claim)}: risks.summary: do not say "{shown}": an ethics '
        "committee will not accept it. Say what the risks are, even if they are small (such as "
        "a data breach, being contacted again, or the study finding something about your "
        "health), and how they are kept low\n1 problem found.\n")


def test_a_no_risk_claim_in_the_detail_is_found_on_its_own_line(project):
    root, text = with_study(project, {"    real:\n": "    real. Otherwise there are\n"
                                                    "    no risks:\n"})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "    no risks:")}: risks.detail: do not say "no risks"'
            ) in result.output


FIRST_PERSON = ('a consent statement is said by the participant{}: start it with "I", such as '
                '"I agree that …", and write "my" for "your"')


def test_consent_statements_are_said_by_the_participant(project):
    text = study_yaml({
        "    I understand that if I leave, the study will keep the information it already has "
        "about me,\n    but will not get any more.":
        "    If you leave, the study will keep the information it already has.",
        '    - "I agree that High Street Surgery can contact me':
        '    - "Agree that High Street Surgery can contact your family',
        "consent:\n  optional:": 'consent:\n  extra:\n    - "I consent."\n  optional:',
    })
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "If you leave, the study will keep the information it")}: '
            "withdraw.consent_statement: " + FIRST_PERSON.format(' (it says "you")')
            ) in result.output
    assert (f'{STUDY}:{line_of(text, "Agree that High Street")}: consent.optional[0]: '
            + FIRST_PERSON.format(' (it says "your")')) in result.output
    assert "consent.extra[0]" not in result.output
    assert result.output.rstrip().endswith("2 problems found.")


def test_consent_form_dated_before_the_sheet_it_cites_is_refused(project):
    root, text = with_study(project, {"consent_form:\n  version: \"1.1\"\n  date: 2026-11-20":
                                      "consent_form:\n  version: \"1.1\"\n  date: 2026-11-19"})
    result = build(root)
    assert result.exit_code == 2
    assert result.output == (
        f"{STUDY}:{line_of(text, '2026-11-19')}: consent_form.date: the consent form "
        "(2026-11-19) is dated before the information sheet it cites (pis.date, 2026-11-20); "
        "date the consent form on or after the sheet, and give it a new version if it changed"
        "\n1 problem found.\n")


def test_versions_and_iras_id_print_as_written_even_unquoted(project):
    root, _ = with_study(project, {'pis:\n  version: "1.1"': "pis:\n  version: 1.10",
                                   'consent_form:\n  version: "1.1"': "consent_form:\n  version: 2",
                                   "iras_id: 312345 ": "iras_id: 012345 "})
    assert build(root).exit_code == 0
    form = (root / OUT / "consent-form.html").read_text(encoding="utf-8")
    sheet = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    assert ("I confirm that I have read the information sheet dated 20 November 2026 "
            "(version 1.10) for the above study.") in form
    assert "Version 2 · 20 November 2026 · IRAS ID 012345" in form
    assert "Version 1.10, 20 November 2026" in sheet
    assert "Version 1.10 · 20 November 2026 · IRAS ID 012345" in sheet


def test_a_category_narrowed_with_only_still_shows_its_period(project):
    root, _ = with_study(project, {"      only: \"your year of birth and your sex\"":
                                   "      only: \"your year of birth and your sex\"\n"
                                   "      period:\n        start: 2024-04-01\n"
                                   "        end: 2025-03-31"})
    assert build(root).exit_code == 0
    html = (root / OUT / "participant-information-sheet.html").read_text(encoding="utf-8")
    row = re.search(r'data-category="personal-details">.*?<td class="answer">(.*?)</td>', html,
                    re.DOTALL)
    assert row and row.group(1) == ("Yes, only your year of birth and your sex, from April 2024 "
                                    "to March 2025.")
    assert ("Your personal details: yes, only your year of birth and your sex, from April 2024 "
            "to March 2025.") in html


def test_a_study_of_ones_own_with_the_example_values_is_refused_at_each_line(project):
    text = EXAMPLE.read_text(encoding="utf-8")
    root = project({STUDY: text})
    result = build(root)
    assert result.exit_code == 2
    advice = "comes from the example study, which is made up; replace it with your study's own " \
             "details"
    for key, value, needle in [
        ("iras_id", "999999", "iras_id:"),
        ("rec_reference", "26/EX/0999", "rec_reference:"),
        ("sponsor.name", "Exampleton", '  name: "University of Exampleton"'),
        ("sponsor.dpo.email", "dpo@example.org", '    email: "dpo@example.org"'),
        ("sponsor.dpo.phone", "01632 960 021", '    phone: "01632 960 021"'),
        ("chief_investigator.name", "Alex Sample", "Professor Alex Sample"),
        ("local_contact.organisation", "Example Surgery", '  organisation: "Example Surgery"'),
        ("transparency", "dpo@example.org", "  - by emailing our data protection officer"),
    ]:
        assert f'{STUDY}:{line_of(text, needle)}: {key}: "{value}" {advice}' in result.output
    # Comments are not values, and the site's own name is the practice's to check.
    assert "site:" not in result.output
    assert not (root / "output").exists()
    # The shipped example itself builds (the study tests build it), and so does a copy made its own.
    ok, _ = with_study(project)
    assert build(ok).exit_code == 0


def test_a_study_cannot_be_hosted_by_the_shipped_example_practice(project):
    root, text = with_study(project)
    shutil.rmtree(root / "content/practices/example-surgery")
    result = build(root)
    assert result.exit_code == 2
    assert (f'{STUDY}:{line_of(text, "site: example-surgery")}: site: "example-surgery" is the '
            "example practice that comes with informed; name the folder of the practice that "
            "hosts the study") in result.output


def test_readme_tells_researchers_to_replace_the_example_values():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Add a study"):readme.index("## Add a language")]
    for field in ("expenses", "incidental_findings", "something_goes_wrong", "data_controller",
                  "future_use", "results", "withdraw.consent_statement"):
        assert f"`{field}`" in section, field
    assert "example" in section and "refuses" in section


def test_the_shipped_example_builds_without_warnings(tmp_path):
    result = run(REPO, "build", "--study", "example-study", "--format", "html",
                 "--out", str(tmp_path), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_ideas_the_current_template_keeps_are_not_taken_for_the_2018_wording(project):
    root, _ = with_study(project, {"  ## What are our legal reasons?\n":
                                   "  Your rights to access, change or move your information "
                                   "are limited, as we need\n  to manage your information in "
                                   "specific ways in order for the research to be\n  reliable "
                                   "and accurate.\n\n  ## What are our legal reasons?\n"})
    result = build(root)
    assert result.exit_code == 0, result.output

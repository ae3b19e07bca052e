"""The facts patients are told are right for England now, complete, and about this practice."""

from __future__ import annotations

import pytest

from built_materials import built_example
from conftest import practice_yaml, run
from pdfcheck import Outline, flat, pdf_pages

PRACTICE = "content/practices/example-surgery/practice.yaml"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


def pdf_text(out, name: str) -> str:
    return flat(" ".join(pdf_pages(out / f"{name}.pdf")))


@pytest.fixture(scope="module")
def notice(out):
    return pdf_text(out, "privacy-notice")


@pytest.mark.parametrize("claim", [
    # Planning: GP data collections receive identifiable data, and say so plainly.
    "This data shows who you are. It includes your NHS number, your postcode and your date of "
    "birth.",
    "Data for Pandemic Planning and Research (GDPPR)",
    # National audits collect NHS numbers under the law.
    "A national audit may collect your NHS number.",
    # Research databases and trusted research environments, and commercial use on terms.
    "Clinical Practice Research Datalink (CPRD). It does not get your data if you have opted out.",
    "They must not use it to sell you things or for insurance.",
    # Opting out does not recall data already shared.
    "Opting out stops future sharing. It does not take back data that was shared before.",
    # Direct care beyond the practice.
    "The Summary Care Record. It shows your medicines, allergies and bad reactions to medicines.",
    "GP Connect.",
    # Others who can ask, and why reception staff see records.
    "A coroner can ask for records when looking into a death.",
    "The Care Quality Commission (CQC) inspects GP practices.",
    "We only give it if you agree, if a court orders it, or if it is needed to prevent or "
    "detect a serious crime.",
    "Driver and Vehicle Licensing Agency (DVLA)",
    "They need it to book appointments and tests, to file letters and results",
    # Insurers: consent (not "in writing"), 21 days, a copy, 6 months.
    "Contact us within 21 days to arrange this, or we may send it.",
    "You can ask for a copy of the report.",
    # The Data (Use and Access) Act 2025, in force on the production date.
    "Articles 22A to 22D",
    "We will tell you within 30 days that we have your complaint",
    # What happens after death, how the record is kept safe, suppliers.
    "Access to Health Records Act 1990",
    "we check our security against the NHS Data Security and Protection Toolkit",
    "Exampleton Clinical Systems: provides our clinical record system",
    "We do not use tools that use artificial intelligence (AI) with your information.",
    # Acronyms spelt out.
    "the UK General Data Protection Regulation (UK GDPR)",
    "NHS organisation code X99999",
])
def test_the_privacy_notice_tells_patients(notice, claim):
    assert flat(claim).lower() in notice.lower()


@pytest.mark.parametrize("stale", [
    "Most of this data does not show who you are",
    "Audits outside the practice use data that does not show who you are",
    "They also do not apply to data that does not show who you are",
    "you must agree in writing",
    "National Cancer Registration and Analysis Service",
    "We do not need to ask you first",
    "Records Management Code of Practice 2021",
    "ODS code",
])
def test_no_material_repeats_a_corrected_claim(out, stale):
    for name in ("privacy-notice", "leaflet", "poster", "staff-policy", "newsletter",
                 "privacy-notice-young-people"):
        assert stale.lower() not in pdf_text(out, name).lower(), name


def test_the_notice_says_who_can_see_their_record_online_and_from_when(out, notice):
    assert "If you are 16 or over, you can see your GP record in the NHS App" in pdf_text(
        out, "leaflet")
    for claim in ("If you are 16 or over, you can see your GP record in the NHS App",
                  "You can see new entries in your record from 31 October 2023 onwards.",
                  "To see older entries, ask us.", "(proxy access)"):
        assert claim in notice


def test_where_we_do_not_ask_first_the_leaflet_says_why(out):
    leaflet = pdf_text(out, "leaflet")
    assert "We do not ask you first, because the law says we must send this data." in leaflet
    assert "We do not ask each time, because you expect us to use your record to care for you." \
        in leaflet


def test_the_poster_says_the_national_opt_out_has_exceptions(out):
    assert "for research and planning, with some exceptions." in pdf_text(out, "poster")


def test_the_staff_policy_says_the_practice_applies_the_national_opt_out(out):
    policy = pdf_text(out, "staff-policy")
    assert "We must also apply the national data opt-out ourselves" in policy
    assert "is applied by NHS England and other bodies" not in policy
    assert "Exampleton Messaging: sends our text messages" in policy


def test_the_young_peoples_notice_keeps_article_numbers_for_the_adults_section(out):
    html = (out / "privacy-notice-young-people.html").read_text(encoding="utf-8")
    outline = Outline(html)
    assert "Article" not in outline.section_text(html, "purposes")
    assert "Article 6(1)(e)" in outline.section_text(html, "law")


def without_block(text: str, key: str, replacement: str) -> str:
    """``text`` with the nested block under ``key:`` replaced by one line."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.rstrip() == key + ":":
            out.append(replacement)
            skipping = True
        elif skipping and line.startswith(" " * (len(key) - len(key.lstrip()) + 2)):
            continue
        else:
            skipping = False
            out.append(line)
    return "\n".join(out) + "\n"


def test_the_practices_own_answers_are_printed(project):
    text = practice_yaml(ai_tools='ai_tools: [{name: "Scribe Co", does: "writes a draft of the '
                                  'notes from a consultation"}]')
    text = without_block(text, "  shared_care_record", "  shared_care_record: false")
    root = project({PRACTICE: text})
    result = run(root, "build", "--material", "privacy-notice", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (root / "output/example-surgery/en-GB/privacy-notice.html").read_text("utf-8")
    text = flat(Outline(html).text)
    assert "Scribe Co : writes a draft of the notes from a consultation" in text
    assert "We do not use a shared care record." in text
    assert "We do not use tools that use artificial intelligence" not in text


@pytest.mark.parametrize("line, message", [
    ("transfers_abroad: true", "transfers_abroad: expected false (there are none) or a sentence "
     "saying what they are; true does not tell patients enough"),
    ("ai_tools: yes", "ai_tools: expected false (there are none) or a list; true does not tell "
     "patients enough"),
    ("automated_decisions: 3", "automated_decisions: expected false, or a sentence describing the "
     "decisions, got 3"),
])
def test_legal_answers_must_say_something(project, line, message):
    key = line.split(":")[0]
    root = project({PRACTICE: practice_yaml(**{key: line})})
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2
    number = next(i for i, text in enumerate(practice_yaml(**{key: line}).splitlines(), 1)
                  if text == line)
    assert f"{PRACTICE}:{number}: {message}" in result.output


def test_a_practice_names_at_least_one_supplier(project):
    text = without_block(practice_yaml(), "suppliers", "suppliers: []")
    root = project({PRACTICE: text})
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2
    number = text.splitlines().index("suppliers: []") + 1
    assert (f"{PRACTICE}:{number}: suppliers: expected at least one supplier: every practice has "
            "a clinical record system") in result.output


def test_a_source_due_a_check_warns_and_fails_strict(project):
    root = project()
    result = run(root, "build", "--material", "poster", "--format", "html",
                 "--date", "2028-06-01")
    assert result.exit_code == 0, result.output
    assert ('content/sources.yaml:9: warning: sources[0].checked: "ico-right-to-be-informed" was '
            "last checked on 2026-11-27, more than 12 months before 2028-06-01: check that the "
            "content citing it still matches the source, then update the date") in result.output
    strict = run(root, "build", "--material", "poster", "--format", "html",
                 "--date", "2028-06-01", "--strict", "--out", str(root / "strict"))
    assert strict.exit_code == 2
    assert "content/sources.yaml:9: warning: sources[0].checked:" in strict.output
    assert not (root / "strict").exists()

"""The staff data-sharing policy, and policy choices flowing through every material."""

from __future__ import annotations

import pytest

from built_materials import built_example
from conftest import REPO, practice_yaml, run
from informed.content import load_content, load_practice
from informed.materials import registry
from informed.project import Project
from pdfcheck import Outline, flat, pdf_pages

CONTENT = load_content(Project(REPO))
PRACTICE = load_practice(Project(REPO), "example-surgery")
#: Easy Read has words of its own, the same for every practice (content/easy-read.yaml).
PATIENT_HTML = [m.file_name(v, "html") for m in registry().values()
                if m.audience == "patients" and not m.per_study for v in m.variants
                if v.name != "easy-read"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


@pytest.fixture(scope="module")
def policy(out):
    return (out / "staff-policy.html").read_text(encoding="utf-8")


def section(html, section_id):
    return Outline(html).section_text(html, section_id)


@pytest.mark.parametrize("use", CONTENT.uses, ids=[u.id for u in CONTENT.uses])
def test_each_data_flow_has_its_recipients_lawful_basis_and_consent_rule(policy, use):
    flow = section(policy, f"flow-{use.id}")
    assert use.title in flow
    for recipient in use.recipients:
        assert recipient in flow
    assert use.lawful_basis.article_6 in flow and use.lawful_basis.article_9 in flow
    if use.consent_note:
        assert use.consent_note in flow


def test_says_when_consent_is_and_is_not_sought(policy):
    consent = section(policy, "consent")
    asked, _, rest = consent.partition("We sometimes ask first")
    sometimes, _, not_asked = rest.partition("We do not ask first")
    for use in CONTENT.uses:
        where = {"asked": asked, "depends": sometimes, "not-asked": not_asked}[use.consent]
        assert use.title in where, (use.id, use.consent)


def test_identifiable_and_anonymous_rules_roles_and_requests(policy):
    rules = section(policy, "identifiable")
    for needed in ("Identifiable data", "Pseudonymised data", "Anonymous or aggregate data",
                   "check for a type 1 opt-out", PRACTICE.policy.type1_opt_out):
        assert flat(needed) in rules, needed
    roles = section(policy, "roles")
    assert "Caldicott Guardian" in roles and PRACTICE.caldicott_guardian.name in roles
    assert "Data protection officer (DPO)" in roles and PRACTICE.dpo.email in roles
    requests = section(policy, "requests")
    for needed in ("Relatives, friends and carers", "Insurers and employers",
                   "must have the patient's consent before asking us", "Police, courts, solicitors",
                   "We write a report with only the facts the request asks for.",
                   "We charge the insurer or employer a fee for the report."):
        assert needed in requests, needed
    reception = section(policy, "reception")
    for needed in ("Place screens so that patients cannot see them", "Lock your screen",
                   "smartcard", "private room", "On the phone"):
        assert needed in reception, needed


def test_review_date_and_version_history_newest_first(out, policy):
    assert "Review by 27 November 2027" in section(policy, "control")
    assert "Policy version 2.0" in section(policy, "control")
    history = section(policy, "history")
    assert "This policy will be reviewed by 27 November 2027" in history
    newest = history.index("2.0 1 Oct 2026 Added the Exampleton Care Record")
    oldest = history.index("1.0 3 Nov 2025 First version.")
    assert newest < oldest
    text = flat(" ".join(pdf_pages(out / "staff-policy.pdf")))
    assert "Version history, newest first" in text and "Dr Asha Patel, Caldicott Guardian" in text


def test_every_claim_section_names_its_sources(policy):
    cited = [s.title for s in CONTENT.sources.values() if s.title in Outline(policy).text]
    assert len(cited) >= 10
    assert policy.count('class="based-on"') >= 8


# --- policy choices flow through every material ------------------------------------------


def build_html(project, text):
    root = project({"content/practices/example-surgery/practice.yaml": text})
    args = [a for name in ("poster", "leaflet", "newsletter", "privacy-notice",
                           "privacy-notice-young-people", "staff-policy")
            for a in ("--material", name)]
    result = run(root, "build", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    folder = root / "output/example-surgery/en-GB"
    return {p.name: Outline(p.read_text(encoding="utf-8")).text for p in folder.glob("*.html")}


def test_no_research_reaches_the_staff_policy_and_every_patient_material(project):
    before = build_html(project, practice_yaml())
    after = build_html(project, practice_yaml().replace("    takes_part: true",
                                                        "    takes_part: false"))
    assert set(PATIENT_HTML) | {"staff-policy.html"} <= set(after)
    for name in [*PATIENT_HTML, "staff-policy.html"]:
        assert "Example Surgery takes part in research." in before[name], name
        assert "Example Surgery does not take part in research studies at the moment." in \
            after[name], name
        assert "Example Surgery takes part in research." not in after[name], name
        assert "We share information with" not in after[name], name


def test_insurer_handling_changes_the_policy_and_the_leaflet_together(project):
    after = build_html(project, practice_yaml().replace(
        "    handling: report-only", "    handling: copy-with-consent").replace(
        "    charges: true", "    charges: false"))
    consent_copy = ("With your written consent, we may send copies of the parts of your record "
                    "that the request is about.")
    for name in ("leaflet.html", "leaflet.large-print.html", "leaflet.tri-fold.html",
                 "privacy-notice.html", "newsletter.html", "newsletter.article.html",
                 "staff-policy.html"):
        assert consent_copy in after[name], name
        assert "We never send a copy of your whole record." not in after[name], name
    assert "We do not charge for these reports." in after["staff-policy.html"]
    assert "We charge the insurer or employer" not in after["staff-policy.html"]


def test_the_staff_policy_is_made_in_the_staff_working_language_only(project):
    root = project()
    result = run(root, "build", "--locale", "cy", "--material", "staff-policy", "--format",
                 "html")
    assert result.exit_code == 0, result.output
    assert ("example-surgery/cy/staff-policy: not built: a document for staff, made in en-GB "
            "(add cy to staff_locales in practice.yaml to make it in this language too)"
            ) in result.output
    assert not (root / "output/example-surgery/cy/staff-policy.html").exists()
    listed = practice_yaml(locales="locales: [en-GB]\nstaff_locales: [en-GB, cy]")
    root = project({"content/practices/example-surgery/practice.yaml": listed})
    result = run(root, "build", "--locale", "cy", "--material", "staff-policy", "--format",
                 "html")
    assert "a document for staff" not in result.output

"""The privacy notice has every item on the ICO's right-to-be-informed checklist, layered."""

from __future__ import annotations

import html
import re

import pytest

from built_materials import built_example
from conftest import REPO, practice_yaml, run
from informed.content import load_content, load_practice
from informed.project import Project
from pdfcheck import Outline, flat, pdf_pages

CONTENT = load_content(Project(REPO))
PRACTICE = load_practice(Project(REPO), "example-surgery")
ICO = CONTENT.organisations["ico"]
NDOO = CONTENT.opt_outs["national-data-opt-out"]


def checklist():
    """(item, section id, texts that must be in that section): one per ICO checklist item."""
    dpo = PRACTICE.dpo
    yield "controller name and contact details", "controller", [
        PRACTICE.name, "is the controller of your information", *PRACTICE.address,
        PRACTICE.phone, PRACTICE.email, "www.example-surgery.nhs.uk"]
    yield "DPO contact details", "dpo", [dpo.name, dpo.email, dpo.phone]
    for use in CONTENT.uses:
        yield f"purpose and lawful basis: {use.id}", f"use-{use.id}", [
            use.title, use.summary, use.lawful_basis.article_6, use.lawful_basis.article_9]
        yield f"recipients: {use.id}", f"use-{use.id}", [*use.recipients]
    yield "categories of data", "categories", [c.title for c in CONTENT.categories]
    yield "sources of data", "where-from", ["you", "other services that care for you",
                                            "your old GP practice"]
    yield "recipients, all together", "recipients", [
        r for use in CONTENT.uses for r in use.recipients]
    yield "transfers abroad", "abroad", ["We do not send your information outside the UK."]
    yield "retention", "retention", ["10 more years", "Records Management Code of Practice"]
    for right in CONTENT.rights:
        yield f"right: {right.id}", f"right-{right.id}", [right.title, right.summary, right.how]
    yield "withdrawing consent", "withdraw-consent", [
        CONTENT.right("withdraw-consent").summary, "Reports for insurers and employers"]
    yield "complaining to the ICO", "complaints", [ICO.name, ICO.phone,
                                                   "ico.org.uk/make-a-complaint"]
    yield "whether giving data is required", "required", [
        "No law says that you must give us information about you"]
    yield "automated decision-making", "automated", [
        "We do not make decisions about you using only a computer."]
    yield "national data opt-out", "opt-outs", [
        NDOO.title, *[w.detail for w in NDOO.ways], "Ask at reception for a form, or email us."]


ITEMS = list(checklist())


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


@pytest.fixture(scope="module")
def notice(out):
    return (out / "privacy-notice.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pdf_text(out):
    return flat(" ".join(pdf_pages(out / "privacy-notice.pdf")))


@pytest.mark.parametrize(("item", "section", "texts"), ITEMS, ids=[i[0] for i in ITEMS])
def test_every_ico_checklist_item_is_in_its_section(notice, pdf_text, item, section, texts):
    found = Outline(notice).section_text(notice, section)
    for text in texts:
        assert flat(text) in found, f"{item}: {text!r} not in #{section}"
    # The PDF says it too, not only the web page.
    assert flat(texts[0]) in pdf_text


def test_layered_summary_then_the_detail(out):
    pages = pdf_pages(out / "privacy-notice.pdf")
    assert "The short version" in pages[0]
    # At 12 pt the summary takes more than page 1; the detail follows it, not a blank half page.
    text = " ".join(pages)
    detail = text.index("The full detail Who we are")
    for heading in ("Who we are", "What we hold", "Why we use it", "Your rights",
                    "Your choices", "Questions and complaints"):
        assert text.index(heading) < detail, heading
    assert "The full detail Who we are" not in pages[0]


def test_summary_names_every_use_and_every_right(notice):
    summary = Outline(notice).section_text(notice, "summary")
    for use in CONTENT.uses:
        assert use.title in summary
    for right in CONTENT.rights:
        assert right.title in summary
    assert ICO.phone in summary and PRACTICE.dpo.email in summary


def test_notice_lists_each_source_organisation_once_with_its_website(notice):
    # The printed list: the screen also has every document with its link.
    section = notice[notice.index('class="sources-short"'):]
    items = [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in
             re.findall(r"<li>(.*?)</li>", section[:section.index("</ul>")], re.S)]
    publishers: dict = {}
    for source in CONTENT.sources.values():
        publishers.setdefault(source.publisher, source)
    # One line per organisation, with one web address: not every document's address.
    assert sorted(items) == sorted(
        f"{publisher}: {source.url.removeprefix('https://').split('/')[0]}"
        for publisher, source in publishers.items())


def test_practice_statements_replace_the_defaults(project):
    text = practice_yaml(
        transfers_abroad='transfers_abroad: "Our appointment system stores messages in Ireland, '
        'under UK adequacy regulations."',
        automated_decisions='automated_decisions: "A computer flags people due a health check; '
        'a nurse decides."')
    root = project({"content/practices/example-surgery/practice.yaml": text})
    result = run(root, "build", "--material", "privacy-notice", "--material",
                 "privacy-notice-young-people", "--format", "html")
    assert result.exit_code == 0, result.output
    for name in ("privacy-notice.html", "privacy-notice-young-people.html"):
        html = (root / "output/example-surgery/en-GB" / name).read_text(encoding="utf-8")
        text = Outline(html).text
        assert "stores messages in Ireland, under UK adequacy regulations" in text
        assert "A computer flags people due a health check; a nurse decides." in text
        assert "We do not send your information outside the UK." not in text
        assert "We do not make decisions about you using only a computer." not in text


# --- the version for children and young people -------------------------------------------


@pytest.fixture(scope="module")
def young(out):
    return (out / "privacy-notice-young-people.html").read_text(encoding="utf-8")


def test_young_people_version_has_the_same_facts(young):
    text = Outline(young).text
    for use in CONTENT.uses:
        for needed in (use.title, use.summary, use.lawful_basis.article_6,
                       use.lawful_basis.article_9):
            assert needed in text, needed
    for needed in (PRACTICE.name, PRACTICE.phone, PRACTICE.dpo.email, ICO.phone,
                   CONTENT.facts["how-long-kept"].summary,
                   "We do not send your information outside the UK.",
                   "We do not make decisions about you using only a computer.",
                   *[w.detail for w in NDOO.ways]):
        assert needed in text, needed
    for category in CONTENT.categories:
        assert category.title in text


def test_young_people_version_uses_the_simpler_words(young):
    text = Outline(young).text
    for right in CONTENT.rights:
        assert right.young in text
        assert right.summary not in text, "the adult wording belongs in the full notice"
    assert ("If you are 13 or over, you can choose for yourself. If you are under 13, a "
            "parent or guardian chooses for you.") in text
    assert "We keep what you tell us private, even from your parents or carers." in text


def test_young_people_version_is_easier_to_read_than_the_full_notice(notice, young):
    from informed.readability import analyse_html, load_targets

    targets = load_targets(REPO).default
    full, simple = analyse_html(notice), analyse_html(young, targets=targets)
    assert simple.reading_age < full.reading_age
    # The full notice lists recipients and examples item by item, so sentence length alone
    # no longer tells them apart; the young people's version must meet every target.
    assert simple.misses == []

"""The newsletter: two columns, the feature article, "What's changed", and the email fragment."""

from __future__ import annotations

import re

import pytest

from built_materials import built_example
from conftest import practice_yaml, run
from pdfcheck import Outline, find_phrase, flat, lines, pdf_pages, words

TITLE = "What is in your GP record, and who sees it?"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


def test_a4_newsletter_sets_the_feature_in_two_columns(out):
    pdf = out / "newsletter.pdf"
    found = lines(pdf)
    # Below the full-width title and standfirst.
    body = [line for line in found if line.page == 0 and 80 < line.y0 < 270]
    left = [line for line in body if line.x0 < 100]
    right = [line for line in body if line.x0 > 107]
    assert len(left) > 15 and len(right) > 15, "two full columns on page 1"
    assert all(line.x1 < 106 for line in left), "the left column stays left of the gutter"
    title = find_phrase(words(pdf), "What is in your GP record, and who sees it?")
    assert title[0].page == 0 and max(w.x1 for w in title) > 105, "the title spans both columns"


def test_feature_article_covers_the_record_sharing_and_choices(out):
    text = flat(" ".join(pdf_pages(out / "newsletter.pdf")))
    for needed in (TITLE, "What is in it", "Who sees it", "How it is used and shared",
                   "Your choices", "Find out more", "nhs.uk/your-nhs-data-matters",
                   "0300 303 5678", "www.example-surgery.nhs.uk/"):
        assert needed in text, needed


def test_whats_changed_lists_the_practice_changes_newest_first(out):
    html = (out / "newsletter.html").read_text(encoding="utf-8")
    box = re.search(r'<aside class="changes".*?</aside>', html, re.S).group(0)
    dates = re.findall(r'<time datetime="([\d-]+)"><strong>([^<]+)</strong></time>', box)
    assert dates == [("2026-10-01", "1 October 2026"), ("2026-04-15", "15 April 2026")]
    text = flat(" ".join(pdf_pages(out / "newsletter.pdf")))
    assert ("What's changed 1 October 2026: We now use the Exampleton Care Record") in text


def test_changes_are_sorted_whatever_order_the_profile_gives(project):
    text = practice_yaml().replace(
        '  - date: 2026-10-01\n    text: "We now use',
        '  - date: 2025-01-02\n    text: "Oldest change."\n  - date: 2026-10-01\n'
        '    text: "We now use')
    root = project({"content/practices/example-surgery/practice.yaml": text})
    result = run(root, "build", "--material", "newsletter", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (root / "output/example-surgery/en-GB/newsletter.html").read_text(encoding="utf-8")
    assert re.findall(r'<time datetime="([\d-]+)"', html) == [
        "2026-10-01", "2026-04-15", "2025-01-02"]


def test_article_fragment_is_safe_to_paste_into_an_email(out):
    fragment = (out / "newsletter.article.html").read_text(encoding="utf-8")
    outline = Outline(fragment)
    tags = {tag for tag, _ in outline.tags}
    assert not tags & {"html", "head", "body", "style", "link", "script", "meta", "title"}
    assert outline.tags[0] == ("div", outline.tags[0][1])
    assert outline.tags[0][1]["lang"] == "en-GB"
    # Inline styles carry the look: every heading, paragraph and list has its own.
    for tag, attrs in outline.tags:
        if tag in ("h2", "h3", "p", "ul", "li", "a"):
            assert "style" in attrs, f"<{tag}> without an inline style"
    # Links must work from an inbox: absolute web addresses only.
    for attrs in outline.all("a"):
        assert attrs["href"].startswith("https://"), attrs["href"]
    assert outline.headings[0] == 2 and TITLE in outline.text
    assert "Other formats and languages are available" in outline.text


def test_the_fragment_and_the_newsletter_tell_the_same_story(out):
    newsletter = Outline((out / "newsletter.html").read_text(encoding="utf-8")).text
    fragment = Outline((out / "newsletter.article.html").read_text(encoding="utf-8")).text
    # From the first section to the contact line: the newsletter puts its "What's changed"
    # box between the title and the first section.
    start = fragment.index("What is in it")
    end = fragment.index(" Example Surgery · Version")
    assert end - start > 3000
    assert fragment[start:end] in newsletter

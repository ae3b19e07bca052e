"""The example leaflet builds to accessible HTML and a tagged PDF that says the right things."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, practice_yaml, run
from informed.content import load_content
from informed.project import Project
from pdfcheck import tagged_figures


def pdf_text(path: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, check=True,
                          capture_output=True, text=True).stdout
    return re.sub(r"[ \t]+", " ", text)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run(REPO, "build", "--practice", "example-surgery", "--material", "leaflet",
                 "--out", str(out), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    return out / "example-surgery" / "en-GB"


def test_build_writes_html_and_pdf(built):
    assert (built / "leaflet.html").is_file()
    assert (built / "leaflet.pdf").read_bytes().startswith(b"%PDF-")
    assert not list(built.glob(".*.tmp")), "temporary files must not be left behind"


def test_pdf_is_a5_with_two_pages_or_more(built):
    with pikepdf.open(built / "leaflet.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.trimbox)
            # A5 is 148 x 210 mm = 419.53 x 595.28 pt.
            assert (round(x1 - x0), round(y1 - y0)) == (420, 595)


def test_pdf_is_tagged_with_title_and_language(built):
    with pikepdf.open(built / "leaflet.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]) == (
            "Your GP record: what it holds and who sees it – Example Surgery")
    figures = tagged_figures(built / "leaflet.pdf")
    assert figures, "the logo should be tagged as a figure"
    assert all(figure["alt"].strip() for figure in figures), "every figure needs alt text"


def test_pdf_text_has_practice_name_and_every_use(built):
    text = flat(pdf_text(built / "leaflet.pdf"))
    content = load_content(Project(REPO))
    assert "Example Surgery" in text
    for use in content.uses:
        assert flat(use.title) in text, use.title
    for fact in content.facts.values():
        assert flat(fact.title) in text, fact.title


def test_every_page_between_the_covers_has_version_dates_and_page_numbers(built):
    # Without -layout, each margin box comes out as one block of text.
    pages = pdf_text(built / "leaflet.pdf", layout=False).split("\f")[:-1]
    for number, page in enumerate(pages[1:-1], start=2):
        page = flat(page)
        assert "Version 1.0 · November 2026 · Next review November 2027" in page, number
        assert f"Page {number} of {len(pages)}" in page
    back = flat(pages[-1])
    assert "Other formats and languages are available" in back
    assert "Version 1.0 · November 2026 · Next review November 2027" in back
    assert "Page" not in back and "Page" not in flat(pages[0])


class Outline(HTMLParser):
    """Collects the tags, headings and attributes that accessibility depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def test_html_is_semantic_and_sets_language(built):
    html = (built / "leaflet.html").read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(html)
    tags = dict(outline.tags)
    assert tags["html"] == {"lang": "en-GB", "dir": "ltr"}
    for landmark in ("header", "main", "nav", "footer", "section"):
        assert landmark in tags, landmark
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, "headings must not skip a level"
    for tag, attrs in outline.tags:
        if tag == "img":
            assert attrs.get("alt"), "every image needs alt text"
    assert "<script" not in html
    assert 'Version <bdi dir="ltr">1.0</bdi>' in html and "Next review November 2027" in html


def test_practice_that_does_not_do_research_says_so(project, tmp_path):
    text = practice_yaml().replace("    takes_part: true", "    takes_part: false")
    root = project({"content/practices/example-surgery/practice.yaml": text})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert ("Example Surgery does not take part in research studies at the moment. "
            "We do not share your information for research.") in flat(html)
    assert "takes part in research." not in html
    assert "We share information with" not in html


def test_practice_that_does_research_names_its_schemes(built):
    html = flat((built / "leaflet.html").read_text(encoding="utf-8"))
    assert "Example Surgery takes part in research." in html
    assert "We share information with Clinical Practice Research Datalink (CPRD)." in html
    assert "does not take part in research" not in html


def test_brand_colour_reaches_the_page(project):
    text = practice_yaml(primary='  primary: "#007F3B"')
    root = project({"content/practices/example-surgery/practice.yaml": text})
    assert run(root, "build", "--material", "leaflet", "--format", "html").exit_code == 0
    html = (root / "output/example-surgery/en-GB/leaflet.html").read_text(encoding="utf-8")
    assert "--primary: #007F3B;" in html

"""English left untranslated is marked as English and never set right to left (section 4)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import EXAMPLE, partial_locale, run
from informed.i18n.english import END, START

TITLE = "What is in your GP record, and who sees it?"


#: Languages part way through: Turkish from the Polish draft, Persian (right to left) from the
#: Urdu one, each with the young people's notice's own strings not translated yet.
PARTIAL = {"tr": "pl", "fa": "ur"}


@pytest.fixture(scope="module")
def project_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(EXAMPLE, root / "content" / "practices" / "example-surgery")
    for tag, source in PARTIAL.items():
        partial_locale(root, tag, source, "privacy-notice-young-people")
    return root


@pytest.fixture(scope="module")
def built(project_root) -> Path:
    result = run(project_root, "build", "--practice", "example-surgery", "--locale", "tr",
                 "--locale", "fa", "--locale", "en-GB", "--material",
                 "privacy-notice-young-people", "--material", "newsletter", "--draft",
                 "--date", "2026-11-27")
    assert "Traceback" not in result.output
    return project_root / "output" / "example-surgery"


@pytest.fixture(scope="module")
def untranslated(project_root):
    return lambda locale: _untranslated(project_root, locale)


def _untranslated(root: Path, locale: str) -> str:
    """A sentence of the young people's notice that ``locale`` does not translate yet."""
    result = run(root, "locale", "status", locale, "--material", "privacy-notice-young-people")
    lines = [line.split(": ", 1)[1] for line in result.output.splitlines()[1:]]
    return next(text for text in lines if len(text.split()) > 8 and "…" not in text
                and "<" not in text and "'" not in text and "%(" not in text)


@pytest.mark.parametrize("locale", ["tr", "fa"])
def test_english_fallback_is_marked_english_and_left_to_right(built, untranslated, locale):
    html = (built / locale / "privacy-notice-young-people.html").read_text(encoding="utf-8")
    assert START not in html and END not in html
    sentence = untranslated(locale)
    assert re.search(r'<span lang="en-GB" dir="ltr">[^<]*' + re.escape(sentence), html)
    # No span inside an attribute or the title: those keep the plain English.
    assert not re.search(r'="[^"]*<span lang', html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<span" not in title


def test_english_on_a_right_to_left_page_reads_left_to_right_with_its_language(built,
                                                                              untranslated):
    pdf = built / "fa" / "privacy-notice-young-people.pdf"
    sentence = untranslated("fa")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = " ".join("".join(c for c in text if c not in "\u200e\u200f\u202a\u202b\u202c")
                    .split())
    # Every word reads left to right, in order (a line set right to left would read each
    # word backwards); a box beside it may come between two lines of it.
    words = iter(flat.split())
    assert all(any(word == got.strip(".,") for got in words)
               for word in (w.strip(".,") for w in sentence.split())), sentence
    with pikepdf.open(pdf) as document:
        langs = {str(op.operands[1].Lang) for page in document.pages
                 for op in pikepdf.parse_content_stream(page)
                 if op.operator == pikepdf.Operator("BDC")
                 and isinstance(op.operands[1], pikepdf.Dictionary)
                 and "/Lang" in op.operands[1]}
        assert str(document.Root.Lang) == "fa"
    assert langs == {"en-GB"}


def test_the_source_language_has_no_language_marks(built):
    html = (built / "en-GB" / "privacy-notice-young-people.html").read_text(encoding="utf-8")
    assert '<span lang="en-GB"' not in html


@pytest.mark.parametrize("locale", ["tr", "fa"])
def test_the_newsletter_title_heading_and_pdf_title_are_translated(built, locale):
    html = (built / locale / "newsletter.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r'<h1 id="feature">(.*?)</h1>', html, re.S).group(1)
    assert TITLE not in title and TITLE not in heading
    assert heading in title
    with pikepdf.open(built / locale / "newsletter.pdf") as pdf:
        assert heading in str(pdf.docinfo["/Title"])


def test_the_index_page_keeps_its_english_labels_english(built):
    """The labels beside each language's files are English: only the links say the language
    of what they open."""
    html = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB" dir="ltr">' in html
    langs = set(re.findall(r'\slang="([^"]+)"', html))
    assert langs == {"en-GB"}, langs
    assert re.search(r'<a href="fa/newsletter\.pdf" hreflang="fa">', html)
    assert re.search(r'<a href="tr/newsletter\.html" hreflang="tr">HTML</a>', html)

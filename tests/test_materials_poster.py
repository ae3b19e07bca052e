"""The poster: readable from two metres, five key messages, how to opt out, and a QR code."""

from __future__ import annotations

import re

import pytest
import segno

from built_materials import built_example
from conftest import REPO, practice_yaml, run
from informed.content import load_content
from informed.project import Project
from pdfcheck import Outline, flat, layout, pdf_pages, tagged_figures

ASK = "Ask at reception for this in large print or another language."
URL = "https://www.example-surgery.nhs.uk/your-data"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return built_example(tmp_path_factory) / "en-GB"


def html(out, name="poster.html") -> str:
    return (out / name).read_text(encoding="utf-8")


def test_a3_body_text_is_at_least_24pt_and_a4_at_least_16pt(out):
    for name, minimum, page_height, footer in (("poster.pdf", 24, 420, 21),
                                               ("poster.a4.pdf", 16, 297, 14)):
        texts = layout(out / name).texts
        body = [t for t in texts if t.y < page_height - footer]
        footer_text = [t for t in texts if t.y >= page_height - footer]
        assert body and footer_text
        assert min(t.size for t in body) >= minimum, name
        # The headline stands out from the body.
        assert max(t.size for t in body) >= 1.6 * minimum


def test_one_headline_and_at_most_five_key_messages(out):
    outline = Outline(html(out))
    assert outline.headings.count(1) == 1
    messages = re.findall(r'<li id="([a-z-]+)"', html(out).split('<ol class="messages">')[1]
                          .split("</ol>")[0])
    assert messages == ["in-your-record", "who-sees-it", "how-it-is-shared", "your-choices",
                        "find-out-more"]
    text = flat(" ".join(pdf_pages(out / "poster.pdf")))
    for heading in ("What is in your record", "Who sees it", "How it is shared", "Your choices",
                    "Find out more"):
        assert heading in text


def test_says_how_to_opt_out_and_where_to_ask(out):
    content = load_content(Project(REPO))
    ndoo = content.opt_outs["national-data-opt-out"]
    web = next(w.detail for w in ndoo.ways if w.kind == "online")
    phone = next(w.detail for w in ndoo.ways if w.kind == "phone")
    for name in ("poster.pdf", "poster.a4.pdf", "poster.large-print.pdf"):
        text = flat(" ".join(pdf_pages(out / name)))
        assert web in text and phone in text, name
        assert ("Ask at reception for a form, or email us. We will add a code to your record "
                "within two working days.") in text, "the practice's type 1 process"
        assert ASK in text, name


def test_qr_code_is_inline_svg_with_a_title_linking_to_the_privacy_page(out):
    page = html(out)
    match = re.search(r'<a class="qr-link" href="([^"]+)"><svg role="img" viewBox="[^"]+" '
                      r'class="qr"><title>([^<]+)</title><path[^>]* d="([^"]+)"', page)
    assert match, "the QR code must be an inline <svg> with a <title>, inside a link"
    href, title, path = match.groups()
    assert href == URL
    assert title == "QR code that opens www.example-surgery.nhs.uk/your-data"
    # The drawn modules are exactly segno's encoding of the web address.
    expected = segno.make(URL, error="m", micro=False).svg_inline(scale=1, border=4)
    assert f'd="{path}"' in expected
    alts = [f["alt"] for f in tagged_figures(out / "poster.pdf")]
    assert title in alts, "the QR code is a figure whose alt text is its title"


def test_a_poster_that_does_not_fit_is_refused(project):
    # Too long even for the smaller sizes a poster may use for a longer translation.
    long_text = " ".join(["Ask at reception for a form."] * 80)
    text = re.sub(r"  type1_opt_out: >-\n(    .*\n)+", f'  type1_opt_out: "{long_text}"\n',
                  practice_yaml())
    assert long_text in text
    root = project({"content/practices/example-surgery/practice.yaml": text})
    result = run(root, "build", "--material", "poster", "--format", "pdf")
    assert result.exit_code == 2
    assert ("example-surgery/en-GB/poster: the text needs 2 pages, but this layout has room for 1. "
            "Shorten the practice's own wording") in result.output
    assert "Traceback" not in result.output
    assert not (root / "output/example-surgery/en-GB/poster.pdf").exists()

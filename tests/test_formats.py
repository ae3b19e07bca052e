"""Other formats of the built materials: plain text, braille (BRF) and the text message."""

from __future__ import annotations

import shutil

import pytest

from informed.formats import braille, sms
from informed.formats.blocks import read_page
from informed.formats.plaintext import plain_text

PAGE = """<!DOCTYPE html><html lang="en-GB" dir="ltr"><head><title>T</title>
<style>p { color: red }</style></head><body>
<nav><ul><li>Poster</li></ul></nav>
<div class="running-footer" aria-hidden="true">Footer 1 of 2</div>
<main><h1>Your GP record</h1>
<p>We keep a record of your health. <img src="x.png" alt="A leaf"></p>
<h2>Your choices</h2>
<ul><li>Online: <a href="https://www.nhs.uk/your-nhs-data-matters/">nhs.uk/your-nhs-data-matters</a></li>
<li>By phone: 0300 303 5678<ul><li>Monday to Friday</li></ul></li></ul>
<p>Other formats are available.</p></main></body></html>"""


def test_blocks_follow_reading_order_and_skip_what_is_hidden():
    page = read_page(PAGE)
    assert (page.lang, page.direction, page.title) == ("en-GB", "ltr", "Your GP record")
    assert [(b.kind, b.level, b.text) for b in page.blocks] == [
        ("heading", 1, "Your GP record"),
        ("paragraph", 1, "We keep a record of your health. A leaf"),
        ("heading", 2, "Your choices"),
        ("item", 1, "Online: nhs.uk/your-nhs-data-matters"),
        ("item", 1, "By phone: 0300 303 5678"),
        ("item", 2, "Monday to Friday"),
        ("paragraph", 1, "Other formats are available."),
    ]
    assert [title for title, _ in page.sections()] == ["Your GP record", "Your choices"]


def test_plain_text_marks_headings_and_lists():
    assert plain_text(read_page(PAGE)) == (
        "Your GP record\n==============\n\nWe keep a record of your health. A leaf\n\n"
        "Your choices\n------------\n\n- Online: nhs.uk/your-nhs-data-matters\n"
        "- By phone: 0300 303 5678\n  - Monday to Friday\n\nOther formats are available.\n")


@pytest.mark.parametrize("text, encoding, count", [
    ("a" * 160, "GSM-7", 1),
    ("a" * 161, "GSM-7", 2),
    ("€" * 80, "GSM-7", 1),   # an extension character takes two septets
    ("€" * 81, "GSM-7", 2),
    ("a" * 306, "GSM-7", 2),
    ("a" * 307, "GSM-7", 3),
    ("ڈ" * 70, "UCS-2", 1),
    ("ڈ" * 71, "UCS-2", 2),
    ("ڈ" * 134, "UCS-2", 2),
    ("😀" * 35, "UCS-2", 1),  # outside the BMP: two UTF-16 units each
    ("😀" * 36, "UCS-2", 2),
])
def test_sms_segments_are_counted_as_phones_send_them(text, encoding, count):
    assert sms.encoding(text) == encoding
    assert sms.segments(text) == count


needs_louis = pytest.mark.skipif(not braille.available(), reason="liblouis is not installed")


@needs_louis
def test_braille_is_40_cells_by_25_lines_and_reads_back():
    page = read_page(PAGE.replace("<p>Other formats", "<p>" + "More words here. " * 120
                                  + "Other formats"))
    table = braille.table_for("en-GB")
    assert table == "en-ueb-g2.ctb"
    text = braille.brf(page, table)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, body in enumerate(pages, 1):
        rows = body.split("\r\n")[:-1]
        assert len(rows) == braille.LINES
        assert all(len(row) <= braille.CELLS for row in rows)
        assert rows[-1].strip() == "#" + "JABCDEFGHI"[number]  # the page number, in braille
    assert pages[0].split("\r\n")[0].strip() == ",YR ,,GP RECORD"  # the title, centred
    words = " ".join(b.text for b in page.blocks).split()
    back = braille.back_translate(text, table).split()
    assert back == words


def test_languages_without_a_braille_table_get_none():
    assert braille.table_for("cy") == "cy-cy-g2.ctb"
    assert braille.table_for("ur") is None
    assert braille.table_for("so") is None


@pytest.mark.skipif(shutil.which("lou_translate") is None, reason="liblouis is not installed")
def test_braille_reads_back_in_other_scripts():
    for lang, text in (("pl", "Twój lekarz rodzinny"), ("cy", "Eich cofnod meddyg teulu")):
        page = read_page(f'<html lang="{lang}"><h1>{text}</h1></html>')
        table = braille.table_for(lang)
        # Computer braille tables do not mark capitals.
        assert braille.back_translate(braille.brf(page, table), table).lower() == text.lower()


def test_build_writes_plain_text_and_braille_beside_the_html(project):
    from conftest import run

    root = project()
    result = run(root, "build", "--material", "leaflet", "--format", "html", "--format", "txt",
                 "--format", "brf", "--locale", "en-GB", "--locale", "ur")
    assert result.exit_code == 0, result.output
    out = root / "output/example-surgery"
    text = (out / "en-GB/leaflet.txt").read_text(encoding="utf-8")
    assert text.startswith("Example Surgery")
    assert "Your GP record\n==============\n" in text
    # One text version per material: not one per print layout.
    assert not (out / "en-GB/leaflet.tri-fold.txt").exists()
    if braille.available():
        brf = (out / "en-GB/leaflet.brf").read_bytes().decode("ascii")
        assert all(len(row) <= braille.CELLS for row in brf.replace("\f", "").split("\r\n"))
        assert ("example-surgery/ur/leaflet.brf: not made: no braille table for ur yet"
                in result.output)
    assert (out / "ur/leaflet.txt").read_text(encoding="utf-8").strip()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '>Plain text</a>' in index and 'href="en-GB/leaflet.txt"' in index

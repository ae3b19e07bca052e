"""The Accessible Information Standard's formats as built: Easy Read, braille, audio, the text
message and the fillable consent form. One build per module; each test reads what it made."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from conftest import REPO, partial_locale, run
from informed.formats import audio, braille, easy_read, message, sms
from informed.formats.blocks import read_page
from informed.i18n.runtime import open_locale
from informed.model import Practice
from informed.project import Project

SITE = "example-surgery"
STUDY = "studies/example-study"
EASY_READ = {"leaflet.easy-read": "Your notes at the doctor",
             "privacy-notice.easy-read": "How we use your notes",
             f"{STUDY}/participant-information-sheet.easy-read": "The Blood Test Check study"}
LOCALES = ("en-GB", "ar", "bn", "cy", "es", "gu", "it", "pa", "pl", "pt", "ro", "ur")

has_audio = pytest.mark.skipif(audio.available() is not None, reason="espeak-ng or opusenc "
                               "is not installed (make system-deps)")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """English in every format, audio included; Welsh as a practice builds it by default."""
    out = tmp_path_factory.mktemp("out")
    formats = [f"--format={f}" for f in ("html", "pdf", "txt", "brf", "sms")]
    if audio.available() is None:
        formats.append("--format=audio")
    english = run(REPO, "build", "--practice", SITE, "--study", "example-study",
                  "--material", "leaflet", "--material", "privacy-notice",
                  "--material", "participant-information-sheet", "--material", "consent-form",
                  *formats, "--locale", "en-GB", "--out", str(out), "--date", "2026-11-27")
    assert english.exit_code == 0, english.output
    welsh = run(REPO, "build", "--practice", SITE, "--material", "leaflet", "--material",
                "privacy-notice", "--format", "html", "--format", "sms", "--locale", "cy",
                "--out", str(out), "--date", "2026-11-27")
    assert welsh.exit_code == 0, welsh.output
    return out / SITE, english.output + welsh.output


class _Points(HTMLParser):
    """Each Easy Read row: its picture's alt text and the words beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.in_words = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li" and "point" in (values.get("class") or "").split():
            self.rows.append({"alt": "", "words": ""})
        elif tag == "img" and self.rows and "picture" in (values.get("class") or ""):
            assert "alt" in values, "a picture without alt"
            self.rows[-1]["alt"] = values["alt"] or ""
        self.in_words = tag == "p" and values.get("class") == "point-words"

    def handle_data(self, data: str) -> None:
        if self.in_words:
            self.rows[-1]["words"] += data


def easy_rows(folder: Path, stem: str) -> tuple[str, list[dict[str, str]]]:
    """A built Easy Read page's HTML, and its rows."""
    html = (folder / "en-GB" / f"{stem}.html").read_text(encoding="utf-8")
    parser = _Points()
    parser.feed(html)
    return html, parser.rows


@pytest.mark.parametrize("stem", EASY_READ)
def test_easy_read_has_a_picture_with_alt_text_beside_each_short_point(built, stem):
    folder, _ = built
    html, rows = easy_rows(folder, stem)
    points = [row for row in rows if row["words"]]
    assert len(points) >= 5
    for row in rows:
        assert row["alt"].strip(), row
    for row in points:
        # One idea: at most three sentences, none longer than 15 words.
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", row["words"].strip()) if s]
        assert len(sentences) <= 3, row
        assert max(len(s.split()) for s in sentences) <= 15, row
    assert f"<h1>{EASY_READ[stem]}</h1>" in html
    # The picture credit the CC BY-SA licence asks for, with links.
    assert 'href="https://openmoji.org"' in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in html


@pytest.mark.parametrize("stem", EASY_READ)
def test_easy_read_reads_at_age_7_or_below_by_our_checker(built, stem):
    folder, output = built
    html = (folder / "en-GB" / f"{stem}.html").read_text(encoding="utf-8")
    age = easy_read.reading_age(html)
    assert age is not None and age <= easy_read.READING_AGE
    assert f"{SITE}/en-GB/{stem}: Easy Read reading age {age:.1f} (target 7 or below)" in output


def test_easy_read_reading_age_fails_standard_words():
    """The check can fail: the standard leaflet's words score well above 7."""
    words = ("We keep a record of your health and the care we give you. This leaflet explains "
             "what is in it, who can see it and how it is used. Organisations responsible for "
             "planning services may use pseudonymised information for research.")
    html = f'<html lang="en-GB"><p class="point-words">{words}</p></html>'
    assert easy_read.reading_age(html) > easy_read.READING_AGE
    note, miss = easy_read.check(html, "x")
    assert note.startswith("x: Easy Read reading age ")
    assert miss is not None and miss.startswith("x: readability target missed: Easy Read")


def _figures(node: object, out: list[str]) -> list[str]:
    """The /Alt of every Figure in a PDF's structure tree, in order."""
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            out.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _figures(kid, out)
    return out


@pytest.mark.parametrize("stem", EASY_READ)
def test_easy_read_pdf_is_a4_at_14pt_or_more_with_pictures_in_a_left_column(built, stem):
    folder, _ = built
    _html, rows = easy_rows(folder, stem)
    path = folder / "en-GB" / f"{stem}.pdf"
    with pikepdf.open(path) as pdf:
        figures = _figures(pdf.Root.StructTreeRoot, [])
    # Every picture is a tagged figure with its alt text (after the practice's logo).
    assert figures[1:] == [row["alt"] for row in rows]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
            sizes = {round(c["size"], 1) for c in page.chars if c["text"].strip()}
            assert min(sizes) >= 14, (page.page_number, min(sizes))
        text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
        for row in rows[:-1]:
            start = " ".join(row["words"].split()[:3])
            page, line = next((p, line) for p in pdf.pages for line in p.extract_text_lines()
                              if line["text"].startswith(start))
            # The words sit right of the picture column, a third of the text's width.
            assert line["x0"] > page.width * 0.3, (row, line["x0"])
            # ... and the picture (vector art) sits left of them, in that column.
            art = [c for c in page.curves if abs((c["top"] + c["bottom"]) / 2 - line["top"])
                   < 60]
            assert art and max(c["x1"] for c in art) < line["x0"], row
    assert "Pictures by OpenMoji, licence CC BY-SA 4.0." in text


def test_easy_read_is_not_made_in_english_for_another_language(project):
    """A language part way through (Easy Read's strings not translated): no Easy Read in it,
    and the reason; its other layouts are made."""
    root = project()
    partial_locale(root, "tr", "pl", "easy-read.html.j2")
    result = run(root, "build", "--material", "leaflet", "--locale", "tr", "--format", "html")
    assert not (root / "output" / SITE / "tr/leaflet.easy-read.html").exists()
    assert (root / "output" / SITE / "tr/leaflet.html").exists()
    assert f"{SITE}/tr/leaflet.easy-read: not built: " in result.output


def test_easy_read_pictures_are_checked_with_file_line_and_field(project):
    root = project({"content/easy-read.yaml": """
        documents:
          - id: leaflet
            title: "Your notes"
            points:
              - picture: unicorn
                alt: "A unicorn"
                text: "We write notes."
            sources: [gmc-confidentiality]
          - id: privacy-notice
            title: "How we use your notes"
            points: []
            sources: [gmc-confidentiality]
        """})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert ("content/easy-read.yaml:5: documents[0].points[0].picture: expected one of the "
            "Easy Read pictures (blood, computer, ") in result.output
    assert 'got "unicorn"' in result.output
    assert "content/easy-read.yaml:11: documents[1].points: expected at least one point" in (
        result.output)


def test_pictures_ship_with_their_licence():
    folder = REPO / "src/informed/pictograms"
    licence = (folder / "LICENSE-CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence
    names = {p.stem for p in folder.glob("*.svg")}
    listed = set(re.findall(r"^([a-z-]+):", (folder / "pictograms.yaml").read_text(), re.M))
    assert names == listed


@pytest.mark.parametrize("name", ["leaflet", "privacy-notice"])
def test_braille_of_each_material_reads_back_to_its_text(built, name):
    folder, _ = built
    brf = (folder / "en-GB" / f"{name}.brf").read_bytes().decode("ascii")
    pages = brf.split("\f")[:-1]
    for body in pages:
        rows = body.split("\r\n")[:-1]
        assert len(rows) == braille.LINES and all(len(r) <= braille.CELLS for r in rows)
    html = (folder / "en-GB" / f"{name}.html").read_text(encoding="utf-8")
    page = read_page(html)
    # UEB has one apostrophe: ' and ’ are the same cell.
    words = " ".join(b.text for b in page.blocks).replace("’", "'").split()
    back = braille.back_translate(brf, braille.table_for("en-GB")).replace("’", "'").split()
    if name == "privacy-notice":
        # liblouis 3.24 reads two grade 2 forms back wrongly: "out)" and "(519):" in a
        # reference. Everything else, web addresses split over lines included, reads back.
        differ = [(a, b) for a, b in zip(words, back, strict=True) if a != b]
        assert differ == [("opt-out).", "opt-ou)."),
                          ("2005;55(519):783-789).", "2005;55(519)con783-789).")]
    else:
        assert back == words


def test_braille_divides_a_long_web_address_and_joins_it_again():
    url = "ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights"
    page = read_page(f'<html lang="en-GB"><p>See {url} now.</p></html>')
    table = braille.table_for("en-GB")
    text = braille.brf(page, table)
    rows = [r for r in text.split("\f")[0].split("\r\n") if r.strip()][:-1]
    assert len(rows) >= 3 and rows[1].endswith(braille.CONTINUES)
    assert braille.back_translate(text, table).split() == ["See", url, "now."]


def test_text_message_in_every_language_fits_two_segments():
    project = Project(REPO)
    practice = Practice.__new__(Practice)
    practice.name = "Example Surgery"
    practice.privacy_url = "https://www.example-surgery.nhs.uk/your-data"
    practice.website = "https://www.example-surgery.nhs.uk"
    for locale in LOCALES:
        text, reason = message.compose(project.template_dirs, practice, open_locale(project,
                                                                                   locale))
        assert reason is None, (locale, reason)
        assert text.endswith(" https://www.example-surgery.nhs.uk/your-data"), locale
        assert sms.segments(text) <= message.MAX_SEGMENTS, (locale, sms.units(text))
        assert sms.encoding(text) == ("UCS-2" if locale in ("ar", "bn", "gu", "pa", "ur", "es",
                                                            "pl", "pt", "ro") else "GSM-7")


def test_a_message_too_long_says_by_how_much_and_is_not_made():
    project = Project(REPO)
    practice = Practice.__new__(Practice)
    practice.name = "Example Surgery"
    practice.privacy_url = "https://www.example-surgery.nhs.uk/" + "a" * 240
    practice.website = "https://www.example-surgery.nhs.uk"
    english, reason = message.compose(project.template_dirs, practice,
                                      open_locale(project, "en-GB"))
    assert english is None
    # 75 characters of words and a 275-character address: 44 over the 306 two segments hold.
    length = len(f"Example Surgery: how we use your health records, and the choices you have: "
                 f"{practice.privacy_url}")
    assert length - 306 == 44
    assert reason == (f"the message is {length - 306} characters over 2 SMS segments ({length} "
                      "GSM-7 characters; 306 fit). Shorten the practice's name or its "
                      "privacy_url, or the translation")
    urdu, reason = message.compose(project.template_dirs, practice, open_locale(project, "ur"))
    assert urdu is None and re.fullmatch(r"the message is \d+ characters over 2 SMS segments "
                                         r"\(\d+ UCS-2 characters; 134 fit\)\..*", reason)


def test_build_writes_the_message_beside_the_privacy_notice(built):
    folder, _ = built
    for locale in ("en-GB", "cy"):
        text = (folder / locale / "privacy-notice.sms.txt").read_text(encoding="utf-8")
        assert text.count("\n") == 1 and sms.segments(text.strip()) <= 2
        assert "https://www.example-surgery.nhs.uk/your-data" in text
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="cy/privacy-notice.sms.txt"' in index and ">Text message (SMS)</a>" in index


def test_consent_form_pdf_has_a_labelled_field_for_every_box(built):
    folder, _ = built
    expected = ["Participant ID", *(f"Your initials for statement {n}" for n in range(1, 8)),
                *(f"{who}: {field}" for who in ("Participant", "Person taking consent")
                  for field in ("Name", "Signature", "Date"))]
    for name in ("consent-form.pdf", "consent-form.large-print.pdf"):
        with pikepdf.open(folder / "en-GB" / STUDY / name) as pdf:
            fields = pdf.Root.AcroForm.Fields
            assert [str(f.TU) for f in fields] == expected
            assert all(f.FT == "/Tx" for f in fields)
        with pdfplumber.open(folder / "en-GB" / STUDY / name) as pdf:
            text = " ".join(page.extract_text() for page in pdf.pages)
        # The labels name the fields without adding to the printed text.
        assert "Your initials for statement" not in text and "ﬁ" not in text


def test_consent_form_html_is_an_accessible_form(built):
    folder, _ = built
    html = (folder / "en-GB" / STUDY / "consent-form.html").read_text(encoding="utf-8")
    inputs = re.findall(r"<input [^>]*>", html)
    assert len(inputs) == 14
    for tag in inputs:
        ident = re.search(r'id="([^"]+)"', tag).group(1)
        assert len(re.findall(rf'<label [^>]*for="{ident}"', html)) == 1, ident
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3
    assert "<legend>Participant</legend>" in html


def _ogg(data: bytes) -> tuple[float, dict[str, list[str]]]:
    """Duration (from the last page's granule position, at 48 kHz less the pre-skip) and the
    comments of an Ogg Opus file."""
    assert data[:4] == b"OggS" and b"OpusHead" in data[:64]
    head = data.index(b"OpusHead")
    pre_skip = struct.unpack_from("<H", data, head + 10)[0]
    last = data.rindex(b"OggS")
    granule = struct.unpack_from("<q", data, last + 6)[0]
    tags = data.index(b"OpusTags")
    vendor = struct.unpack_from("<I", data, tags + 8)[0]
    offset = tags + 12 + vendor
    count = struct.unpack_from("<I", data, offset)[0]
    offset += 4
    comments: dict[str, list[str]] = {}
    for _ in range(count):
        size = struct.unpack_from("<I", data, offset)[0]
        key, _, value = data[offset + 4:offset + 4 + size].decode("utf-8").partition("=")
        comments.setdefault(key.upper(), []).append(value)
        offset += 4 + size
    return (granule - pre_skip) / 48000, comments


@has_audio
@pytest.mark.parametrize("name", ["leaflet", "privacy-notice"])
def test_audio_has_a_chapter_per_section_a_transcript_and_a_sensible_length(built, name):
    folder, _ = built
    seconds, comments = _ogg((folder / "en-GB" / f"{name}.opus").read_bytes())
    transcript = (folder / "en-GB" / f"{name}.audio.txt").read_text(encoding="utf-8")
    stamps = re.findall(r"^\[(\d\d):(\d\d):(\d\d\.\d\d\d)\] (.+)$", transcript, re.M)
    starts = [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s, _ in stamps]
    assert len(stamps) >= 3 and starts[0] == 0 and starts == sorted(starts)
    chapters = sorted(k for k in comments if re.fullmatch(r"CHAPTER\d{3}", k))
    assert len(chapters) == len(stamps)
    assert [comments[f"{c}NAME"][0] for c in chapters] == [t for *_, t in stamps]
    assert comments["LANGUAGE"] == ["en-GB"]
    # Spoken at 150 words a minute, give or take: the words of the transcript set the length.
    words = len(re.sub(r"^\[.*\] .*$", "", transcript, flags=re.M).split())
    assert 0.6 < seconds / (words * 60 / audio.SPEED) < 1.6, (seconds, words)
    assert starts[-1] < seconds
    if name == "privacy-notice":
        # Only the summary is spoken: no chapter of the full detail.
        assert "The short version" in transcript and "] The full detail" not in transcript


@has_audio
def test_speech_is_a_wav_whose_length_follows_its_words():
    short = audio.speak("We keep your notes safe.", "en-gb")
    long = audio.speak("We keep your notes safe. " * 6, "en-gb")
    assert short[:4] == b"RIFF" and short[8:12] == b"WAVE"
    assert 0.8 < audio.duration(short) < 4
    assert 4 < audio.duration(long) / audio.duration(short) < 8


def test_audio_is_made_in_each_language_espeak_ng_speaks():
    if audio.available() is not None:
        pytest.skip("espeak-ng is not installed")
    for locale in LOCALES:
        assert audio.voice_for(locale) is not None, locale
    assert audio.voice_for("en-GB") == "en-gb"
    assert audio.voice_for("so") is None  # Somali: no espeak-ng voice


def test_index_lists_every_format(built):
    folder, _ = built
    index = (folder / "index.html").read_text(encoding="utf-8")
    for label in ("Plain text", "Braille (BRF)", "Text message (SMS)"):
        assert f">{label}</a>" in index
    assert 'href="en-GB/leaflet.easy-read.pdf"' in index
    if audio.available() is None:
        assert 'href="en-GB/leaflet.opus"' in index and ">Audio transcript</a>" in index

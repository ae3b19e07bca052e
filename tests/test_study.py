"""The example study builds a participant information sheet and a consent form that agree with
the study file, carry the footer on every page, are tagged, and can be filled in by hand."""

from __future__ import annotations

import itertools
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import REPO, run

STUDY = REPO / "content/studies/example-study/study.yaml"
FOLDER = Path("example-surgery/en-GB/studies/example-study")
SHEET = "participant-information-sheet"
FORM = "consent-form"
PDFS = [f"{name}{suffix}.pdf" for name in (SHEET, FORM) for suffix in ("", ".large-print")]
MM = 96 / 25.4  # CSS pixels per millimetre


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, in reading order."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [flat(page) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out")
    result = run(REPO, "build", "--study", "example-study", "--out", str(out),
                 "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    return out / FOLDER, result.output


@pytest.fixture(scope="module")
def study_data() -> dict:
    return yaml.safe_load(STUDY.read_text(encoding="utf-8"))


class Rows(HTMLParser):
    """The rows of the data-scope table: (category id, row heading text, answer text)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: str | None = None
        self.in_scope = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "scope":
            self.in_scope = True
        elif self.in_scope and tag == "tr" and "data-category" in attrs:
            self.rows.append([attrs["data-category"], "", ""])
        elif self.in_scope and self.rows and tag in ("th", "td"):
            self.cell = tag
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_scope = False
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data):
        if self.cell and self.rows:
            self.rows[-1][1 if self.cell == "th" else 2] += data


def scope_rows(html: str) -> list[tuple[str, str, str]]:
    parser = Rows()
    parser.feed(html)
    return [(cid, flat(head), flat(answer)) for cid, head, answer in parser.rows]


def test_outputs_sit_under_the_site_in_a_folder_per_study(built):
    folder, _ = built
    names = sorted(p.name for p in folder.iterdir())
    easy_read = [f"{SHEET}.easy-read.{ext}" for ext in ("html", "pdf")]
    text = [f"{name}.{ext}" for name in (SHEET, FORM) for ext in ("txt", "brf")]
    assert names == sorted([*PDFS, *(p.replace(".pdf", ".html") for p in PDFS), *easy_read,
                            *text])
    # --study alone builds the study's documents, not the site's leaflets.
    assert not list(folder.parents[1].glob("leaflet*"))


def test_data_scope_table_lists_every_category_in_order_with_the_study_file_answer(
        built, study_data):
    folder, _ = built
    html = (folder / f"{SHEET}.html").read_text(encoding="utf-8")
    categories = yaml.safe_load((REPO / "content/record/categories.yaml").read_text())
    taken = {(c if isinstance(c, str) else c["id"]) for c in study_data["data"]["categories"]}
    assert taken == {"medicines", "test-results", "personal-details"}
    expected = {
        "medicines": "Yes, from January 2020 to the end of the study.",
        "test-results": "Yes, only blood test results, from January 2020 to the end of the "
                        "study.",
        "personal-details": "Yes, only your year of birth and your sex, from January 2020 to "
                            "the end of the study.",
    }
    rows = scope_rows(html)
    assert [r[0] for r in rows] == [c["id"] for c in categories["categories"]]
    for (cid, head, answer), category in zip(rows, categories["categories"], strict=True):
        assert head == f'{category["title"]} {category["summary"]}'
        assert answer == expected.get(cid, "No."), cid


def test_summary_and_consent_form_say_the_same_plain_sentences(built):
    folder, _ = built
    sentences = ["Your personal details: yes, only your year of birth and your sex, from "
                 "January 2020 to the end of the study.",
                 "Your medicines: yes, from January 2020 to the end of the study.",
                 "Your test results: yes, only blood test results, from January 2020 to the "
                 "end of the study."]
    # The consent form says the same, as the participant: "my", not "your".
    mine = [s.replace("Your", "My").replace("your", "my") for s in sentences]
    for name, expected in ((SHEET, sentences), (FORM, mine)):
        text = flat(re.sub(r"<[^>]+>", " ", (folder / f"{name}.html").read_text("utf-8")))
        for sentence in expected:
            assert sentence in text, (name, sentence)
    sheet = " ".join(pdf_pages(folder / f"{SHEET}.pdf"))
    assert "It will not see any other part of your record." in sheet
    assert "Letters and reports about you" in sheet


def test_consent_form_quotes_the_information_sheet_date_and_version(built):
    folder, _ = built
    first = ("1. I confirm that I have read the information sheet dated 20 November 2026 "
             "(version 1.1) for the above study. I have had the chance to think about the "
             "information, ask questions and have had these answered well.")
    for name in (f"{FORM}.pdf", f"{FORM}.large-print.pdf"):
        text = " ".join(pdf_pages(folder / name))
        assert first in text, name


def test_every_page_has_the_footer_with_version_date_iras_id_and_page_numbers(built):
    folder, _ = built
    for name in PDFS:
        pages = pdf_pages(folder / name)
        kind = "Consent form" if name.startswith(FORM) else "Participant information sheet"
        assert len(pages) >= 2, name
        for number, page in enumerate(pages, start=1):
            footer = (f"{kind} · Version 1.1 · 20 November 2026 · IRAS ID 999999 · "
                      f"Page {number} of {len(pages)}")
            assert footer in page, (name, number)


def test_pdfs_are_a4_and_tagged_with_title_and_language(built):
    folder, _ = built
    titles = {SHEET: "Participant information sheet: The Blood Test Check study",
              FORM: "Consent form: The Blood Test Check study"}
    for name in PDFS:
        with pikepdf.open(folder / name) as pdf:
            assert "/StructTreeRoot" in pdf.Root, name
            assert pdf.Root.MarkInfo.Marked
            assert str(pdf.Root.Lang) == "en-GB"
            kind = SHEET if name.startswith(SHEET) else FORM
            assert str(pdf.docinfo["/Title"]) == f"{titles[kind]} – Example Surgery"
            with pdf.open_metadata() as meta:
                assert meta.get("pdfuaid:part") == "1"
            for page in pdf.pages:
                x0, y0, x1, y1 = (float(v) for v in page.trimbox)
                assert (round(x1 - x0), round(y1 - y0)) == (595, 842), name  # A4 in points


def test_information_sheet_html_has_language_title_and_headings_in_order(built):
    folder, _ = built
    html = (folder / f"{SHEET}.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB" dir="ltr">' in html
    assert ("<title>Participant information sheet: The Blood Test Check study – "
            "Example Surgery</title>") in html
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, "headings must not skip a level"
    # The summary comes first, before any detail.
    assert html.index('id="summary"') < html.index('class="detail"')


def test_information_sheet_and_consent_form_spell_out_every_acronym(built):
    from informed.study import sheet_text, unexplained_acronyms

    folder, _ = built
    for name in (SHEET, FORM):
        text = sheet_text((folder / f"{name}.html").read_text(encoding="utf-8"))["main"]
        assert re.search(r"\bIRAS\b", text) and "(HES)" in text and "GP (general practice)" in text
        assert unexplained_acronyms(text) == [], name


def test_information_sheet_gives_contacts_and_the_route_to_the_sponsors_dpo(built):
    folder, _ = built
    text = " ".join(pdf_pages(folder / f"{SHEET}.pdf"))
    for expected in ("Sam Example, Research nurse", "Phone: 01632 960 010",
                     "Research Governance Office", "research.complaints@example.org",
                     "contact the data protection officer at University of Exampleton",
                     "dpo@example.org", "Research Ethics Committee (REC) reference is 26/EX/0999",
                     "This part is written by the sponsor, University of Exampleton."):
        assert expected in text, expected


def test_consent_form_has_letterhead_ids_optional_statements_signatures_and_copies(built):
    folder, _ = built
    html = (folder / f"{FORM}.html").read_text(encoding="utf-8")
    assert 'alt="Example Surgery logo: a green leaf in a blue circle"' in html
    text = " ".join(pdf_pages(folder / f"{FORM}.pdf"))
    for expected in ("Example Surgery 1 High Street, Exampleton, EX1 2MP",
                     "Study title Blood tests for people who take medicines for a long time",
                     "IRAS ID 999999", "Participant ID",
                     "Please read each statement. If you agree with it, write your initials in "
                     "the box beside it.",
                     "6. I agree to take part in the above study.",
                     "7. Optional: I agree that Example Surgery can contact me about future "
                     "studies like this one.",
                     "Participant Name Signature Date Person taking consent Name Signature Date",
                     "When completed: 1 copy for the participant, 1 copy for the researcher site "
                     "file, 1 (original) to be kept in the medical notes."):
        assert expected in text, expected
    numbers = [int(n) for n in re.findall(r'<td class="number">(\d+)\.</td>', html)]
    assert numbers == list(range(1, 8)), "statements are numbered 1, 2, 3 ... without gaps"
    assert html.count('class="initial-box"') == 7


def boxes(html: str, base: Path) -> dict[str, list[tuple[float, float]]]:
    """Laid-out size in mm of every box to write in, measured by WeasyPrint on A4."""
    from weasyprint import HTML

    found: dict[str, list[tuple[float, float]]] = {"initial-box": [], "write-line": [],
                                                   "participant-id": []}
    document = HTML(string=html, base_url=base.as_uri() + "/").render()
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) != "input":
                continue
            classes = (element.get("class") or "").split()
            for name in found:
                if name in classes and type(box).__name__ != "LineBox":
                    found[name].append((box.border_width() / MM, box.border_height() / MM))
    return found


@pytest.mark.parametrize("suffix", ["", ".large-print"])
def test_boxes_and_lines_are_big_enough_to_write_in_by_hand(built, suffix):
    folder, _ = built
    html = (folder / f"{FORM}{suffix}.html").read_text(encoding="utf-8")
    found = boxes(html, REPO)
    assert len(found["initial-box"]) == 7
    for width, height in found["initial-box"]:
        assert width >= 12 and height >= 12, (width, height)
    assert len(found["write-line"]) == 6  # name, signature and date, twice
    for width, height in found["write-line"]:
        assert height >= 10 and width >= 60, (width, height)
    (width, height), = found["participant-id"]
    assert height >= 10 and width >= 60


def test_build_reports_readability_of_summary_and_detail_against_their_targets(built):
    _, output = built
    lines = [line for line in output.splitlines() if "reading age" in line]
    assert lines.pop() == (f"{FOLDER}/{SHEET}.easy-read: Easy Read reading age 5.0 (target 7 or "
                           "below)")
    assert len(lines) == 2, output
    summary, detail = lines
    assert summary.startswith("content/studies/example-study/study.yaml "
                              "(participant-information-sheet, summary): reading age ")
    assert "(target 9 to 11)" in summary
    assert "(participant-information-sheet, detail)" in detail and "(target 11 to 14)" in detail
    assert "target missed" not in output and "warning" not in output


#: The detail of the information sheet, in the order of the HRA's template.
HRA_ORDER = ["Why have I been invited?", "What is the study for?", "Do I have to take part?",
             "What would taking part involve?", "Will I get any money for taking part?",
             "Which parts of my GP record will the study see?", "What are the possible risks?",
             "What are the possible benefits?",
             "What if the study finds something about my health?", "What if I change my mind?",
             "What if something goes wrong?", "How the sponsor will use your information",
             "What will happen to my information after the study?",
             "What will happen to the results of the study?",
             "Who is organising and paying for the study?", "Who has checked the study?",
             "Contacts"]


def sections(text: str) -> dict[str, str]:
    """The PDF text under each heading of HRA_ORDER, up to the next one."""
    detail = text[text.index("More about the study"):]
    places: list[int] = []
    for heading in HRA_ORDER:  # each after the one before: the sections follow the HRA's order
        places.append(detail.index(heading, places[-1] if places else 0))
    ends = [*places[1:], len(detail)]
    return {h: detail[a + len(h):b] for h, a, b in zip(HRA_ORDER, places, ends, strict=True)}


def test_information_sheet_has_every_hra_section_in_order_with_the_study_text(built,
                                                                                study_data):
    folder, _ = built
    for name in (f"{SHEET}.pdf", f"{SHEET}.large-print.pdf"):
        # The running footer, and any list bullets the text layer puts at a page's end.
        footer = re.compile(r"(?:• )*Participant information sheet · Version .*? · Page \d+ "
                            r"of \d+")
        text = flat(" ".join(footer.sub(" ", page) for page in pdf_pages(folder / name)))
        found = sections(text)
        for heading, field in [
            ("Will I get any money for taking part?", study_data["expenses"]),
            ("What if the study finds something about my health?",
             study_data["incidental_findings"]),
            ("What if something goes wrong?",
             study_data["something_goes_wrong"]["compensation"]),
            ("What will happen to my information after the study?",
             study_data["future_use"]["research"]),
            ("What will happen to my information after the study?",
             study_data["future_use"]["sharing"]),
            ("What will happen to the results of the study?", study_data["results"]),
        ]:
            for paragraph in field.split("\n\n"):
                assert flat(paragraph) in found[heading], (name, heading, paragraph)
        wrong = found["What if something goes wrong?"]
        for words in ("If taking part harms you", "If you are unhappy",
                      "use the NHS complaints procedure. Complain to Example Surgery, or to the "
                      "integrated care board (ICB).",
                      "Parliamentary and Health Service Ombudsman"):
            assert words in wrong, (name, words)
        sponsor = found["How the sponsor will use your information"]
        for words in ("The data controller for this study is the University of Exampleton.",
                      "In it, “we” means University of Exampleton.", "public task",
                      "Article 9(2)(j)", "In research, we cannot always let you do this.",
                      "Information Commissioner's Office (ICO)"):
            assert words in sponsor, (name, words)
        risks = found["What are the possible risks?"]
        assert "Someone could see your information without permission" in risks
        assert "no risk" not in text.lower()
        assert "Research Ethics Committee (REC) reference is 26/EX/0999" in \
            found["Who has checked the study?"]


def test_the_example_is_honest_about_where_the_nhs_number_goes(built):
    folder, _ = built
    text = " ".join(pdf_pages(folder / f"{SHEET}.pdf"))
    assert "never leave Example Surgery" not in text
    assert ("the practice sends your NHS number and code number to NHS England. NHS England "
            "finds your hospital records, takes out your NHS number") in text


class Statements(HTMLParser):
    """The text of each statement to initial on the consent form."""

    def __init__(self) -> None:
        super().__init__()
        self.statements: list[str] = []
        self.depth = 0
        self.column = 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.column = 0
        elif tag == "td":
            self.column += 1
            if self.column == 2:
                self.statements.append("")
        if self.statements and self.column == 2 and tag == "td":
            self.depth = 1

    def handle_endtag(self, tag):
        if tag == "td":
            self.depth = 0

    def handle_data(self, data):
        if self.depth:
            self.statements[-1] += data


def test_every_consent_statement_is_said_by_the_participant(built):
    folder, _ = built
    parser = Statements()
    parser.feed((folder / f"{FORM}.html").read_text(encoding="utf-8"))
    statements = [flat(s).removeprefix("Optional: ") for s in parser.statements]
    assert len(statements) == 7
    for statement in statements:
        assert statement.startswith("I "), statement
        assert not re.search(r"\b(you|your)\b", statement, re.IGNORECASE), statement
    text = " ".join(pdf_pages(folder / f"{FORM}.pdf"))
    assert ("I understand that if I leave, the study will keep the information it already has "
            "about me, but will not get any more.") in text

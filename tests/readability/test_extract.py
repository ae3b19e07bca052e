"""Text preparation: Markdown, YAML, HTML and PO catalogs, each sentence at file:line:col."""

from __future__ import annotations

import textwrap
from pathlib import Path

from informed.readability import analyse_html, analyse_markdown
from informed.readability.analysis import analyse_document
from informed.readability.sources import file_documents


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def located(report) -> list[tuple[int, int, str]]:
    return [(s.line, s.column, s.text) for s in report.sentences]


def test_markdown_sentences_keep_their_line_and_column():
    text = ("# Research\n"
            "\n"
            "We share *some* data. It is [kept safe](https://example.org).\n"
            "\n"
            "1. Ask us\n"
            "2. Opt out\n"
            "\n"
            "```\n"
            "code is skipped.\n"
            "```\n")
    report = analyse_markdown(text, source="x.md")
    assert located(report) == [
        (1, 3, "Research"),
        (3, 1, "We share some data."),
        (3, 23, "It is kept safe."),
        (5, 4, "Ask us"),
        (6, 4, "Opt out"),
    ]


def test_a_use_file_checks_its_front_matter_prose_and_body(tmp_path):
    path = write(tmp_path, "content/uses/research.md", """
        ---
        id: research
        title: "Research to improve care"
        summary: "We share data. You can say no."
        data_form: [identifiable]
        examples:
          - "A study of asthma."
        ---
        Research helps.

        ### Data that does not show who you are
        """)
    [document] = file_documents(path, tmp_path, "en")
    report = analyse_document(document)
    assert document.path == "content/uses/research.md"
    assert located(report) == [
        (3, 9, "Research to improve care"),
        (4, 11, "We share data."),
        (4, 26, "You can say no."),
        (7, 6, "A study of asthma."),
        (9, 1, "Research helps."),
        (11, 5, "Data that does not show who you are"),
    ]
    assert [s.kind for s in report.sentences] == [
        "heading", "paragraph", "paragraph", "item", "paragraph", "heading"]


def test_yaml_prose_fields_include_folded_text_and_markdown_bodies(tmp_path):
    path = write(tmp_path, "content/record/facts.yaml", """
        facts:
          - id: who-can-see
            title: "Who can see your record"
            summary: >-
              Only staff who need it can
              see it. They keep it private.
            body: |
              They include:

              - doctors and nurses
            sources: [a-source]
        """)
    [document] = file_documents(path, tmp_path, "en")
    report = analyse_document(document)
    assert located(report) == [
        (3, 13, "Who can see your record"),
        (5, 7, "Only staff who need it can see it."),
        (6, 15, "They keep it private."),
        (8, 7, "They include:"),
        (10, 9, "doctors and nurses"),
    ]
    assert {document.blocks[s.block].key for s in report.sentences} == {
        "facts.0.title", "facts.0.summary", "facts.0.body"}


def test_yaml_files_without_prose_are_skipped(tmp_path):
    path = write(tmp_path, "content/sources.yaml", "sources:\n  - id: x\n    title: A report\n")
    assert file_documents(path, tmp_path, "en") == []


def test_html_reads_main_and_skips_nav_footer_script_and_style():
    html = textwrap.dedent("""\
        <!DOCTYPE html>
        <html lang="en-GB"><head><title>Leaflet</title><style>p { x: y. }</style></head>
        <body>
        <nav><a href="/">Home. Menu.</a></nav>
        <main>
          <h1>Your GP record</h1>
          <p>We keep it <strong>safe</strong>. Only staff<br>can see it.</p>
          <ul><li><p>Ask for a copy</p></li><li>Opt out</li></ul>
          <script>var a = "Hidden. Text.";</script>
        </main>
        <footer><p>Printed 2026. Version 1.</p></footer>
        </body></html>
        """)
    report = analyse_html(html, source="leaflet.html")
    assert report.lang == "en-GB"
    assert located(report) == [
        (6, 7, "Your GP record"),
        (7, 6, "We keep it safe."),
        (7, 40, "Only staff can see it."),
        (8, 14, "Ask for a copy"),
        (8, 41, "Opt out"),
    ]
    assert [s.kind for s in report.sentences] == [
        "heading", "paragraph", "paragraph", "item", "item"]


def test_html_elements_marked_skip_are_not_prose():
    report = analyse_html("<main><p>We help.</p><section data-readability='skip'><h2>Sources"
                          "</h2><p>A, B, C.</p></section><p>Ask us.</p></main>")
    assert [s.text for s in report.sentences] == ["We help.", "Ask us."]


def test_html_without_main_reads_the_body():
    report = analyse_html("<html lang='pl'><body><p>Nie wiem.</p><footer>Stopka.</footer>"
                          "</body></html>")
    assert report.lang == "pl"
    assert [s.text for s in report.sentences] == ["Nie wiem."]


def test_a_po_catalog_checks_translations_at_their_msgstr_lines(tmp_path):
    path = write(tmp_path, "locales/pl/LC_MESSAGES/content.po", r'''
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\n"

        #: content/uses/research.md
        msgctxt "research.summary"
        msgid "We share data. You can say no."
        msgstr "Udostępniamy dane. Możesz odmówić."

        #: content/uses/research.md
        msgid "Untranslated"
        msgstr ""

        #, fuzzy
        msgid "Fuzzy"
        msgstr "Niepewne tłumaczenie."

        msgid "Long"
        msgstr ""
        "Pierwsza część. "
        "Druga część."
        ''')
    [document] = file_documents(path, tmp_path, "auto")
    report = analyse_document(document)
    assert document.lang == "pl"
    assert located(report) == [
        (8, 9, "Udostępniamy dane."),
        (8, 28, "Możesz odmówić."),
        (20, 2, "Pierwsza część."),
        (21, 2, "Druga część."),
    ]
    assert report.scores[0].name == "fog_pl"

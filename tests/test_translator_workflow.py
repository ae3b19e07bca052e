"""The translator's workflow: .pot templates, language codes, previews and draft builds."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, partial_locale, practice_yaml, run
from informed.draft import LABEL
from informed.i18n.catalogs import read_catalog
from informed.i18n.extract import extract_domain
from informed.i18n.locales import project_domains
from informed.i18n.templates import is_current, template_path
from informed.project import Project


def test_committed_templates_are_up_to_date():
    """locales/ui.pot, content.pot and each study's .pot match the strings today; run informed
    locale update."""
    project = Project(REPO)
    stale = [domain for domain in project_domains(project)
             if not is_current(REPO, domain, extract_domain(project, domain))]
    assert not stale, f"stale templates {stale}: run informed locale update"


def test_update_writes_the_templates_and_says_when_they_change(project):
    root = project()
    assert run(root, "locale", "add", "tr").exit_code == 0
    result = run(root, "locale", "update", "tr")
    assert result.exit_code == 0, result.output
    assert "locales/ui.pot: updated" in result.output
    assert "locales/content.pot: updated" in result.output
    pot = template_path(root, "ui").read_text(encoding="utf-8")
    assert 'msgid "Your GP record: who sees it, and your choices"\nmsgstr ""' in pot
    assert "locales/ui.pot: up to date" in run(root, "locale", "update", "tr").output
    # A new string in a template makes the committed template stale until the next update.
    (root / "templates").mkdir()
    (root / "templates" / "extra.html.j2").write_text("{{ _('A brand new string') }}\n",
                                                      encoding="utf-8")
    assert not is_current(root, "ui", extract_domain(Project(root), "ui"))
    assert "locales/ui.pot: updated" in run(root, "locale", "update", "tr").output
    assert 'msgid "A brand new string"' in template_path(root, "ui").read_text(encoding="utf-8")


def test_a_three_letter_code_is_the_two_letter_locale(project):
    """som is Somali's ISO 639-2 code: it is the so locale, never a second Somali one."""
    root = project()
    result = run(root, "locale", "add", "som")
    assert result.exit_code == 0, result.output
    assert "Created locales/so for Somali (Soomaali):" in result.output
    assert not (root / "locales" / "so-SO").exists()
    again = run(root, "locale", "add", "som")
    assert again.exit_code == 2
    assert "locales/so/LC_MESSAGES/ui.po already exists; to bring it up to date, run: " \
           "informed locale update so" in again.output
    assert (root / "locales" / "so" / "LC_MESSAGES" / "content.po").is_file()


def test_draft_builds_below_the_minimum_with_a_mark_on_every_page(project):
    root = project()
    partial_locale(root, "tr", "pl", "privacy-notice-young-people")
    args = ("build", "--material", "privacy-notice-young-people", "--locale", "tr",
            "--locale", "en-GB", "--date", "2026-11-27")
    refused = run(root, *args)
    assert "tr/privacy-notice-young-people: not built:" in refused.output
    result = run(root, *args, "--draft")
    assert "not built" not in result.output, result.output
    out = root / "output" / "example-surgery"
    pdf = out / "tr" / "privacy-notice-young-people.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")[:-1]
    assert len(pages) > 1
    assert all(LABEL in page for page in pages)
    html = (out / "tr" / "privacy-notice-young-people.html").read_text(encoding="utf-8")
    assert f'<p class="draft-mark" lang="en-GB" dir="ltr" role="note">{LABEL}</p>' in html
    # The English is the source, not a translation: no mark.
    english = (out / "en-GB" / "privacy-notice-young-people.html").read_text(encoding="utf-8")
    assert LABEL not in english


def test_serve_locale_previews_that_language_as_a_draft(project, monkeypatch):
    root = project()

    class Server:
        server_port = 8123

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr("informed.preview.make_server", lambda *args: Server())
    result = run(root, "serve", "--locale", "PL", "--material", "privacy-notice-young-people")
    assert result.exit_code == 0, result.output
    assert ("Previewing example-surgery/pl/ at http://127.0.0.1:8123/example-surgery/pl/"
            in result.output)
    html = root / "output/example-surgery/pl/privacy-notice-young-people.html"
    assert LABEL in html.read_text(encoding="utf-8")
    unknown = run(root, "serve", "--locale", "fi")
    assert unknown.exit_code == 2
    assert ('--locale: no catalogs for "fi"; the project has ar, bn, cy, es, gu, it, pa, pl, '
            in unknown.output)
    assert unknown.output.rstrip().endswith("Add it with: informed locale add fi")


def test_status_for_a_material_lists_what_it_still_needs(project):
    root = project()
    partial_locale(root, "tr", "pl", "privacy-notice-young-people")
    result = run(root, "locale", "status", "tr", "--material", "privacy-notice-young-people")
    assert result.exit_code == 0, result.output
    head, *listed = result.output.splitlines()
    found = re.fullmatch(r"tr: privacy-notice-young-people needs (\d+) of (\d+) strings "
                         r"\((\d+)% translated; cannot be built yet, the minimum is 95%\):", head)
    assert found, head
    # The same count the build gives when it refuses the material.
    built = run(root, "build", "--material", "privacy-notice-young-people", "--locale", "tr",
                "--format", "html")
    assert (f"{found[1]} of {found[2]} strings fall back to English ({found[3]}% translated)"
            in built.output)
    assert len(listed) == int(found[1])
    catalog = read_catalog(root / "locales/tr/LC_MESSAGES/content.po")
    ui = read_catalog(root / "locales/tr/LC_MESSAGES/ui.po")
    for line in listed:
        where, text = line.strip().split(": ", 1)
        assert where in ("ui.po", "content.po", "ui.po (fuzzy)", "content.po (fuzzy)")
        if not text.endswith("…"):
            message = (ui if where.startswith("ui") else catalog).get(text)
            assert message is None or not message.string or message.fuzzy, text
    poster = run(root, "locale", "status", "tr", "--material", "poster").output
    assert re.fullmatch(r"tr: poster is fully translated \(\d+ strings\)\.\n", poster), poster
    study = run(root, "locale", "status", "tr", "--material", "consent-form")
    assert study.exit_code == 2
    assert "--material: consent-form belongs to a study and must be translated in full" \
        in study.output


def poedit_save(path: Path) -> None:
    """Save ``path`` as Poedit saves it: with Poedit's header fields, laid out at 79 columns as
    gettext lays it out (msgcat's layout, which Poedit follows). msgcat forgets a flag it does
    not know, such as md-text, that Poedit keeps, so the flag is carried across it."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("Last-Translator: FULL NAME <EMAIL@ADDRESS>",
                        "Last-Translator: Anna Nowak <anna@example.org>")
    text = re.sub(r'"PO-Revision-Date: [^"]*"', r'"PO-Revision-Date: 2026-12-01 10:00+0000\\n"',
                  text)
    text = text.replace("charset=utf-8", "charset=UTF-8")
    text = re.sub(r'("Generated-By: [^"]*"\n)', r'\1"X-Generator: Poedit 3.4.2\\n"\n', text,
                  count=1)
    path.write_text(text.replace("#, md-text", "#, no-ycp-format")
                    .replace(", md-text", ", no-ycp-format"), encoding="utf-8")
    subprocess.run(["msgcat", "--width=79", "-o", str(path), str(path)], check=True)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("no-ycp-format", "md-text"), encoding="utf-8")


def test_a_poedit_round_trip_changes_nothing(project):
    """Read, save as Poedit does, then locale update: every catalog is byte for byte the same."""
    root = project()
    # With a study, so that its catalog (translated in Urdu) makes the round trip too.
    study = root / "content" / "studies" / "example-study"
    shutil.copytree(REPO / "content" / "studies" / "example-study", study)
    for tag in ("pl", "ur", "bn"):
        shutil.copytree(REPO / "locales" / tag, root / "locales" / tag)
    assert run(root, "locale", "update", "pl", "ur", "bn").exit_code == 0
    catalogs = sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 9
    assert root / "locales/ur/LC_MESSAGES/study-example-study.po" in catalogs
    for path in catalogs:
        poedit_save(path)
    saved = {path: path.read_bytes() for path in catalogs}
    assert b'"X-Generator: Poedit 3.4.2\\n"' in saved[catalogs[0]]
    result = run(root, "locale", "update", "pl", "ur", "bn")
    assert result.exit_code == 0, result.output
    for path in catalogs:
        assert path.read_bytes() == saved[path], path
        assert f"{path.relative_to(root).as_posix()}: up to date" in result.output


def test_an_overflow_names_the_box_that_runs_over_and_by_how_much(project):
    long_text = " ".join(["Ask at reception for a form."] * 40)
    text = re.sub(r"  type1_opt_out: >-\n(    .*\n)+", f'  type1_opt_out: "{long_text}"\n',
                  practice_yaml())
    root = project({"content/practices/example-surgery/practice.yaml": text})
    result = run(root, "build", "--material", "poster", "--format", "pdf")
    assert result.exit_code == 2
    found = re.search(r'It runs over from "([^"]+)" \(#([a-z-]+)\): (\d+) lines? \((\d+) mm\) '
                      r"go past page 1\.", result.output)
    assert found, result.output
    heading, ident, lines, mm = found.groups()
    # The named box is a section of the poster, with the heading a reader sees on it.
    assert ident in ("your-choices", "find-out-more")
    assert heading in ("Your choices", "Find out more")
    assert int(lines) >= 1 and int(mm) >= 4 * int(lines)


def test_every_ui_string_has_a_note_and_short_ambiguous_ones_a_context():
    catalog = extract_domain(Project(REPO), "ui")
    missing = [m.id for m in catalog if m.id and not any(
        c.startswith("Appears in: ") for c in m.auto_comments)]
    assert not missing
    notes = {m.id: " ".join(m.auto_comments) for m in catalog if m.id}
    # Where it appears, what it is, and the room it has on a fixed layout.
    assert notes["Scan the code, or go to:"] == (
        "Appears in: poster. It is a paragraph. Room is fixed in the A3 poster (1 page), the "
        "A4 poster (1 page), the large-print poster (1 page): keep it about as long as the "
        "English, or the layout may not fit.")
    assert notes["Benefits"] == "Appears in: participant information sheet. It is a heading."
    contexts = {m.id: m.context for m in catalog if m.id in ("No.", "Post:", "Number", "Site")}
    assert contexts == {"No.": 'the answer to "Will the study see it?"',
                        "Post:": "an address to write to",
                        "Number": "a table column: the number of each statement",
                        "Site": "the place where a research study is run"}


def test_a_string_with_a_context_is_translated_in_its_context(project):
    """pgettext reaches the catalog: the answer "No." is translated as an answer."""
    from informed.i18n.runtime import open_locale

    root = project()
    shutil.copytree(REPO / "locales" / "pl", root / "locales" / "pl")
    path = root / "locales/pl/LC_MESSAGES/ui.po"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r'msgctxt "the answer to \\"Will the study see it\?\\""\nmsgid "No\."\n'
                      r'msgstr "[^"]*"', text)
    assert entry, "the answer No. has its own context"
    head = entry.group(0).rsplit("msgstr", 1)[0]
    path.write_text(text.replace(entry.group(0), head + 'msgstr "Nie (odpowiedź)."'),
                    encoding="utf-8")
    session = open_locale(Project(root), "pl").session()
    assert session.translations.pgettext('the answer to "Will the study see it?"', "No.") == \
        "Nie (odpowiedź)."
    # The same word without the context is another entry.
    assert session.translations.gettext("No.") != "Nie (odpowiedź)."


def test_a_reviewed_complete_translation_is_not_marked_as_a_draft(project):
    root = project()
    partial_locale(root, "tr", "pl", "privacy-notice-young-people")
    meta = root / "locales/tr/locale.yaml"
    text = meta.read_text(encoding="utf-8").replace("status: unreviewed", "status: reviewed")
    meta.write_text(text + "reviewed_by: A. Tłumacz, ITI member\nreviewed_on: 2026-11-01\n",
                    encoding="utf-8")
    result = run(root, "build", "--locale", "tr", "--material", "poster", "--material",
                 "privacy-notice-young-people", "--format", "html", "--draft")
    assert "not built" not in result.output, result.output
    out = root / "output/example-surgery/tr"
    assert LABEL not in (out / "poster.html").read_text(encoding="utf-8")
    # Below the minimum it is a draft however reviewed the rest is.
    assert LABEL in (out / "privacy-notice-young-people.html").read_text(encoding="utf-8")

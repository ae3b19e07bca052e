"""The `informed check` command: output formats, exit status, locales and project targets."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from informed.readability.command import check

USE = """\
---
id: research
title: "Research"
summary: "We share data for research. You can say no."
---
Research helps find better care.

- ask us
- opt out
"""

LONG = "Word " + "word " * 30 + "end."


def make(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(check, list(args), catch_exceptions=False)

    return invoke


def test_text_output_is_one_line_per_finding_then_a_summary(run, tmp_path):
    make(tmp_path, {"content/uses/research.md": USE + f"\n{LONG}\n"})
    result = run()
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == ("content/uses/research.md:11:1: long-sentence: 32 words (target 20, "
                        "limit 30). Split it into shorter sentences, or make a list.")
    assert lines[1].startswith("content/uses/research.md: reading age ")
    assert lines[-1] == "1 file checked, 0 findings, 1 target missed."


def test_content_that_meets_its_targets_exits_0(run, tmp_path):
    make(tmp_path, {"content/uses/research.md": USE})
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1 file checked, 0 findings, 0 targets missed."


def test_json_gives_the_counts_behind_every_score(run, tmp_path):
    make(tmp_path, {"content/uses/research.md": USE})
    result = run("--format", "json")
    data = json.loads(result.output)
    [entry] = data["files"]
    # Research | We share data for research. | You can say no. | Research helps find
    # better care. | ask us | opt out: 6 sentences, 1 + 5 + 4 + 5 + 2 + 2 = 19 words.
    assert entry["counts"]["sentences"] == 6
    assert entry["counts"]["words"] == 19
    assert set(entry["counts"]) == {"sentences", "words", "syllables", "letters", "characters",
                                    "polysyllables", "complex_words", "words_4_syllables",
                                    "long_words"}
    assert [s["name"] for s in entry["scores"]] == [
        "flesch_reading_ease", "flesch_kincaid_grade", "smog", "gunning_fog", "coleman_liau",
        "ari", "lix"]
    assert entry["targets"]["reading_age"] == [9, 11]
    assert data["totals"] == {"files": 1, "findings": 0, "targets_missed": 0}


def test_html_colours_sentences_and_underlines_findings(run, tmp_path):
    make(tmp_path, {"content/uses/research.md": USE + "\nYour data is shared.\n"})
    result = run("--format", "html", "-o", "report.html")
    assert result.exit_code == 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<span class="s band-0" title="line 11: 4 words">Your data is shared.' not in html
    assert '<span class="s band-0" title="line 11: 4 words">Your data ' in html
    assert '<mark class="f r-passive-voice" title="passive-voice: passive voice: ' in html
    assert ">is shared</mark><sup>1</sup>" in html


def test_paths_can_be_files_or_folders_of_any_kind(run, tmp_path):
    make(tmp_path, {"notes/a.txt": "Call 111. It is free.\n",
                    "out/leaflet.html": "<html lang='en'><main><p>We help you.</p></main></html>"})
    result = run("--format", "json", "notes", "out/leaflet.html")
    files = json.loads(result.output)["files"]
    assert [(f["path"], f["material"], f["counts"]["sentences"]) for f in files] == [
        ("notes/a.txt", None, 2), ("out/leaflet.html", "leaflet", 1)]


def test_every_translated_locale_is_checked_in_its_own_language(run, tmp_path):
    make(tmp_path, {
        "content/uses/research.md": USE,
        "locales/pl/LC_MESSAGES/content.po": """\
            msgid "We share data for research."
            msgstr "Udostępniamy dane do badań."
            """,
        "locales/cy/LC_MESSAGES/content.po": """\
            msgid "You can say no."
            msgstr "Gallwch chi ddweud na."
            """,
    })
    data = json.loads(run("--format", "json").output)
    assert [(f["path"], f["lang"], f["scores"][0]["name"]) for f in data["files"]] == [
        ("content/uses/research.md", "en", "flesch_reading_ease"),
        ("locales/cy/LC_MESSAGES/content.po", "cy", "lix"),
        ("locales/pl/LC_MESSAGES/content.po", "pl", "fog_pl"),
    ]
    welsh = data["files"][1]
    assert welsh["validated_formula"] is False
    assert welsh["note"].startswith("No validated readability formula exists for Welsh")
    only_polish = json.loads(run("--format", "json", "--locale", "pl").output)
    assert [f["lang"] for f in only_polish["files"]] == ["pl"]


def test_a_missing_locale_is_bad_input(run, tmp_path):
    make(tmp_path, {"content/uses/research.md": USE})
    result = CliRunner().invoke(check, ["--locale", "xx"])
    assert result.exit_code == 2
    assert 'no translation found for "xx"' in result.output


def test_project_targets_apply_per_material(run, tmp_path):
    make(tmp_path, {
        "content/uses/research.md": USE + f"\n{LONG}\n",
        "informed.yaml": """\
            readability:
              materials:
                long-form: {max_sentence_words: 40}
              files:
                "content/uses/*.md": long-form
            """,
    })
    result = run()
    assert result.exit_code == 0, result.output
    assert "32 words (target 20)." in result.output


def test_bad_targets_are_reported_with_file_line_and_key(run, tmp_path):
    make(tmp_path, {
        "content/uses/research.md": USE,
        "informed.yaml": """\
            version: "1.0"
            readability:
              targets:
                smog: ten
            """,
    })
    result = CliRunner().invoke(check, [])
    assert result.exit_code == 2
    assert 'informed.yaml:4: readability.targets.smog: expected a number, got "ten"' in (
        result.output)


def test_the_command_does_not_import_weasyprint_or_babel_without_catalogs(tmp_path):
    import subprocess
    import sys

    make(tmp_path, {"content/uses/research.md": USE})
    code = ("import sys; from informed.readability.command import check\n"
            "try:\n    check.main([], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'babel', 'jinja2') if m in sys.modules))")
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(src)}, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_the_build_checks_a_page_against_its_material_targets(tmp_path):
    from informed.readability import Checker, summarise

    make(tmp_path, {"informed.yaml": "readability:\n  materials:\n"
                                     "    poster: {sentence_words: 5}\n",
                    "content/glossary.yaml": "terms:\n  - term: ICB\n    expansion: integrated "
                                             "care board\n    definition: x\n"})
    checker = Checker(tmp_path)
    html = ("<html lang='en-GB'><body><nav>Menu</nav><main><h1>Your record</h1>"
            "<p>The ICB uses data from every practice in the area.</p></main></body></html>")
    report = checker.check_html(html, "output/x/en-GB/poster.html", "poster")
    assert report.material == "poster"
    assert [(f.rule, f.message) for f in report.findings] == [
        ("long-sentence", "10 words (target 5)"),
        ("acronym", '"ICB" is not spelt out at first use'),
    ]
    # Your(1) re-cord(2) | The(1) ICB(3) us-es(2) da-ta(2) from(1) ev-er-y(3) prac-tice(2)
    # in(1) the(1) ar-e-a(3): 12 words, 22 syllables, 2 sentences, 3 words of 3+ syllables.
    # FK = 0.39*6 + 11.8*22/12 - 15.59 = 2.34 + 21.6333 - 15.59 = 8.3833; + 5 = 13.4.
    # SMOG = 1.0430*sqrt(3*30/2) + 3.1291 = 1.0430*6.7082 + 3.1291 = 10.1.
    # The page has 12 words (< 100), so the scores are not judged against targets.
    assert summarise(report, checker.targets("poster")) == (
        "output/x/en-GB/poster.html: reading age 13.4 (target 9 to 11), SMOG 10.1, "
        "6.0 words per sentence, 2 findings")


def test_a_cold_check_of_all_the_shipped_content_is_quick():
    """A regression guard: a fresh process checks all content and translations.

    The goal is under 1 second on a developer's machine; the bound here is looser so that
    a busy CI machine does not fail it, but parsing CMUdict at run time would.
    """
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    code = ("import time; start = time.process_time()\n"
            "from informed.readability.command import check\n"
            "try:\n    check.main([], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(time.process_time() - start)")
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True,
                            text=True, env={"PYTHONPATH": str(repo / "src")}, check=True)
    assert "files checked" in result.stdout
    assert float(result.stdout.splitlines()[-1]) < 2.5


def test_under_the_informed_command_it_checks_the_project_folder(tmp_path, monkeypatch):
    from informed.cli import cli

    make(tmp_path / "workspace", {"content/uses/research.md": USE + f"\n{LONG}\n"})
    monkeypatch.setitem(cli.commands, "check", check)
    result = CliRunner().invoke(cli, ["--project", str(tmp_path / "workspace"), "check",
                                      "--locale", "en", "--format", "json"])
    files = json.loads(result.output)["files"]
    # The workspace's own use file is checked, with the built-in content behind it.
    assert "content/uses/research.md" in [f["path"] for f in files]
    research = next(f for f in files if f["path"] == "content/uses/research.md")
    assert research["counts"]["sentences"] == 7
    assert result.exit_code == 1


def test_a_file_it_cannot_read_is_named_and_nothing_at_all_is_bad_input(run, tmp_path):
    make(tmp_path, {"settings.yaml": "a: 1\n", "content/uses/research.md": USE})
    alone = run("settings.yaml")
    assert alone.exit_code == 2
    assert ("settings.yaml: skipped: not a file informed can check (content Markdown or YAML, "
            "built HTML, PO catalogs or text)") in alone.output
    assert "Error: nothing to check in the paths given" in alone.output
    mixed = run("settings.yaml", "content/uses/research.md")
    assert mixed.exit_code == 0
    assert "settings.yaml: skipped" in mixed.output
    assert "1 file checked" in mixed.output

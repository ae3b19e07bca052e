"""Translations: extraction, the locale commands, checks, counting and lossless updates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from conftest import REPO, run
from informed.i18n.blocks import split_blocks, translate_markdown
from informed.i18n.catalogs import effective_catalog, read_catalog
from informed.i18n.check import markdown_problems, message_problems, placeholders
from informed.i18n.extract import extract_content_catalog, extract_ui
from informed.i18n.locales import cldr_plural_forms
from informed.i18n.stats import count
from informed.project import Project

UI = "locales/tr/LC_MESSAGES/ui.po"
CONTENT = "locales/tr/LC_MESSAGES/content.po"
ICO_ROLE = ("The ICO makes sure organisations look after your information properly. You can "
            "complain to the ICO if you are unhappy with how we use your information.")


def translate(path: Path, strings: dict[str, str], fuzzy: bool = False) -> None:
    """Fill in msgstr for the given msgids, as a translator's tool would."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for msgid, text in strings.items():
        message = catalog[msgid]
        assert message is not None, msgid
        message.string = text
        if fuzzy:
            message.flags.add("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, include_previous=True)


def set_header(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    # The value may be wrapped over several lines; the next field starts with a capital.
    pattern = rf'"{name}: [^"]*"\n(?:"[^"]*"\n)*?(?="[A-Z])'
    text, done = re.subn(pattern, f'"{name}: {value}\\\\n"\n', text, count=1)
    assert done == 1
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def ro(project):
    """A project with a new Turkish locale."""
    root = project()
    result = run(root, "locale", "add", "tr")
    assert result.exit_code == 0, result.output
    return root


# --- Markdown blocks ----------------------------------------------------------------------


def test_markdown_is_split_into_paragraphs_headings_and_list_items():
    text = ("Intro line one\ncontinues here.\n\n### A heading\n\n- first item\n"
            "- second item\n  wraps\n\n1. step one\n2. step **two**\n")
    blocks = split_blocks(text)
    assert [(b.prefix, b.text) for b in blocks] == [
        ("", "Intro line one continues here."),
        ("### ", "A heading"),
        ("- ", "first item"),
        ("- ", "second item wraps"),
        ("1. ", "step one"),
        ("2. ", "step **two**"),
    ]
    assert [b.line for b in blocks] == [0, 3, 5, 6, 9, 10]
    upper = translate_markdown(text, str.upper)
    assert upper == ("INTRO LINE ONE CONTINUES HERE.\n\n### A HEADING\n\n- FIRST ITEM\n"
                     "- SECOND ITEM WRAPS\n\n1. STEP ONE\n2. STEP **TWO**\n")


# --- extraction -------------------------------------------------------------------------


def test_content_extraction_takes_only_allowed_fields_with_stable_keys(project):
    catalog = extract_content_catalog(Project(project()))
    summary = catalog.get("Research finds better ways to prevent and treat illness. We only "
                          "share details that show who you are if you agree, or if a study has "
                          "special legal approval.")
    assert summary is not None
    assert "uses/research.md: summary" in summary.auto_comments
    assert any(loc[0] == "content/uses/research.md" for loc in summary.locations)
    heading = catalog.get("Details that show who you are")
    assert heading is not None and "md-text" in heading.flags
    assert "uses/research.md: body (Markdown: keep **, [text](link) and the words inside "\
           "them paired)" in heading.auto_comments
    ids = {m.id for m in catalog}
    # Never ids, web addresses, phone numbers, dates or source titles.
    for untranslatable in ("research", "0300 303 5678", "nhs.uk/your-nhs-data-matters",
                           "https://www.nhs.uk/your-nhs-data-matters/", "2026-10-01",
                           "Article 6(1)(e)", "X99999"):
        assert untranslatable not in ids
    assert "if you are 13 or over" in ids
    example = catalog.get("your NHS number")
    assert "record/categories.yaml: personal-details.examples" in example.auto_comments
    welcome = next(m for m in catalog if m.id.startswith("We keep a record of your health"))
    assert welcome.auto_comments == ["practices/example-surgery/practice.yaml: welcome"]


def test_ui_extraction_reads_templates_and_fails_on_a_broken_one(project):
    catalog = extract_ui(Project(project()))
    message = catalog.get("Version %(version)s")
    assert message is not None and "python-format" in message.flags
    assert catalog.get("Your GP record") is not None
    broken = project({"templates/leaflet.html.j2": "<p>{{ _('Hello') }</p>\n"})
    result = run(broken, "locale", "add", "tr")
    assert result.exit_code == 2
    assert "templates/leaflet.html.j2:1: cannot extract strings:" in result.output
    assert not (broken / UI).exists()


# --- locale add -------------------------------------------------------------------------


def test_locale_add_creates_both_catalogs_with_the_cldr_plural_header(project):
    root = project()
    result = run(root, "locale", "add", "tr")
    assert result.exit_code == 0, result.output
    assert "Created locales/tr for Turkish (Türkçe):" in result.output
    assert re.search(r"locales/tr/LC_MESSAGES/ui.po: \d+ strings \(\d+ words\) to translate",
                     result.output)
    for path in (UI, CONTENT):
        catalog = read_catalog(root / path)
        assert str(catalog.locale) == "tr"
        assert all(not m.string for m in catalog if m.id)
        # The header line is wrapped at 79 columns, as Poedit wraps it.
        header = (root / path).read_text().replace('"\n"', "")
        assert f'Plural-Forms: {cldr_plural_forms("tr")}\\n' in header
    meta = (root / "locales/tr/locale.yaml").read_text(encoding="utf-8")
    assert "status: unreviewed" in meta and "name: Türkçe" in meta
    assert "direction: ltr" in meta and "script: Latn" in meta
    again = run(root, "locale", "add", "tr")
    assert again.exit_code == 2
    assert "locales/tr/LC_MESSAGES/ui.po already exists; to bring it up to date, run: " \
           "informed locale update tr" in again.output
    source = run(root, "locale", "add", "en-GB")
    assert source.exit_code == 2 and "en-GB is the language the content is written in" \
        in source.output
    unknown = run(root, "locale", "add", "xx-nonsense")
    assert unknown.exit_code == 2 and 'unknown language "xx-nonsense"' in unknown.output


# --- locale update ----------------------------------------------------------------------


def test_update_is_lossless_fuzzy_with_previous_and_obsolete(ro):
    translate(ro / CONTENT, {
        ICO_ROLE: "ICO se asigură că organizațiile au grijă de informațiile dumneavoastră.",
        "Information Commissioner's Office (ICO)": "Biroul Comisarului pentru Informații (ICO)",
    })
    organisations = (Path(__file__).parents[1] / "content/organisations.yaml").read_text()
    changed = organisations.replace("how we use your information.", "how we use your data.")
    changed = changed.replace("name: \"Information Commissioner's Office (ICO)\"",
                              'name: "ICO"')
    assert changed != organisations
    (ro / "content").mkdir(exist_ok=True)
    (ro / "content/organisations.yaml").write_text(changed, encoding="utf-8")

    result = run(ro, "locale", "update", "tr")
    assert result.exit_code == 0, result.output
    assert re.search(r"locales/tr/LC_MESSAGES/content.po: \d+ new, 1 changed \(now fuzzy\), "
                     r"1 no longer used \(kept as obsolete\)", result.output)
    assert "locales/tr/LC_MESSAGES/ui.po: up to date" in result.output
    text = (ro / CONTENT).read_text(encoding="utf-8")
    # The changed string is fuzzy, shows the old English, and keeps the translation.
    fuzzy = text[text.index("#, fuzzy\n#| msgid"):]
    # Wrapped at 79 columns as Poedit and msgcat wrap it (this is msgcat's output).
    assert fuzzy.startswith(
        '#, fuzzy\n#| msgid ""\n'
        '#| "The ICO makes sure organisations look after your information properly. "\n'
        '#| "You can complain to the ICO if you are unhappy with how we use your "\n'
        '#| "information."\n'
        'msgid ""\n'
        '"The ICO makes sure organisations look after your information properly. You "\n'
        '"can complain to the ICO if you are unhappy with how we use your data."\n'
        'msgstr ""\n'
        '"ICO se asigură că organizațiile au grijă de informațiile dumneavoastră."\n')
    # The removed string is kept as obsolete, with its translation.
    assert ('#~ msgid "Information Commissioner\'s Office (ICO)"\n'
            '#~ msgstr "Biroul Comisarului pentru Informații (ICO)"') in text
    catalog = read_catalog(ro / CONTENT)
    assert catalog.get(ICO_ROLE.replace("information.", "data.")).fuzzy

    # Running it again changes nothing; putting the string back restores its translation.
    assert "content.po: up to date" in run(ro, "locale", "update").output
    (ro / "content/organisations.yaml").unlink()
    back = run(ro, "locale", "update", "tr")
    assert "1 used again (restored)" in back.output
    restored = read_catalog(ro / CONTENT).get("Information Commissioner's Office (ICO)")
    assert restored.string == "Biroul Comisarului pentru Informații (ICO)"
    assert not restored.fuzzy


def test_update_never_loses_a_translation_of_any_string(ro):
    catalog = read_catalog(ro / UI)
    # translate() finds strings by msgid alone, so those with a context are left out.
    written = {m.id: f"RO {i}" for i, m in enumerate(catalog)
               if m.id and "%" not in m.id and not m.context}
    translate(ro / UI, written)
    # Every template string disappears: all of them must survive as obsolete entries.
    (ro / "templates").mkdir()
    for path in (Path(__file__).parents[1] / "templates").rglob("*.j2"):
        target = ro / "templates" / path.relative_to(Path(__file__).parents[1] / "templates")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("{# no strings #}\n", encoding="utf-8")
    assert run(ro, "locale", "update").exit_code == 0
    after = read_catalog(ro / UI)
    kept = {m.id: m.string for m in after.obsolete.values()}
    kept.update({m.id: m.string for m in after if m.id})
    for msgid, text in written.items():
        assert kept.get(msgid) == text, msgid


# --- locale status ----------------------------------------------------------------------


def test_counting_fuzzy_is_untranslated_and_plurals_need_every_form():
    catalog = Catalog(locale="pl")
    catalog.add("One two", "Raz dwa")
    catalog.add("Three words here", "Trzy słowa", flags=["fuzzy"])
    catalog.add("Not done", "")
    catalog.add(("%(num)s file", "%(num)s files"), ("%(num)s plik", "%(num)s pliki", "", ""))
    catalog.add(("%(num)s day", "%(num)s days"),
                ("%(num)s dzień", "%(num)s dni", "%(num)s dni", "%(num)s dnia"))
    counts = count(catalog)
    assert (counts.translated, counts.fuzzy, counts.untranslated) == (2, 1, 2)
    assert (counts.translated_words, counts.fuzzy_words, counts.untranslated_words) == (3, 3, 3)
    assert round(counts.percent) == 40


def test_status_table_and_json(ro):
    translate(ro / UI, {"Your GP record": "Dosarul dumneavoastră medical",
                        "Version %(version)s": "Versiunea %(version)s"})
    translate(ro / UI, {"In this leaflet": "În această broșură"}, fuzzy=True)
    table = run(ro, "locale", "status", "tr")
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == ["Locale", "Language", "Script", "Review", "Domain",
                                "Translated", "Fuzzy", "Untranslated", "Words", "translated"]
    ui_row = lines[1].split()
    assert ui_row[:6] == ["tr", "Türkçe", "(Turkish)", "Latn", "ltr", "unreviewed"]
    assert ui_row[6] == "ui" and ui_row[7].startswith("2/") and ui_row[9] == "1"
    data = json.loads(run(ro, "locale", "status", "tr", "--format", "json").output)
    assert data[0]["locale"] == "tr" and data[0]["review"] == "unreviewed"
    assert data[0]["direction"] == "ltr" and data[0]["script"] == "Latn"
    ui = data[0]["domains"]["ui"]
    assert (ui["translated"], ui["fuzzy"]) == (2, 1)
    assert ui["translated_words"] == 4  # "Your GP record" and "Version"
    assert ui["untranslated"] == ui["total"] - 3
    assert data[0]["domains"]["content"]["translated"] == 0


def test_status_says_when_the_catalog_is_behind_the_templates(ro):
    ro_templates = ro / "templates"
    ro_templates.mkdir()
    original = (Path(__file__).parents[1] / "templates/leaflet.html.j2").read_text()
    (ro_templates / "leaflet.html.j2").write_text(
        original.replace("{% block body %}", "{% block body %}<p>{{ _('A brand new line') }}</p>",
                         1), encoding="utf-8")
    result = run(ro, "locale", "status", "tr")
    assert ("tr/ui: 1 new strings are not in the catalog yet; run: informed locale update tr"
            in result.output)


# --- locale check -----------------------------------------------------------------------


def test_check_passes_a_good_catalog_and_reports_fuzzy_as_unchecked(ro):
    translate(ro / UI, {"Version %(version)s": "Versiunea %(version)s"})
    translate(ro / UI, {"Produced %(date)s": "Produs"}, fuzzy=True)
    result = run(ro, "locale", "check", "tr")
    assert result.exit_code == 0, result.output
    assert "ok: locales/tr/LC_MESSAGES/ui.po (1 fuzzy, not checked)" in result.output
    assert "ok: locales/tr/LC_MESSAGES/content.po" in result.output


def test_check_reports_placeholders_tags_and_markdown_with_lines(ro):
    translate(ro / UI, {
        "Version %(version)s": "Versiunea",
        "Produced %(date)s": "Produs %(data)s",
        "Next review %(date)s": "Revizuire %(date)s, 100%",
        "Your GP record": "Dosarul <script>alert(1)</script>",
    })
    translate(ro / CONTENT, {"Details that show who you are": "Detalii care **arată cine sunteți"})
    result = run(ro, "locale", "check", "tr")
    assert result.exit_code == 2
    line = next(m.lineno for m in read_catalog(ro / UI) if m.id == "Version %(version)s")
    assert (f'locales/tr/LC_MESSAGES/ui.po:{line}: msgid "Version %(version)s": the translation '
            "drops the placeholder %(version)s") in result.output
    assert ('msgid "Produced %(date)s": unknown placeholder %(data)s (the English text has: '
            "%(date)s)") in result.output
    assert 'msgid "Produced %(date)s": the translation drops the placeholder %(date)s' \
        in result.output
    assert 'msgid "Next review %(date)s": "%" is not a placeholder; write a percent sign ' \
           "as %%" in result.output
    assert ('msgid "Your GP record": HTML tags must be the same as in the English text '
            "(which has: none)") in result.output
    assert ('msgid "Details that show who you are": the bold (**) markers are not paired'
            in result.output)
    assert "6 problems found." in result.output


def test_a_po_syntax_error_names_its_line(ro):
    lines = (ro / UI).read_text(encoding="utf-8").splitlines()
    at = lines.index('msgid "Version %(version)s"') + 2
    lines.insert(at, "this is not PO {{")
    (ro / UI).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(ro, "locale", "check", "tr")
    assert result.exit_code == 2
    assert (f"locales/tr/LC_MESSAGES/ui.po:{at + 1}: this is not a valid PO file: Unknown or "
            "misformatted keyword\n") in result.output


def test_check_plural_header_must_match_cldr(ro):
    # The classic gettext rule for Turkish is written differently but means the same.
    set_header(ro / UI, "Plural-Forms", "nplurals=2; plural=n != 1;")
    assert run(ro, "locale", "check", "tr").exit_code == 0
    set_header(ro / UI, "Plural-Forms", "nplurals=1; plural=0;")
    result = run(ro, "locale", "check", "tr")
    assert result.exit_code == 2
    lines = (ro / UI).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith('"Plural-Forms:'))
    assert (f"locales/tr/LC_MESSAGES/ui.po:{line}: Plural-Forms does not match the CLDR plural "
            f'rules for tr: expected "{cldr_plural_forms("tr")}", '
            'got "nplurals=1; plural=0;"'
            in result.output)


def test_message_checks_on_plurals_and_links():
    catalog = Catalog(locale="tr")
    plural = catalog.add(("%(num)s day", "%(num)s days"), ("o zi", "%(num)s zile"),
                         flags=["python-format"])
    assert message_problems(plural, 3, "ui") == [
        "expected 3 plural forms (msgstr[0] to msgstr[2]), got 2"]
    plural.string = ("o zi", "%(num)s zile", "%(num)s de zile")
    assert message_problems(plural, 3, "ui") == []
    assert placeholders("%(a)s and %%")[0] == {"a": 1}
    assert markdown_problems("See [the NHS](https://www.nhs.uk).",
                             "Vezi [NHS](https://evil.example).") == [
        "the links must keep the same addresses as the English text: https://www.nhs.uk"]
    assert markdown_problems("A `code` and __b__", "Un `cod` și __b__") == []


def test_a_project_translation_wins_over_an_empty_or_fuzzy_built_in_one(project):
    root = project()
    builtin = read_catalog(REPO / "locales/pl/LC_MESSAGES/ui.po")
    # A string the built-in catalog has, but not translated (or fuzzy), in the project too.
    target = next(m for m in builtin if m.id and isinstance(m.id, str)
                  and (not m.string or m.fuzzy))
    own = root / "locales/pl/LC_MESSAGES/ui.po"
    own.parent.mkdir(parents=True)
    catalog = Catalog(locale="pl", domain="ui")
    catalog.add(target.id, "PRZETŁUMACZONE", context=target.context)
    with own.open("wb") as handle:
        write_po(handle, catalog)
    merged = effective_catalog(Project(root), "pl", "ui")
    message = merged.get(target.id, target.context)
    assert message.string == "PRZETŁUMACZONE"
    assert not message.fuzzy


@pytest.mark.parametrize("tag", ["es", "it", "pt", "fr", "pl", "ar", "cy", "tr"])
def test_plural_forms_are_gettext_expressions_of_n_alone(tag):
    import gettext

    from informed.i18n.locales import cldr_plural_forms

    rule = cldr_plural_forms(tag)
    # CLDR's compact-number operand "e" (Spanish, Italian, Portuguese) is not gettext.
    plural = gettext.c2py(rule.split("plural=", 1)[1].rstrip(";"))
    assert {plural(n) for n in range(200)} <= set(range(int(rule.split(";")[0][-1])))

"""Plain-language findings: each rule fires where it should, with file:line:col and advice."""

from __future__ import annotations

from dataclasses import replace

from informed.readability import Targets, analyse_markdown, analyse_text, build_lexicon

GLOSSARY = [
    {"term": "integrated care board", "aliases": ["ICB"], "plainer": "local NHS body",
     "definition": "The NHS body that plans care in your area."},
    {"term": "ICB", "expansion": "integrated care board",
     "definition": "The NHS body that plans care in your area."},
    {"term": "pseudonymised", "plainer": "with your name replaced by a code",
     "definition": "Your name is replaced by a code."},
    {"term": "subject access request", "definition": "Asking for a copy of your record."},
]


def findings(text: str, rule: str, lang: str = "en", markdown: bool = False,
             targets: Targets | None = None) -> list[tuple[str, str]]:
    lexicon = build_lexicon(GLOSSARY)
    analyse = analyse_markdown if markdown else analyse_text
    report = analyse(text, lang=lang, source="t.md", targets=targets, lexicon=lexicon)
    return [(f"{f.location()} {f.severity}", f.message) for f in report.findings
            if f.rule == rule]


def words(n: int) -> str:
    return " ".join(["Word"] + ["word"] * (n - 2)) + " end."


def test_a_sentence_over_20_words_is_flagged_and_over_30_misses_the_target():
    text = f"{words(20)} {words(21)}\n\n{words(31)}"
    assert findings(text, "long-sentence") == [
        ("t.md:1:101 warning", "21 words (target 20)"),
        ("t.md:3:1 error", "31 words (target 20, limit 30)"),
    ]


def test_a_paragraph_over_3_sentences_is_flagged_but_a_list_is_not():
    text = "One. Two. Three.\n\nOne. Two. Three. Four.\n\n- One. Two. Three. Four.\n"
    assert findings(text, "long-paragraph", markdown=True) == [
        ("t.md:3:1 warning", "4 sentences (target 3)")]


def test_passive_voice():
    text = ("Your data is shared with researchers. Records are not usually kept on paper. "
            "You are registered with us. We share your data. Data is (de-identified) first. "
            "Your record has been read.")
    assert findings(text, "passive-voice") == [
        ("t.md:1:11 warning", 'passive voice: "is shared"'),
        ("t.md:1:47 warning", 'passive voice: "are not usually kept"'),
        ("t.md:1:173 warning", 'passive voice: "been read"'),
    ]


def test_words_with_a_plainer_alternative():
    text = "We utilise it in order to help. Piles (haemorrhoids) are common."
    assert findings(text, "plain-words") == [
        ("t.md:1:4 warning", '"utilise" has a plainer word'),
        ("t.md:1:15 warning", '"in order to" has a plainer word'),
    ]


def test_a_glossary_term_is_flagged_once_unless_the_text_explains_it():
    text = "Data is pseudonymised. Pseudonymised data is safer."
    assert findings(text, "plain-words") == [
        ("t.md:1:9 warning", '"pseudonymised" has a plainer word')]
    explained = "Data is pseudonymised (your name is replaced by a code). It is safer."
    assert findings(explained, "plain-words") == []


def test_a_term_used_before_it_is_explained():
    text = ("Make a subject access request.\n\nAsking for your record is called a "
            "subject access request.")
    assert findings(text, "term-before-definition") == [
        ("t.md:1:8 warning", '"subject access request" is used before it is explained '
                             "(line 3)")]


def test_acronyms_must_be_spelt_out_at_first_use():
    assert findings("The ICB plans care. The ICB meets.", "acronym") == [
        ("t.md:1:5 warning", '"ICB" is not spelt out at first use')]
    assert findings("The integrated care board (ICB) plans care. The ICB meets.", "acronym") == []
    assert findings("The ICB (integrated care board) plans care.", "acronym") == []
    assert findings("Contact PALS (Patient Advice and Liaison Service).", "acronym") == []
    assert findings("The NHS and your GP can help.", "acronym") == []


def test_the_acronym_advice_uses_the_glossary_expansion():
    report = analyse_text("The ICB plans care.", lexicon=build_lexicon(GLOSSARY))
    [finding] = [f for f in report.findings if f.rule == "acronym"]
    assert finding.suggestion == 'Write "integrated care board (ICB)" the first time.'


def test_writing_about_patients_instead_of_to_you():
    assert findings("Patients can ask for a copy. You can too.", "address-reader") == [
        ("t.md:1:1 warning", '"Patients": written about the reader, not to them')]


def test_percentages_fractions_and_decimals():
    text = "About 12.5% of people, or 1/8, take 2.5 tablets. That is 20 per cent."
    assert findings(text, "numbers") == [
        ("t.md:1:7 warning", "12.5%: a percentage"),
        ("t.md:1:27 warning", "1/8: a fraction"),
        ("t.md:1:37 warning", "2.5: a decimal"),
        ("t.md:1:61 warning", "per cent: a percentage"),
    ]


def test_times_and_thousands_are_not_decimals():
    assert findings("Open 9.30am to 5:30pm for 1,000 people.", "numbers") == []


def test_rules_can_be_switched_off():
    targets = replace(Targets(), disable=frozenset({"address-reader"}))
    assert findings("Patients can ask.", "address-reader", targets=targets) == []


def test_english_only_rules_do_not_run_on_other_languages():
    text = "Dane są udostępniane. Pacjenci mogą zapytać. To 50% osób."
    for rule in ("passive-voice", "plain-words", "acronym", "address-reader"):
        assert findings(text, rule, lang="pl") == []
    assert findings(text, "numbers", lang="pl") == [("t.md:1:49 warning", "50%: a percentage")]
    assert findings(words(25), "long-sentence", lang="pl") == [
        ("t.md:1:1 warning", "25 words (target 20)")]

"""Sentence splitting: abbreviations, numbers, lists and headings (where textstat goes wrong)."""

from __future__ import annotations

import pytest

from informed.readability import analyse_markdown, analyse_text
from informed.readability.sentences import split_sentences


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_call_111_it_is_free_is_two_sentences():
    assert sentences("Call 111. It is free.") == ["Call 111.", "It is free."]


@pytest.mark.parametrize("text", [
    "Bring proof of address, e.g. a bank letter or a bill.",
    "Tell us if your details change, i.e. your name or address.",
    "Dr Patel and Dr. Jones work here with Mr. Khan, Mrs. Ali and Ms. Lee.",
    "We share data with teams in the U.S. and Canada.",
    "The U.K. Biobank is a study of half a million people.",
    "Bring your medicines, inhalers, etc. to the appointment.",
    "We are open from 8 a.m. to 6.30 p.m. on weekdays.",
    "The clinic runs at 9 a.m. Monday to Friday.",
    "See No. 5 on the list, approx. two pages in.",
    "It was written by J. R. R. Tolkien in Oxford.",
])
def test_abbreviations_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(("text", "expected"), [
    ("We moved to the U.K. The NHS cared for us.",
     ["We moved to the U.K.", "The NHS cared for us."]),
    ("Bring your medicines, inhalers, etc. Then wait to be called.",
     ["Bring your medicines, inhalers, etc.", "Then wait to be called."]),
    ("We close at 6 p.m. Call 111 after that.", ["We close at 6 p.m.", "Call 111 after that."]),
    ("Take vitamin D. It keeps bones strong.", ["Take vitamin D.", "It keeps bones strong."]),
    ("Is it free? Yes! It is.", ["Is it free?", "Yes!", "It is."]),
    ("Wait… The results are here.", ["Wait…", "The results are here."]),
    ("Version 2.5 is out. It is 3.5% faster.", ["Version 2.5 is out.", "It is 3.5% faster."]),
    ("Visit nhs.uk/app. It is free.", ["Visit nhs.uk/app.", "It is free."]),
])
def test_abbreviations_and_numbers_can_still_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_colons_and_semicolons_do_not_end_a_sentence():
    text = "You have two choices: say yes; or say no."
    assert sentences(text) == [text]


def test_scripts_with_their_own_full_stops_are_split():
    assert len(sentences("یہ مفت ہے۔ ہمیں کال کریں۔", "ur")) == 2
    assert len(sentences("এটা বিনামূল্যে। আমাদের ফোন করুন।", "bn")) == 2
    assert len(sentences("هل هو مجاني؟ نعم.", "ar")) == 2


def test_a_bullet_list_without_full_stops_is_one_sentence_per_item():
    report = analyse_markdown("You can:\n\n- ask for a copy\n- correct a mistake\n- opt out\n")
    assert [s.text for s in report.sentences] == [
        "You can:", "ask for a copy", "correct a mistake", "opt out"]
    assert [s.kind for s in report.sentences] == ["paragraph", "item", "item", "item"]


def test_plain_text_bullets_are_sentences_too():
    report = analyse_text("You can:\n- ask for a copy\n* correct a mistake\n1. opt out\n")
    assert report.counts.sentences == 4


def test_headings_are_sentences_even_without_a_full_stop():
    report = analyse_markdown("# Your record\n\nIt is kept safe. Only staff can see it.\n")
    assert [s.text for s in report.sentences] == [
        "Your record", "It is kept safe.", "Only staff can see it."]
    assert report.sentences[0].kind == "heading"


def test_a_list_item_with_two_sentences_counts_both():
    report = analyse_markdown("- Call 111. It is free.\n- Ask at reception\n")
    assert [s.text for s in report.sentences] == ["Call 111.", "It is free.", "Ask at reception"]


def test_lines_of_one_paragraph_join_into_sentences():
    report = analyse_markdown("We keep your\nrecord safe. Staff\nsign a promise.\n")
    assert [s.text for s in report.sentences] == ["We keep your record safe.",
                                                  "Staff sign a promise."]

"""Tokens and numbers: how phone numbers, NHS numbers, URLs, emails and figures are counted."""

from __future__ import annotations

import pytest

from informed.readability.numbers import cardinal, ordinal, spoken
from informed.readability.tokens import tokenise


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenise(text)]


def test_phone_numbers_nhs_numbers_urls_and_emails_are_one_token_each():
    text = ("Call 0300 311 22 33 or 111, email gp.surgery@nhs.net, see "
            "https://www.nhs.uk/your-nhs-data-matters/. Your NHS number is 943 476 5919.")
    assert kinds(text) == [
        ("Call", "word"), ("0300 311 22 33", "phone"), ("or", "word"), ("111", "phone"),
        ("email", "word"), ("gp.surgery@nhs.net", "email"), ("see", "word"),
        ("https://www.nhs.uk/your-nhs-data-matters/", "url"), ("Your", "word"),
        ("NHS", "acronym"), ("number", "word"), ("is", "word"), ("943 476 5919", "nhs_number"),
    ]


def test_a_bare_domain_is_a_url_but_a_full_stop_after_it_is_not():
    assert kinds("Go to nhs.uk/app.") == [("Go", "word"), ("to", "word"), ("nhs.uk/app", "url")]


def test_numbers_after_call_or_text_are_phone_numbers():
    assert kinds("Text 85258 now") == [("Text", "word"), ("85258", "phone"), ("now", "word")]
    assert kinds("About 85258 people")[1] == ("85258", "number")


def test_groups_of_digits_that_are_not_a_phone_number_stay_separate_numbers():
    assert kinds("between 10 20 30") == [
        ("between", "word"), ("10", "number"), ("20", "number"), ("30", "number")]


def test_words_keep_apostrophes_hyphens_and_ampersands():
    assert kinds("Don't opt-out of A&E’s GPs") == [
        ("Don't", "word"), ("opt-out", "word"), ("of", "word"), ("A&E’s", "acronym"),
        ("GPs", "acronym")]


def test_letters_of_other_scripts_stay_whole_words():
    assert [t.text for t in tokenise("আমাদের ফোন করুন")] == ["আমাদের", "ফোন", "করুন"]
    assert [t.text for t in tokenise("میں ٹھیک ہوں")] == ["میں", "ٹھیک", "ہوں"]


@pytest.mark.parametrize(("token", "words"), [
    ("7", ["seven"]),
    ("21", ["twenty", "one"]),
    ("105", ["one", "hundred", "and", "five"]),
    ("1,250", ["one", "thousand", "two", "hundred", "and", "fifty"]),
    ("2024", ["twenty", "twenty", "four"]),
    ("2005", ["two", "thousand", "and", "five"]),
    ("1900", ["nineteen", "hundred"]),
    ("1905", ["nineteen", "oh", "five"]),
    ("3.25", ["three", "point", "two", "five"]),
    ("50%", ["fifty", "per", "cent"]),
    ("£1", ["one", "pound"]),
    ("£20", ["twenty", "pounds"]),
    ("50p", ["fifty", "p"]),
    ("21st", ["twenty", "first"]),
    ("12th", ["twelfth"]),
    ("9am", ["nine", "a", "m"]),
    ("6.30pm", ["six", "thirty", "p", "m"]),
    ("10:05", ["ten", "oh", "five"]),
    ("1/2", ["one", "half"]),
    ("3/4", ["three", "quarters"]),
    ("2/3", ["two", "thirds"]),
    ("5k", ["five", "thousand"]),
])
def test_numbers_are_read_aloud_the_british_way(token, words):
    assert spoken(token) == words


def test_cardinals_and_ordinals_of_large_numbers():
    assert cardinal(1_000_000) == ["one", "million"]
    assert cardinal(2_000_050) == ["two", "million", "and", "fifty"]
    assert ordinal(100) == ["one", "hundredth"]
    assert ordinal(40) == ["fortieth"]


@pytest.mark.parametrize(("token", "syllables"), [
    # The table in docs/readability.md, "Numbers, phone numbers, NHS numbers...".
    ("7", 2), ("12", 1), ("20", 2), ("150", 6), ("1,000", 3), ("2024", 5), ("1948", 5),
    ("2005", 5), ("3.5", 3), ("50%", 4), ("£10", 2), ("50p", 3), ("21st", 3), ("9am", 3),
    ("6.30pm", 5), ("10:05", 3), ("1/2", 2), ("3/4", 3), ("2/3", 2),
    ("0300 311 22 33", 11), ("111", 3), ("943 476 5919", 11),
])
def test_the_documented_number_rules(token, syllables):
    from informed.readability.syllables import count_syllables

    assert count_syllables(token) == syllables

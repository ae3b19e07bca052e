"""The helpers behind the study checks: example values, first-person wording and acronyms."""

from __future__ import annotations

import pytest

from informed.examples import find_example_values
from informed.study import first_person, unexplained_acronyms


@pytest.mark.parametrize(("text", "found"), [
    ("Sponsor: University of Exampleton, 10 College Road, Exampleton.", ["Exampleton"]),
    ("Email dpo@example.org or see https://www.example.org/data-protection.",
     ["dpo@example.org", "www.example.org/data-protection"]),
    ("Write to research@EXAMPLE.COM today", ["research@EXAMPLE.COM"]),
    ("Visit www.example-surgery.nhs.uk or write to example.surgery@nhs.net",
     ["example-surgery.nhs.uk", "example.surgery@nhs.net"]),
    ("ODS code X99999; IRAS ID 999999; REC 26/EX/0999", ["X99999", "999999", "26/EX/0999"]),
    ("Call 01632 960 010, 01632960123, +44 (0)20 7946 0123, 0113 496 0555 or 07700 900 123.",
     ["01632 960 010", "01632960123", "+44 (0)20 7946 0123", "0113 496 0555",
      "07700 900 123"]),
    ("Ask Sam Example or Professor Alex Sample.", ["Sam Example", "Alex Sample"]),
    ("at Example Surgery", ["Example Surgery"]),
])
def test_example_values_are_found_in_order(text, found):
    assert find_example_values(text) == found


@pytest.mark.parametrize("text", [
    "For Example, the Blood Sample Study at High Street Surgery (X12345).",
    "Call 0300 303 5678 or 020 7972 2000; IRAS ID 312345 or 9999999; REC 26/NE/0123.",
    "www.hra.nhs.uk/information-about-patients/ and counterexample.org.uk",
    "An example of a sample: examples of what we take.",
])
def test_ordinary_text_and_real_numbers_are_not_example_values(text):
    assert find_example_values(text) == []


def test_each_example_value_is_reported_once():
    assert find_example_values("Exampleton and Exampleton again") == ["Exampleton"]


@pytest.mark.parametrize(("text", "mine"), [
    ("Your personal details", "My personal details"),
    ("only your year of birth and your sex", "only my year of birth and my sex"),
    ("the age you were when you had the test", "the age I was when I had the test"),
    ("tests that you have had, and yours alone", "tests that I have had, and mine alone"),
    ("You were given and what we sent you", "I was given and what we sent me"),
    ("Youth services", "Youth services"),
])
def test_first_person_turns_you_into_me(text, mine):
    assert first_person(text) == mine


def test_acronyms_spelt_out_together_in_one_bracket():
    text = "the UK General Data Protection Regulation (UK GDPR) and the Information " \
           "Commissioner's Office (ICO); UK GDPR again"
    assert unexplained_acronyms(text) == []
    assert unexplained_acronyms("UK GDPR applies (see the rules)") == ["UK", "GDPR"]
    assert unexplained_acronyms("the ICB (integrated care board) and CPRD") == ["CPRD"]

"""The fast counter for plain sentences gives exactly the counts of the token-by-token path."""

from __future__ import annotations

from pathlib import Path

import pytest

from informed.readability.analysis import _FastCounter, measure
from informed.readability.sentences import split_sentences
from informed.readability.sources import content_documents
from informed.readability.syllables import counter
from informed.readability.tokens import tokenise

REPO = Path(__file__).resolve().parents[2]

CRAFTED = [
    "The NHS and your GP share data with the ICB.",
    "DO NOT STOP TAKING YOUR MEDICINE WITHOUT ADVICE.",
    "Patients' records aren't sent to A&E’s teams or the opt-out service.",
    "Anonymised, pseudonymised and aggregated information is different.",
    "NHS-funded care is free at the point of use.",
    "Caldicott guardians review safeguarding arrangements.",
]


def both(text: str, lang: str):
    fast = _FastCounter(lang, counter(lang)).count(text)
    tokens = tokenise(text, lang=lang)
    slow = measure(tokens, counter(lang), lang == "en")
    return fast, slow, tokens


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_sentences(text):
    fast, slow, tokens = both(text, "en")
    assert fast is not None
    assert fast[0] == slow
    assert fast[1] == [t.text.lower().replace("’", "'") for t in tokens]


@pytest.mark.parametrize(("text", "lang"), [
    ("Informacja o zdrowiu jest ważna dla pacjenta.", "pl"),
    ("Die Einwilligung ist freiwillig und jederzeit widerrufbar.", "de"),
    ("Gallwch chi ddweud na unrhyw bryd.", "cy"),
])
def test_other_languages(text, lang):
    fast, slow, _ = both(text, lang)
    assert fast is not None
    assert fast[0] == slow


def test_every_plain_sentence_of_the_shipped_content():
    checked = 0
    for document in content_documents([REPO], REPO):
        for block in document.blocks:
            for start, end in split_sentences(block.text):
                text = block.text[start:end]
                fast, slow, _ = both(text, "en")
                if fast is None:
                    continue  # numbers, URLs or emails: counted from tokens anyway
                assert fast[0] == slow, text
                checked += 1
    assert checked > 300

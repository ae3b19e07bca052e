"""Words in every Indic script keep their vowel signs: a sign never splits a word."""

from __future__ import annotations

import pytest

from informed.readability.tokens import WORD


@pytest.mark.parametrize("text, words", [
    ("આ એક ગુજરાતી વાક્ય છે.", ["આ", "એક", "ગુજરાતી", "વાક્ય", "છે"]),       # Gujarati
    ("ਤੁਹਾਡਾ ਜੀਪੀ ਰਿਕਾਰਡ", ["ਤੁਹਾਡਾ", "ਜੀਪੀ", "ਰਿਕਾਰਡ"]),                 # Gurmukhi
    ("আপনার জিপি রেকর্ড", ["আপনার", "জিপি", "রেকর্ড"]),                    # Bengali
    ("தமிழ் மொழி", ["தமிழ்", "மொழி"]),                                    # Tamil
    ("آپ کا ریکارڈ", ["آپ", "کا", "ریکارڈ"]),                              # Urdu
])
def test_a_vowel_sign_stays_in_its_word(text, words):
    assert WORD.findall(text) == words

"""Split a sentence into tokens: words, acronyms, numbers, phone and NHS numbers, URLs, emails."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .data import data_yaml


# Letters of any script, with the combining marks (Arabic vowel signs, Indic
# matras and viramas) that Python's \w leaves out.
def _combining_marks() -> str:
    """Every combining mark (Unicode category M) from U+0300 to U+1FFF, as a character-class
    body, plus the joiners: vowel signs belong to their word in every script (Gujarati, Tamil
    and the rest as well as Devanagari, Bengali and Gurmukhi)."""
    ranges: list[list[int]] = []
    for code in range(0x0300, 0x2000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    body = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return body + "\u200c\u200d"


MARKS = _combining_marks()
LETTER = rf"(?:[^\W\d_]|[{MARKS}])"
APOSTROPHES = "'’"

TOKEN = re.compile(
    rf"""
    # The usual case first, and fast: letters only, not the start of an email, a web
    # address or a word with digits or combining marks (those are found below).
    (?P<plain>[^\W\d_]+(?:[{APOSTROPHES}\-&][^\W\d_]+)*[{APOSTROPHES}]?
        (?![\w{MARKS}]|[.@+{APOSTROPHES}\-&][\w{MARKS}]|://))
  # An email starts where a run of its characters starts: trying it at every dot of
  # "a.a.a..." would take time in proportion to the square of the run's length.
  | (?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<url>(?:https?://|www\.)[^\s<>"()]+
      | (?<![\w@.-])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|nhs|io|eu|info|scot|wales)
        (?:/[^\s<>"()]*)?(?![\w@-]))
  | (?P<digits>\+44[\s\d()]{{8,16}}\d|(?<![\d.,])\d{{3,5}}(?:[ -]\d{{2,4}}){{1,3}}(?![\d,]|\.\d))
  | (?P<number>[£$€]?\d+(?:[,.:]\d+)*(?:/\d+)?(?:%|(?:st|nd|rd|th|am|pm|p|k|m|bn)\b)?)
  | (?P<word>{LETTER}+(?:[{APOSTROPHES}\-&](?:{LETTER}|\d)+)*[{APOSTROPHES}]?)
    """,
    re.X | re.I,
)
URL_TRAILING = ".,;:!?'’\""
# Only text with one of these can hold an email, a URL or a number (two cheap
# searches rather than one slow one).
SPECIAL_CHARACTER = re.compile(r"[@/\d_]")
DOT_IN_WORD = re.compile(r"\.\w")
# Two capitals in a row: the sentence may hold an acronym.
ACRONYM_HINT = re.compile(r"[A-Z][A-Z&]")
# Without digits or underscores, \w is a letter: one character class is much
# faster than LETTER's alternation.
WORD = re.compile(rf"[\w{MARKS}]+(?:[{APOSTROPHES}\-&][\w{MARKS}]+)*[{APOSTROPHES}]?")


@dataclass(slots=True)
class Token:
    """One token of a sentence: its text, where it starts in the block, and its kind."""

    text: str
    start: int
    kind: str  # word, acronym, number, phone, nhs_number, url, email


@cache
def _english() -> tuple[frozenset[str], frozenset[str]]:
    data = data_yaml("english.yaml")
    return frozenset(data["service_numbers"]), frozenset(data.get("phone_verbs", ()))


def tokenise(text: str, offset: int = 0, lang: str = "en") -> list[Token]:
    """Split text into tokens; `offset` is added to every start position."""
    if not SPECIAL_CHARACTER.search(text) and not DOT_IN_WORD.search(text):
        return _words_only(text, offset)
    tokens: list[Token] = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        value = match.group()
        start = match.start() + offset
        if kind == "plain":
            kind = "word"
        if kind == "url":
            value = value.rstrip(URL_TRAILING)
        elif kind == "digits":
            kind = _classify_digits(value)
            if kind == "number":
                tokens.extend(_separate_numbers(match, offset))
                continue
        elif kind == "word":
            value = value.rstrip(APOSTROPHES) if not value.endswith("s'") else value
            if is_acronym(value):
                kind = "acronym"
        tokens.append(Token(value, start, kind))
    if lang == "en":
        _mark_spoken_phone_numbers(tokens)
    return tokens


def plain_words(text: str) -> list[str] | None:
    """The words of a sentence that has only words (no numbers, URLs or emails), else None.

    The same words, in the same order, as tokenise() makes for such a sentence.
    """
    if SPECIAL_CHARACTER.search(text) or DOT_IN_WORD.search(text):
        return None
    return WORD.findall(text)


def _words_only(text: str, offset: int) -> list[Token]:
    """The fast path for the usual sentence: words and nothing else."""
    tokens = []
    append = tokens.append
    for match in WORD.finditer(text):
        value = match.group()
        if value[-1] in APOSTROPHES and not value.endswith("s'"):
            value = value.rstrip(APOSTROPHES)
        kind = "acronym" if value[:2].isupper() and is_acronym(value) else "word"
        append(Token(value, match.start() + offset, kind))
    return tokens


def _classify_digits(value: str) -> str:
    """Tell a UK phone number or an NHS number from a run of separate numbers."""
    count = sum(ch.isdigit() for ch in value)
    if value.startswith("+44") or (value.startswith("0") and count in (10, 11)):
        return "phone"
    groups = re.split(r"[ -]", value)
    if count == 10 and [len(g) for g in groups] == [3, 3, 4] and value[0] != "0":
        return "nhs_number"
    return "number"


def _separate_numbers(match: re.Match[str], offset: int) -> list[Token]:
    return [Token(part.group(), match.start() + part.start() + offset, "number")
            for part in re.finditer(r"\d+", match.group())]


def is_acronym(word: str) -> bool:
    """Two or more capitals (with &), maybe a plural s: NHS, A&E, GPs, ICBs."""
    if not word[:2].isupper():
        return False
    core = word[:-1] if len(word) > 2 and word[-1] == "s" else word
    core = core.rstrip(APOSTROPHES)
    letters = [ch for ch in core if ch != "&"]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and core.isupper()


def _mark_spoken_phone_numbers(tokens: list[Token]) -> None:
    """Service numbers (111, 999) and numbers after "call"/"text" are read digit by digit."""
    services, verbs = _english()
    previous = ""
    for token in tokens:
        if token.kind == "number" and token.text.isdigit() and (
            token.text in services or (previous in verbs and len(token.text) >= 3)
        ):
            token.kind = "phone"
        previous = token.text.lower()

"""Split a block of text into sentences without breaking at abbreviations (e.g., Dr, U.K.)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .data import data_yaml

# Sentence-final punctuation, with any closing quotes or brackets, before a
# space or the end. Includes the Arabic/Urdu question mark and full stop, and
# the danda used by Bengali and Punjabi (Gurmukhi).
END = re.compile(r"(?:[.!?…]+|[؟۔।॥。！？])[\"'”’»)\]]*(?=\s|$)")
WORD_BEFORE = re.compile(r"[^\s(\[\"'“‘«]+$")
NON_SPACE = re.compile(r"\S")
NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[]*(\S*)")
INITIALISM = re.compile(r"^(?:\w\.){2,}$")
UNCASED = {"ar", "ur", "fa", "bn", "pa", "hi", "gu", "ta", "te", "zh", "ja", "ko", "th", "he"}


@dataclass(frozen=True, slots=True)
class Abbreviations:
    never_final: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]


@cache
def abbreviations(lang: str) -> Abbreviations:
    data = data_yaml("abbreviations.yaml").get(lang, {})
    return Abbreviations(
        frozenset(data.get("never_final", ())),
        frozenset(data.get("may_end", ())),
        frozenset(data.get("sentence_starters", ())),
    )


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in `text`.

    A block's end always ends a sentence (so headings and list items are
    sentences). Colons and semicolons do not end sentences.
    """
    abbrev = abbreviations(lang)
    cased = lang not in UNCASED
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in END.finditer(text):
        end = match.end()
        if end <= start:
            continue
        if end >= len(text) or (  # the end of the block, or the common case:
                match.group() == "." and text[end] == " " and text[end + 1:end + 2].isupper()
                and text[match.start() - 1:match.start()].islower()
                and _plain_word_before(text, match.start(), abbrev)) or _ends_sentence(
                    text, match, abbrev, cased):
            spans.append((start, match.end()))
            start = _skip_space(text, match.end())
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, index: int) -> int:
    found = NON_SPACE.search(text, index)
    return found.start() if found else len(text)


def _plain_word_before(text: str, end: int, abbrev: Abbreviations) -> bool:
    """Is the word before the full stop at `end` an ordinary word (no full stops inside,
    not an abbreviation, more than one letter)?"""
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end]
    return (len(word) > 1 and "." not in word and word.isalpha()
            and word.lower() + "." not in abbrev.never_final
            and word.lower() + "." not in abbrev.may_end)


def _ends_sentence(text: str, match: re.Match[str], abbrev: Abbreviations, cased: bool) -> bool:
    mark = match.group()
    following = NEXT_WORD.match(text, match.end())
    next_word = following.group(1) if following else ""
    if not next_word:
        return True  # the end of the block
    if mark[0] not in ".…":
        return True  # ! ? and the scripts' own full stops always end a sentence
    starts_upper = next_word[0].isupper()
    if mark[0] == "…" or mark.startswith(".."):
        return starts_upper or not cased  # an ellipsis ends a sentence before a capital
    # Look back a little way only: searching from the start of a long block is slow.
    before = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
    word = before.group().lower() if before else ""
    if word in abbrev.never_final:
        return False
    if word in abbrev.may_end or INITIALISM.match(word):
        # "at 6 p.m. Monday" goes on; "at 6 p.m. Call us" is a new sentence.
        if not starts_upper:
            return False
        return not abbrev.starters or _bare(next_word) in abbrev.starters
    if len(word) == 2 and word[0].isalpha() and before and before.group()[0].isupper():
        # An initial, as in "John F. Kennedy", unless the word before is lower case
        # ("vitamin D. It is made ...").
        previous = WORD_BEFORE.search(text, max(0, before.start() - 40),
                                      max(before.start() - 1, 0))
        if starts_upper and (previous is None or previous.group()[:1].isupper()):
            return False
        if re.match(r"^[A-Z]\.$", next_word):
            return False  # J. R. R. Tolkien
    if not cased:
        return True
    return starts_upper or next_word[0].isdigit() or not next_word[0].isalpha()


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'“”‘’()[]").lower()

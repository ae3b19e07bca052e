"""Count syllables: CMUdict for English, spoken acronyms and numbers, vowel rules elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from . import numbers
from .data import data_yaml, syllable_table
from .tokens import Token, tokenise

#: Letters in the longest word in English dictionaries (pneumonoultramicroscopic...).
LONGEST_WORD = 45
SIBILANT_END = re.compile(r"(?:s|x|z|ch|sh|[cgsz]e)$")
LETTERS_ONLY = re.compile(r"[^a-z]")


class English:
    """English syllables, as a British reader would say the word."""

    def __init__(self) -> None:
        data = data_yaml("english.yaml")
        self.table = syllable_table()
        self.variants = [(re.compile(find), replace) for find, replace in data["spelling_variants"]]
        self.suffixes = [(end, replace, int(added)) for end, replace, added in data["suffixes"]]
        self.prefixes = sorted(data["prefixes"].items(), key=lambda item: -len(item[0]))
        self.said_as_words: dict[str, int] = data["acronyms_said_as_words"]
        self.letters: dict[str, int] = data["letter_syllables"]
        self.cache: dict[str, int] = {}

    # -- tokens -------------------------------------------------------------

    def token(self, token: Token, shouting: bool = False) -> int:
        """Syllables of a token as read aloud (see docs/readability.md)."""
        kind = token.kind
        if kind == "word":
            text = token.text
            if "-" in text:
                return self.compound_token(text, shouting)
            lower = text.lower()
            hit = self.cache.get(lower)
            return hit if hit is not None else self.word(lower)
        if kind == "acronym":
            return self.word(token.text.lower()) if shouting else self.acronym(token.text)
        if kind in ("phone", "nhs_number"):
            return self.said(numbers.digits(token.text))
        if kind == "number":
            return self.said(numbers.spoken(token.text)) or 1
        return 1  # url, email: one unit the reader copies, not reads

    def compound_token(self, text: str, shouting: bool = False) -> int:
        """A word that may join parts with hyphens: COVID-19, x-ray, opt-out."""
        if "-" not in text:
            return self.word_or_acronym(text, shouting)
        return sum(self.word_or_acronym(part, shouting) for part in text.split("-") if part)

    def word_or_acronym(self, text: str, shouting: bool) -> int:
        if text[:1].isdigit():
            return self.said(numbers.spoken(text)) or 1
        upper = text.rstrip("s'’")
        if not shouting and len(upper) >= 2 and upper.isupper():
            return self.acronym(text)
        return self.word(text.lower())

    def acronym(self, text: str) -> int:
        """NHS = 3 (en-aitch-es), GPs = 2, A&E = 3, NICE = 1 (said as a word)."""
        core = re.sub(r"(?:'s|’s|s)$", "", text) if len(text) > 2 else text
        plural = core != text
        if core in self.said_as_words:
            return self.said_as_words[core]
        if len(core) >= 6 and core.lower() in self.table:
            return self.word(text.lower())  # a word in capitals, not an acronym
        count = sum(self.letters.get(ch, 1) for ch in core if ch.isalpha() or ch == "&")
        # "NHSs", "DBSs": a plural after a sibilant letter name adds a syllable.
        return count + (1 if plural and core[-1] in "SXZH" else 0)

    def said(self, words: list[str]) -> int:
        return sum(self.word(word) for word in words)

    # -- words --------------------------------------------------------------

    def word(self, word: str) -> int:
        """Syllables of a lower-case word (remembered in `self.cache`)."""
        hit = self.cache.get(word)
        if hit is None:
            hit = self.table.get(word)
            if hit is None:
                hit = self.unknown(word.replace("’", "'"))
            self.cache[word] = hit
        return hit

    def unknown(self, word: str) -> int:
        """A word missing from CMUdict: derive it from known words, else guess."""
        if "-" in word or "&" in word:
            return sum(self.word(part) for part in re.split(r"[-&]", word) if part)
        if len(word) > LONGEST_WORD:
            # No dictionary holds it, and trying every split would take time in proportion
            # to the square of its length: guess from the spelling, in one pass.
            return guess_english(word)
        return self.known(word, depth=2) or self.compound(word) or guess_english(word)

    def known(self, word: str, depth: int) -> int | None:
        """Syllables from the dictionary: directly, by British spelling, or by affixes."""
        hit = self.table.get(word)
        if hit is not None:
            return hit
        for candidate in self.spellings(word):
            hit = self.table.get(candidate)
            if hit is not None:
                return hit
        if "'" in word:
            return self.apostrophe(word, depth)
        if depth <= 0 or len(word) < 5:
            return None
        return self.inflected(word, depth) or self.by_suffix(word, depth) or self.by_prefix(
            word, depth
        )

    def spellings(self, word: str) -> list[str]:
        """American spellings to try for a British word: each rewrite alone, then all."""
        found = []
        combined = word
        for pattern, replacement in self.variants:
            if pattern.search(word):
                found.append(pattern.sub(replacement, word))
                combined = pattern.sub(replacement, combined)
        if len(found) > 1:
            found.append(combined)
        return found

    def apostrophe(self, word: str, depth: int) -> int | None:
        if word.endswith("'s"):
            base = self.known(word[:-2], depth) or guess_english(word[:-2])
            return base + (1 if SIBILANT_END.search(word[:-2]) else 0)
        if word.endswith("s'"):
            return self.known(word[:-1], depth) or guess_english(word[:-1])
        return self.known(word.replace("'", ""), depth)

    def inflected(self, word: str, depth: int) -> int | None:
        """Regular -s, -es and -ed endings, whose sound depends on the stem."""
        if word.endswith("es"):
            hit = self.known(word[:-1], depth - 1)  # changes -> change
            if hit is not None:
                return hit + (1 if SIBILANT_END.search(word[:-1]) else 0)
            hit = self.known(word[:-2], depth - 1)  # boxes -> box
            if hit is not None and SIBILANT_END.search(word[:-2]):
                return hit + 1
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            hit = self.known(word[:-1], depth - 1)
            if hit is not None:
                return hit
        if word.endswith("ed"):
            for stem in (word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else ""):
                if stem:
                    hit = self.known(stem, depth - 1)
                    if hit is not None:
                        spoken_end = stem[:-1] if stem.endswith("e") else stem
                        return hit + (1 if spoken_end.endswith(("t", "d")) else 0)
        return None

    def by_suffix(self, word: str, depth: int) -> int | None:
        for end, replacement, added in self.suffixes:
            if not word.endswith(end) or len(word) - len(end) < 3:
                continue
            stem = word[: -len(end)]
            stems = [stem + replacement]
            if not replacement:
                stems.append(stem + "e")
                if len(stem) > 3 and stem[-1] == stem[-2]:
                    stems.append(stem[:-1])
            for candidate in stems:
                hit = self.known(candidate, depth - 1)
                if hit is not None:
                    return hit + added
        return None

    def by_prefix(self, word: str, depth: int) -> int | None:
        for start, added in self.prefixes:
            if word.startswith(start) and len(word) - len(start) >= 3:
                hit = self.known(word[len(start):], depth - 1)
                if hit is not None:
                    return hit + int(added)
        return None

    def compound(self, word: str) -> int | None:
        """Two dictionary words run together: caseworker = case + worker."""
        table = self.table
        for split in range(len(word) - 3, 2, -1):
            left, right = word[:split], word[split:]
            if left in table and right in table:
                return table[left] + table[right]
        return None


HIATUS = re.compile(
    r"(?<![ctsgx])i[aou]"  # media, radio, aluminium (not special, nation, region)
    r"|eo(?!u)"  # video, rodeo (not gorgeous)
    r"|(?<![qg])u[ao]"  # actual, duo (not quality, guard)
    r"|[aeiouy]i(?=ng$)"  # going, being, saying
    r"|ism$"  # criticism
)
VOWEL_RUN = re.compile(r"[aeiouy]+")


def guess_english(word: str) -> int:
    """Guess an unknown English word's syllables from its spelling.

    Vowel groups, plus hiatus (radio), minus silent endings (-e, -es, -ed).
    Used only for words that CMUdict and its derivations do not cover.
    """
    w = LETTERS_ONLY.sub("", word.lower())
    if not w:
        return 1
    if w[0] == "y" and len(w) > 1 and w[1] in "aeiou":
        w = w[1:]  # a consonant y: yes, you
    count = len(VOWEL_RUN.findall(w)) + len(HIATUS.findall(w))
    if count > 1:
        if w.endswith("e") and w[-2] not in "aeiouy" and not re.search(r"[^aeiouy]le$", w):
            count -= 1  # silent e: care, include
        elif w.endswith("es") and len(w) > 3 and w[-3] not in "aeiouy" and not re.search(
            r"(?:[sxz]|ch|sh|[cg]|[^aeiouy]l)es$", w
        ):
            count -= 1  # notes
        elif w.endswith("ed") and len(w) > 3 and w[-3] not in "aeiouytd" and not re.search(
            r"[bcdfgkpstz]led$", w
        ):
            count -= 1  # linked (but not gobbled)
        if re.search(r"[^aeiouy]e(?:ly|ment|ments|ful|ness|less)$", w):
            count -= 1  # securely, statement
    return max(count, 1)


# -- other languages --------------------------------------------------------


class VowelRules:
    """Syllables by vowel groups: each vowel is a syllable unless it joins a listed diphthong."""

    def __init__(self, rules: dict) -> None:
        vowels = re.escape(rules["vowels"])
        self.run = re.compile(f"[{vowels}]+")
        self.joins = sorted(rules.get("join", []), key=len, reverse=True)
        self.lengths = sorted({len(j) for j in self.joins}, reverse=True)
        self.joinset = set(self.joins)
        self.silent = [re.compile(pattern) for pattern in rules.get("silent", [])]
        self.silent_final = [re.compile(pattern) for pattern in rules.get("silent_final", [])]
        self.cache: dict[str, int] = {}

    def word(self, word: str) -> int:
        hit = self.cache.get(word)
        if hit is None:
            hit = self.cache[word] = self._count(word.lower())
        return hit

    def _count(self, word: str) -> int:
        for pattern in self.silent:
            word = pattern.sub("", word)
        count = self._runs(word)
        if count > 1:
            for pattern in self.silent_final:
                shorter = pattern.sub("", word)
                if shorter != word:
                    count = max(self._runs(shorter), 1)
                    break
        return max(count, 1)

    def _runs(self, word: str) -> int:
        count = 0
        for run in self.run.findall(word):
            i = 0
            while i < len(run):
                for length in self.lengths:
                    if run[i : i + length] in self.joinset:
                        i += length
                        break
                else:
                    i += 1
                count += 1
        return count


@cache
def english() -> English:
    """The English counter, built once per process."""
    return English()


@cache
def counter(lang: str) -> Callable[[Token, bool], int] | None:
    """A function counting a token's syllables in `lang`, or None if we have no rule.

    Outside English, numbers and acronyms count one syllable each (Flesch's
    convention), since we do not read them aloud in every language.
    """
    if lang == "en":
        return english().token
    words = word_counter(lang)
    if words is None:
        return None

    def count(token: Token, shouting: bool = False) -> int:
        return words(token.text) if token.kind == "word" else 1

    return count


@cache
def word_counter(lang: str) -> Callable[[str], int] | None:
    """Syllables of a plain word (letters, maybe hyphens) in a language other than English."""
    rules = data_yaml("languages.yaml")["languages"].get(lang, {}).get("syllables")
    if not rules:
        return None
    vowel_rules = VowelRules(rules)

    def count(word: str) -> int:
        if "-" not in word:
            return vowel_rules.word(word)
        return sum(vowel_rules.word(part) for part in word.split("-") if part)

    return count


def count_syllables(text: str, lang: str = "en") -> int:
    """Syllables in a word or phrase as read aloud, e.g. "NHS" -> 3, "0300 311 22 33" -> 11."""
    count = counter(lang)
    if count is None:
        raise ValueError(f"no syllable rule for language {lang!r}")
    return sum(count(token, False) for token in tokenise(text, lang=lang))

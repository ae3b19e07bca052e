"""From a document to a report: sentences, counts, scores, plain-language findings, targets."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable

from . import metrics
from .document import Document
from .lexicon import Lexicon
from .report import Counts, Finding, Report, Sentence
from .rules import Context, run_rules
from .sentences import split_sentences
from .syllables import counter, english, word_counter
from .targets import Targets
from .tokens import ACRONYM_HINT, Token, is_acronym, plain_words, tokenise

SyllableCounter = Callable[[Token, bool], int]
#: Words that may be acronyms: two capitals, then capitals, &, or a plural s.
ACRONYM_LIKE = re.compile(r"(?<![\w'’&-])[A-Z][A-Z&][\w&'’-]*")
#: Deletes the marks that join words, leaving the letters.
NOT_LETTERS = str.maketrans("", "", "'’-&")


def analyse_document(document: Document, targets: Targets | None = None,
                     lexicon: Lexicon | None = None, findings: bool = True) -> Report:
    """Score a document and list what to fix, judged against `targets` (NHS defaults).

    With `findings` false, only counts and scores are worked out (no advice, no targets).
    """
    targets = targets or Targets()
    lang = metrics.base_language(document.lang)
    info = metrics.language(lang)
    name = info.get("name", document.lang)
    count = counter(lang)
    sentences = list(split_document(document, lang, count))
    totals = Counts()
    for sentence in sentences:
        totals.add(sentence.counts)
    scores = metrics.scores(lang, totals)
    grade = next((s.value for s in scores if s.name == "flesch_kincaid_grade"), None)
    validated = bool(info.get("formulas"))
    note = info.get("note", "")
    if not validated:
        note = (f"No validated readability formula exists for {name}: words per sentence "
                f"and LIX are relative measures, for comparing texts in {name} only. "
                + note).strip()
    report = Report(
        path=document.path, lang=document.lang, language=name, counts=totals, scores=scores,
        reading_age=None if grade is None else metrics.uk_reading_age(grade),
        validated=validated, note=note, material=document.material, sentences=sentences,
        blocks=document.blocks,
    )
    if findings:
        context = Context(document, sentences, lang, targets, lexicon)
        report.findings = judge(report, targets) + run_rules(context)
    return report


def split_document(document: Document, lang: str,
                   count: SyllableCounter | None) -> list[Sentence]:
    """Every sentence of every block, counted."""
    sentences: list[Sentence] = []
    fast = _FastCounter(lang, count)
    for index, block in enumerate(document.blocks):
        text = block.text
        for start, end in split_sentences(text, lang):
            sentence_text = text[start:end]
            tokens: list[Token] | None = None
            counted = fast.count(sentence_text)
            if counted is None:
                tokens = tokenise(sentence_text, start, lang)
                counted = (measure(tokens, count, lang == "en"), None) if tokens else None
            if counted is None:
                continue
            sentences.append(Sentence(sentence_text, document.path, block, block.kind, index,
                                      start, counted[0], lang, tokens, counted[1]))
    return sentences


class _FastCounter:
    """Counts a sentence of plain words without making tokens: the usual case, made fast.

    Gives the same counts as measure() (a test checks this on the shipped content).
    """

    def __init__(self, lang: str, count: SyllableCounter | None) -> None:
        self.english = lang == "en"
        self.counter = english() if self.english else None
        self.other = word_counter(lang) if not self.english and count else None

    def count(self, text: str) -> tuple[Counts, list[str] | None] | None:
        words = plain_words(text)
        if not words:
            return None
        n = len(words)
        lowered = None
        acronyms = _acronym_flags(text, words) if ACRONYM_HINT.search(text) else None
        if self.english:
            lowered = [w.lower() for w in words]
            syllables = list(map(self.counter.cache.get, lowered))
            if None in syllables:
                word = self.counter.word
                syllables = [s if s is not None else word(w)
                             for s, w in zip(syllables, lowered, strict=True)]
            shouting = acronyms is not None and _shouting_words(words)
            if acronyms is not None and not shouting:
                for i, flag in enumerate(acronyms):
                    if flag:
                        syllables[i] = self.counter.acronym(words[i])
            if "-" in text:
                for i, w in enumerate(words):
                    if "-" in w:
                        syllables[i] = self.counter.compound_token(w, shouting)
        elif self.other is not None:
            syllables = [1 if acronyms and acronyms[i] else self.other(w)
                         for i, w in enumerate(words)]
        else:
            syllables = [0] * n
        joined = "".join(words)
        letters = len(joined.translate(NOT_LETTERS))
        if letters == len(joined):
            lengths = sorted(map(len, words))
        else:  # some words hold apostrophes or hyphens, which are not letters
            lengths = sorted(len(w.translate(NOT_LETTERS)) for w in words)
        short = syllables.count(0) + syllables.count(1) + syllables.count(2)
        counts = Counts(sentences=1, words=n, syllables=sum(syllables), letters=letters,
                        characters=letters, polysyllables=n - short,
                        words_4_syllables=n - short - syllables.count(3),
                        long_words=n - bisect_right(lengths, 6))
        if self.english and counts.polysyllables:
            counts.complex_words = sum(
                1 for i, s in enumerate(syllables)
                if s >= 3 and not (acronyms and acronyms[i]) and _complex(words[i], i, s))
        if lowered and "’" in text:
            lowered = [w.replace("’", "'") for w in lowered]
        return counts, lowered


def _acronym_flags(text: str, words: list[str]) -> list[bool] | None:
    """Which words are acronyms (NHS, GPs, A&E), or None if none are."""
    found = {w for w in ACRONYM_LIKE.findall(text)
             if is_acronym(w.rstrip("'’") if not w.endswith("s'") else w)}
    return [w in found for w in words] if found else None


def _shouting_words(words: list[str]) -> bool:
    """The plain-words form of _shouting()."""
    capitals = sum(1 for w in words if len(w) > 1 and w.isupper())
    return len(words) >= 3 and capitals >= 0.75 * len(words)


def measure(tokens: list[Token], count: SyllableCounter | None, english: bool) -> Counts:
    """The counts of one sentence from its tokens (see docs/readability.md for the rules)."""
    counts = Counts(sentences=1, words=len(tokens))
    shouting = english and _shouting(tokens)
    for index, token in enumerate(tokens):
        syllables = count(token, shouting) if count else 0
        counts.syllables += syllables
        if token.kind in ("url", "email"):
            continue  # copied, not read: one word of one syllable, no letters
        text = token.text
        if text.isalpha():
            letters, digits = len(text), 0
        else:
            letters = sum(1 for ch in text if ch.isalpha() or unicodedata.category(ch)[0] == "M")
            digits = sum(1 for ch in text if ch.isdigit())
        counts.letters += letters
        counts.characters += letters + digits
        if letters > 6:
            counts.long_words += 1
        if syllables >= 3:
            counts.polysyllables += 1
            if syllables >= 4:
                counts.words_4_syllables += 1
            if english and token.kind == "word" and _complex(text, index, syllables):
                counts.complex_words += 1
    return counts


def _shouting(tokens: list[Token]) -> bool:
    """A sentence in capitals ("DO NOT STOP TAKING IT"): its capitals are words, not acronyms."""
    if not any(t.kind == "acronym" for t in tokens):
        return False
    words = [t for t in tokens if t.kind in ("word", "acronym")]
    capitals = sum(1 for t in words if len(t.text) > 1 and t.text.isupper())
    return len(words) >= 3 and capitals >= 0.75 * len(words)


def _complex(text: str, index: int, syllables: int) -> bool:
    """Gunning's complex word: 3+ syllables, but not a name, a hyphenated compound,
    or a word made 3 syllables only by -es, -ed or -ing."""
    if "-" in text or (index > 0 and text[:1].isupper()):
        return False
    lower = text.lower()
    added = (lower.endswith("ing")
             or (lower.endswith(("ted", "ded")))
             or (lower.endswith("es") and lower[-3:-2] in ("s", "x", "z", "h", "c", "g")))
    return not (added and syllables - 1 < 3)


#: Below this many words a sentence's own reading age means little: the formulas
#: were made for passages, and one long word makes a 5-word list item "grade 15".
SHORT_SENTENCE = 10


def sentence_band(sentence: Sentence, lang: str, targets: Targets) -> int:
    """0 easy, 1 a little hard, 2 hard: how the HTML report colours a sentence.

    Sentences of 10 or more words: by their own reading age (LIX outside English)
    against the target. Shorter ones: by their share of long words (3+ syllables
    in English, more than 6 letters elsewhere), and never worse than "a little hard".
    """
    c = sentence.counts
    if not c.words:
        return 0
    if targets.max_sentence_words is not None and c.words > targets.max_sentence_words:
        return 2
    english = metrics.base_language(lang) == "en"
    if c.words < SHORT_SENTENCE:
        hard = c.polysyllables if english else c.long_words
        return 1 if hard / c.words >= 0.4 else 0
    value = sentence_difficulty(sentence, lang)
    limit, step = (targets.reading_age[1], 3) if english else (targets.lix or 40, 10)
    band = 0 if value <= limit else 1 if value <= limit + step else 2
    return max(band, 1 if c.words > targets.sentence_words else 0)


def sentence_difficulty(sentence: Sentence, lang: str) -> float:
    """How hard one sentence is: a UK reading age in English, else its LIX."""
    c = sentence.counts
    if not c.words:
        return 0.0
    if metrics.base_language(lang) == "en":
        return metrics.uk_reading_age(metrics.flesch_kincaid_grade(c))
    return metrics.lix(c)


def judge(report: Report, targets: Targets) -> list[Finding]:
    """Document-level targets missed: reading age, SMOG, LIX (long texts only)."""
    if report.counts.words < targets.min_words or not report.sentences:
        return []
    first = report.sentences[0]
    misses: list[Finding] = []

    def miss(rule: str, message: str) -> None:
        misses.append(Finding(report.path, first.line, first.column, rule, message,
                              _hardest(report), "error"))

    # Judge the figures as shown (one decimal place), so "10.0 (target 10)" is never a miss.
    high = targets.reading_age[1]
    if report.reading_age is not None and round(report.reading_age, 1) > high:
        miss("reading-age", f"reading age {report.reading_age:.1f} "
                            f"(target {targets.describe_reading_age()})")
    smog = report.score("smog")
    if smog is not None and targets.smog is not None and round(smog, 1) > targets.smog:
        miss("smog", f"SMOG grade {smog:.1f} (target {targets.smog:g} or less)")
    lix = report.score("lix")
    if lix is not None and targets.lix is not None and round(lix) > targets.lix:
        miss("lix", f"LIX {lix:.0f} (target {targets.lix:g} or less)")
    return misses


def _hardest(report: Report, how_many: int = 3) -> str:
    """The lines of the hardest sentences (of those long enough to judge on their own)."""
    judged = [s for s in report.sentences if s.words >= SHORT_SENTENCE] or report.sentences
    ranked = sorted(judged, key=lambda s: -sentence_difficulty(s, report.lang))
    lines = list(dict.fromkeys(s.line for s in ranked))[:how_many]
    where = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    return f"Use shorter sentences and everyday words; start with the hardest ({where})."

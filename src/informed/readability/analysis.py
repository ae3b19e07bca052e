"""From a document to a report: sentences, counts, scores, plain-language findings, targets."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from . import metrics
from .document import Document
from .lexicon import Lexicon
from .report import Counts, Finding, Report, Sentence
from .rules import Context, run_rules
from .sentences import split_sentences
from .syllables import counter
from .targets import Targets
from .tokens import Token, tokenise

SyllableCounter = Callable[[Token, bool], int]


def analyse_document(document: Document, targets: Targets | None = None,
                     lexicon: Lexicon | None = None) -> Report:
    """Score a document and list what to fix, judged against `targets` (NHS defaults)."""
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
    context = Context(document, sentences, lang, targets, lexicon)
    report.findings = judge(report, targets) + run_rules(context)
    return report


def split_document(document: Document, lang: str,
                   count: SyllableCounter | None) -> list[Sentence]:
    """Every sentence of every block, with its tokens counted."""
    sentences: list[Sentence] = []
    english = lang == "en"
    for index, block in enumerate(document.blocks):
        text = block.text
        for start, end in split_sentences(text, lang):
            tokens = tokenise(text[start:end], start, lang)
            if not tokens:
                continue
            line, column = block.position(start)
            sentences.append(Sentence(
                text[start:end], document.path, line, column, block.kind, index, start,
                tokens, measure(tokens, count, english),
            ))
    return sentences


def measure(tokens: list[Token], count: SyllableCounter | None, english: bool) -> Counts:
    """The counts of one sentence (see docs/readability.md for the rules)."""
    counts = Counts(sentences=1, words=len(tokens))
    shouting = english and _shouting(tokens)
    for index, token in enumerate(tokens):
        syllables = count(token, shouting) if count else 0
        token.syllables = syllables
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
            if english and _fog_complex(token, index, syllables):
                counts.complex_words += 1
    return counts


def _shouting(tokens: list[Token]) -> bool:
    """A sentence in capitals ("DO NOT STOP TAKING IT"): its capitals are words, not acronyms."""
    words = [t for t in tokens if t.kind in ("word", "acronym")]
    capitals = sum(1 for t in words if len(t.text) > 1 and t.text.isupper())
    return len(words) >= 3 and capitals >= 0.75 * len(words)


def _fog_complex(token: Token, index: int, syllables: int) -> bool:
    """Gunning's complex word: 3+ syllables, but not a name, a hyphenated compound,
    or a word made 3 syllables only by -es, -ed or -ing."""
    text = token.text
    if token.kind != "word" or "-" in text or (index > 0 and text[:1].isupper()):
        return False
    lower = text.lower()
    added = (lower.endswith("ing")
             or (lower.endswith(("ted", "ded")))
             or (lower.endswith("es") and lower[-3:-2] in ("s", "x", "z", "h", "c", "g")))
    return not (added and syllables - 1 < 3)


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
    ranked = sorted(report.sentences, key=lambda s: -sentence_difficulty(s, report.lang))
    lines = list(dict.fromkeys(s.line for s in ranked))[:how_many]
    where = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    return f"Use shorter sentences and everyday words; start with the hardest ({where})."

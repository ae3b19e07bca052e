"""Plain-language findings: long sentences, passive voice, jargon, acronyms, numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .document import Document
from .lexicon import Lexicon, style
from .report import Finding, Sentence
from .targets import Targets
from .tokens import ACRONYM_HINT, Token


@dataclass
class Context:
    """Everything a rule looks at."""

    document: Document
    sentences: list[Sentence]
    lang: str
    targets: Targets
    lexicon: Lexicon | None = None

    def finding(self, sentence: Sentence, rule: str, message: str, suggestion: str,
                start: int | None = None, end: int | None = None,
                severity: str = "warning") -> Finding:
        """A finding on part of a sentence (offsets in its block's text)."""
        block = self.document.blocks[sentence.block]
        start = sentence.start if start is None else start
        end = sentence.start + len(sentence.text) if end is None else end
        line, column = block.position(start)
        return Finding(sentence.path, line, column, rule, message, suggestion, severity,
                       sentence.block, start, end)


def run_rules(context: Context) -> list[Finding]:
    """Every rule that applies to the document's language, minus the disabled ones."""
    findings: list[Finding] = []
    for name, rule in RULES:
        if name in context.targets.disable:
            continue
        findings.extend(rule(context))
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return findings


# -- every language ---------------------------------------------------------


def long_sentences(context: Context) -> Iterator[Finding]:
    """Sentences over the target length (NHS: 20 words); over the limit is a missed target."""
    target, limit = context.targets.sentence_words, context.targets.max_sentence_words
    for sentence in context.sentences:
        words = sentence.words
        if words <= target:
            continue
        missed = limit is not None and words > limit
        note = f", limit {limit}" if missed else ""
        yield context.finding(
            sentence, "long-sentence", f"{words} words (target {target}{note})",
            "Split it into shorter sentences, or make a list.",
            severity="error" if missed else "warning",
        )


def long_paragraphs(context: Context) -> Iterator[Finding]:
    """Paragraphs of more sentences than the target (NHS: 3)."""
    target = context.targets.paragraph_sentences
    by_block: dict[int, list[Sentence]] = {}
    for sentence in context.sentences:
        if sentence.kind == "paragraph":
            by_block.setdefault(sentence.block, []).append(sentence)
    for sentences in by_block.values():
        if len(sentences) > target:
            first = sentences[0]
            end = sentences[-1].start + len(sentences[-1].text)
            yield context.finding(
                first, "long-paragraph", f"{len(sentences)} sentences (target {target})",
                "Break it up: one idea per paragraph, or a list.", first.start, end,
            )


PERCENT_WORDS = re.compile(r"\b(?:per ?cent|percent)\b", re.I)
NUMERIC = re.compile(r"\d|cent", re.I)


def numbers(context: Context) -> Iterator[Finding]:
    """Percentages, fractions and decimals: hard for many readers (Rowlands et al. 2015)."""
    for sentence in context.sentences:
        if not NUMERIC.search(sentence.text):
            continue
        for token in sentence.tokens:
            if token.kind != "number":
                continue
            text = token.text
            if text.endswith("%"):
                kind, advice = "a percentage", 'Use words or "1 in 4"-style numbers.'
            elif "/" in text:
                kind, advice = "a fraction", 'Use words: "half", "a quarter", "1 in 3".'
            elif re.search(r"\d[.,]\d", text) and not re.search(r"[:]|[ap]m$", text, re.I) \
                    and not re.fullmatch(r"\d{1,3}(,\d{3})+", text):
                kind, advice = "a decimal", "Round it to a whole number, or use words."
            else:
                continue
            yield context.finding(sentence, "numbers", f"{text}: {kind}", advice,
                                  token.start, token.start + len(text))
        for match in PERCENT_WORDS.finditer(sentence.text):
            start = sentence.start + match.start()
            yield context.finding(sentence, "numbers", f"{match.group()}: a percentage",
                                  'Use words or "1 in 4"-style numbers.', start,
                                  start + len(match.group()))


# -- English ----------------------------------------------------------------


@cache
def _passive_words() -> tuple[frozenset, frozenset, frozenset, frozenset, str]:
    data = style("en")["passive"]
    return (frozenset(data["be"]), frozenset(data["between"]), frozenset(data["participles"]),
            frozenset(data["not_passive"]), data["advice"])


def passive_voice(context: Context) -> Iterator[Finding]:
    """A form of "be" or "get", then a past participle: "your data is shared"."""
    if context.lang != "en":
        return
    be, between, participles, not_passive, advice = _passive_words()
    for sentence in context.sentences:
        words = sentence.lowered
        if be.isdisjoint(words):
            continue
        for i, word in enumerate(words):
            if word not in be:
                continue
            j = i + 1
            while j < len(words) and j - i <= 3 and (words[j] in between or (
                    words[j].endswith("ly") and words[j] not in participles)):
                j += 1
            if j >= len(words):
                continue
            verb = words[j]
            if verb in not_passive or not (
                    verb in participles or (verb.endswith("ed") and len(verb) > 4)):
                continue
            # Only now make the tokens, for their positions (most sentences never get here).
            if sentence.tokens[j].kind != "word":
                continue
            gap = sentence.text[sentence.tokens[i].start - sentence.start:
                                sentence.tokens[j].start - sentence.start]
            if not _only_words(gap):
                continue  # "are (de-identified)", "is: stored"
            first, last = sentence.tokens[i], sentence.tokens[j]
            phrase = sentence.text[first.start - sentence.start: last.start - sentence.start
                                   + len(last.text)]
            yield context.finding(sentence, "passive-voice", f'passive voice: "{phrase}"',
                                  advice, first.start, last.start + len(last.text))


def address_reader(context: Context) -> Iterator[Finding]:
    """Writing about "patients" rather than to "you"."""
    data = (style(context.lang) or {}).get("reader") if context.lang == "en" else None
    if not data:
        return
    lexicon = _reader_lexicon(tuple(data["words"]))
    for sentence in context.sentences:
        for i, n, _term in lexicon.matches(sentence.lowered):
            start, end = _span(sentence.tokens, i, n)
            yield context.finding(sentence, "address-reader",
                                  f'"{sentence_slice(sentence, start, end)}": '
                                  "written about the reader, not to them",
                                  data["advice"], start, end)
            break  # once per sentence is enough


@cache
def _reader_lexicon(words: tuple[str, ...]) -> Lexicon:
    from .lexicon import Term, phrase_words

    lexicon = Lexicon()
    for text in words:
        lexicon.add(Term(text, phrase_words(text)))
    return lexicon


def plain_words(context: Context) -> Iterator[Finding]:
    """Words from our plain-words list, and glossary terms, with a plainer alternative.

    A glossary term is flagged once, at its first use, only if it is never
    explained in the document ("piles (haemorrhoids)", "this is called ...").
    """
    if context.lang != "en" or context.lexicon is None:
        return
    explained = _explained_terms(context)
    flagged: set[str] = set()
    known_acronyms = _well_known()
    for sentence in context.sentences:
        for i, n, term in context.lexicon.matches(sentence.lowered):
            if not term.plainer or term.text in known_acronyms:
                continue
            start, end = _span(sentence.tokens, i, n)
            if _in_brackets(sentence, start, end) or _followed_by_bracket(sentence, end):
                continue
            if sentence_slice(sentence, start, end).lower() in term.plainer.lower():
                continue  # the term is already the plain wording
            if term.origin == "glossary":
                if term.text.lower() in explained or term.text.lower() in flagged:
                    continue
                flagged.add(term.text.lower())
            shown = sentence_slice(sentence, start, end)
            yield context.finding(sentence, "plain-words", f'"{shown}" has a plainer word',
                                  f'Try "{term.plainer}".', start, end)


def terms_before_definition(context: Context) -> Iterator[Finding]:
    """Glossary terms used before the place where the document explains them."""
    if context.lang != "en" or context.lexicon is None:
        return
    first_use: dict[tuple[str, str], tuple[Sentence, int, int]] = {}
    explained_at: dict[tuple[str, str], Sentence] = {}
    glossary_index = context.lexicon.glossary_index()
    for sentence in context.sentences:
        for i, n, term in glossary_index.matches(sentence.lowered):
            key = (scope(context, sentence), term.text.lower())
            start, end = _span(sentence.tokens, i, n)
            if _explains(sentence, start, end):
                explained_at.setdefault(key, sentence)
            elif key not in explained_at:
                first_use.setdefault(key, (sentence, start, end))
    for key, (sentence, start, end) in first_use.items():
        later = explained_at.get(key)
        if later is None:
            continue
        shown = sentence_slice(sentence, start, end)
        yield context.finding(
            sentence, "term-before-definition",
            f'"{shown}" is used before it is explained (line {later.line})',
            "Explain it where it is first used.", start, end,
        )


def acronyms(context: Context) -> Iterator[Finding]:
    """Acronyms not spelt out at their first use: "integrated care board (ICB)"."""
    if context.lang != "en":
        return
    known = _well_known()
    expansions = context.lexicon.acronyms if context.lexicon else {}
    seen: set[tuple[str, str]] = set()
    for sentence in context.sentences:
        if not ACRONYM_HINT.search(sentence.text):
            continue
        for index, token in enumerate(sentence.tokens):
            if token.kind != "acronym":
                continue
            name = re.sub(r"(?:'s|’s|s)$", "", token.text) if len(token.text) > 2 else token.text
            where = (scope(context, sentence), name)
            if where in seen or name in known or token.text in known:
                continue
            seen.add(where)
            if _spelt_out(sentence, index, name, expansions.get(name)):
                continue
            expansion = expansions.get(name)
            advice = (f'Write "{expansion} ({name})" the first time.' if expansion else
                      f"Write it in full the first time, then ({name}).")
            yield context.finding(sentence, "acronym", f'"{name}" is not spelt out at first use',
                                  advice, token.start, token.start + len(token.text))


# -- helpers ----------------------------------------------------------------


def _only_words(text: str) -> bool:
    return re.fullmatch(r"[\w'’\s-]*", text) is not None


def scope(context: Context, sentence: Sentence) -> str:
    """The part of a file that a reader may see on its own: one entry of a YAML list, one
    front-matter field, or a Markdown body. First-use rules restart in each scope."""
    key = context.document.blocks[sentence.block].key
    parts = key.split(".")
    for index, part in enumerate(parts):
        if part.isdigit():
            return ".".join(parts[: index + 1])
    return key


@cache
def _well_known() -> frozenset[str]:
    return frozenset((style("en") or {}).get("well_known_acronyms", ()))


@cache
def _definition_cues() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Words before a term that introduce it ("called"), as one pattern; cues after it."""
    data = style("en")["definitions"]
    words = "|".join(re.escape(cue) for cue in data["before"] if cue[0].isalpha())
    before = re.compile(rf"(?:\(|\b(?:{words})(?:\s+(?:a|an|the))?)\s*$")
    return before, tuple(data["after"])


def _explained_terms(context: Context) -> set[str]:
    explained: set[str] = set()
    if context.lexicon is None:
        return explained
    for sentence in context.sentences:
        for i, n, term in context.lexicon.matches(sentence.lowered):
            if term.origin == "glossary":
                start, end = _span(sentence.tokens, i, n)
                if _explains(sentence, start, end):
                    explained.add(term.text.lower())
    return explained


def _explains(sentence: Sentence, start: int, end: int) -> bool:
    """Is the term at [start, end) explained right here?"""
    before_cue, after_cues = _definition_cues()
    if before_cue.search(_before(sentence, start).lower()):
        return True
    raw_after = _after(sentence, end).lower()
    after = raw_after.lstrip()
    return any(after.startswith(cue.strip()) if cue.strip() in "(:" else
               raw_after.startswith((" " + cue, cue)) for cue in after_cues)


def _before(sentence: Sentence, start: int) -> str:
    return sentence.text[: start - sentence.start]


def _after(sentence: Sentence, end: int) -> str:
    return sentence.text[end - sentence.start:]


def _in_brackets(sentence: Sentence, start: int, end: int) -> bool:
    before = _before(sentence, start)
    return before.rfind("(") > before.rfind(")")


def _followed_by_bracket(sentence: Sentence, end: int) -> bool:
    return _after(sentence, end).lstrip().startswith("(")


def _spelt_out(sentence: Sentence, index: int, name: str, expansion: str | None) -> bool:
    """"words (NAME)", "NAME (words)", or the glossary expansion in the same sentence."""
    token = sentence.tokens[index]
    text = sentence.text.lower()
    if expansion and expansion.lower() in text:
        return True
    before = _before(sentence, token.start)
    if before.rstrip().endswith("("):
        words = re.findall(r"[^\W\d_]+", before[: before.rstrip().rfind("(")])
        return _initials_match(words, name)
    after = _after(sentence, token.start + len(token.text))
    inside = re.match(r"\s*\(([^)]*)\)", after)
    if inside:
        return _initials_match(re.findall(r"[^\W\d_]+", inside.group(1)), name, anchored=True)
    return False


def _initials_match(words: list[str], name: str, anchored: bool = False) -> bool:
    """Do the last words (or, anchored, the first words) start with the acronym's letters?"""
    skip = set((style("en") or {}).get("acronym_skip_words", ()))
    letters = [ch.lower() for ch in name if ch.isalpha()]
    content = [w.lower() for w in words if w.lower() not in skip]
    if len(content) < len(letters):
        return False
    chosen = content[: len(letters)] if anchored else content[len(content) - len(letters):]
    initials = [w[0] for w in chosen]
    return initials == letters or "".join(w[0] for w in content).find("".join(letters)) >= 0


def _span(tokens: list[Token], i: int, n: int) -> tuple[int, int]:
    last = tokens[i + n - 1]
    return tokens[i].start, last.start + len(last.text)


def sentence_slice(sentence: Sentence, start: int, end: int) -> str:
    return sentence.text[start - sentence.start: end - sentence.start]


RULES: list[tuple[str, Callable[[Context], Iterator[Finding]]]] = [
    ("long-sentence", long_sentences),
    ("long-paragraph", long_paragraphs),
    ("passive-voice", passive_voice),
    ("plain-words", plain_words),
    ("term-before-definition", terms_before_definition),
    ("acronym", acronyms),
    ("address-reader", address_reader),
    ("numbers", numbers),
]

"""What an analysis returns: counts, scores, sentences and findings, for one document."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .document import Block
from .tokens import Token, tokenise


@dataclass(slots=True)
class Counts:
    """The raw counts behind every score (see docs/readability.md for the counting rules)."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    #: Letters only (a-z and other scripts' letters): Coleman–Liau, Gulpease.
    letters: int = 0
    #: Letters and digits: ARI.
    characters: int = 0
    #: Words of 3 or more syllables: SMOG and "% hard words".
    polysyllables: int = 0
    #: Gunning's complex words: 3+ syllables, not names, compounds or -es/-ed/-ing forms.
    complex_words: int = 0
    #: Words of 4 or more syllables: FOG-PL.
    words_4_syllables: int = 0
    #: Words of more than 6 letters: LIX.
    long_words: int = 0

    def add(self, other: Counts) -> None:
        self.sentences += other.sentences
        self.words += other.words
        self.syllables += other.syllables
        self.letters += other.letters
        self.characters += other.characters
        self.polysyllables += other.polysyllables
        self.complex_words += other.complex_words
        self.words_4_syllables += other.words_4_syllables
        self.long_words += other.long_words

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


@dataclass(slots=True)
class Sentence:
    """One sentence (or heading, or list item) with its source position and counts."""

    text: str
    path: str
    source: Block  # the block it is in
    kind: str  # heading | paragraph | item | cell (the kind of its block)
    block: int  # index of its block in the document
    start: int  # offset in the block's text
    counts: Counts
    lang: str = "en"
    _tokens: list[Token] | None = None
    _lowered: list[str] | None = None
    _position: tuple[int, int] | None = None

    @property
    def line(self) -> int:
        """1-based line of the sentence's first character in its file."""
        return self.position[0]

    @property
    def column(self) -> int:
        return self.position[1]

    @property
    def position(self) -> tuple[int, int]:
        if self._position is None:
            self._position = self.source.position(self.start)
        return self._position

    @property
    def words(self) -> int:
        return self.counts.words

    @property
    def tokens(self) -> list[Token]:
        """The sentence's tokens, made when first needed (most sentences never need them)."""
        if self._tokens is None:
            self._tokens = tokenise(self.text, self.start, self.lang)
        return self._tokens

    @property
    def lowered(self) -> list[str]:
        """The tokens in lower case (with straight apostrophes), for matching words."""
        if self._lowered is None:
            self._lowered = [t.text.lower().replace("’", "'") for t in self.tokens]
        return self._lowered


@dataclass(slots=True)
class Finding:
    """Something to fix, at a place in a file, with advice."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    suggestion: str = ""
    #: "error" when a target is missed (exit status 1), else "warning".
    severity: str = "warning"
    #: Where it is in the document: block index and offsets in the block's text.
    block: int | None = None
    start: int = 0
    end: int = 0

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self) -> dict:
        return {
            "path": self.path, "line": self.line, "column": self.column, "rule": self.rule,
            "severity": self.severity, "message": self.message, "suggestion": self.suggestion,
        }


@dataclass(slots=True)
class Score:
    """One formula's result, with what it means."""

    name: str
    label: str
    value: float
    #: "lower" if a lower value means easier text (grades), "higher" for ease scores.
    easier: str
    interpretation: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "value": round(self.value, 2),
                "easier": self.easier, "interpretation": self.interpretation}


@dataclass(slots=True)
class Report:
    """The readability of one document: counts, scores, reading age, sentences and findings."""

    path: str
    lang: str
    language: str
    counts: Counts
    scores: list[Score]
    #: UK reading age (years), English only: Flesch–Kincaid grade + 5.
    reading_age: float | None
    #: True if a validated formula exists for the language.
    validated: bool
    note: str = ""
    material: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def score(self, name: str) -> float | None:
        for score in self.scores:
            if score.name == name:
                return score.value
        return None

    @property
    def words_per_sentence(self) -> float:
        return self.counts.words / self.counts.sentences if self.counts.sentences else 0.0

    @property
    def percent_polysyllables(self) -> float:
        return 100 * self.counts.polysyllables / self.counts.words if self.counts.words else 0.0

    @property
    def misses(self) -> list[Finding]:
        """Findings that miss a target (these make `informed check` exit with status 1)."""
        return [f for f in self.findings if f.severity == "error"]

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "lang": self.lang,
            "language": self.language,
            "material": self.material,
            "validated_formula": self.validated,
            "note": self.note,
            "counts": self.counts.as_dict(),
            "words_per_sentence": round(self.words_per_sentence, 2),
            "percent_words_3_syllables": round(self.percent_polysyllables, 2),
            "reading_age": None if self.reading_age is None else round(self.reading_age, 1),
            "scores": [score.as_dict() for score in self.scores],
            "findings": [finding.as_dict() for finding in self.findings],
            "sentences": [
                {"line": s.line, "column": s.column, "kind": s.kind, "text": s.text,
                 "counts": s.counts.as_dict()}
                for s in self.sentences
            ],
        }

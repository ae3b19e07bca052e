"""Words with plainer alternatives and glossary terms, indexed for matching in sentences."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .data import data_yaml
from .tokens import tokenise


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for, and what to suggest."""

    text: str
    words: tuple[str, ...]
    plainer: str | None = None
    definition: str | None = None
    expansion: str | None = None
    #: "plain-words" (our word list) or "glossary" (content/glossary.yaml).
    origin: str = "plain-words"


@dataclass
class Lexicon:
    """Phrases indexed by their first word (lower case), longest first."""

    index: dict[str, list[Term]] = field(default_factory=dict)
    #: Acronym -> expansion, from the glossary.
    acronyms: dict[str, str] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    _glossary_index: Lexicon | None = None

    def glossary_index(self) -> Lexicon:
        """The glossary terms alone, indexed (made once)."""
        if self._glossary_index is None:
            self._glossary_index = Lexicon()
            for term in self.glossary:
                self._glossary_index.add(term)
        return self._glossary_index

    def add(self, term: Term) -> None:
        forms = [term.words]
        if term.words[-1][-1:].isalpha() and not term.words[-1].endswith("s"):
            forms.append((*term.words[:-1], term.words[-1] + "s"))
        for words in forms:
            entries = self.index.setdefault(words[0], [])
            if term.origin == "glossary":
                # The project's glossary overrides our word list for the same words.
                entries[:] = [e for e in entries if e.words != words or e.origin == "glossary"]
            entries.append(Term(term.text, words, term.plainer, term.definition,
                                term.expansion, term.origin))
            entries.sort(key=lambda t: -len(t.words))

    def matches(self, words: list[str]) -> Iterator[tuple[int, int, Term]]:
        """(first word, word count, term) for every phrase in lower-case `words`, longest first."""
        index = self.index
        after = 0
        for i in [i for i, word in enumerate(words) if word in index]:
            if i < after:
                continue  # inside a phrase already matched
            for term in index[words[i]]:
                n = len(term.words)
                if n == 1 or tuple(words[i : i + n]) == term.words:
                    yield i, n, term
                    after = i + n
                    break


def phrase_words(text: str) -> tuple[str, ...]:
    return tuple(t.text.lower().replace("’", "'") for t in tokenise(text, lang=""))


def build_lexicon(glossary: list[dict[str, Any]] | None = None) -> Lexicon:
    """Our plain-words list plus the project's glossary terms (and their aliases)."""
    lexicon = Lexicon()
    for text, plainer in data_yaml("plain-words-en.yaml")["words"].items():
        words = phrase_words(text)
        if words:
            lexicon.add(Term(text, words, plainer=plainer))
    for entry in glossary or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
            continue
        names = [entry["term"], *[a for a in entry.get("aliases") or [] if isinstance(a, str)]]
        expansion = entry.get("expansion") if isinstance(entry.get("expansion"), str) else None
        for name in names:
            words = phrase_words(name)
            if not words:
                continue
            term = Term(name, words, _text(entry.get("plainer")), _text(entry.get("definition")),
                        expansion, "glossary")
            lexicon.add(term)
            lexicon.glossary.append(term)
            if expansion and name.isupper():
                lexicon.acronyms[name] = expansion
    return lexicon


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def style(lang: str) -> dict[str, Any] | None:
    """The language's plain-language style data (passive voice, reader, acronyms), if any."""
    try:
        return data_yaml(f"style-{lang}.yaml")
    except FileNotFoundError:
        return None

"""Counts translated, fuzzy and untranslated strings and words, the way a reader would."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from babel.messages.catalog import Catalog, Message

from informed.i18n.catalogs import is_translated

_PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]|%%")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(_PLACEHOLDER.sub(" ", text)))


def source_text(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


@dataclass
class Counts:
    """Strings and source words in each state. Fuzzy is never counted as translated, and a
    plural is translated only when every form is filled (Babel's --statistics gets both wrong)."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def add(self, other: Counts) -> Counts:
        return Counts(**{k: v + getattr(other, k) for k, v in asdict(self).items()})

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total, "total_words": self.total_words,
                "percent": round(self.percent, 1)}


def count(catalog: Catalog) -> Counts:
    counts = Counts()
    for message in catalog:
        if not message.id:
            continue
        words = word_count(source_text(message))
        if is_translated(message):
            counts.translated += 1
            counts.translated_words += words
        elif message.fuzzy:
            counts.fuzzy += 1
            counts.fuzzy_words += words
        else:
            counts.untranslated += 1
            counts.untranslated_words += words
    return counts

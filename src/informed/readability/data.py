"""Load the checker's packaged data files (YAML word lists and the syllable table)."""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def data_bytes(name: str) -> bytes:
    """Return the bytes of a file in the package's data folder.

    A plain path, not importlib.resources: that import alone costs a cold start
    more than reading every data file, and the package is always installed unzipped.
    """
    return (DATA / name).read_bytes()


@cache
def data_yaml(name: str) -> Any:
    """Parse a packaged YAML data file (once per process)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_bytes(name), Loader=loader)


class SyllableTable:
    """English word -> syllables (CMUdict, first pronunciation), found by binary search.

    The packaged file holds the words sorted, one a line, and their counts as one
    line of characters; loading is a single split, not 126,000 dict insertions.
    """

    def __init__(self, words: list[str], counts: str) -> None:
        self.words = words
        self.counts = counts
        self.found: dict[str, int | None] = {}

    def get(self, word: str) -> int | None:
        hit = self.found.get(word, _MISSING)
        if hit is _MISSING:
            index = bisect_left(self.words, word)
            hit = None
            if index < len(self.words) and self.words[index] == word:
                # A few interjections ("hmm", "shh") have no vowel phone: one syllable.
                hit = max(ord(self.counts[index]) - 48, 1)
            self.found[word] = hit
        return hit  # type: ignore[return-value]

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        hit = self.get(word)
        if hit is None:
            raise KeyError(word)
        return hit

    def __len__(self) -> int:
        return len(self.words)

    def items(self) -> Iterator[tuple[str, int]]:
        for word, count in zip(self.words, self.counts, strict=True):
            yield word, max(ord(count) - 48, 1)


_MISSING = object()


@cache
def syllable_table() -> SyllableTable:
    """The English syllable table, loaded once per process."""
    text = gzip.decompress(data_bytes("cmudict-syllables.txt.gz")).decode("utf-8")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    words = lines[first + 1 :]
    if words and not words[-1]:
        words.pop()
    return SyllableTable(words, lines[first])

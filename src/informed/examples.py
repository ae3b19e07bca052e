"""Finds values copied from the shipped examples, so they are never printed for real patients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from informed.loading import KeyPath

#: Each pattern, with what it is, as a person reading the error would name it. The shipped
#: examples use reserved or fictional values (Ofcom's drama phone numbers, the reserved
#: example domains, ODS codes starting X99) so that they can be recognised here.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), what) for pattern, what in (
        (r"\bX99\d{3}\b", "the example ODS code"),
        (r"\bExampleton\b", "the fictional town of Exampleton"),
        (r"\bExample Surgery\b", "the example practice's name"),
        (r"\bexample[-.]surgery\b", "an example address"),
        (r"\bexample\.(?:org|com|net)\b|\bexample\.(?:org|co|nhs)\.uk\b",
         "an example web or email address"),
        (r"(?<!\d)(?:\+44\s?|0)1632\s?96\d\s?\d{3}(?!\d)",
         "a fictional phone number from Ofcom's drama range"),
        (r"\bEX\d{1,2}\s?\d[A-Z]{2}\b", "the example postcode"),
        (r"\bAsha Patel\b", "the example Caldicott Guardian"),
        (r"\bAlex Sample\b|\bSam Example\b", "an example researcher"),
    )
)


def find_example_values(text: str) -> list[str]:
    """What in ``text`` comes from an example, each kind named once, in the order found."""
    found: list[str] = []
    for pattern, what in PATTERNS:
        if pattern.search(text) and what not in found:
            found.append(what)
    return found


def walk_strings(data: Any, key: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in loaded YAML, with its key path."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from walk_strings(value, (*key, str(name)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, (*key, index))

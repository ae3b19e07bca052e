"""Finds the made-up values of the shipped examples (Exampleton, example.org, drama numbers)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from informed.loading import KeyPath

#: Words and codes that only the shipped examples use. Each is a whole value to replace.
_PATTERNS = [
    re.compile(r"[\w.+-]*\bexampleton\b[\w.@-]*", re.IGNORECASE),   # University of Exampleton
    re.compile(r"\bexample[ .-]surgery\b[\w.@/-]*", re.IGNORECASE),  # example-surgery.nhs.uk
    # Domains reserved for examples (RFC 2606), in addresses and links.
    re.compile(r"[\w.+-]*(?:@[\w.-]*)?\bexample\.(?:org|com|net)\b[\w./?=&#%-]*", re.IGNORECASE),
    re.compile(r"\bX99999\b"),                                        # the example ODS code
    re.compile(r"(?<![\d/])9{6}(?![\d/])"),                           # the example IRAS ID
    re.compile(r"\b\d{2}/EX/\d{4}\b"),                                # the example REC reference
    # The example people; "For example" and "Blood sample" are ordinary words, not names.
    re.compile(r"\b(?!(?:For|An|A|The|This|That|Worked|Blood|Urine|Random|Small|Large)\b)"
               r"[A-Z][a-z]+ (?:Example|Sample)\b"),
]

#: UK numbers Ofcom keeps for drama and examples, as digits after the leading 0.
_DRAMA_NUMBERS = re.compile(
    r"^0(?:1632960|2079460|(?:113|114|115|116|117|118|121|131|141|151|161|191)4960|2920180"
    r"|7700900|8081570|9098790|3069990)\d{3}$")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s*(?:\(0\)\s*)?|0)\d(?:[\s-]?\d){8,10}(?!\d)")


def _phone_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    return "0" + digits[2:] if number.lstrip().startswith("+44") else digits


def find_example_values(text: str) -> list[str]:
    """The example values in ``text``, in order of appearance, each once."""
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        found.extend((m.start(), m.group(0).rstrip(".")) for m in pattern.finditer(text))
    found.extend((m.start(), m.group(0)) for m in _PHONE.finditer(text)
                 if _DRAMA_NUMBERS.match(_phone_digits(m.group(0))))
    return list(dict.fromkeys(value for _, value in sorted(found)))


def walk_strings(data: Any, key: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in loaded YAML, with its key path; numbers count as text (an
    unquoted IRAS ID or phone number is read as one)."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        yield key, str(data)
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from walk_strings(value, (*key, str(name)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, (*key, index))


__all__ = ["find_example_values", "walk_strings"]

"""Read English numbers aloud, as words, so that their syllables can be counted."""

from __future__ import annotations

import re
from functools import cache

from .data import data_yaml

NUMBER = re.compile(
    r"""^(?P<currency>[£$€])?
    (?P<body>\d[\d,]*(?:[.:]\d+)?)
    (?P<suffix>%|st|nd|rd|th|am|pm|a\.m\.|p\.m\.|p|k|m|bn)?$""",
    re.X | re.I,
)
FRACTION = re.compile(r"^(\d+)/(\d+)$")


@cache
def _words() -> dict:
    return data_yaml("english.yaml")["numbers"]


def cardinal(n: int) -> list[str]:
    """Say a whole number in British English: 105 -> one hundred and five."""
    words = _words()
    if n < 10:
        return [words["units"][n]]
    if n < 20:
        return [words["teens"][n - 10]]
    if n < 100:
        tens, units = divmod(n, 10)
        return [words["tens"][tens]] + ([words["units"][units]] if units else [])
    for value, name in words["scales"]:
        if n >= value:
            high, rest = divmod(n, value)
            said = [*cardinal(high), name]
            if rest:
                said += ([words["and"]] if rest < 100 else []) + cardinal(rest)
            return said
    raise AssertionError(n)  # pragma: no cover - the scales end at 100


def ordinal(n: int) -> list[str]:
    """Say an ordinal: 21 -> twenty first."""
    said = cardinal(n)
    last = said[-1]
    special = _words()["ordinals"]
    if last in special:
        last = special[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return [*said[:-1], last]


def year(n: int) -> list[str] | None:
    """Say a four-digit year the British way, or None if n is not read as a year."""
    words = _words()
    if 2000 <= n <= 2009:
        return cardinal(2000) + ([words["and"], *cardinal(n - 2000)] if n > 2000 else [])
    if 1100 <= n <= 2099:
        high, low = divmod(n, 100)
        if low == 0:
            return [*cardinal(high), "hundred"]
        if low < 10:
            return [*cardinal(high), words["digit_zero"], *cardinal(low)]
        return cardinal(high) + cardinal(low)
    return None


#: Digits in the longest number read as a number (999 trillion); longer ones are spelt out.
LONGEST_SAID = 15


def digits(text: str) -> list[str]:
    """Say a phone or NHS number digit by digit, with 0 as "oh"."""
    words = _words()
    return [words["digit_zero"] if ch == "0" else words["units"][int(ch)]
            for ch in text if ch.isdigit()]


def spoken(token: str) -> list[str]:
    """Return the words a reader says for a numeric token (empty if not numeric)."""
    if sum(ch.isdigit() for ch in token) > LONGEST_SAID:
        return digits(token)  # nobody reads out a number that long; they spell it
    fraction = FRACTION.match(token)
    if fraction:
        return _fraction(int(fraction[1]), int(fraction[2]))
    match = NUMBER.match(token)
    if not match:
        return []
    words = _words()
    body, suffix = match["body"], (match["suffix"] or "").lower().replace(".", "")
    if ":" in body or (suffix in ("am", "pm") and "." in body):
        said = _time(re.split(r"[:.]", body))
    elif "." in body:
        whole, _, decimals = body.partition(".")
        said = [*cardinal(int(whole.replace(",", "") or 0)), words["point"]]
        said += [words["units"][int(d)] for d in decimals]
    else:
        n = int(body.replace(",", ""))
        plain = not match["currency"] and not suffix and "," not in body and len(body) == 4
        said = (year(n) if plain else None) or (
            ordinal(n) if suffix in ("st", "nd", "rd", "th") else cardinal(n)
        )
    if suffix == "%":
        said += words["per_cent"]
    elif suffix == "am":
        said += words["a_m"]
    elif suffix == "pm":
        said += words["p_m"]
    elif suffix == "k":
        said.append("thousand")
    elif suffix == "m":
        said.append("million")
    elif suffix == "bn":
        said.append("billion")
    if match["currency"] == "£":
        said.append(words["pound"][0 if said == ["one"] else 1])
    elif match["currency"]:
        said.append("dollars" if match["currency"] == "$" else "euros")
    if suffix == "p":
        said += words["pence"]
    return said


def _time(parts: list[str]) -> list[str]:
    hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    said = cardinal(hours)
    if minutes:
        said += ([_words()["digit_zero"]] if minutes < 10 else []) + cardinal(minutes)
    return said


def _fraction(top: int, bottom: int) -> list[str]:
    names = _words()["fractions"].get(str(bottom))
    said = cardinal(top)
    if names:
        return [*said, names[0 if top == 1 else 1]]
    last = ordinal(bottom)
    return said + last[:-1] + [last[-1] + ("s" if top != 1 else "")]

"""Readability formulas, as published, computed from counts (see docs/readability.md)."""

from __future__ import annotations

from collections.abc import Callable
from math import sqrt

from .data import data_yaml
from .report import Counts, Score


def _asl(c: Counts) -> float:
    """Average sentence length: words per sentence."""
    return c.words / c.sentences


def _asw(c: Counts) -> float:
    """Average syllables per word."""
    return c.syllables / c.words


def flesch_reading_ease(c: Counts) -> float:
    """Flesch (1948): 206.835 - 1.015 ASL - 84.6 ASW."""
    return 206.835 - 1.015 * _asl(c) - 84.6 * _asw(c)


def flesch_kincaid_grade(c: Counts) -> float:
    """Kincaid et al. (1975): 0.39 ASL + 11.8 ASW - 15.59."""
    return 0.39 * _asl(c) + 11.8 * _asw(c) - 15.59


def smog(c: Counts) -> float:
    """McLaughlin (1969), precise form: 1.0430 sqrt(polysyllables x 30 / sentences) + 3.1291."""
    return 1.0430 * sqrt(c.polysyllables * 30 / c.sentences) + 3.1291


def gunning_fog(c: Counts) -> float:
    """Gunning (1952): 0.4 (ASL + 100 complex words / words)."""
    return 0.4 * (_asl(c) + 100 * c.complex_words / c.words)


def coleman_liau(c: Counts) -> float:
    """Coleman & Liau (1975): 0.0588 L - 0.296 S - 15.8 (L letters, S sentences per 100 words)."""
    return 0.0588 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8


def ari(c: Counts) -> float:
    """Smith & Senter (1967): 4.71 characters/words + 0.5 ASL - 21.43."""
    return 4.71 * c.characters / c.words + 0.5 * _asl(c) - 21.43


def amstad(c: Counts) -> float:
    """German, Amstad (1978): 180 - ASL - 58.5 ASW."""
    return 180 - _asl(c) - 58.5 * _asw(c)


def fernandez_huerta(c: Counts) -> float:
    """Spanish, Fernández-Huerta (1959, corrected): 206.84 - 0.60 S100 - 1.02 ASL."""
    return 206.84 - 0.60 * (100 * c.syllables / c.words) - 1.02 * _asl(c)


def szigriszt_pazos(c: Counts) -> float:
    """Spanish, Szigriszt-Pazos (1993): 206.835 - 62.3 ASW - ASL."""
    return 206.835 - 62.3 * _asw(c) - _asl(c)


def kandel_moles(c: Counts) -> float:
    """French, Kandel & Moles (1958): 207 - 1.015 ASL - 73.6 ASW."""
    return 207 - 1.015 * _asl(c) - 73.6 * _asw(c)


def gulpease(c: Counts) -> float:
    """Italian, Lucisano & Piemontese (1988): 89 + (300 sentences - 10 letters) / words."""
    return 89 + (300 * c.sentences - 10 * c.letters) / c.words


def douma(c: Counts) -> float:
    """Dutch, Douma (1960): 206.835 - 0.93 ASL - 77 ASW."""
    return 206.835 - 0.93 * _asl(c) - 77 * _asw(c)


def martins(c: Counts) -> float:
    """Portuguese, Martins et al. (1996): 248.835 - 1.015 ASL - 84.6 ASW."""
    return 248.835 - 1.015 * _asl(c) - 84.6 * _asw(c)


def fog_pl(c: Counts) -> float:
    """Polish, FOG-PL (Jasnopis): 0.4 (ASL + % of words with 4 or more syllables)."""
    return 0.4 * (_asl(c) + 100 * c.words_4_syllables / c.words)


def lix(c: Counts) -> float:
    """Björnsson (1968), any language, relative only: ASL + 100 long words / words."""
    return _asl(c) + 100 * c.long_words / c.words


FORMULAS: dict[str, Callable[[Counts], float]] = {
    f.__name__: f
    for f in (flesch_reading_ease, flesch_kincaid_grade, smog, gunning_fog, coleman_liau, ari,
              amstad, fernandez_huerta, szigriszt_pazos, kandel_moles, gulpease, douma,
              martins, fog_pl, lix)
}


def uk_reading_age(grade: float) -> float:
    """UK reading age from a US school grade: grade + 5 (a US grade-1 child is about 6)."""
    return grade + 5


def language(lang: str) -> dict:
    """The languages.yaml entry for a language code ("pt_BR" -> "pt"), or {}."""
    return data_yaml("languages.yaml")["languages"].get(base_language(lang), {})


def base_language(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def scores(lang: str, counts: Counts) -> list[Score]:
    """The validated formulas for `lang`, then LIX; none if the text has no words."""
    if not counts.words or not counts.sentences:
        return []
    names = [*language(lang).get("formulas", []), "lix"]
    info = data_yaml("formulas.yaml")
    return [_score(name, FORMULAS[name](counts), info[name]) for name in names]


def _score(name: str, value: float, info: dict) -> Score:
    return Score(name, info["label"], value, info["easier"], interpret(value, info))


def interpret(value: float, info: dict) -> str:
    bands = info.get("bands")
    if not bands:
        return ""
    if info["easier"] == "higher":
        return next((label for floor, label in bands if value >= floor), bands[-1][1])
    meaning = bands[0][1]
    for floor, label in bands:
        if value >= floor:
            meaning = label
    return meaning

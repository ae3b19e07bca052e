"""Locale codes, CLDR plural rules, and each locale's metadata (locales/<lang>/locale.yaml)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.plural import to_gettext

from informed.errors import ContentError, InformedError, Problems
from informed.schema import INVALID, Converter, spec

if TYPE_CHECKING:
    from informed.loading import KeyPath
    from informed.project import Project

SOURCE_LOCALE = "en-GB"
DOMAINS = ("ui", "content")
#: Each study has a domain of its own, "study-<slug>": study-example-study.po.
STUDY_PREFIX = "study-"
METADATA = "locale.yaml"


def canonical(tag: str) -> str:
    """``pt_br`` or ``pt-BR`` -> ``pt-BR``; raises InformedError for an unknown language.

    A three-letter or old code becomes the code CLDR uses (``som`` -> ``so``, ``iw`` -> ``he``)
    without the country Babel would guess, so one language never gets two locales.
    """
    language, *rest = tag.strip().replace("-", "_").split("_")
    alias = get_global("language_aliases").get(language.lower())
    if alias:
        language = alias
    try:
        locale = Locale.parse("_".join([language, *rest]))
    except (ValueError, UnknownLocaleError):
        raise InformedError(
            f'unknown language "{tag}": use a code such as "pl", "ur", "cy" or "pt-BR"'
        ) from None
    parts = [locale.language]
    if locale.script:
        parts.append(locale.script)
    if locale.territory:
        parts.append(locale.territory)
    return "-".join(parts)


def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag.replace("-", "_"))


#: CLDR operands other than n: gettext counts whole numbers, so each is 0 there (the exponent
#: e and c of compact numbers, the fraction digits v, w, f and t). Left in, they make a
#: Plural-Forms that gettext cannot read (Spanish, Italian and Portuguese use e).
_OTHER_OPERANDS = re.compile(r"\b[ecvwft]\b")


def cldr_plural_forms(tag: str) -> str:
    """The gettext Plural-Forms header for ``tag``, from CLDR's plural rules."""
    rule = to_gettext(babel_locale(tag).plural_form).rstrip(";") + ";"
    return _OTHER_OPERANDS.sub("0", rule)


def direction(tag: str) -> Literal["ltr", "rtl"]:
    return "rtl" if babel_locale(tag).character_order == "right-to-left" else "ltr"


def script(tag: str) -> str:
    """The ISO 15924 code of the script the language is usually written in, such as Arab."""
    locale = babel_locale(tag)
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(str(locale)) or get_global(
        "likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 else "Latn"


def check_direction(value: str) -> str | None:
    return None if value in ("ltr", "rtl") else f'expected "ltr" or "rtl", got "{value}"'


@dataclass
class LocaleInfo:
    """What a reader and a practice manager need to know about one translation."""

    name: str = spec("The language's name in itself (endonym), such as Polski or اردو.")
    english_name: str = spec("The language's name in English.")
    script: str = spec("ISO 15924 script code, such as Latn, Arab or Beng.")
    direction: str = spec('"rtl" for right-to-left scripts, otherwise "ltr".',
                          check=check_direction)
    status: Literal["unreviewed", "reviewed"] = spec(
        'Whether a qualified translator has reviewed it: "unreviewed" until someone has.',
        default="unreviewed")
    reviewed_by: str | None = spec("Who reviewed it, and their qualification.", default=None)
    reviewed_on: dt.date | None = spec("When it was last reviewed.", default=None)
    translators: list[str] = spec("Who translated it.", factory=list)
    notes: str | None = spec("Notes for translators and reviewers.", default=None)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if self.status == "reviewed" and not (self.reviewed_by and self.reviewed_on):
            conv.error((*key, "status"), 'a "reviewed" translation needs reviewed_by and '
                                         "reviewed_on: say who reviewed it and when")


def locale_dir(root: Path, tag: str) -> Path:
    return root / "locales" / tag


def po_path(root: Path, tag: str, domain: str) -> Path:
    return locale_dir(root, tag) / "LC_MESSAGES" / f"{domain}.po"


def study_domain(slug: str) -> str:
    return f"{STUDY_PREFIX}{slug}"


def project_domains(project: Project) -> list[str]:
    """The domains a project translates: ui, content and one for each of its studies."""
    return [*DOMAINS, *(study_domain(slug) for slug in project.study_slugs())]


def known_locales(project: Project) -> list[str]:
    """Every locale with a catalog in the project or the built-in locales, sorted."""
    found: set[str] = set()
    for base in project.locale_dirs:
        for child in base.iterdir():
            if child.is_dir() and (child / "LC_MESSAGES").is_dir():
                found.add(child.name)
    return sorted(found)


def load_info(project: Project, tag: str) -> LocaleInfo:
    """The locale's metadata, from the first layer that has it; defaults from CLDR if none."""
    from informed.loading import load_yaml

    path = project.find(f"locales/{tag}/{METADATA}")
    if path is None:
        return LocaleInfo(**default_info(tag))
    problems = Problems(project.root)
    doc = load_yaml(path)
    conv = Converter(doc, problems)
    info = conv.build(LocaleInfo, doc.data)
    if info is not INVALID and info.direction != direction(tag):
        conv.error(("direction",), f'expected "{direction(tag)}" for {tag} (from CLDR), '
                                   f'got "{info.direction}"')
    problems.check()
    if info is INVALID:
        raise ContentError(problems.items, project.root)
    return info


def default_info(tag: str) -> dict[str, str]:
    locale = babel_locale(tag)
    code = script(tag)
    return {
        "name": locale.get_display_name(locale) or tag,
        "english_name": locale.get_display_name("en") or tag,
        "script": code,
        "direction": direction(tag),
        "status": "unreviewed",
    }

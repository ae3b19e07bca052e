"""Readability targets: NHS defaults, overridden per project and per material in informed.yaml."""

from __future__ import annotations

import fnmatch
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .data import data_yaml

#: Rule ids that `disable:` accepts (informed.readability.rules.RULES, kept in step by a test).
RULES = ("long-sentence", "long-paragraph", "passive-voice", "plain-words",
         "term-before-definition", "acronym", "address-reader", "numbers")


@dataclass(frozen=True)
class Targets:
    """The limits one material is judged against."""

    reading_age: tuple[float, float] = (9, 11)
    smog: float | None = 10
    sentence_words: int = 20
    max_sentence_words: int | None = 30
    paragraph_sentences: int = 3
    lix: float | None = None
    min_words: int = 100
    disable: frozenset[str] = frozenset()

    def describe_reading_age(self) -> str:
        low, high = self.reading_age
        return f"{low:g} to {high:g}" if low != high else f"{high:g}"


@dataclass
class TargetConfig:
    """Targets for every material, and which files count as which material."""

    default: Targets = field(default_factory=Targets)
    materials: dict[str, Targets] = field(default_factory=dict)
    #: (glob relative to the project, material name), first match wins.
    files: list[tuple[str, str]] = field(default_factory=list)
    #: Language code -> targets that differ in that language (on top of the material's).
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)

    def for_material(self, name: str | None, lang: str | None = None) -> Targets:
        targets = self.materials.get(name or "", self.default)
        if lang:
            overrides = self.languages.get(lang.replace("-", "_").split("_")[0].lower())
            if overrides:
                targets = replace(targets, **overrides)
        return targets

    def material_for(self, relative_path: str) -> str | None:
        for pattern, material in self.files:
            if fnmatch.fnmatch(relative_path, pattern):
                return material
        return None


class _Checker:
    """Validates the readability: mapping, collecting every problem with its line."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.problems: list[tuple[int | None, str, str]] = []

    def error(self, key: tuple, message: str) -> None:
        line = self.doc.line(key) if self.doc is not None else None
        dotted = ".".join(str(k) for k in key)
        self.problems.append((line, dotted, message))

    def targets(self, data: Any, key: tuple, base: Targets) -> Targets:
        return replace(base, **self.values(data, key))

    def values(self, data: Any, key: tuple) -> dict[str, Any]:
        """The valid targets given in `data` (problems are recorded)."""
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.error(key, f"expected a mapping of targets, got {_shown(data)}")
            return {}
        values: dict[str, Any] = {}
        for name, value in data.items():
            here = (*key, name)
            if name == "reading_age":
                values[name] = self.reading_age(value, here)
            elif name in ("smog", "lix"):
                values[name] = self.number(value, here, allow_none=True)
            elif name in ("sentence_words", "paragraph_sentences", "min_words"):
                values[name] = self.whole(value, here)
            elif name == "max_sentence_words":
                values[name] = None if value is None else self.whole(value, here)
            elif name == "disable":
                values[name] = self.rules(value, here)
            else:
                known = ", ".join(f.name for f in Targets.__dataclass_fields__.values())
                self.error(here, f'unknown target "{name}"; known targets are: {known}')
        return {k: v for k, v in values.items() if v is not _INVALID}

    def reading_age(self, value: Any, key: tuple) -> Any:
        if _is_number(value):
            return (float(value), float(value))
        if (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)
                and value[0] <= value[1]):
            return (float(value[0]), float(value[1]))
        self.error(key, f"expected a reading age such as 11 or a range such as [9, 11], "
                        f"got {_shown(value)}")
        return _INVALID

    def number(self, value: Any, key: tuple, allow_none: bool = False) -> Any:
        if (value is None and allow_none) or _is_number(value):
            return None if value is None else float(value)
        self.error(key, f"expected a number, got {_shown(value)}")
        return _INVALID

    def whole(self, value: Any, key: tuple) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.error(key, f"expected a whole number above 0, got {_shown(value)}")
        return _INVALID

    def rules(self, value: Any, key: tuple) -> Any:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, f"expected a list of rule names, got {_shown(value)}")
            return _INVALID
        unknown = [v for v in value if v not in RULES]
        if unknown:
            self.error(key, f'unknown rule "{unknown[0]}"; rules are: {", ".join(RULES)}')
            return _INVALID
        return frozenset(value)


_INVALID = object()


def _is_number(value: Any) -> bool:
    # .nan would silently never be missed, and .inf never met.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def build_config(data: Any, doc: Any = None, key: tuple = ("readability",)) -> TargetConfig:
    """Targets from the packaged defaults overlaid with a `readability:` mapping.

    Raises ValueError with one "line: key: message" per problem if `data` is invalid.
    """
    defaults = data_yaml("targets.yaml")
    default = _Checker(None).targets(defaults["targets"], ("targets",), Targets())
    checker = _Checker(doc)
    files: list[tuple[str, str]] = []
    if data is not None and not isinstance(data, dict):
        checker.error(key, f"expected a mapping with targets:, materials:, files: and "
                           f"languages:, got {_shown(data)}")
        data = {}
    data = data or {}
    for name in data:
        if name not in ("targets", "materials", "files", "languages"):
            checker.error((*key, name), f'unknown field "{name}"; expected targets, '
                                        "materials, files or languages")
    default = checker.targets(data.get("targets"), (*key, "targets"), default)
    # The packaged material targets sit on top of the project's defaults.
    materials = {name: checker.targets(raw, (), default)
                 for name, raw in defaults["materials"].items()}
    raw_materials = data.get("materials") or {}
    if not isinstance(raw_materials, dict):
        checker.error((*key, "materials"), "expected a mapping of material names to targets")
        raw_materials = {}
    for name, value in raw_materials.items():
        base = materials.get(name, default)
        materials[name] = checker.targets(value, (*key, "materials", name), base)
    raw_files = data.get("files") or {}
    if not isinstance(raw_files, dict):
        checker.error((*key, "files"), 'expected a mapping of file patterns to material '
                                       'names, such as "content/studies/*": consent-form')
        raw_files = {}
    for pattern, material in raw_files.items():
        if not isinstance(material, str):
            checker.error((*key, "files", pattern), f"expected a material name, got "
                                                    f"{_shown(material)}")
        else:
            files.append((str(pattern), material))
    raw_languages = data.get("languages") or {}
    languages: dict[str, dict[str, Any]] = {}
    if not isinstance(raw_languages, dict):
        checker.error((*key, "languages"), "expected a mapping of language codes to targets, "
                                           "such as ur: {sentence_words: 25}")
        raw_languages = {}
    for code, value in raw_languages.items():
        languages[str(code).lower()] = checker.values(value, (*key, "languages", code))
    if checker.problems:
        raise TargetError(checker.problems)
    files += list(defaults.get("files", {}).items())
    return TargetConfig(default, materials, files, languages)


class TargetError(ValueError):
    """Invalid readability settings: a list of (line, dotted key, message)."""

    def __init__(self, problems: list[tuple[int | None, str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {message}" for _, key, message in problems))


def load_targets(project_root: Path) -> TargetConfig:
    """Targets from `informed.yaml` in the project (packaged defaults if it is absent).

    Problems raise ContentError, naming the file, line and key of each.
    """
    path = project_root / "informed.yaml"
    if not path.exists():
        return build_config(None)
    from informed.errors import ContentError, Problem
    from informed.loading import load_yaml

    doc = load_yaml(path)
    data = doc.data.get("readability") if isinstance(doc.data, dict) else None
    try:
        return build_config(data, doc)
    except TargetError as exc:
        raise ContentError(
            [Problem(path, line, key, message) for line, key, message in exc.problems],
            project_root,
        ) from None

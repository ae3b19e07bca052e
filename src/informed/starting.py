"""Starting from nothing: a new practice or study file, the essentials asked at the terminal."""

from __future__ import annotations

import dataclasses
import textwrap
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from informed.atomic import write_atomic
from informed.project import Project

#: The questions informed init asks: (form field, question). Each may be left for later.
PRACTICE_ESSENTIALS = (
    ("name", "The practice's name"),
    ("address", "Address, with commas between the lines, ending with the postcode"),
    ("phone", "Main phone number"),
    ("email", "Email address for patients"),
    ("ods_code", "ODS code (from the NHS Organisation Data Service)"),
    ("dpo.name", "Data protection officer: name or role"),
    ("dpo.email", "Data protection officer: email"),
    ("dpo.phone", "Data protection officer: phone"),
)
STUDY_ESSENTIALS = (
    ("title", "The study's full title, as approved"),
    ("short_title", "A short title people can say"),
    ("iras_id", "IRAS ID (digits only)"),
    ("site", "The practice that hosts it (its folder name under content/practices/)"),
)
_LAST = ".informed/last-practice"


# --- the practice last made, for informed serve ------------------------------------------


def remember_practice(project: Project, slug: str) -> None:
    write_atomic(project.root / _LAST, slug + "\n")


def last_practice(project: Project) -> str | None:
    """The practice made last with informed init, if it is still there; else the one whose
    practice.yaml changed last."""
    slugs = project.practice_slugs()
    try:
        remembered = (project.root / _LAST).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        remembered = ""
    if remembered in slugs:
        return remembered
    files = [project.root / "content" / "practices" / s / "practice.yaml" for s in slugs]
    return max(files, key=lambda p: p.stat().st_mtime).parent.name if files else None


# --- asking --------------------------------------------------------------------------------


Ask = Callable[[str], str]
Say = Callable[[str], None]


def _check_for(cls: type, path: str) -> tuple[Callable[[str], str], Callable[[str], str | None]]:
    """The schema's tidying and check of one field, for text typed at the terminal."""
    node: Any = cls
    found = None
    for part in path.split("."):
        found = next(f for f in dataclasses.fields(node) if f.name == part)
        node = typing.get_type_hints(node)[part]
        args = [a for a in typing.get_args(node) if dataclasses.is_dataclass(a)]
        node = args[0] if args else node
    check = found.metadata.get("check") if found else None
    normalise = found.metadata.get("normalise") if found else None

    def tidy(text: str) -> str:
        return normalise(text) if normalise else text

    def run(text: str) -> str | None:
        return check(tidy(text)) if check else None

    return tidy, run


def ask_answers(cls: type, questions: tuple[tuple[str, str], ...], ask: Ask, say: Say,
                given: dict[str, str]) -> dict[str, str]:
    """Asks each question not answered in ``given``, again until the schema's check accepts the
    answer or it is left empty (to answer later in the file)."""
    answers = dict(given)
    for path, question in questions:
        if answers.get(path):
            continue
        tidy, check = _check_for(cls, path)
        while True:
            text = ask(question).strip()
            if not text:
                break
            parts = [tidy(p.strip()) for p in text.split(",") if p.strip()] \
                if path == "address" else [tidy(text)]
            message = next(filter(None, map(check, parts)), None)
            if message is None:
                answers[path] = "\n".join(parts)
                break
            say(f"  {message}. Try again, or press Enter to leave it for later.")
    return answers


# --- writing -------------------------------------------------------------------------------


def practice_text(starter: str, answers: dict[str, str]) -> str:
    """The starter practice.yaml with the answers given, its comments kept."""
    from informed.editor import document
    from informed.editor.fields import field_map

    fields = field_map()
    doc = document.load(starter)
    updates: dict[str, Any] = {}
    for path, text in answers.items():
        value = document.answer(fields[path], {path: text})
        if value is document.DROP or value is None:
            continue
        node = updates
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    document.apply(doc, updates)
    return document.dump(doc)


def study_starter(cls: type, answers: dict[str, str], required: typing.Iterable[str] = ()) -> str:
    """A study.yaml made from the schema: every field with its documentation as a comment,
    the required ones empty for the build to ask about, the optional ones commented out."""
    lines = ["# Your study's details. Fill in every empty answer; \"informed build --study\" lists",
             "# each one still to do, with its line. Text goes in \"double quotes\"; Markdown "
             "after \"|\".", ""]
    _write_fields(cls, lines, 0, answers, "", False, set(required))
    return "\n".join(lines) + "\n"


def _write_fields(cls: type, lines: list[str], indent: int, answers: dict[str, str],
                  prefix: str, commented: bool, also: set[str]) -> None:
    from informed.cli import json_quote

    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        required = (f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING) or prefix + f.name in also
        hint = hints[f.name]
        nested = hint if dataclasses.is_dataclass(hint) else next(
            (a for a in typing.get_args(hint) if dataclasses.is_dataclass(a)), None)
        mark = "# " if commented or not required else ""
        pad = " " * indent
        for line in textwrap.wrap(f.metadata.get("doc", ""), 96 - indent):
            lines.append(f"{pad}# {line}")
        value = answers.get(prefix + f.name)
        if value:
            lines.append(f"{pad}{mark}{f.name}: {json_quote(value)}")
        elif nested is not None and typing.get_origin(hint) is not list:
            lines.append(f"{pad}{mark}{f.name}:")
            _write_fields(nested, lines, indent + 2, answers, f"{prefix}{f.name}.",
                          commented or not required, also)
        else:
            lines.append(f"{pad}{mark}{f.name}:")
        if indent == 0:
            lines.append("")


def write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


__all__ = ["PRACTICE_ESSENTIALS", "STUDY_ESSENTIALS", "ask_answers", "last_practice",
           "practice_text", "remember_practice", "study_starter", "write_new"]

"""The build's own checks on the form's answers, each problem placed beside its question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from informed import colour
from informed.content import check_practice
from informed.editor.fields import Field, form_fields
from informed.errors import ContentError, Problem, Problems
from informed.loading import parse_yaml

_INDEX = re.compile(r"\[\d+\]")
_MISSING = re.compile(r'^missing required field "(\w+)"')
_SUGGESTED = re.compile(r'(#[0-9A-F]{6})"?$')


@dataclass
class Finding:
    """A problem as the form shows it: the question it belongs to, and the command line's
    words for it."""

    field: str | None
    message: str
    line: int | None
    cli: str
    warning: bool
    suggestion: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"field": self.field, "message": self.message, "line": self.line,
                "cli": self.cli, "warning": self.warning, "suggestion": self.suggestion}


def problems_in(text: str, path: Path, slug: str, root: Path) -> list[Problem]:
    """Every problem the build would report for practice.yaml holding ``text``."""
    try:
        doc = parse_yaml(text, path)
    except ContentError as exc:
        return exc.problems
    problems = Problems(root)
    check_practice(doc, slug, problems)
    return problems.items


def field_for(problem: Problem, fields: list[Field]) -> str | None:
    """The question a problem is about: the longest field path its key starts with."""
    key = _INDEX.sub("", problem.key)
    if missing := _MISSING.match(problem.message):
        key = f"{key}.{missing.group(1)}" if key else missing.group(1)
    best = None
    for f in fields:
        if (key == f.path or key.startswith(f.path + ".")) and (
                best is None or len(f.path) > len(best)):
            best = f.path
    return best


def findings(text: str, path: Path, slug: str, root: Path) -> list[Finding]:
    fields = form_fields()
    out = []
    for problem in problems_in(text, path, slug, root):
        where = field_for(problem, fields)
        suggestion = None
        if where and where.startswith("colours.") and (found := _SUGGESTED.search(
                problem.message)):
            suggestion = found.group(1)
        out.append(Finding(where, problem.message, problem.line, problem.format(root),
                           problem.warning, suggestion))
    return out


def contrast_notes(answers: dict[str, str]) -> dict[str, str]:
    """For each colour given as a hex value, its contrast with the text it carries."""
    notes = {}
    for path, against, what in (("colours.primary", colour.WHITE, "white text"),
                                ("colours.background", colour.TEXT, "body text")):
        value = str(answers.get(path, "")).strip()
        if colour.HEX.match(value):
            ratio = colour.contrast(value, against)
            verdict = "passes" if ratio >= colour.AA_TEXT else "fails"
            notes[path] = (f"Contrast with {what}: {ratio:.1f}:1, which {verdict} WCAG AA "
                           f"(4.5:1 or more).")
    return notes


__all__ = ["Finding", "contrast_notes", "field_for", "findings", "problems_in"]

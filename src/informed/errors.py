"""One exception tree for everything a user can get wrong, rooted in click.ClickException."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click

#: Exit status for bad input (content, profile, options). 1 is kept for "a target was missed".
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file.

    Printed as ``file:line: dotted.key: message``; line and key are left out when unknown.
    """

    path: Path | None
    line: int | None
    key: str
    message: str
    warning: bool = False

    def format(self, root: Path | None = None) -> str:
        where = ""
        if self.path is not None:
            where = display_path(self.path, root)
            if self.line:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        prefix = "warning: " if self.warning else ""
        return f"{where}{prefix}{key}{self.message}"


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to the project (or cwd) where possible."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


class InformedError(click.ClickException):
    """Base of every error the command line reports without a traceback."""

    exit_code = EXIT_BAD_INPUT


class ContentError(InformedError):
    """One or more problems in content, a practice profile or a study file."""

    def __init__(self, problems: Iterable[Problem], root: Path | None = None) -> None:
        self.problems = list(problems)
        self.root = root
        super().__init__(self.render())

    def __reduce__(self):  # a build's worker process sends it back to the client
        return (type(self), (self.problems, self.root))

    def render(self) -> str:
        errors = [p for p in self.problems if not p.warning]
        lines = [p.format(self.root) for p in self.problems]
        count = len(errors) or len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return "\n".join([*lines, f"{count} {noun} found."])

    def show(self, file=None) -> None:
        click.echo(self.render(), err=True, file=file)


class TargetMissed(InformedError):
    """--strict, and a material misses its readability target."""

    exit_code = 1


class RenderError(InformedError):
    """A template or a document could not be rendered."""


class PagesOverflow(RenderError):
    """The text needs more pages than a fixed layout (a poster, a folded leaflet) has."""

    def __init__(self, what: str, needed: int, room: int, advice: str,
                 overflow: str = "") -> None:
        #: Which box runs over and by how much, such as 'It runs over from "Your choices"…'.
        self.what, self.needed, self.room, self.overflow = what, needed, room, overflow
        self.advice = advice
        super().__init__(f"{what}: the text needs {needed} pages, but this layout has room for "
                         f"{room}. {advice}" + (f". {overflow}" if overflow else ""))

    def __reduce__(self):
        return (type(self), (self.what, self.needed, self.room, self.advice, self.overflow))


class UnsafeResourceError(InformedError):
    """Content or a template asked for a file outside the project, or a network address."""


class Problems:
    """Collects every problem found while loading, so the user sees them all at once."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.items: list[Problem] = []

    def error(self, path: Path | None, line: int | None, key: str, message: str) -> None:
        self.items.append(Problem(path, line, key, message))

    def warn(self, path: Path | None, line: int | None, key: str, message: str) -> None:
        self.items.append(Problem(path, line, key, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def check(self, strict: bool = False) -> None:
        """Raise ContentError if anything is wrong (warnings count too when strict)."""
        if self.errors or (strict and self.warnings):
            raise ContentError(self.items, self.root)

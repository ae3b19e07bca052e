"""Check: the rules each rendered page must meet, by the names its material declares."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from informed.build.job import Job, Meta
from informed.content import Content
from informed.project import Project

log = logging.getLogger("informed")


class Findings(Protocol):
    """Where a check adds its lines: a document's outcome, or a whole build's result."""

    notes: list[str]
    missed: list[str]


class Readability:
    """Scores each built page against its material's targets, once per text.

    Large print repeats the standard text, so only a material's first other layout is scored.
    """

    def __init__(self, project: Project) -> None:
        from informed.readability import Checker

        self.project = project
        self.checker = Checker(project.root, project.layers)

    def check(self, job: Job, html: str, target: Path, result: Findings) -> bool:
        """Add the summary line; False if a target is missed."""
        from informed.readability import summarise

        scored = [v for v in job.material.variants if v.name != "large-print"]
        if not scored or job.variant != scored[0]:
            return True
        try:
            source = target.relative_to(self.project.root).as_posix()
        except ValueError:
            source = target.as_posix()
        report = self.checker.check_html(html, source, job.material.name)
        targets = self.checker.targets(job.material.name, report.lang)
        result.notes.append(summarise(report, targets))
        for miss in report.misses:
            line = f"{source}: readability target missed: {miss.message}"
            result.missed.append(line)
            log.warning("%s", line)
        return not report.misses


class Checks:
    """Runs the checks a job's material declares (Material.checks) on its rendered page."""

    def __init__(self, project: Project, content: Content, strict: bool) -> None:
        self.project, self.content, self.strict = project, content, strict
        self._readability: Readability | None = None

    @property
    def readability(self) -> Readability:
        if self._readability is None:  # the readability package is slow to import
            self._readability = Readability(self.project)
        return self._readability

    def run(self, job: Job, html: str, meta: Meta, page: Path, out: Findings) -> bool:
        """True if the page may be written: every check passed, or none is fatal."""
        passed = True
        for name in (*job.material.checks, *job.variant.checks):
            passed = CHECKS[name](self, job, html, meta, page, out) and passed
        return passed


def readability(checks: Checks, job: Job, html: str, meta: Meta, page: Path,
                out: Findings) -> bool:
    """Reading age and plain-language targets (False if one is missed)."""
    return checks.readability.check(job, html, page, out)


def study_sheet(checks: Checks, job: Job, html: str, meta: Meta, page: Path,
                out: Findings) -> bool:
    """A study's information sheet: summary and detail scored apart, acronyms spelt out
    (warnings, or errors with --strict)."""
    from informed.study import check_rendered

    if job.study is not None:
        out.notes.extend(check_rendered(checks.project, job.study, job.material.name,
                                        job.variant.name, html, checks.content, checks.strict,
                                        meta.lang))
    return True


def easy_read(checks: Checks, job: Job, html: str, meta: Meta, page: Path,
              out: Findings) -> bool:
    """An Easy Read page's words at reading age 7 or below (False if they are not)."""
    from informed.formats import easy_read as rules

    note, miss = rules.check(html, job.where)
    out.notes.append(note)
    if miss:
        out.missed.append(miss)
        log.warning("%s", miss)
    return miss is None


CHECKS: dict[str, Callable[[Checks, Job, str, Meta, Path, Findings], bool]] = {
    "readability": readability,
    "study-sheet": study_sheet,
    "easy-read": easy_read,
}

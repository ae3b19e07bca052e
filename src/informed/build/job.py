"""What a build is asked to make: options, jobs (small picklable descriptions) and results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from informed.materials import Material, Variant
from informed.model import Practice
from informed.study import Study

SOURCE_LOCALE = "en-GB"
#: What a build makes unless --format says otherwise: all but audio, which takes about 10 s of
#: processor time per language (the others take milliseconds).
FORMATS = ("html", "pdf", "txt", "brf", "sms")


@dataclass(frozen=True)
class Meta:
    """What every output says about itself: version, dates and language."""

    #: The content version, as printed: "1.0".
    version: str
    produced: dt.date
    review: dt.date
    locale: str
    lang: str
    direction: str
    #: Some strings fell back to English: the footer says so, discreetly.
    partly_english: bool = False
    #: A short hash of every input, to trace a copy: in the metadata, never in print.
    inputs: str = ""


@dataclass(frozen=True)
class Job:
    """One document: a practice's material in one layout and language (or a study's)."""

    practice: Practice
    material: Material
    variant: Variant
    locale: str
    #: For a per-study material, the study; ``practice`` is then the study's site.
    study: Study | None = None

    @property
    def stem(self) -> str:
        return self.material.name + self.variant.suffix

    @property
    def folder(self) -> tuple[str, ...]:
        """Where the outputs go under output/. A study's documents sit under its site, in
        studies/<study>/, apart from the practice's own materials."""
        base = (self.practice.slug, self.locale)
        return (*base, "studies", self.study.slug) if self.study else base

    @property
    def where(self) -> str:
        """The document as messages name it: example-surgery/en-GB/poster."""
        return "/".join((*self.folder, self.stem))


@dataclass(frozen=True)
class Task:
    """A job as sent to a worker: with its metadata, and the hash of everything it reads."""

    job: Job
    meta: Meta
    #: The inputs key (see informed.build.cache); the same key means the same document.
    key: str


@dataclass
class BuildOptions:
    practices: list[str] = field(default_factory=list)
    #: Studies to build (--study). Default: every study whose site is being built.
    studies: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    locales: list[str] = field(default_factory=list)
    out: Path | None = None
    strict: bool = False
    date: dt.date | None = None
    #: --draft: build below the minimum coverage, each page marked "Draft translation".
    draft: bool = False
    #: Worker processes (--jobs); 1 builds in this process.
    jobs: int = 1
    #: --force: rebuild documents whose inputs have not changed too.
    force: bool = False
    #: --dask: the address of a Dask scheduler to send the documents to.
    dask: str | None = None
    #: Show a progress bar (the command line does, in a terminal).
    progress: bool = False


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Lines to show after the files written, such as readability scores.
    notes: list[str] = field(default_factory=list)
    #: Materials a locale translates too little of to print, one line each.
    not_built: list[str] = field(default_factory=list)
    #: Readability targets missed, one line each (fatal with --strict).
    missed: list[str] = field(default_factory=list)
    #: Documents not made in a language for a reason that is not a failure of this build (a
    #: staff document in a patient language, a study not translated yet), one line each.
    skipped: list[str] = field(default_factory=list)
    #: Documents whose inputs had not changed, so were not made again.
    up_to_date: int = 0
    #: Each practice's index page, written or already up to date.
    indexes: list[Path] = field(default_factory=list)

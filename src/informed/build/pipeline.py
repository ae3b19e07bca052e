"""The stages a worker runs for each job: render, check, typeset; plain data in and out.

A worker only computes: it returns the files' contents and the messages it logged, and the
client writes them, in the order of the jobs, so every executor reports exactly as a serial
build does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from informed.build.checks import Checks
from informed.build.job import SOURCE_LOCALE, Task
from informed.build.render import render_html
from informed.build.typeset import Typesetter
from informed.build.write import output_path
from informed.content import Content
from informed.draft import mark_draft
from informed.errors import InformedError
from informed.formats import easy_read
from informed.formats.outputs import Source, text_outputs
from informed.i18n.runtime import LocaleBundle, NotBuilt, open_locale
from informed.manifest import digest
from informed.project import Project
from informed.render import shared_environment

log = logging.getLogger("informed")


@dataclass(frozen=True)
class Context:
    """What every job of one build shares; sent once to each worker process."""

    project: Project
    content: Content
    formats: tuple[str, ...]
    strict: bool
    draft: bool
    out_root: Path
    minimum: float
    #: The client's log level, so a worker process logs what the client would show.
    log_level: int
    #: Names this build, so a long-lived worker (Dask) keeps one Worker per build.
    token: str
    #: The studies being built, whose catalogs each locale opens, and those asked for by name:
    #: only those fail the build when they cannot be made in a language.
    studies: tuple[str, ...] = ()
    named_studies: tuple[str, ...] = ()


@dataclass
class Outcome:
    """What one job made, and what it said along the way."""

    #: (file name in the job's folder, contents), in the order a serial build stages them.
    files: list[tuple[str, bytes | str]] = field(default_factory=list)
    #: The hash of the HTML every format was made from.
    source: str = ""
    notes: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    not_built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: Log records as (level, message), replayed by the client in job order.
    logs: list[tuple[int, str]] = field(default_factory=list)
    #: The error that stops the build, raised by the client when it reaches this job.
    error: InformedError | None = None


_local = threading.local()


class _Capture(logging.Filter):
    """Holds back the records of a thread that is running a job, for the client to replay."""

    def filter(self, record: logging.LogRecord) -> bool:
        buffer = getattr(_local, "buffer", None)
        if buffer is None:
            return True
        buffer.append((record.levelno, record.getMessage()))
        return False


_CAPTURE = _Capture()


@contextmanager
def captured(buffer: list[tuple[int, str]]) -> Iterator[None]:
    logger = logging.getLogger("informed")
    if _CAPTURE not in logger.filters:
        logger.addFilter(_CAPTURE)
    previous = getattr(_local, "buffer", None)
    _local.buffer = buffer
    try:
        yield
    finally:
        _local.buffer = previous


class Worker:
    """Runs jobs for one build: one Jinja environment, one readability checker, one PDF
    writer and each locale's catalogs, loaded once in the process."""

    def __init__(self, context: Context) -> None:
        self.context = context
        project = context.project
        self.env = shared_environment(project.template_dirs)
        self.checks = Checks(project, context.content, context.strict)
        self.typesetter = Typesetter(project)
        self.bundles: dict[str, LocaleBundle] = {}
        self._lock = threading.Lock()
        logging.getLogger("informed").setLevel(context.log_level)

    def run(self, task: Task) -> Outcome:
        out = Outcome()
        with self._lock, captured(out.logs):
            try:
                self._run(task, out)
            except InformedError as exc:
                out.error = exc
        return out

    def _bundle(self, locale: str) -> LocaleBundle:
        if locale not in self.bundles:
            self.bundles[locale] = open_locale(self.context.project, locale,
                                               list(self.context.studies))
        return self.bundles[locale]

    def _run(self, task: Task, out: Outcome) -> None:
        ctx, job, meta = self.context, task.job, task.meta
        bundle = self._bundle(job.locale)
        if job.variant.name == easy_read.VARIANT and (reason := easy_read.not_made(
                job.material, ctx.content, job.study, bundle)):
            out.skipped.append(f"{job.where}: not built: {reason}")
            return
        below = False
        try:
            html = render_html(ctx.project, job, ctx.content, meta, bundle, ctx.minimum,
                               ctx.strict, self.env)
        except NotBuilt as exc:
            try:
                if not ctx.draft:
                    raise
                html = render_html(ctx.project, job, ctx.content, meta, bundle, 0.0,
                                   ctx.strict, self.env)
                below = True
            except NotBuilt:
                # A study not asked for by name does not fail its site's build (plan_studies).
                named = job.study is None or job.study.slug in ctx.named_studies
                (out.not_built if named else out.skipped).append(exc.message)
                return
        page = output_path(ctx.out_root, *job.folder, f"{job.stem}.html")
        if not self.checks.run(job, html, meta, page, out) and ctx.strict:
            return  # --strict writes nothing that misses its target
        # A draft is a language below the minimum, or one no qualified translator reviewed.
        info = bundle.info
        if ctx.draft and job.locale != SOURCE_LOCALE and (
                below or info is None or info.status != "reviewed"):
            html = mark_draft(html)
        out.source = digest(html)
        formats = [f for f in ctx.formats if f in job.variant.formats]
        if "html" in formats:
            out.files.append((f"{job.stem}.html", html))
        if job.variant == job.material.variants[0]:
            source = Source(job.material, job.practice, bundle, ctx.project.template_dirs)
            for fmt, text in text_outputs(formats, html, job.where, out.skipped, source):
                out.files.append((job.material.file_name(job.variant, fmt), text))
        if "pdf" in formats:
            pdf = self.typesetter.pdf(job, html)
            if isinstance(pdf, str):
                out.not_built.append(pdf)
                return
            out.files.append((f"{job.stem}.pdf", pdf))
        log.info("built %s", job.where)


#: The worker of the build this process is working for (a pool's process, a Dask worker).
_WORKERS: dict[str, Worker] = {}


def run_task(context: Context, task: Task) -> Outcome:
    """Run ``task`` in this process's worker for ``context``'s build."""
    worker = _WORKERS.get(context.token)
    if worker is None:
        _WORKERS.clear()  # one build at a time: let the last one's fonts and catalogs go
        worker = _WORKERS[context.token] = Worker(context)
    return worker.run(task)

"""The build's client: load and plan, skip unchanged documents, hand the rest to an executor,
and write what comes back in the order of the jobs."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace

from informed.atomic import Staging, WriteError
from informed.build import executors
from informed.build.cache import Inputs, document_name, unchanged
from informed.build.dates import build_date, document_meta, explicit_date
from informed.build.job import BuildOptions, BuildResult, Task
from informed.build.pipeline import Context
from informed.build.plan import load_inputs, plan, plan_studies, study_materials
from informed.build.progress import Progress
from informed.build.write import Writer, what_was_written
from informed.content import load_practice, stale_sources
from informed.errors import ContentError, InformedError, TargetMissed
from informed.i18n.locales import canonical
from informed.i18n.runtime import minimum_coverage
from informed.model import check_locale, check_slug
from informed.project import Project
from informed.study import select_studies

log = logging.getLogger("informed")


def run_build(project: Project, options: BuildOptions) -> BuildResult:
    """Load everything, render every planned output, then put them all in place together.

    Nothing is replaced until every document has rendered: a build that fails or is
    interrupted leaves the earlier outputs as they were, each HTML in step with its PDF.
    """
    staging = Staging()
    try:
        return _run_build(project, options, staging)
    except WriteError as exc:
        raise InformedError(f"{exc.message}.\n{what_was_written(staging, project.root)}"
                            ) from None
    finally:
        staging.discard()


def _run_build(project: Project, options: BuildOptions, staging: Staging) -> BuildResult:
    # --study alone builds only that study's documents, not its site's leaflets.
    slugs = options.practices or ([] if options.studies else project.practice_slugs())
    if not slugs and not options.studies:
        raise InformedError("no practices found: add content/practices/<slug>/practice.yaml "
                            "(see content/practices/example-surgery)")
    for slug in slugs:
        if message := check_slug(slug):
            raise InformedError(f"--practice: {message}")
    for locale in options.locales:
        if message := check_locale(locale):
            raise InformedError(f"--locale: {message}")
    if options.jobs < 1:
        raise InformedError(f"--jobs: expected 1 or more, got {options.jobs}")
    options = replace(options, locales=list(dict.fromkeys(map(canonical, options.locales))))
    with_studies = bool(options.studies or study_materials(options))
    study_slugs = select_studies(project, options.studies, slugs) if with_studies else []
    content, practices, studies = load_inputs(project, slugs, options.strict, study_slugs)
    result = BuildResult()
    jobs = plan(options, practices, result.skipped)
    #: Practices whose index page this build refreshes: those built, and study sites.
    indexed = {p.slug: p for p in practices}
    if with_studies:
        sites = {p.slug: p for p in practices}
        for site in sorted({s.site for s in studies} - set(sites)):
            sites[site] = load_practice(project, site, strict=options.strict)
        jobs.extend(plan_studies(options, project, studies, sites, result))
        indexed.update((s.site, sites[s.site]) for s in studies)
    out_root = (options.out or project.root / "output").resolve()
    produced = build_date(options.date)
    if produced.year > 9000:  # the next review date must still be a date
        raise InformedError(f"--date: expected a date before the year 9000, got {produced}")
    stale = stale_sources(content, produced, project.config.review_months)
    if stale and options.strict:
        raise ContentError(stale, project.root)
    for problem in stale:
        log.warning("%s", problem.format(project.root))
    minimum = minimum_coverage(project)
    writer = Writer(project, out_root, staging)
    asked = explicit_date(options.date)
    inputs = Inputs(project, content, options, asked.isoformat() if asked else "")
    progress = Progress(len(jobs), options.progress)
    tasks: list[Task] = []
    for job in jobs:
        traced, key = inputs.key(job)
        writer.practice_folder(job.practice.slug)  # refuses a folder outside output/
        recorded = writer.recorded(job.practice.slug, document_name(job))
        if not options.force and unchanged(writer.practice_folder(job.practice.slug),
                                           recorded, key):
            writer.keep(job.practice.slug, recorded)
            result.up_to_date += 1
            progress.advance(made=False, not_built=False)
            continue
        meta = document_meta(project, job.practice, job.locale, produced, traced)
        tasks.append(Task(job, meta, key))
    context = Context(project, content, tuple(options.formats), options.strict, options.draft,
                      out_root, minimum, logging.getLogger("informed").getEffectiveLevel(),
                      uuid.uuid4().hex, tuple(s.slug for s in studies),
                      tuple(options.studies))
    outcomes = executors.run(context, tasks, options.jobs, options.dask)
    try:
        for task, outcome in zip(tasks, outcomes, strict=False):
            progress.clear()
            for level, message in outcome.logs:
                log.log(level, "%s", message)
            if outcome.error is not None:
                raise outcome.error
            result.notes.extend(outcome.notes)
            result.missed.extend(outcome.missed)
            result.not_built.extend(outcome.not_built)
            result.skipped.extend(outcome.skipped)
            # A document made only in part is made again next time, to say why again.
            key = "" if outcome.not_built else task.key
            for name, data in outcome.files:
                writer.stage(task.job, name, data, outcome.source, key, task.meta.produced)
            progress.advance(made=True, not_built=bool(outcome.not_built))
    finally:
        progress.close()
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stop the executor: cancel what has not started
    if options.strict and result.missed:
        raise TargetMissed("\n".join([*result.missed, "--strict: readability targets missed; "
                                      "run informed check for the sentences to fix"]))
    writer.finish(result, options, indexed, slugs, studies, produced)
    return result

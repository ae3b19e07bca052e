"""Plans and runs a build: load, plan, render, write. Outputs are written atomically."""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import hashlib
import logging
import mimetypes
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from informed import manifest
from informed.atomic import Staging, WriteError
from informed.content import Content, load_content, load_practice, stale_sources
from informed.draft import mark_draft
from informed.errors import (
    ContentError,
    InformedError,
    PagesOverflow,
    Problem,
    TargetMissed,
    display_path,
)
from informed.formats import easy_read
from informed.formats.outputs import Source, text_outputs
from informed.i18n.locales import canonical
from informed.i18n.runtime import (
    FallbackReport,
    LocaleBundle,
    NotBuilt,
    Session,
    minimum_coverage,
    open_locale,
    render_localised,
)
from informed.index import write_index
from informed.logo import aspect_ratio
from informed.materials import Material, Variant, link_to, registry
from informed.model import Practice, check_locale, check_slug
from informed.project import Project
from informed.render import Formatter, make_environment, mark_runs, render_template
from informed.study import (
    Study,
    check_rendered,
    load_studies,
    select_studies,
    study_locales,
)

log = logging.getLogger("informed")

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


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def build_date(explicit: dt.date | None = None) -> dt.date:
    """The date printed as "produced": --date, then SOURCE_DATE_EPOCH, then today."""
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def inputs_hash(paths: Iterable[Path]) -> str:
    """A short hash of every input file, so two outputs with one version say the same."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def output_path(out_root: Path, *parts: str) -> Path:
    """A path under ``out_root``; refuses anything that would land outside it."""
    root = out_root.resolve()
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root) or target == root:
        raise InformedError(f"refusing to write outside the output folder: {'/'.join(parts)}")
    return target


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def load_inputs(project: Project, slugs: list[str], strict: bool,
                study_slugs: list[str] | None = None
                ) -> tuple[Content, list[Practice], list[Study]]:
    """Load the content, every practice and every study, reporting all of their problems
    together (a study is checked against the content, so only once that has loaded)."""
    problems: list[Problem] = []
    content = None
    practices: list[Practice] = []
    studies: list[Study] = []
    try:
        content = load_content(project, strict=strict)
    except ContentError as exc:
        problems.extend(exc.problems)
    for slug in slugs:
        try:
            practices.append(load_practice(project, slug, strict=strict))
        except ContentError as exc:
            problems.extend(exc.problems)
    if content is not None and study_slugs:
        try:
            studies = load_studies(project, study_slugs, content, strict)
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems or content is None:
        raise ContentError(problems, project.root)
    return content, practices, studies


def plan(options: BuildOptions, practices: list[Practice],
         skipped: list[str] | None = None) -> list[Job]:
    """The jobs for the practices' own materials. A staff document is made only in the
    languages the practice's staff work in; asked for in another, it is listed in ``skipped``."""
    materials = registry()
    chosen = options.materials or [n for n, m in materials.items() if not m.per_study]
    for name in chosen:
        if name not in materials:
            known = ", ".join(materials)
            raise InformedError(f'unknown material "{name}"; choose from: {known}')
    chosen = [n for n in chosen if not materials[n].per_study]
    jobs = []
    for practice in practices:
        for locale in options.locales or practice.locales:
            for name in chosen:
                material = materials[name]
                if material.audience == "staff" and locale not in practice.staff_locales:
                    if skipped is not None:
                        skipped.append(
                            f"{practice.slug}/{locale}/{name}: not built: a document for staff, "
                            f"made in {', '.join(practice.staff_locales)} (add {locale} to "
                            "staff_locales in practice.yaml to make it in this language too)")
                    continue
                jobs.extend(Job(practice, material, v, locale) for v in material.variants)
    return jobs


def study_materials(options: BuildOptions) -> list[str]:
    """The per-study materials this build makes: those asked for, or all of them."""
    materials = registry()
    names = options.materials or list(materials)
    return [n for n in names if n in materials and materials[n].per_study]


def plan_studies(options: BuildOptions, project: Project, studies: list[Study],
                 sites: dict[str, Practice], result: BuildResult) -> list[Job]:
    """The jobs for each study's documents, in each language it is complete in. A study that
    is not translated never stops its site's own materials: it is reported as not built (a
    failure only when the study itself was asked for with --study)."""
    materials = registry()
    chosen = study_materials(options)
    named = ", ".join(n for n, m in materials.items() if m.per_study)
    if options.studies and not chosen:
        raise InformedError(f"--study builds a study's documents ({named}); --material names "
                            "none of them")
    if options.materials and chosen and not studies:
        known = ", ".join(project.study_slugs()) or "none yet"
        raise InformedError(f'"{chosen[0]}" is made for a study: add --study SLUG '
                            f"(known studies: {known})")
    jobs = []
    for study in studies:
        site = sites[study.site]
        locales, gaps = study_locales(project, study, site.locales, options.locales,
                                      options.strict)
        (result.not_built if study.slug in options.studies else result.skipped).extend(gaps)
        for locale in locales:
            for name in chosen:
                material = materials[name]
                jobs.extend(Job(site, material, v, locale, study) for v in material.variants)
    return jobs


def make_meta(project: Project, practice: Practice, content: Content, locale: str,
              produced: dt.date, extra: Iterable[Path] = ()) -> Meta:
    files = [*content.files, *sorted(practice.folder.rglob("*"))] if practice.folder else []
    files.extend(extra)
    for folder in project.template_dirs:
        files.extend(p for p in folder.rglob("*") if p.is_file())
    months = practice.review_months or project.config.review_months
    fmt = Formatter(locale)
    return Meta(
        version=project.config.version,
        inputs=inputs_hash(p for p in files if p.is_file()),
        produced=produced,
        review=add_months(produced, months),
        locale=locale,
        lang=locale,
        direction=fmt.direction,
    )


def render_html(project: Project, job: Job, content: Content, meta: Meta,
                bundle: LocaleBundle | None = None, minimum: float | None = None,
                strict: bool = False) -> str:
    """The material's HTML in the job's locale; each string without a translation falls back
    to English and is counted. Raises NotBuilt when too little is translated to print."""
    bundle = bundle or open_locale(project, job.locale)
    where = "/".join((*job.folder, job.stem))
    html, report = render_localised(
        bundle, job.material, lambda session, partly: _render(project, job, content, meta,
                                                              session, partly),
        minimum_coverage(project) if minimum is None else minimum, strict, where)
    if report.fallbacks:
        log.warning("%s: %s", where, report.describe())
    return html


def fallback_report(project: Project, job: Job, content: Content, meta: Meta,
                    bundle: LocaleBundle) -> FallbackReport:
    """What the job's material shows in English for want of a translation, however much."""
    return render_localised(
        bundle, job.material, lambda session, partly: _render(project, job, content, meta,
                                                              session, partly), 0.0)[1]


def _render(project: Project, job: Job, content: Content, meta: Meta, session: Session,
            partly_english: bool) -> str:
    env = make_environment(project.template_dirs, session.translations)
    practice = job.practice
    context: dict[str, Any] = {
        "practice": session.practice(practice),
        "content": session.content(content),
        "material": job.material,
        "variant": job.variant,
        "meta": replace(meta, partly_english=partly_english),
        "fmt": Formatter(job.locale),
        "logo": data_uri(practice.logo_path) if practice.logo_path else None,
        "logo_ratio": aspect_ratio(practice.logo_path) if practice.logo_path else 1.0,
        "link_to": lambda name: link_to(name, job.variant),
        "study": job.study,
    }
    html = render_template(env, job.variant.template or job.material.template, context)
    return mark_runs(html, meta.direction)


class Readability:
    """Scores each built page against its material's targets, once per text.

    Large print repeats the standard text, so only the first variant of a material in a
    language is scored. Study documents are scored by the study module (summary and detail).
    """

    def __init__(self, project: Project) -> None:
        from informed.readability import Checker

        self.project = project
        self.checker = Checker(project.root, project.layers)
        self.seen: set[tuple[str, ...]] = set()

    def check(self, job: Job, html: str, target: Path, result: BuildResult) -> bool:
        """Add the summary line; False if a target is missed."""
        from informed.readability import summarise

        key = (*job.folder, job.material.name)
        if job.study is not None or job.variant.name == "large-print" or key in self.seen:
            return True
        self.seen.add(key)
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


def run_build(project: Project, options: BuildOptions) -> BuildResult:
    """Load everything, render every planned output, then put them all in place together.

    Nothing is replaced until every document has rendered: a build that fails or is
    interrupted leaves the earlier outputs as they were, each HTML in step with its PDF.
    """
    staging = Staging()
    try:
        return _run_build(project, options, staging)
    except WriteError as exc:
        raise InformedError(f"{exc.message}.\n{_what_was_written(staging, project.root)}"
                            ) from None
    finally:
        staging.discard()


def _what_was_written(staging: Staging, root: Path) -> str:
    if staging.committed:
        return ("Every material was written, but the list of outputs or the index page was not "
                "brought up to date; build again once the problem is fixed.")
    if not staging.done:
        return ("Nothing was written: the files in the output folder are as they were before "
                "this build.")
    missing = [display_path(path, root) for _tmp, path in staging.pending]
    return (f"{len(staging.done)} files were written; these were not, and may be out of step "
            "with the rest: " + ", ".join(missing))


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
    writer = None
    bundles: dict[str, LocaleBundle] = {}
    minimum = minimum_coverage(project)
    readability = Readability(project)
    metas: dict[tuple[str, ...], Meta] = {}
    made: dict[str, list[manifest.Output]] = {slug: [] for slug in indexed}

    def stage(job: Job, path: Path, data: str | bytes, html: str) -> None:
        staging.add(path, data)
        folder = output_path(out_root, job.practice.slug)
        made.setdefault(job.practice.slug, []).append(manifest.Output(
            path.relative_to(folder).as_posix(), job.locale, job.material.name,
            job.study.slug if job.study else None, manifest.digest(data), manifest.digest(html)))

    for job in jobs:
        key = job.folder
        if key not in metas:
            extra = [job.study.path] if job.study and job.study.path else []
            metas[key] = make_meta(project, job.practice, content, job.locale, produced, extra)
        meta = metas[key]
        if job.locale not in bundles:
            bundles[job.locale] = open_locale(project, job.locale)
        if job.variant.name == easy_read.VARIANT and (reason := easy_read.not_made(
                job.material, content, job.study, bundles[job.locale])):
            result.skipped.append(f"{'/'.join((*job.folder, job.stem))}: not built: {reason}")
            continue
        try:
            html = render_html(project, job, content, meta, bundles[job.locale], minimum,
                               options.strict)
            below = False
        except NotBuilt as exc:
            try:
                if not options.draft:
                    raise
                html = render_html(project, job, content, meta, bundles[job.locale], 0.0,
                                   options.strict)
                below = True
            except NotBuilt:
                result.not_built.append(exc.message)
                continue
        if job.study is not None:
            result.notes.extend(check_rendered(project, job.study, job.material.name,
                                               job.variant.name, html, content,
                                               options.strict, meta.lang))
        folder = job.folder
        page = output_path(out_root, *folder, f"{job.stem}.html")
        if not readability.check(job, html, page, result) and options.strict:
            continue  # --strict writes nothing that misses its target
        if job.variant.name == easy_read.VARIANT:
            note, miss = easy_read.check(html, "/".join((*job.folder, job.stem)))
            result.notes.append(note)
            if miss:
                result.missed.append(miss)
                log.warning("%s", miss)
        # A draft is a language below the minimum, or one no qualified translator reviewed.
        info = bundles[job.locale].info
        if options.draft and job.locale != SOURCE_LOCALE and (
                below or info is None or info.status != "reviewed"):
            html = mark_draft(html)
        formats = [f for f in options.formats if f in job.variant.formats]
        if "html" in formats:
            stage(job, page, html, html)
        if job.variant == job.material.variants[0]:
            where = "/".join((*job.folder, job.stem))
            source = Source(job.material, job.practice, bundles[job.locale],
                            project.template_dirs)
            for fmt, text in text_outputs(formats, html, where, result.skipped, source):
                name = job.material.file_name(job.variant, fmt)
                stage(job, output_path(out_root, *folder, name), text, html)
        if "pdf" in formats:
            if writer is None:
                from informed.pdf import PdfWriter  # WeasyPrint is slow to import.

                writer = PdfWriter(project.allowed_roots)
            target = output_path(out_root, *folder, f"{job.stem}.pdf")
            base = job.practice.folder or project.root
            try:
                pdf = writer.render(html, base, "/".join((*job.folder, job.stem)),
                                    max_pages=job.variant.max_pages,
                                    fit_sizes=job.variant.fit_sizes,
                                    page_multiple=job.variant.page_multiple)
            except PagesOverflow as exc:
                # A translation runs longer than the English that a fixed layout was made
                # for: say so, and still build the other materials in that language.
                if job.locale == SOURCE_LOCALE:
                    raise
                result.not_built.append(
                    f"{exc.what}: not built: the translation needs {exc.needed} pages, but this "
                    f"layout has room for {exc.room}, even in smaller print. Shorten the "
                    "translation, or use the large-print layout"
                    + (f". {exc.overflow}" if exc.overflow else ""))
                continue
            stage(job, target, pdf, html)
        log.info("built %s/%s", "/".join(job.folder), job.stem)
    if options.strict and result.missed:
        raise TargetMissed("\n".join([*result.missed, "--strict: readability targets missed; "
                                      "run informed check for the sentences to fix"]))
    result.written.extend(staging.commit())
    # Remove what this build covered but no longer makes; the index lists what remains.
    for practice in indexed.values():
        folder = output_path(out_root, practice.slug)
        scope = build_scope(options, practice.slug, slugs, studies)
        for path in manifest.update(folder, scope, [*made.get(practice.slug, []),
                                                    manifest.Output("index.html")]):
            log.info("removed %s, which this build no longer makes", path)
        meta = (metas.get((practice.slug, SOURCE_LOCALE))
                or make_meta(project, practice, content, SOURCE_LOCALE, produced))
        result.written.append(write_index(project, folder, practice, meta))
    return result


def build_scope(options: BuildOptions, slug: str, slugs: list[str],
                studies: list[Study]) -> manifest.Scope:
    """What this build covered in one practice's outputs: only there are old files removed."""
    if options.studies:
        covered: frozenset[str] | None = frozenset(s.slug for s in studies if s.site == slug)
    else:
        covered = None if study_materials(options) else frozenset()
    return manifest.Scope(
        locales=frozenset(options.locales) if options.locales else None,
        materials=frozenset(options.materials) if options.materials else None,
        own=slug in slugs, studies=covered)

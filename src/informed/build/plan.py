"""Plan: load the inputs and list the jobs, one per document this build makes."""

from __future__ import annotations

from informed.build.job import BuildOptions, BuildResult, Job
from informed.content import Content, load_content, load_practice
from informed.errors import ContentError, InformedError, Problem
from informed.materials import registry
from informed.model import Practice
from informed.project import Project
from informed.study import Study, load_studies, study_locales


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

"""Render: a job's HTML in its language, from one Jinja environment per build."""

from __future__ import annotations

import base64
import logging
import mimetypes
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2

from informed.build.job import Job, Meta
from informed.content import Content
from informed.i18n.runtime import (
    FallbackReport,
    LocaleBundle,
    Session,
    minimum_coverage,
    open_locale,
    render_localised,
)
from informed.logo import aspect_ratio
from informed.materials import link_to
from informed.project import Project
from informed.render import Formatter, mark_runs, shared_environment, translating

log = logging.getLogger("informed")


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def render_html(project: Project, job: Job, content: Content, meta: Meta,
                bundle: LocaleBundle | None = None, minimum: float | None = None,
                strict: bool = False, env: jinja2.Environment | None = None) -> str:
    """The material's HTML in the job's locale; each string without a translation falls back
    to English and is counted. Raises NotBuilt when too little is translated to print."""
    bundle = bundle or open_locale(project, job.locale, [job.study.slug] if job.study else [])
    env = env or shared_environment(project.template_dirs)
    html, report = render_localised(
        bundle, job.material, lambda session, partly: _render(env, job, content, meta,
                                                              session, partly),
        minimum_coverage(project) if minimum is None else minimum, strict, job.where)
    if report.fallbacks:
        log.warning("%s: %s", job.where, report.describe())
    return html


def fallback_report(project: Project, job: Job, content: Content, meta: Meta,
                    bundle: LocaleBundle, env: jinja2.Environment | None = None
                    ) -> FallbackReport:
    """What the job's material shows in English for want of a translation, however much."""
    env = env or shared_environment(project.template_dirs)
    return render_localised(
        bundle, job.material, lambda session, partly: _render(env, job, content, meta,
                                                              session, partly), 0.0)[1]


def _render(env: jinja2.Environment, job: Job, content: Content, meta: Meta, session: Session,
            partly_english: bool) -> str:
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
        "study": session.study(job.study, content) if job.study else None,
    }
    html = translating(env, job.variant.template or job.material.template, context,
                       session.translations)
    return mark_runs(html, meta.direction)

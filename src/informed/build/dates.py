"""The dates and version an output prints: produced, next review, and the inputs hash."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from informed.build.job import Meta
from informed.content import Content
from informed.model import Practice
from informed.project import Project
from informed.render import Formatter


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def explicit_date(explicit: dt.date | None = None) -> dt.date | None:
    """The date asked for: --date, then SOURCE_DATE_EPOCH; None for today."""
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None


def today() -> dt.date:
    return dt.date.today()


def build_date(explicit: dt.date | None = None) -> dt.date:
    """The date printed as "produced": --date, then SOURCE_DATE_EPOCH, then today."""
    return explicit_date(explicit) or today()


def inputs_hash(paths: Iterable[Path]) -> str:
    """A short hash of every input file, so two outputs with one version say the same."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def document_meta(project: Project, practice: Practice, locale: str, produced: dt.date,
                  inputs: str) -> Meta:
    months = practice.review_months or project.config.review_months
    return Meta(
        version=project.config.version,
        inputs=inputs,
        produced=produced,
        review=add_months(produced, months),
        locale=locale,
        lang=locale,
        direction=Formatter(locale).direction,
    )


def make_meta(project: Project, practice: Practice, content: Content, locale: str,
              produced: dt.date, extra: Iterable[Path] = ()) -> Meta:
    """Metadata whose inputs hash covers every content, practice and template file."""
    files = [*content.files, *sorted(practice.folder.rglob("*"))] if practice.folder else []
    files.extend(extra)
    for folder in project.template_dirs:
        files.extend(p for p in folder.rglob("*") if p.is_file())
    return document_meta(project, practice, locale, produced,
                         inputs_hash(p for p in files if p.is_file()))

"""The practice's index page: every material, layout, language and format, with thumbnails."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from informed import manifest
from informed.atomic import write_atomic
from informed.materials import Material, Variant, registry
from informed.model import Practice
from informed.project import Project
from informed.render import Formatter, make_environment, render_template

log = logging.getLogger("informed")

THUMBNAILS = "thumbnails"
#: Width of a thumbnail in pixels: enough to recognise the page, small enough to load fast.
THUMBNAIL_WIDTH = 240
#: pdftoppm runs in a subprocess; two at a time suit a two-core machine.
WORKERS = 2


@dataclass
class Entry:
    """One material in one layout and one language, in every format that was built."""

    locale: str
    language: str
    files: dict[str, str] = field(default_factory=dict)
    thumbnail: str | None = None


@dataclass
class Row:
    material: Material
    variant: Variant
    entries: list[Entry] = field(default_factory=list)
    #: For a study's documents, the study's folder name.
    study: str | None = None
    #: ... and what people call the study (its short title, else its title).
    study_title: str | None = None

    @property
    def anchor(self) -> str:
        return f"{self.study + '-' if self.study else ''}{self.material.name}{self.variant.suffix}"


def language_name(locale: str) -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).get_display_name("en") or locale
    except (ValueError, UnknownLocaleError):
        return locale


def locale_folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and p.name != THUMBNAILS and not p.name.startswith("."))


def study_title(project: Project, slug: str) -> str:
    """The study's short title (else its title) from its study.yaml; the slug if unreadable."""
    path = project.find(f"content/studies/{slug}/study.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if isinstance(data, dict):
        for key in ("short_title", "title"):
            if isinstance(data.get(key), str) and data[key].strip():
                return data[key].strip()
    return slug


def collect(folder: Path, project: Project | None = None,
            owned: set[str] | None = None) -> list[Row]:
    """What is in the practice's output folder, in registry order. Files from earlier builds
    count too, so building one material does not drop the others from the page. A study's
    documents sit in <locale>/studies/<study>/. With ``owned``, only those files (the ones
    informed wrote and still makes) are listed."""
    rows = []
    locales = locale_folders(folder)
    studies = sorted({p.name for locale in locales
                      for p in (folder / locale / "studies").glob("*") if p.is_dir()})
    for material in registry().values():
        for study in studies if material.per_study else [None]:
            sub = f"studies/{study}/" if study else ""
            for variant in material.variants:
                title = study_title(project, study) if study and project else study
                row = Row(material, variant, study=study, study_title=title)
                for locale in locales:
                    entry = Entry(locale, language_name(locale))
                    for fmt in variant.formats:
                        name = f"{locale}/{sub}{material.file_name(variant, fmt)}"
                        if (folder / name).is_file() and (owned is None or name in owned):
                            entry.files[fmt] = name
                    if entry.files:
                        row.entries.append(entry)
                if row.entries:
                    rows.append(row)
    return rows


def render_thumbnail(pdftoppm: str, pdf: Path, png: Path) -> bool:
    """Render the first page of ``pdf`` to ``png``, atomically; False if pdftoppm failed."""
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=png.parent, prefix=".thumb-") as tmp:
        prefix = Path(tmp) / "page"
        done = subprocess.run(
            [pdftoppm, "-png", "-f", "1", "-l", "1", "-singlefile",
             "-scale-to-x", str(THUMBNAIL_WIDTH), "-scale-to-y", "-1", str(pdf), str(prefix)],
            capture_output=True, text=True, check=False)
        made = prefix.with_suffix(".png")
        if done.returncode != 0 or not made.is_file():
            log.warning("could not make a thumbnail of %s: %s", pdf.name,
                        done.stderr.strip() or f"pdftoppm exited with {done.returncode}")
            return False
        os.replace(made, png)
    return True


def add_thumbnails(folder: Path, rows: list[Row], pdftoppm: str) -> None:
    """Give each PDF a thumbnail of its first page, remaking only those older than the PDF."""
    todo: list[tuple[Entry, Path, Path]] = []
    for row in rows:
        for entry in row.entries:
            if "pdf" not in entry.files:
                continue
            pdf = folder / entry.files["pdf"]
            relative = f"{THUMBNAILS}/{Path(entry.files['pdf']).with_suffix('.png').as_posix()}"
            png = folder / relative
            if png.is_file() and png.stat().st_mtime >= pdf.stat().st_mtime:
                entry.thumbnail = relative
            else:
                todo.append((entry, pdf, png))
                entry.thumbnail = relative
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = pool.map(lambda job: render_thumbnail(pdftoppm, job[1], job[2]), todo)
        for (entry, _, _), ok in zip(todo, results, strict=True):
            if not ok:
                entry.thumbnail = None


def write_index(project: Project, folder: Path, practice: Practice, meta: Any) -> Path:
    """Write ``folder/index.html`` for ``practice`` and return its path."""

    rows = collect(folder, project, manifest.owned(folder)) if folder.is_dir() else []
    pdftoppm = shutil.which("pdftoppm")
    has_pdfs = any("pdf" in e.files for row in rows for e in row.entries)
    if pdftoppm:
        add_thumbnails(folder, rows, pdftoppm)
    elif has_pdfs:
        log.warning("thumbnails are unavailable: install poppler-utils (pdftoppm) to show the "
                    "first page of each PDF on index.html")
    env = make_environment(project.template_dirs)
    html = render_template(env, "index.html.j2", {
        "practice": practice,
        "rows": rows,
        "meta": meta,
        "fmt": Formatter(meta.locale),
        "thumbnails_unavailable": has_pdfs and not pdftoppm,
    })
    target = folder / "index.html"
    try:
        if target.read_text(encoding="utf-8") == html:
            return target  # unchanged: a build that changed nothing writes nothing
    except (OSError, ValueError):
        pass
    write_atomic(target, html)
    return target

"""Write: the client alone puts outputs in place, atomically, and keeps each practice's
manifest and index page; workers only compute."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from informed import manifest
from informed.atomic import Staging
from informed.build.job import SOURCE_LOCALE, BuildOptions, BuildResult, Job
from informed.errors import InformedError, display_path
from informed.model import Practice
from informed.project import Project
from informed.study import Study

log = logging.getLogger("informed")


def output_path(out_root: Path, *parts: str) -> Path:
    """A path under ``out_root``; refuses anything that would land outside it."""
    root = out_root.resolve()
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root) or target == root:
        raise InformedError(f"refusing to write outside the output folder: {'/'.join(parts)}")
    return target


def build_scope(options: BuildOptions, slug: str, slugs: list[str],
                studies: list[Study]) -> manifest.Scope:
    """What this build covered in one practice's outputs: only there are old files removed."""
    from informed.build.plan import study_materials

    if options.studies:
        covered: frozenset[str] | None = frozenset(s.slug for s in studies if s.site == slug)
    else:
        covered = None if study_materials(options) else frozenset()
    return manifest.Scope(
        locales=frozenset(options.locales) if options.locales else None,
        materials=frozenset(options.materials) if options.materials else None,
        own=slug in slugs, studies=covered)


def what_was_written(staging: Staging, root: Path) -> str:
    if staging.committed:
        return ("Every material was written, but the list of outputs or the index page was not "
                "brought up to date; build again once the problem is fixed.")
    if not staging.done:
        return ("Nothing was written: the files in the output folder are as they were before "
                "this build.")
    missing = [display_path(path, root) for _tmp, path in staging.pending]
    return (f"{len(staging.done)} files were written; these were not, and may be out of step "
            "with the rest: " + ", ".join(missing))


class Writer:
    """Stages every file of the build, then puts them all in place together and brings each
    practice's manifest and index page up to date."""

    def __init__(self, project: Project, out_root: Path, staging: Staging) -> None:
        self.project, self.out_root, self.staging = project, out_root, staging
        self.made: dict[str, list[manifest.Output]] = {}
        self._recorded: dict[str, dict[str, list[manifest.Output]]] = {}

    def practice_folder(self, slug: str) -> Path:
        return output_path(self.out_root, slug)

    def recorded(self, slug: str, document: str) -> list[manifest.Output]:
        """What an earlier build recorded for one document of a practice."""
        if slug not in self._recorded:
            by_document: dict[str, list[manifest.Output]] = {}
            for output in manifest.read(self.practice_folder(slug)):
                by_document.setdefault(output.document, []).append(output)
            self._recorded[slug] = by_document
        return self._recorded[slug].get(document, [])

    def keep(self, slug: str, outputs: list[manifest.Output]) -> None:
        """An unchanged document's files stay as they are, and stay listed."""
        self.made.setdefault(slug, []).extend(outputs)

    def stage(self, job: Job, name: str, data: str | bytes, source: str, inputs: str,
              produced: dt.date) -> None:
        path = output_path(self.out_root, *job.folder, name)
        self.staging.add(path, data)
        folder = self.practice_folder(job.practice.slug)
        self.made.setdefault(job.practice.slug, []).append(manifest.Output(
            path.relative_to(folder).as_posix(), job.locale, job.material.name,
            job.study.slug if job.study else None, manifest.digest(data), source, inputs,
            produced.isoformat() if inputs else ""))

    def finish(self, result: BuildResult, options: BuildOptions, indexed: dict[str, Practice],
               slugs: list[str], studies: list[Study], produced: dt.date) -> None:
        """Put every staged file in place, then each practice's manifest and index page."""
        from informed.build.dates import document_meta
        from informed.index import write_index

        result.written.extend(self.staging.commit())
        # Remove what this build covered but no longer makes; the index lists what remains.
        for practice in indexed.values():
            folder = self.practice_folder(practice.slug)
            scope = build_scope(options, practice.slug, slugs, studies)
            for path in manifest.update(folder, scope, [*self.made.get(practice.slug, []),
                                                        manifest.Output("index.html")]):
                log.info("removed %s, which this build no longer makes", path)
            # The index is as new as the newest document it lists.
            dates = [o.produced for o in manifest.read(folder) if o.produced]
            newest = dt.date.fromisoformat(max(dates)) if dates else produced
            meta = document_meta(self.project, practice, SOURCE_LOCALE, newest, "")
            index = folder / "index.html"
            before = index.read_bytes() if index.is_file() else None
            write_index(self.project, folder, practice, meta)
            result.indexes.append(index)
            if index.read_bytes() != before:
                result.written.append(index)

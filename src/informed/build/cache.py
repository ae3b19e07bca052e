"""The cache that skips unchanged jobs: a key per document over everything it is made from.

The key covers the templates the document's template uses (followed through extends, include
and import), every content file, the practice's folder, the study file, the locale's catalogs,
informed.yaml, the tool itself and the options that change the output. A document whose key
matches the one the manifest recorded, with its files as they were written, is not made again.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import jinja2

import informed
from informed import manifest
from informed.build.job import SOURCE_LOCALE, BuildOptions, Job
from informed.content import Content
from informed.project import Project

_TEMPLATE_SUFFIX = ".j2"
#: A template named in extends, include, import or from; and one named by an expression.
_NAMED = re.compile(r"""\{%[-+]?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1""")
_DYNAMIC = re.compile(r"""\{%[-+]?\s*(?:extends|include|import|from)\s+(?!["'])""")


@cache
def tool_fingerprint() -> str:
    """The package's version and the hash of its own files: a new informed rebuilds all."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        digest = hashlib.sha256(version("informed").encode())
    except PackageNotFoundError:
        digest = hashlib.sha256()
    root = Path(informed.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Inputs:
    """Computes jobs' keys for one build, hashing each file and parsing each template once."""

    def __init__(self, project: Project, content: Content, options: BuildOptions,
                 explicit_date: str) -> None:
        self.project, self.content, self.options = project, content, options
        self.explicit_date = explicit_date
        self._files: dict[Path, str] = {}
        self._templates: dict[str, frozenset[Path] | None] = {}
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in project.template_dirs]))
        self._all_templates = sorted(p for d in project.template_dirs for p in d.rglob("*")
                                     if p.is_file())
        #: Files that are not templates (fonts, images) may be used by any template.
        self._assets = [p for p in self._all_templates if p.suffix != _TEMPLATE_SUFFIX]
        config = project.config_path
        self._shared = sorted({*content.files, *([config] if config.is_file() else [])})

    def digest(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = manifest.digest(path.read_bytes())
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def templates(self, name: str) -> list[Path]:
        """The template files ``name`` uses, itself included; all of them when it names one
        by a value only known while rendering."""
        if name not in self._templates:
            found: set[Path] = set()
            complete = self._follow(name, found, set())
            self._templates[name] = frozenset(found) if complete else None
        used = self._templates[name]
        return self._all_templates if used is None else sorted(used | set(self._assets))

    def _follow(self, name: str, found: set[Path], seen: set[str]) -> bool:
        if name in seen:
            return True
        seen.add(name)
        try:
            source, filename, _ = self._env.loader.get_source(self._env, name)
        except (jinja2.TemplateError, OSError, UnicodeDecodeError):
            return False  # the render reports it; the key just covers everything
        if filename:
            found.add(Path(filename))
        # A scan rather than a parse: parsing every template took most of a no-op build.
        if _DYNAMIC.search(source):
            return False
        return all(self._follow(match.group(2), found, seen)
                   for match in _NAMED.finditer(source))

    def _locale_files(self, locale: str) -> list[Path]:
        if locale == SOURCE_LOCALE:
            return []
        return sorted(p for folder in self.project.locale_dirs
                      for p in (folder / locale).rglob("*") if p.is_file())

    def key(self, job: Job) -> tuple[str, str]:
        """(the hash of the files ``job`` reads, printed in its metadata to trace a copy; the
        key that also covers the tool and the options, to tell whether to make it again)."""
        files = [*self._shared, *self.templates(job.variant.template or job.material.template),
                 *self._locale_files(job.locale)]
        practice = job.practice.folder
        if practice is not None and practice.is_dir():
            files.extend(sorted(p for p in practice.rglob("*") if p.is_file()))
        if job.study is not None and job.study.path is not None:
            files.append(job.study.path)
        sources = hashlib.sha256()
        for path in files:
            sources.update(f"{path.name}\0{self.digest(path)}\0".encode())
        options = self.options
        key = hashlib.sha256()
        for part in (sources.hexdigest(), tool_fingerprint(), job.where, job.variant.name,
                     ",".join(options.formats), f"strict={options.strict}",
                     f"draft={options.draft}", f"date={self.explicit_date}"):
            key.update(part.encode() + b"\0")
        return sources.hexdigest()[:8], key.hexdigest()


def document_name(job: Job) -> str:
    """The document's path in its practice's output folder, without an extension."""
    return "/".join((*job.folder[1:], job.stem))


def unchanged(folder: Path, recorded: list[manifest.Output], key: str) -> bool:
    """True if the outputs an earlier build recorded for a document were made from ``key``
    and are still as they were written."""
    if not recorded:
        return False
    for output in recorded:
        if output.inputs != key or not output.produced:
            return False
        path = folder / output.path
        try:
            if path.is_symlink() or manifest.digest(path.read_bytes()) != output.sha256:
                return False
        except OSError:
            return False
    return True

"""Finds a project's files: the user's own folder first, then the built-in defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from informed.errors import InformedError

#: The repository that ships the default content, templates and locales.
BUILTIN = Path(os.environ.get("INFORMED_HOME", Path(__file__).resolve().parents[2]))


@dataclass
class Project:
    """A workspace: content, practices, studies, template overrides and locales.

    Every lookup tries the project folder first and then the built-in folder, file by file,
    as MkDocs themes do, so a practice can override one template or one use.
    """

    root: Path
    builtin: Path = field(default=BUILTIN)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.builtin = self.builtin.resolve()
        if not self.root.is_dir():
            raise InformedError(f"project folder not found: {self.root}")

    @property
    def layers(self) -> list[Path]:
        """The folders searched, most specific first."""
        return [self.root] if self.root == self.builtin else [self.root, self.builtin]

    def find(self, relative: str) -> Path | None:
        for layer in self.layers:
            candidate = layer / relative
            if candidate.exists():
                return candidate
        return None

    def glob(self, folder: str, pattern: str) -> list[Path]:
        """Files matching ``pattern`` under ``folder`` in every layer; the first layer wins."""
        found: dict[str, Path] = {}
        for layer in self.layers:
            base = layer / folder
            if not base.is_dir():
                continue
            for path in sorted(base.glob(pattern)):
                if path.is_file():
                    found.setdefault(path.relative_to(base).as_posix(), path)
        return [found[k] for k in sorted(found)]

    def dirs(self, relative: str) -> list[Path]:
        return [layer / relative for layer in self.layers if (layer / relative).is_dir()]

    @property
    def template_dirs(self) -> list[Path]:
        return self.dirs("templates")

    @property
    def locale_dirs(self) -> list[Path]:
        return self.dirs("locales")

    @property
    def allowed_roots(self) -> list[Path]:
        """Folders the PDF renderer may read files from."""
        return self.layers

    @property
    def config_path(self) -> Path:
        return self.root / "informed.yaml"

    @cached_property
    def config(self):  # -> ProjectConfig
        from informed.content import load_config

        return load_config(self)

    def practice_slugs(self) -> list[str]:
        """Practices in this project. The built-in example is found only when named."""
        return sorted(p.parent.name for p in self.root.glob("content/practices/*/practice.yaml"))

    def study_slugs(self) -> list[str]:
        """Studies in this project. The built-in example is found only when named."""
        return sorted(p.parent.name for p in self.root.glob("content/studies/*/study.yaml"))

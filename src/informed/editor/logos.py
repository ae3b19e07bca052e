"""A logo uploaded in the editor: checked as the build checks it, then put beside practice.yaml."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from informed.atomic import write_atomic
from informed.content import check_logo
from informed.editor.document import FILE_NAME, Unreadable, load
from informed.errors import Problems
from informed.loading import YamlDoc
from informed.logo import aspect_ratio, pixel_size, printed_size

#: A logo is a few hundred kilobytes at most; more is a photograph or a mistake.
MAX_BYTES = 2_000_000
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg"}


class LogoRefused(Exception):
    """The upload is not a logo the build would accept; the message says why."""


def _boxes() -> list[tuple[float, float]]:
    from informed.materials import registry

    return [v.logo for m in registry().values() for v in m.variants if "pdf" in v.formats]


def check(folder: Path, name: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) the build would give for the logo ``name`` in ``folder``."""
    problems = Problems()
    practice: Any = SimpleNamespace(folder=folder, logo=name, logo_path=None)
    check_logo(practice, YamlDoc(folder / "practice.yaml", {}), problems)
    return ([p.message for p in problems.errors], [p.message for p in problems.warnings])


def print_preview(path: Path) -> dict[str, Any]:
    """How the logo prints: its width and height in mm in the largest layout, and its dpi."""
    ratio = aspect_ratio(path)
    width, height = max((printed_size(ratio, box) for box in _boxes()), default=(30.0, 30.0))
    size = pixel_size(path)
    dpi = round(size[0] / (width / 25.4)) if size else None
    return {"width_mm": round(width, 1), "height_mm": round(height, 1), "dpi": dpi,
            "vector": path.suffix.lower() == ".svg"}


def accept(folder: Path, name: str, data: bytes) -> dict[str, Any]:
    """Check the upload as the build would, then write it beside practice.yaml."""
    if not FILE_NAME.match(name) or "/" in name or "\\" in name or ".." in name:
        raise LogoRefused(f'"{name}" is not a plain file name: use letters, digits, hyphens and '
                          'one dot, such as "logo.svg"')
    suffix = Path(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise LogoRefused(f'expected an SVG, PNG or JPEG file, got "{name}"')
    if len(data) > MAX_BYTES:
        raise LogoRefused(f"{name} is {len(data) / 1e6:.1f} MB; a logo must be at most "
                          f"{MAX_BYTES / 1e6:.0f} MB. Save it smaller, or as an SVG")
    if not data:
        raise LogoRefused(f"{name} is empty")
    # Checked in a folder of its own, so that nothing unchecked is ever beside practice.yaml.
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / name).write_bytes(data)
        errors, warnings = check(Path(scratch), name)
        if errors:
            raise LogoRefused("; ".join(errors))
        preview = print_preview(Path(scratch) / name)
    write_atomic(folder / name, data)
    return {"name": name, "warnings": warnings, "print": preview}


def current(practice_yaml: Path) -> Path | None:
    """The logo practice.yaml names, if it is a file inside the practice folder."""
    try:
        data = load(practice_yaml.read_text(encoding="utf-8"))
    except (Unreadable, OSError, UnicodeDecodeError):
        return None  # a file the form cannot read has no logo to show yet
    name = data.get("logo")
    if not isinstance(name, str) or not FILE_NAME.match(name):
        return None
    path = practice_yaml.parent / name
    folder = practice_yaml.parent.resolve()
    try:
        inside = path.resolve().is_relative_to(folder) and path.is_file()
    except (OSError, RuntimeError):
        return None
    return path if inside and path.suffix.lower() in MEDIA_TYPES else None


__all__ = ["MAX_BYTES", "MEDIA_TYPES", "LogoRefused", "accept", "check", "current",
           "print_preview"]

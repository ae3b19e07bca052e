"""Test helpers: small projects in a temporary folder, and one shared build of the example."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from informed.cli import cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "content" / "practices" / "example-surgery"

# pytest-xdist already keeps both cores busy: builds run serially unless a test asks for --jobs.
os.environ.setdefault("INFORMED_JOBS", "1")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text) under ``root``; text is dedented."""
    for relative, body in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path):
    """A project folder that starts with a copy of the example practice and nothing else.

    Content and templates fall back to the built-in ones, file by file.
    """
    shutil.copytree(EXAMPLE, tmp_path / "content" / "practices" / "example-surgery")

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        return write_files(tmp_path, files or {})

    make.root = tmp_path  # type: ignore[attr-defined]
    return make


def practice_yaml(**changes: str) -> str:
    """The example practice.yaml with some top-level lines replaced (key -> new YAML line)."""
    text = (EXAMPLE / "practice.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for key, new in changes.items():
        for index, line in enumerate(lines):
            if line.startswith(f"{key}:") or line.startswith(f"  {key}:"):
                lines[index] = new
                break
        else:
            raise KeyError(key)
    return "\n".join(lines) + "\n"


def run(root: Path, *args: str):
    """Run the CLI in ``root``; returns click's Result."""
    return CliRunner().invoke(cli, ["--project", str(root), *args], catch_exceptions=False)


#: The example study made a researcher's own: every made-up value replaced.
OWN_VALUES = {
    "Exampleton": "Northbridge",
    "example.org": "northbridge.ac.uk",
    "iras_id: 999999": "iras_id: 312345",
    "26/EX/0999": "26/NE/0123",
    "Alex Sample": "Alex Morgan",
    "Sam Example": "Sam Patel",
    "01632 960 0": "01234 567 0",
    "Example Surgery": "High Street Surgery",
}


def own_study(text: str) -> str:
    """The example study as a researcher would make it their own: no example values left."""
    for old, new in OWN_VALUES.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def partial_locale(root: Path, tag: str, source: str, material_template: str) -> Path:
    """A project language ``tag`` made from the shipped ``source`` translation with the
    strings only ``material_template`` shows left untranslated, and a minimum of 95%, so that
    material is below the minimum while the others are complete: a language part way through,
    as translators have them."""
    from informed.i18n.catalogs import read_catalog, write_catalog
    from informed.i18n.locales import cldr_plural_forms

    result = run(root, "locale", "add", tag)
    assert result.exit_code == 0, result.output
    folder = root / "locales" / tag
    for domain in ("ui", "content"):
        path = folder / "LC_MESSAGES" / f"{domain}.po"
        catalog = read_catalog(REPO / "locales" / source / "LC_MESSAGES" / f"{domain}.po")
        catalog.locale = tag
        headers = dict(catalog.mime_headers)
        headers["Plural-Forms"] = cldr_plural_forms(tag)
        catalog.mime_headers = list(headers.items())
        for message in catalog:
            where = {file for file, _line in message.locations}
            if message.id and where and all(material_template in f or "content/" in f
                                            for f in where) and any(
                    material_template in f for f in where):
                message.string = ("",) * len(message.string) if isinstance(
                    message.string, tuple) else ""
        write_catalog(path, catalog)
    (root / "informed.yaml").write_text("locales:\n  minimum_coverage: 95\n", encoding="utf-8")
    return folder

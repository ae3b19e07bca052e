"""The Easy Read pictures (OpenMoji SVGs shipped in informed/pictograms), by name."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent.parent / "pictograms"
#: The credit every page with these pictures prints (CC BY-SA 4.0 asks for it).
CREDIT = "OpenMoji"
CREDIT_URL = "https://openmoji.org"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


@cache
def names() -> tuple[str, ...]:
    """Every picture content may name, from pictograms.yaml."""
    listed = yaml.safe_load((FOLDER / "pictograms.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(listed))


@cache
def data_uri(name: str) -> str:
    """The picture as a data: URI, so HTML and PDF carry it with no fetch."""
    if name not in names():
        raise KeyError(f'no Easy Read picture called "{name}"')
    svg = (FOLDER / f"{name}.svg").read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")

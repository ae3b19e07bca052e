"""One build of every practice material for the example practice, shared by the tests."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, run

DATE = "2026-11-27"
MATERIALS = ("poster", "leaflet", "newsletter", "privacy-notice", "privacy-notice-young-people",
             "staff-policy")
_built: dict[str, Path] = {}


def built_example(tmp_path_factory) -> Path:
    """output/example-surgery from one build, made the first time a test module asks.

    PDF rendering is the slow part of the suite, so every material test module reads the same
    build instead of making its own.
    """
    if "example" not in _built:
        out = tmp_path_factory.mktemp("materials")
        args = [a for name in MATERIALS for a in ("--material", name)]
        result = run(REPO, "build", "--practice", "example-surgery", *args, "--out", str(out),
                     "--date", DATE)
        assert result.exit_code == 0, result.output
        _built["example"] = out / "example-surgery"
    return _built["example"]

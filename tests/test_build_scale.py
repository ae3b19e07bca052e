"""Builds that scale: worker processes, Dask, and rebuilding only what changed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import REPO, run

OUT = "output/example-surgery"
#: Five documents (the three posters and two privacy notices) in HTML and PDF: enough for the pool.
MATERIALS = ("--material", "poster", "--material", "privacy-notice")


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {name: path.stat().st_mtime_ns for name, path in files(folder).items()}


def pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def assert_same_outputs(one: Path, other: Path) -> None:
    """The same files; HTML and text byte for byte, PDFs page for page, text and sizes."""
    a, b = files(one), files(other)
    assert a.keys() == b.keys()
    for name, path in a.items():
        if name.endswith(".pdf"):
            assert pdf_text(path) == pdf_text(b[name]), name
            with pdfplumber.open(path) as x, pdfplumber.open(b[name]) as y:
                assert ([sorted({round(c["size"], 1) for c in p.chars}) for p in x.pages]
                        == [sorted({round(c["size"], 1) for c in p.chars}) for p in y.pages])
        elif name.endswith((".html", ".txt")) and "thumbnails" not in name:
            assert path.read_bytes() == b[name].read_bytes(), name


def build(root: Path, out: str, *args: str, code: int = 0):
    result = run(root, "build", "--out", str(root / out), *args)
    assert result.exit_code == code, result.output
    # Paths inside the project are shown relative to it.
    return result.output.replace(str(root / out), "OUT").replace(f"{out}/", "OUT/")


def test_jobs_2_makes_what_a_serial_build_makes_and_says_the_same(project):
    root = project()
    serial = build(root, "serial", "--date", "2026-11-02", "--jobs", "1", *MATERIALS)
    pooled = build(root, "pooled", "--date", "2026-11-02", "--jobs", "2", *MATERIALS)
    assert pooled == serial
    assert "readability target missed" in serial  # warnings are replayed, in job order
    assert_same_outputs(root / "serial", root / "pooled")


def test_an_error_in_a_worker_is_reported_as_in_a_serial_build(project):
    root = project({"templates/poster.html.j2": "{{ 1 / 0 }}"})
    serial = build(root, "serial", "--jobs", "1", *MATERIALS, code=2)
    pooled = build(root, "pooled", "--jobs", "2", *MATERIALS, code=2)
    assert pooled == serial
    assert "poster.html.j2:1: ZeroDivisionError" in serial
    assert not (root / "pooled").exists()


def test_a_rebuild_with_nothing_changed_writes_nothing_even_a_day_later(project, monkeypatch):
    import informed.build.dates

    root = project()
    build(root, "output", "--format", "html", "--format", "pdf", *MATERIALS)
    before = stamps(root / OUT)
    manifest = (root / OUT / ".informed-manifest.json").read_bytes()
    made = dt.date.today()
    monkeypatch.setattr(informed.build.dates, "today", lambda: made + dt.timedelta(days=40))
    output = build(root, "output", "--format", "html", "--format", "pdf", *MATERIALS)
    assert stamps(root / OUT) == before
    assert (root / OUT / ".informed-manifest.json").read_bytes() == manifest
    assert "0 files written, 6 documents unchanged" in output
    assert "Open OUT/example-surgery/index.html" in output
    # The date printed is when this version was made, not the day of the rebuild.
    html = (root / OUT / "en-GB/poster.html").read_text("utf-8")
    assert str(made.year) in html and made.isoformat() in (root / OUT /
                                                          ".informed-manifest.json").read_text()


def test_a_changed_template_remakes_only_the_documents_that_use_it(project):
    root = project()
    build(root, "output", "--format", "html", "--date", "2026-11-02", *MATERIALS)
    before = stamps(root / OUT)
    poster = (REPO / "templates/poster.html.j2").read_text("utf-8")
    (root / "templates").mkdir()
    (root / "templates/poster.html.j2").write_text(poster + "\n{# changed #}\n", "utf-8")
    output = build(root, "output", "--format", "html", "--date", "2026-11-02", *MATERIALS)
    after = stamps(root / OUT)
    changed = {name for name in before if after[name] != before[name]}
    assert {"en-GB/poster.html", "en-GB/poster.a4.html", "en-GB/poster.large-print.html",
            "en-GB/poster.txt"} & changed == {"en-GB/poster.html", "en-GB/poster.a4.html",
                                               "en-GB/poster.large-print.html"} & set(before)
    assert not any(name.startswith("en-GB/privacy-notice") for name in changed)
    assert "3 documents unchanged" in output
    # A changed partial that both use remakes both; --force remakes everything.
    forced = build(root, "output", "--format", "html", "--date", "2026-11-02", "--force",
                   *MATERIALS)
    assert "unchanged" not in forced
    again = stamps(root / OUT)
    assert all(again[name] != after[name] for name in after
               if name.endswith(".html") and name != "index.html")


def test_a_document_someone_changed_or_removed_is_made_again(project):
    root = project()
    build(root, "output", "--format", "html", "--material", "poster")
    poster = root / OUT / "en-GB/poster.html"
    original = poster.read_text("utf-8")
    poster.write_text("edited", "utf-8")
    (root / OUT / "en-GB/poster.a4.html").unlink()
    output = build(root, "output", "--format", "html", "--material", "poster")
    assert poster.read_text("utf-8") == original
    assert (root / OUT / "en-GB/poster.a4.html").is_file()
    assert "1 document unchanged" in output  # the large-print poster


def test_a_changed_option_remakes_the_documents(project):
    root = project()
    build(root, "output", "--format", "html", "--material", "poster", "--date", "2026-11-02")
    output = build(root, "output", "--format", "html", "--material", "poster",
                   "--date", "2026-11-03")
    assert "unchanged" not in output
    assert "3 November 2026" in (root / OUT / "en-GB/poster.html").read_text("utf-8")


def test_dask_on_a_local_cluster_makes_what_a_serial_build_makes(project):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    root = project()
    serial = build(root, "serial", "--date", "2026-11-02", "--jobs", "1", *MATERIALS)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        remote = build(root, "dask", "--date", "2026-11-02", "--dask", address, *MATERIALS)
        assert remote == serial
        assert_same_outputs(root / "serial", root / "dask")
        again = build(root, "dask", "--date", "2026-11-02", "--dask", address, *MATERIALS)
    assert "0 files written, 6 documents unchanged" in again


def test_dask_without_a_scheduler_is_a_clear_error(project):
    pytest.importorskip("distributed")
    root = project()
    result = run(root, "build", "--material", "poster", "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert re.search(r"--dask: cannot reach the scheduler at tcp://127.0.0.1:9", result.output)


def test_help_does_not_load_weasyprint_or_the_readability_checker():
    import subprocess
    import sys

    code = ("import sys; from informed.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('weasyprint', 'jinja2', "
            "'informed.pdf', 'informed.readability.api', 'informed.readability.analysis'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_serve_remakes_only_the_pages_a_saved_file_changes(project):
    import threading
    import time

    from informed.build import BuildOptions
    from informed.preview import Preview, watch
    from informed.project import Project

    poster = (REPO / "templates/poster.html.j2").read_text("utf-8")
    root = project({"templates/poster.html.j2": poster})
    preview = Preview(Project(root), BuildOptions(
        practices=["example-surgery"], materials=["poster", "privacy-notice"],
        formats=["html"], out=root / "output"))
    preview.rebuild()
    before = stamps(root / OUT)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop, 0.2), daemon=True)
    watcher.start()
    try:
        time.sleep(1)  # the watcher is listening
        (root / "templates/poster.html.j2").write_text(poster + "{# saved #}\n", "utf-8")
        deadline = time.monotonic() + 120
        while preview.generation < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        watcher.join(10)
    assert preview.generation == 2 and preview.error is None
    after = stamps(root / OUT)
    changed = {name for name in before if after[name] != before[name]}
    assert "en-GB/poster.html" in changed
    assert not any(name.startswith("en-GB/privacy-notice") for name in changed)

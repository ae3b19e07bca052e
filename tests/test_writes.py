"""A build puts its outputs in place together: a failure leaves the earlier ones, in step."""

from __future__ import annotations

import errno
import re
import subprocess
from pathlib import Path

import pytest

from conftest import practice_yaml, run
from informed.project import Project

POSTER = "output/example-surgery/en-GB/poster"
NOTHING = ("Nothing was written: the files in the output folder are as they were before this "
           "build.")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_where_an_output_goes_is_a_clear_error(project):
    root = project()
    (root / POSTER).with_suffix(".html").mkdir(parents=True)
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: cannot write {root / POSTER}.html: a folder with that name is in the way; "
        f"move or remove it.\n{NOTHING}\n")
    # Nothing half-done beside it: no temporary files, no other poster.
    assert snapshot(root / "output") == {}


def fail_after(monkeypatch, count: int, error: int) -> None:
    """Make the ``count``-th staged write onwards fail with ``error``, as a full disk does."""
    import informed.atomic

    real = informed.atomic.os.fsync
    calls = {"n": 0}

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] > count:
            raise OSError(error, "No space left on device")
        real(fd)

    monkeypatch.setattr(informed.atomic.os, "fsync", fsync)


def test_a_full_disk_says_what_happened_and_leaves_the_earlier_outputs(project, monkeypatch):
    root = project()
    assert run(root, "build", "--material", "poster", "--format", "html").exit_code == 0
    before = snapshot(root / "output")
    (root / "content/practices/example-surgery/practice.yaml").write_text(
        practice_yaml(name='name: "Changed Surgery"'), encoding="utf-8")
    fail_after(monkeypatch, 2, errno.ENOSPC)
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: cannot write {root / POSTER}.large-print.html: no space left on the disk; free "
        f"some space and build again.\n{NOTHING}\n")
    # The two posters staged before the disk filled up were not put in place either.
    assert snapshot(root / "output") == before


def mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_a_real_full_disk(project, tmp_path):
    root = project()
    out = tmp_path / "small"
    if not mount_tmpfs(out, "24k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        result = run(root, "build", "--material", "poster", "--format", "html", "--out", str(out))
        assert result.exit_code == 2, result.output
        assert re.fullmatch(rf"Error: cannot write {out}/example-surgery/en-GB/poster[.a-z4-]*"
                            rf"\.html: no space left on the disk; free some space and build "
                            rf"again\.\n{re.escape(NOTHING)}\n", result.output), result.output
        assert snapshot(out) == {}
    finally:
        subprocess.run(["umount", str(out)], check=True)


def test_html_and_pdf_stay_in_step_when_a_document_fails(project):
    root = project()
    assert run(root, "build", "--material", "poster").exit_code == 0
    before = snapshot(root / "output")
    long_text = " ".join(["Ask at reception for a form."] * 80)
    text = re.sub(r"  type1_opt_out: >-\n(    .*\n)+", f'  type1_opt_out: "{long_text}"\n',
                  practice_yaml())
    (root / "content/practices/example-surgery/practice.yaml").write_text(text, "utf-8")
    result = run(root, "build", "--material", "poster")
    assert result.exit_code == 2
    assert re.search(r"example-surgery/en-GB/poster: the text needs \d pages", result.output)
    # poster.html was rendered with the new text, but is not put in place without its PDF;
    # nor are the A4 and large-print posters, which did fit.
    assert snapshot(root / "output") == before
    assert long_text not in (root / POSTER).with_suffix(".html").read_text("utf-8")


def test_an_interrupted_build_puts_nothing_in_place(project, monkeypatch):
    import informed.build

    root = project()
    real = informed.build.Readability.check
    calls = {"n": 0}

    def interrupted(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(informed.build.Readability, "check", interrupted)
    options = informed.build.BuildOptions(materials=["poster", "leaflet"], formats=["html"])
    with pytest.raises(KeyboardInterrupt):
        informed.build.run_build(Project(root), options)
    assert calls["n"] == 2
    assert snapshot(root / "output") == {}

"""Fuzzing the loaders (Hypothesis): any input is either accepted or refused at its file:line.

Each case starts from a real file (the example practice, study, content and a translation)
and mutates it: text inserted, lines dropped, swapped or repeated, odd characters and
encodings. The loaders must then succeed, or raise ContentError whose every problem names its
file and line; anything else (an unexpected exception, a hang) is a failure.

`make test` runs the "ci" profile (a few dozen cases per test, under a minute in all);
`make fuzz` runs the "fuzz" profile, with thousands.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, REPO
from informed.errors import ContentError

# Each case is bounded: its input by the sizes below, its time by the deadline. A hang or a
# quadratic stage shows up as a DeadlineExceeded failure with the input that caused it.
settings.register_profile(
    "ci", max_examples=25, deadline=timedelta(seconds=20), derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "fuzz", max_examples=1500, deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PRACTICE = "content/practices/example-surgery/practice.yaml"
STUDY = "content/studies/fuzz/study.yaml"
UI = "locales/pl/LC_MESSAGES/ui.po"

#: Characters that matter to YAML, Markdown and PO, plus the awkward ones.
SPECIAL = (":-#&*!|>'\"%@`{}[],?\\\n\t \r"
           "<>()_~=+/.;^$0123456789\x00\x01\x1b\x7f\x85\u2028\ufeff\u200f\ud7ff\U0001f600é中ا")
WORDS = ["NHS", "GP", "record", "the", "you", "https://example.org", "http://x", "notes.html",
         "msgid", "msgstr", '""', "---", "- ", "  ", "key: value", "!!int", "*alias", "&anchor",
         "[link](", "](", "![img](", "**", "#", "\n\n", "1.", "a" * 60, "1" * 30, "a." * 40]
text_pieces = st.one_of(st.text(alphabet=SPECIAL, max_size=40),
                        st.sampled_from(WORDS),
                        st.text(max_size=20))
snippets = st.lists(text_pieces, max_size=8).map("".join)


@st.composite
def mutated(draw: st.DrawFn, original: str) -> bytes:
    """``original`` after a few edits, and maybe in another encoding."""
    lines = original.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["insert", "replace", "drop", "repeat", "swap", "splice"]))
        if edit == "insert":
            lines.insert(at, draw(snippets) + "\n")
        elif edit == "replace":
            lines[at] = draw(snippets) + "\n"
        elif edit == "drop":
            del lines[at: at + draw(st.integers(1, 5))]
        elif edit == "repeat":
            lines[at:at] = lines[at: at + draw(st.integers(1, 3))]
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(snippets) + lines[at][column:]
    text = "".join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 12 + ["utf-16-le", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


@pytest.fixture(scope="module")
def workspace():
    """One project for every case: each writes its file, runs, and puts the original back."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(EXAMPLE, root / "content/practices/example-surgery")
        yield root


def assert_located(run: Callable[[], object], root: Path) -> None:
    """``run`` succeeds, or every problem it reports names its file and line."""
    try:
        run()
    except ContentError as exc:
        unlocated = [p.format(root) for p in exc.problems if p.path is None or not p.line]
        assert not unlocated, unlocated
        assert all(p.line >= 1 for p in exc.problems)


def replaced(root: Path, relative: str, data: bytes, original: bytes | None):
    """Write ``data`` to ``relative`` for one case; returns a function putting it back."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)

    def restore() -> None:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)

    return restore


def read(relative: str) -> str:
    return (REPO / relative).read_text(encoding="utf-8")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated(read(PRACTICE)))
def test_practice_yaml(workspace, data):
    from informed.content import load_practice
    from informed.project import Project

    restore = replaced(workspace, PRACTICE, data, (REPO / PRACTICE).read_bytes())
    try:
        assert_located(lambda: load_practice(Project(workspace), "example-surgery"), workspace)
    finally:
        restore()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated(read("content/studies/example-study/study.yaml")))
def test_study_yaml(workspace, data):
    from informed.build import load_inputs
    from informed.project import Project

    restore = replaced(workspace, STUDY, data, None)
    try:
        assert_located(lambda: load_inputs(Project(workspace), [], False, ["fuzz"]), workspace)
    finally:
        restore()


CONTENT_FILES = ["content/glossary.yaml", "content/record/facts.yaml",
                 "content/record/categories.yaml", "content/opt-outs.yaml",
                 "content/sources.yaml", "content/uses/research.md"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(CONTENT_FILES), seed=st.data())
def test_content_files(workspace, which, seed):
    from informed.content import load_content
    from informed.project import Project

    data = seed.draw(mutated(read(which)))
    restore = replaced(workspace, which, data, None)
    try:
        assert_located(lambda: load_content(Project(workspace)), workspace)
    finally:
        restore()


markdown_bodies = st.lists(st.one_of(
    snippets,
    st.sampled_from(["# Heading\n", "## Sub\n", "- item\n", "1. item\n", "> quote\n",
                     "[a](https://www.nhs.uk)", "[b](notes.html)", "![c](logo.svg)",
                     "[d]: https://www.nhs.uk\n", "<https://www.nhs.uk>", "    code\n",
                     "*a* _b_ **c** `d`", "***", "| a | b |\n|---|---|\n| 1 | 2 |\n"]),
), max_size=25).map("".join)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=markdown_bodies)
def test_markdown_bodies(workspace, body):
    """A use's Markdown body: loaded, rendered and scored for readability, or refused."""
    from informed.content import load_content
    from informed.markdown_render import render_markdown
    from informed.project import Project
    from informed.readability import analyse_markdown

    original = read("content/uses/research.md")
    end = original.index("\n---\n", 4) + 5
    text = original[:end] + body
    restore = replaced(workspace, "content/uses/research.md",
                       text.encode("utf-8", errors="surrogatepass"), None)
    try:
        content = None

        def load() -> None:
            nonlocal content
            content = load_content(Project(workspace))

        assert_located(load, workspace)
        if content is not None:
            html = str(render_markdown(body))
            assert "<script" not in html.lower()
            analyse_markdown(body, "en", "research.md")
    finally:
        restore()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated(read(UI)))
def test_po_files(workspace, data):
    """A translation: read, checked (as informed locale check does) and merged, or refused."""
    from informed.errors import Problems
    from informed.i18n.catalogs import effective_catalog
    from informed.i18n.check import check_file
    from informed.project import Project

    restore = replaced(workspace, UI, data, None)
    try:
        problems = Problems(workspace)
        check_file(workspace / UI, "pl", "ui", problems)
        assert_located(lambda: problems.check(), workspace)
        assert_located(lambda: effective_catalog(Project(workspace), "pl", "ui"), workspace)
    finally:
        restore()

"""Every HTML output in a real browser: no axe-core violations, no sideways scroll at 320 px.

One HTML-only build of every material in every shipped language, read by one Chromium. axe-core
runs on every layout in English and in the right-to-left and Bengali scripts; the reflow check,
which is quick, runs in every language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import axe_violations, chromium, sideways_scroll  # noqa: F401  (fixture)
from conftest import EXAMPLE, REPO, run
from informed.materials import registry

SHIPPED = ("en-GB", *sorted(p.name for p in (REPO / "locales").iterdir() if p.is_dir()))
AXE_LOCALES = ("en-GB", "ur", "ar", "bn")
#: axe-core's experimental rules too: p-as-heading (a paragraph styled as a heading) is one.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental")


def pages() -> list[str]:
    """Each HTML page a build writes, relative to the practice's folder, in every language;
    study documents in English only (consent materials need a complete translation)."""
    found = []
    for material in registry().values():
        for variant in material.variants:
            if "html" not in variant.formats:
                continue
            name = material.file_name(variant, "html")
            if material.per_study:
                found.append(f"en-GB/studies/example-study/{name}")
            else:
                found.extend(f"{locale}/{name}" for locale in SHIPPED)
    return sorted(found)


PAGES = pages()
FRAGMENTS = [p for p in PAGES if p.endswith("newsletter.article.html")]
WHOLE = [p for p in PAGES if p not in FRAGMENTS]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example practice's HTML in every shipped language."""
    root = tmp_path_factory.mktemp("browser-project")
    practice = root / "content" / "practices" / "example-surgery"
    shutil.copytree(EXAMPLE, practice)
    text = (practice / "practice.yaml").read_text(encoding="utf-8")
    every = ", ".join(SHIPPED)
    (practice / "practice.yaml").write_text(
        text.replace("locales: [en-GB]", f"locales: [{every}]\nstaff_locales: [{every}]"),
        encoding="utf-8")
    (root / "informed.yaml").write_text('version: "1.0"\nlocales:\n  minimum_coverage: 0\n',
                                        encoding="utf-8")
    out = root / "output"
    result = run(root, "build", "--practice", "example-surgery", "--study", "example-study",
                 "--format", "html", "--out", str(out), "--date", "2026-12-03")
    # 1: the study is not built in the languages its study.yaml is not written in.
    assert result.exit_code in (0, 1), result.output
    assert all("/studies/example-study" in line
               for line in result.output.splitlines() if "not built:" in line), result.output
    return out / "example-surgery"


@pytest.fixture(scope="module")
def tab(chromium):  # noqa: F811
    """One browser tab, reused page after page."""
    page = chromium.new_page()
    yield page
    page.close()


def test_every_layout_is_checked():
    """The lists above follow the registry: a new material or layout is checked without
    anyone remembering to add it."""
    assert len(WHOLE) > 12 * 10 and len(FRAGMENTS) == len(SHIPPED)
    assert "en-GB/studies/example-study/consent-form.html" in WHOLE


@pytest.mark.parametrize("page", [p for p in WHOLE if p.split("/")[0] in AXE_LOCALES])
def test_no_axe_violations(site, tab, page):
    tab.goto((site / page).as_uri())
    assert axe_violations(tab, TAGS) == []


@pytest.mark.parametrize("page", FRAGMENTS)
def test_newsletter_fragment_has_no_axe_violations_in_a_host_page(site, tab, page):
    """The article is pasted into a practice's web page or email, so it is checked where it will
    be: inside a host page with its own language, title, main landmark and top heading (the
    article's title is a level-2 heading under it). The same text as a whole accessible page is
    newsletter.html."""
    fragment = (site / page).read_text(encoding="utf-8")
    assert "<html" not in fragment and "<head" not in fragment
    tab.set_content('<!DOCTYPE html><html lang="en"><head><title>Practice news</title></head>'
                    f"<body><main><h1>Practice news</h1>{fragment}</main></body></html>")
    assert axe_violations(tab, TAGS) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_sideways_scroll_at_320_px(site, tab, page):
    tab.goto((site / page).as_uri())
    assert sideways_scroll(tab) == 0

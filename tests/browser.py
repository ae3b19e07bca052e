"""Debian's Chromium driven by Playwright, with axe-core injected, for the browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Without these, Chromium keeps trying to reach Google's hosts through a closed network.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# WCAG 1.4.12 text spacing, applied by the reflow checks.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def browser_or_skip():
    """A started Playwright and headless Chromium; the test is skipped, saying why, without them.

    ``make test`` installs both, so a skip here means the suite was run outside ``make``.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (Debian package chromium; make test installs it)")
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
    return playwright, browser


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module."""
    playwright, browser = browser_or_skip()
    yield browser
    browser.close()
    playwright.stop()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                               "best-practice")) -> list[dict]:
    """axe-core's violations on the page as loaded, each {id, impact, help, targets}."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        # resultTypes: only violations get every node checked, about four times faster.
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        list(tags))
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]]}
            for v in result["violations"]]


def sideways_scroll(page, width: int = 320) -> int:
    """How many CSS pixels the page scrolls sideways at ``width``, with WCAG text spacing."""
    page.set_viewport_size({"width": width, "height": 640})
    page.add_style_tag(content=TEXT_SPACING)
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")

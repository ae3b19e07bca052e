"""The built pages in a real browser: axe-core finds no violations, nothing scrolls at 320 px."""

from __future__ import annotations

import pytest

from browser import axe_violations, chromium, sideways_scroll  # noqa: F401  (fixture)
from built_materials import built_example


@pytest.fixture(scope="module")
def index_page(tmp_path_factory, chromium):  # noqa: F811
    page = chromium.new_page()
    page.goto((built_example(tmp_path_factory) / "index.html").as_uri())
    yield page
    page.close()


def test_index_page_has_no_axe_violations(index_page):
    assert axe_violations(index_page) == []


def test_index_page_does_not_scroll_sideways_at_320_px(index_page):
    assert sideways_scroll(index_page) == 0

"""The .pot templates beside the catalogs (locales/ui.pot, locales/content.pot).

Poedit's and Weblate's "update from template" read them, so a translator working outside
``informed`` merges the same strings ``informed locale update`` would.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from informed.i18n.catalogs import _version, render_po, write_catalog

#: The header entry, which carries the date and the Babel version: not part of being stale.
_HEADER = re.compile(rb'\A(?:#[^\n]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*"\n)*\n')


def template_path(root: Path, domain: str) -> Path:
    return root / "locales" / f"{domain}.pot"


def _entries(data: bytes) -> bytes:
    return _HEADER.sub(b"", data, count=1)


def write_template(root: Path, domain: str, template: Catalog) -> bool:
    """Write the ``domain`` template under ``root``; False when it was already up to date."""
    template.version = _version()
    template.header_comment = (
        f"# Template of the informed {domain} strings, made by informed locale update.\n"
        "# Do not translate this file: translate locales/LANG/LC_MESSAGES/"
        f"{domain}.po.\n#")
    return write_catalog(template_path(root, domain), template)


def is_current(root: Path, domain: str, template: Catalog) -> bool:
    """Whether the committed template has every string, comment and place of ``template``."""
    path = template_path(root, domain)
    return path.is_file() and _entries(path.read_bytes()) == _entries(render_po(template))

"""Links in a PDF: one annotation per link, a relative link stays relative, no local path."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

log = logging.getLogger("informed")


def relative_target(target: str, base: Path) -> str | None:
    """``target`` as the PDF should carry it: a file:// address under ``base`` becomes the
    relative link it was written as (notes.html, the page beside this one); any other local
    address is dropped (None). Web, mail and phone links are kept as they are."""
    parts = urlsplit(target)
    if parts.scheme != "file":
        return target
    try:
        relative = PurePosixPath(Path(unquote(parts.path)).relative_to(base).as_posix())
    except ValueError:
        return None
    link = quote(relative.as_posix())
    return f"{link}#{parts.fragment}" if parts.fragment else link


def keep_links_relative(document: object, base: Path, what: str) -> None:
    """Rewrite the links of a rendered WeasyPrint document before it is written.

    WeasyPrint repeats a link's annotation on every box inside it (a <bdi>, a <span>, the QR
    code's <svg>), each outside any Link structure element (PDF/UA 7.18.5): only the box of
    the element that carries the link keeps one. Its rectangle covers the others'."""
    base = base.resolve()
    for page in document.pages:  # type: ignore[attr-defined]
        links = []
        for link_type, target, rectangle, box in page.links:
            if not _carries_link(box):
                continue
            if link_type == "external":
                fixed = relative_target(target, base)
                if fixed is None:
                    log.warning("%s: a link to a file outside the project was left out of the "
                                "PDF", what)
                    continue
                target = fixed
            links.append((link_type, target, rectangle, box))
        page.links[:] = links


def _carries_link(box: object) -> bool:
    """Whether ``box`` is the box of the element with the link (its ``href``), not one inside."""
    element = getattr(box, "element", None)
    return element is not None and element.get("href") is not None

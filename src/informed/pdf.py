"""WeasyPrint output: tagged PDF/UA, shared fonts, and a URL fetcher confined to the project."""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from informed import pdf_tags, text_layer
from informed.errors import PagesOverflow, UnsafeResourceError
from informed.overflow import describe_overflow
from informed.pdf_links import keep_links_relative

log = logging.getLogger("informed")


_PAD = re.compile(r'<template class="pad-page">(.*?)</template>', re.S)
_PRINT_INTO = re.compile(r"<!--print-into:([\w-]+)-->(.*?)<!--/print-into:\1-->", re.S)


def print_order(html: str) -> str:
    """``html`` with each block between ``<!--print-into:NAME-->`` and
    ``<!--/print-into:NAME-->`` moved to ``<!--print-slot:NAME-->``.

    A page is written in the order it is read; a printed layout may need a part earlier in
    the flow (the tri-fold's flap and back are printed on the outside sheet, before the inside
    they are read after). The moved part marks with ``data-read-after`` where its structure
    goes back to in the PDF's tags (informed.pdf_tags)."""
    for match in list(_PRINT_INTO.finditer(html)):
        slot = f"<!--print-slot:{match.group(1)}-->"
        if slot in html:
            html = html.replace(match.group(0), "", 1).replace(slot, match.group(2), 1)
    return html


class RefusedURL(FatalURLFetchingError):
    """Raised inside WeasyPrint so that rendering stops instead of logging and carrying on."""


class ProjectFetcher(URLFetcher):
    """Serves files under the allowed folders and nothing else: no network, no other paths."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [r.resolve() for r in roots]

    def fetch(self, url: str, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f'"{url}": only files inside the project can be used, '
                             "not web addresses")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f'"{url}": this file is outside the project folder')
        if not path.is_file():
            raise RefusedURL(f'"{url}": file not found')
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


def pad_pages(html: str, count: int) -> str | None:
    """``html`` with ``count`` copies of its <template class="pad-page"> where its
    <div class="pad-pages"> is; None when it has none or none are wanted."""
    pad = _PAD.search(html)
    if count <= 0 or not pad:
        return None
    return html.replace('<div class="pad-pages"></div>', pad.group(1) * count, 1)


class PdfWriter:
    """Renders HTML strings to tagged PDFs, reusing fonts across documents."""

    def __init__(self, roots: list[Path]) -> None:
        self.fetcher = ProjectFetcher(roots)
        # Shaped scripts (Urdu, Arabic, Bengali…) read back wrong without it: WeasyPrint #2841.
        text_layer.install()
        # Page furniture as artifacts, lists of list items only: PDF/UA (informed.pdf_tags).
        pdf_tags.install()
        # One font configuration for every document saves re-reading fonts (about 17%).
        self.font_config = FontConfiguration()

    def render(self, html: str, base: Path, what: str, max_pages: int | None = None,
               fit_sizes: tuple[str, ...] = (), page_multiple: int = 1) -> bytes:
        """PDF bytes for ``html``; files named in it resolve against ``base``.

        ``max_pages`` is the room a fixed layout has (a poster, a folded leaflet): content that
        needs more pages would be cut off or spill onto a sheet nobody prints. Each of
        ``fit_sizes`` is tried in turn as the print size; if none fits, it is an error.
        A booklet needs ``page_multiple`` pages (4): copies of its <template class="pad-page">
        make up the difference where its <div class="pad-pages"> is.
        """
        # custom_metadata: the inputs hash in <meta name="inputs-hash"> traces a printed copy.
        options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False, "custom_metadata": True}
        html = print_order(html)
        try:
            for size in (None, *fit_sizes):
                page = html if size is None else html.replace(
                    "</head>", f"<style>@media print {{ html {{ font-size: {size}; }} }}</style>"
                    "</head>", 1)
                document = HTML(string=page, base_url=base.as_uri() + "/",
                                url_fetcher=self.fetcher).render(font_config=self.font_config,
                                                                 **options)
                if max_pages is None or len(document.pages) <= max_pages:
                    keep_links_relative(document, base, what)
                    if size is not None:
                        log.warning("%s: set in %s to fit its %d pages", what, size, max_pages)
                    padded = pad_pages(page, -len(document.pages) % page_multiple)
                    if padded:
                        document = HTML(string=padded, base_url=base.as_uri() + "/",
                                        url_fetcher=self.fetcher).render(
                                            font_config=self.font_config, **options)
                    return document.write_pdf(**options)
            # Only a layout with max_pages gets here: even its smallest size overflowed.
            raise PagesOverflow(what, len(document.pages), max_pages,
                                "Shorten the practice's own wording (such as "
                                "policy.type1_opt_out or welcome), or use the large-print layout",
                                describe_overflow(document, max_pages))
        except RefusedURL as exc:
            raise UnsafeResourceError(f"{what}: refused {exc.args[0]}") from None

"""Markdown from content to safe HTML: raw HTML is shown as text, and only safe links survive."""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

#: https:// only: a plain http:// page can be changed on its way to the reader.
_SAFE_HREF = re.compile(r"^(https://|mailto:|tel:|#)", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?![a-z][a-z0-9+.-]*:)(?!/)(?!\\)", re.IGNORECASE)
_URL_ENDS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")


def plain_url(url: str) -> str:
    """A URL as a browser reads it, so a check cannot be fooled: character references decoded
    ("&#106;avascript:"), control characters and spaces at the ends dropped, tabs and newlines
    removed (the WHATWG URL parser does all three)."""
    return _URL_ENDS.sub("", re.sub(r"[\t\n\r]", "", html_lib.unescape(url)))


def safe_link(url: str) -> bool:
    """A web, mail or phone link, an anchor, or a relative link that stays in its folder."""
    url = plain_url(url)
    if _SAFE_HREF.match(url):
        return True
    return bool(_RELATIVE.match(url)) and ".." not in unquote(url).split("/")


def safe_image(url: str) -> bool:
    """An image named by a relative path inside the project: no scheme, root or "..",
    even when written with %-escapes."""
    url = unquote(plain_url(url))
    return bool(_RELATIVE.match(url)) and ".." not in url.replace("\\", "/").split("/")


class _NoRawHtml(Extension):
    """Content authors write Markdown only; raw HTML in it is escaped, not rendered."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeUrls(md), "informed_safe_urls", 0)


class _SafeUrls(Treeprocessor):
    """Drops links and images that could run script or fetch from outside the project."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                if not safe_link(element.get("href", "")):
                    element.attrib.pop("href", None)
            elif element.tag == "img":
                if not safe_image(element.get("src", "")):
                    element.set("src", "")
            elif element.tag in {"h1", "h2", "h3", "h4", "h5"} and self.md.heading_shift:
                level = min(6, int(element.tag[1]) + self.md.heading_shift)
                element.tag = f"h{level}"


def _markdown(heading_shift: int) -> markdown.Markdown:
    md = markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists"], output_format="html")
    md.heading_shift = heading_shift  # type: ignore[attr-defined]
    return md


def render_markdown(text: str, heading_shift: int = 0) -> Markup:
    """Render trusted-structure, untrusted-markup Markdown to HTML that is safe to embed.

    ``heading_shift`` pushes headings down so a body's ``#`` fits under the page's own headings.
    """
    html = _markdown(heading_shift).convert(text or "")
    return Markup(html)


def render_inline(text: str) -> Markup:
    """Render one line of Markdown without the surrounding paragraph."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)

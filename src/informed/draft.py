"""The "Draft translation" mark on materials built with --draft, for translators to review.

A draft is built below the minimum coverage, so it must never pass for a finished leaflet:
every printed page carries the mark in its top margin (a page margin box, which a tagged PDF
keeps out of the reading order), and the HTML opens with it.
"""

from __future__ import annotations

LABEL = "Draft translation: not reviewed, do not give to patients"

#: On screen a banner (English, so marked as such); in print the top margin of every page.
_STYLE = ("<style>\n"
          ".draft-mark { margin: 0 0 1em; padding: 0.3em 0.6em; border: 2px solid #B00020;\n"
          "              color: #B00020; font-weight: 700; }\n"
          "@media print { .draft-mark { display: none; } }\n"
          '@page { @top-center { content: "' + LABEL + '"; color: #B00020;\n'
          '  font-family: "Noto Sans", Arial, sans-serif; font-size: 10pt; font-weight: 700;\n'
          "  vertical-align: middle; direction: ltr; white-space: nowrap; } }\n"
          "</style>")


def mark_draft(html: str) -> str:
    """``html`` with the draft mark on screen and on every printed page.

    A fragment with no ``<head>`` (the newsletter article, for pasting into an email) gets
    the banner at its start, styled inline."""
    banner = f'<p class="draft-mark" lang="en-GB" dir="ltr" role="note">{LABEL}</p>'
    head, found, rest = html.partition("</head>")
    if not found or "<body" not in rest:
        inline = ' style="border: 2px solid #B00020; color: #B00020; font-weight: 700"'
        return banner.replace(' role="note"', f' role="note"{inline}') + html
    body_open = rest.index(">", rest.index("<body")) + 1
    return f"{head}{_STYLE}</head>{rest[:body_open]}{banner}{rest[body_open:]}"

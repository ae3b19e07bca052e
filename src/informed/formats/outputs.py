"""The text formats a build makes from a material's HTML: plain text (txt) and braille (brf)."""

from __future__ import annotations

from informed.formats import braille
from informed.formats.blocks import read_page
from informed.formats.plaintext import plain_text

#: Formats made from the HTML, once per material: its first layout, not each print layout.
TEXT_FORMATS = ("txt", "brf")


def text_outputs(formats: list[str], html: str, where: str,
                 skipped: list[str]) -> list[tuple[str, str]]:
    """(format, text) for each text format asked for; a format that cannot be made in this
    language is listed in ``skipped`` with the reason."""
    wanted = [f for f in formats if f in TEXT_FORMATS]
    if not wanted:
        return []
    page = read_page(html)
    made = []
    if "txt" in wanted:
        made.append(("txt", plain_text(page)))
    if "brf" in wanted:
        table = braille.table_for(page.lang)
        if table is None:
            skipped.append(f"{where}.brf: not made: no braille table for {page.lang} yet "
                           "(braille is made in English, Welsh, Polish, Romanian, Portuguese, "
                           "Spanish and Italian)")
        elif not braille.available():
            skipped.append(f"{where}.brf: not made: liblouis is not installed (Debian package "
                           "liblouis-bin)")
        else:
            made.append(("brf", braille.brf(page, table)))
    return made

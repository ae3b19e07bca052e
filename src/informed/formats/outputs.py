"""The other formats a build makes from a material's HTML, once per material in each language:
plain text (txt), braille (brf), audio with its transcript, and the text message (sms)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from informed.formats import audio, braille, message
from informed.formats.blocks import read_page
from informed.formats.plaintext import plain_text

if TYPE_CHECKING:
    from informed.i18n.runtime import LocaleBundle
    from informed.materials import Material
    from informed.model import Practice

#: Formats made from the HTML, once per material: its first layout, not each print layout.
TEXT_FORMATS = ("txt", "brf", "sms", "audio")
#: What is spoken of each material: all of it, or the part before a marker (the privacy
#: notice's summary, before its full detail).
SPOKEN = {"leaflet": None, "privacy-notice": 'id="detail"'}


@dataclass(frozen=True)
class Source:
    """What the formats are made from, besides the HTML."""

    material: Material
    practice: Practice
    bundle: LocaleBundle
    template_dirs: list[Path]


def text_outputs(formats: list[str], html: str, where: str, skipped: list[str],
                 source: Source | None = None) -> list[tuple[str, str | bytes]]:
    """(format, data) for each format asked for; a format that cannot be made in this
    language is listed in ``skipped`` with the reason."""
    wanted = [f for f in formats if f in TEXT_FORMATS]
    if not wanted:
        return []
    page = read_page(html)
    made: list[tuple[str, str | bytes]] = []
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
    if source is None:
        return made
    if "sms" in wanted:
        text, reason = message.compose(source.template_dirs, source.practice, source.bundle)
        if text is None:
            skipped.append(f"{where}.sms.txt: not made: {reason}")
        else:
            made.append(("sms", text + "\n"))
    if "audio" in wanted and source.material.name in SPOKEN:
        made.extend(_audio(html, page.lang, where, skipped, source))
    return made


def _audio(html: str, lang: str, where: str, skipped: list[str],
           source: Source) -> list[tuple[str, str | bytes]]:
    voice = audio.voice_for(lang) if audio.available() is None else None
    if voice is None:
        reason = audio.available() or f"espeak-ng has no voice for {lang}"
        skipped.append(f"{where}.opus: not made: {reason}")
        return []
    page = read_page(audio.blocks_before(html, SPOKEN[source.material.name]))
    sound, transcript = audio.render(page, voice, page.title, source.practice.name)
    return [("audio", sound), ("transcript", transcript)]

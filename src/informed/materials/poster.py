"""The waiting-room poster: one headline, five key messages, how to opt out and a QR code."""

from __future__ import annotations

from dataclasses import replace

from informed.materials import LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="poster",
    title="Poster: your GP record and your choices",
    template="poster.html.j2",
    variants=(
        # A3 so that body text of 24 pt can be read from two metres. Urdu (Nastaliq) and Bengali
        # need taller lines: a step smaller type keeps them on one sheet.
        Variant("standard", page="A3", label="A3 poster", max_pages=1, logo=(26, 90),
                fit_sizes=("22pt", "20pt", "18pt")),
        # The same poster scaled to A4 (body text 17 pt) for smaller noticeboards.
        Variant("a4", suffix=".a4", page="A4", label="A4 poster", max_pages=1, logo=(18, 64),
                fit_sizes=("16pt", "15pt", "14pt", "13pt")),
        # Large print is still one sheet: 17 pt, or 16 pt for a longer translation, with the
        # logo beside the headline rather than above it.
        replace(LARGE_PRINT, max_pages=1, fit_sizes=("16pt",), logo=(22, 70)),
    ),
)

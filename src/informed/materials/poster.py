"""The waiting-room poster: one headline, five key messages, how to opt out and a QR code."""

from __future__ import annotations

from informed.materials import LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="poster",
    title="Poster: your GP record and your choices",
    template="poster.html.j2",
    variants=(
        # A3 so that body text of 24 pt or more can be read from two metres.
        Variant("standard", page="A3", label="A3 poster", max_pages=1),
        # The same poster scaled to A4 (body text about 17 pt) for smaller noticeboards.
        Variant("a4", suffix=".a4", page="A4", label="A4 poster", max_pages=1),
        LARGE_PRINT,
    ),
)

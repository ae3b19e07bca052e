"""The patient leaflet: an A5 booklet, an A4 tri-fold and large print, from the same content."""

from __future__ import annotations

from informed.materials import EASY_READ, LARGE_PRINT, WITH_AUDIO, Material, Variant

MATERIAL = Material(
    name="leaflet",
    title="Leaflet: your GP record and how it is shared",
    template="leaflet.html.j2",
    variants=(
        # A5 portrait pages print as a folded booklet from A4, the usual reception leaflet, and
        # keep lines short (about 55 characters) at a 12 pt body size. It covers every use.
        Variant("standard", page="A5", label="A5 booklet", logo=(24, 80), page_multiple=4,
                formats=WITH_AUDIO),
        # One A4 sheet printed on both sides and folded in three (DL panels): the short version
        # for a rack. Its own template, because the panels fix what goes where.
        Variant("tri-fold", suffix=".tri-fold", page="A4 landscape",
                label="A4 tri-fold (DL panels)", template="leaflet-tri-fold.html.j2",
                # 11 pt where the words leave room (the panels are filled, not left half
                # empty); 10 pt, the least a folded leaflet should use, for longer text.
                max_pages=2, logo=(22, 70), fit_sizes=("10.5pt", "10pt")),
        LARGE_PRINT,
        EASY_READ,
    ),
)

"""The patient leaflet: an A5 booklet, an A4 tri-fold and large print, from the same content."""

from __future__ import annotations

from informed.materials import LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="leaflet",
    title="Leaflet: your GP record and how it is shared",
    template="leaflet.html.j2",
    variants=(
        # A5 portrait pages print as a folded booklet from A4, the usual reception leaflet, and
        # keep lines short (about 55 characters) at a 12 pt body size. It covers every use.
        Variant("standard", page="A5", label="A5 booklet"),
        # One A4 sheet printed on both sides and folded in three (DL panels): the short version
        # for a rack. Its own template, because the panels fix what goes where.
        Variant("tri-fold", suffix=".tri-fold", page="A4 landscape",
                label="A4 tri-fold (DL panels)", template="leaflet-tri-fold.html.j2",
                # 10 pt, then down to 9 pt for longer translations; below that, not built.
                max_pages=2, fit_sizes=("9.5pt", "9pt")),
        LARGE_PRINT,
    ),
)

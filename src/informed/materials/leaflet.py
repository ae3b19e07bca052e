"""The patient leaflet: an A5 booklet covering the whole record and every use of it."""

from __future__ import annotations

from informed.materials import Material, Variant

MATERIAL = Material(
    name="leaflet",
    title="Leaflet: your GP record and how it is shared",
    template="leaflet.html.j2",
    # A5 portrait pages print as a folded booklet from A4, the usual reception leaflet, and
    # keep lines short (about 55 characters) at a 12 pt body size.
    variants=(Variant("standard", page="A5"),),
)

"""The consent form for a study, on the site's letterhead, to be filled in by hand on A4."""

from __future__ import annotations

from informed.materials import LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="consent-form",
    title="Consent form",
    template="consent-form.html.j2",
    audience="participants",
    variants=(Variant("standard", page="A4"), LARGE_PRINT),
    per_study=True,
    # A form of tick boxes and the sheet's own wording: nothing of its own to score.
    checks=(),
)

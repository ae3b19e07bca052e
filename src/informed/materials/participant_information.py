"""The participant information sheet for a study: a summary first, then the detail."""

from __future__ import annotations

from informed.materials import EASY_READ, LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="participant-information-sheet",
    title="Participant information sheet",
    template="pis.html.j2",
    audience="participants",
    # A4, because sheets are printed in the practice and handed over with the consent form.
    variants=(Variant("standard", page="A4"), LARGE_PRINT, EASY_READ),
    per_study=True,
    # Its summary and detail are scored apart, and every acronym must be spelt out.
    checks=("study-sheet",),
)

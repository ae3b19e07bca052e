"""The practice privacy notice (UK GDPR Articles 13 and 14), and a version for young people."""

from __future__ import annotations

from informed.materials import EASY_READ, LARGE_PRINT, WITH_SMS, Material, Variant

MATERIAL = Material(
    name="privacy-notice",
    title="Privacy notice: how we use your information",
    template="privacy-notice.html.j2",
    # Layered: a one-page summary first, then every item on the ICO's checklist.
    variants=(Variant("standard", page="A4", label="A4, summary then full detail",
                      formats=WITH_SMS), LARGE_PRINT, EASY_READ),
)

# A material of its own rather than a variant: it has its own words and its own readers, and it
# needs a large-print layout too.
YOUNG_PEOPLE = Material(
    name="privacy-notice-young-people",
    title="Privacy notice for children and young people",
    template="privacy-notice-young-people.html.j2",
    variants=(Variant("standard", page="A4", label="A4", logo=(20, 64)), LARGE_PRINT),
)

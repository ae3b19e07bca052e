"""The practice's data-sharing policy for staff, generated from the same policy choices."""

from __future__ import annotations

from informed.materials import Material, Variant

MATERIAL = Material(
    name="staff-policy",
    title="Data-sharing policy for staff",
    template="staff-policy.html.j2",
    audience="staff",
    variants=(Variant("standard", page="A4", label="A4", logo=(16, 54)),),
)

"""The registry of materials: what each one is called, which template it uses and its variants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Audience = Literal["patients", "staff", "participants"]


@dataclass(frozen=True)
class Variant:
    """A layout of a material. The standard variant has no suffix in the file name."""

    name: str
    #: Appended to the file name: ``leaflet.large-print.pdf``.
    suffix: str = ""
    #: Page size and orientation, for tests and the index page.
    page: str = "A4"


STANDARD = Variant("standard")


@dataclass(frozen=True)
class Material:
    """One kind of output. Its template receives the practice, the content and ``meta``."""

    name: str
    title: str
    template: str
    audience: Audience = "patients"
    variants: tuple[Variant, ...] = (STANDARD,)
    #: Materials built per study rather than per practice.
    per_study: bool = False

    def variant(self, name: str) -> Variant:
        return next(v for v in self.variants if v.name == name)


def registry() -> dict[str, Material]:
    """Every material, in the order a practice would read them."""
    from informed.materials import consent_form, leaflet, participant_information

    materials = [leaflet.MATERIAL,
                 # Built per study, for the study's site: see informed.study.
                 participant_information.MATERIAL, consent_form.MATERIAL]
    return {m.name: m for m in materials}

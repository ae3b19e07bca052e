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
    #: What a person would call this layout, for the index page.
    label: str = "Standard"
    #: A template of its own, when this layout is not the material's template restyled.
    template: str | None = None
    #: The formats this layout makes sense in (an email fragment is HTML only). Plain text
    #: and braille are made from a material's first layout only.
    formats: tuple[str, ...] = ("html", "pdf", "txt", "brf")
    #: The number of pages the layout has room for; content that needs more is an error,
    #: because a poster or a folded leaflet cannot grow.
    max_pages: int | None = None
    #: Smaller print sizes to try, in order, when the text needs more than ``max_pages`` (a
    #: translation usually runs longer than the English the layout was made for).
    fit_sizes: tuple[str, ...] = ()
    #: The box the practice logo is fitted to, in mm: its height, and the widest it may be, so
    #: that a wide logo is set wide rather than shrunk to fit a square.
    logo: tuple[float, float] = (18, 54)
    #: The page count must be a multiple of this (4 for a folded, stapled booklet); blank
    #: ruled pages for notes make up the difference, before the back cover.
    page_multiple: int = 1
    #: Checks of this layout's own, run after its material's (see informed.build.checks).
    checks: tuple[str, ...] = ()


#: File name endings of the formats not named by their ending.
EXTENSIONS = {"sms": "sms.txt", "audio": "opus", "transcript": "audio.txt"}
#: The formats of a material's first layout that a practice gives out by text message or as
#: audio: the message links to the privacy notice; the leaflet and the notice's summary are
#: spoken.
WITH_SMS = ("html", "pdf", "txt", "brf", "sms", "audio", "transcript")
WITH_AUDIO = ("html", "pdf", "txt", "brf", "audio", "transcript")

STANDARD = Variant("standard")
#: Accessible Information Standard large print: A4, single column, body text 16 pt or more.
LARGE_PRINT = Variant("large-print", suffix=".large-print", page="A4",
                      label="Large print", logo=(30, 90))
#: Easy Read (Mencap, NHS England): a picture beside each short point, 16 pt, A4. Its words are
#: its own (content/easy-read.yaml, or a study's easy_read), not the standard text.
EASY_READ = Variant("easy-read", suffix=".easy-read", page="A4", label="Easy Read",
                    template="easy-read.html.j2", formats=("html", "pdf"), logo=(24, 80),
                    checks=("easy-read",))


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
    #: The checks run on each rendered page, by name (see informed.build.checks): readability
    #: targets by default; a study's information sheet has its own rules.
    checks: tuple[str, ...] = ("readability",)

    def variant(self, name: str) -> Variant:
        return next(v for v in self.variants if v.name == name)

    def file_name(self, variant: Variant, fmt: str) -> str:
        return f"{self.name}{variant.suffix}.{EXTENSIONS.get(fmt, fmt)}"


def link_to(name: str, variant: Variant) -> str:
    """The HTML file of material ``name`` in the same layout as ``variant`` where it has one,
    so that a large-print poster points to the large-print leaflet; otherwise its standard."""
    material = registry()[name]
    same = [v for v in material.variants if v.name == variant.name and "html" in v.formats]
    return material.file_name(same[0] if same else material.variants[0], "html")


def registry() -> dict[str, Material]:
    """Every material, in the order a practice would read them."""
    from informed.materials import (
        consent_form,
        leaflet,
        newsletter,
        participant_information,
        poster,
        privacy_notice,
        staff_policy,
    )

    materials = [poster.MATERIAL, leaflet.MATERIAL, newsletter.MATERIAL,
                 privacy_notice.MATERIAL, privacy_notice.YOUNG_PEOPLE, staff_policy.MATERIAL,
                 # Built per study, for the study's site: see informed.study.
                 participant_information.MATERIAL, consent_form.MATERIAL]
    return {m.name: m for m in materials}

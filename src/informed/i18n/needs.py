"""What one material still needs translated in a locale: the strings it would show in English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from informed.errors import InformedError

if TYPE_CHECKING:
    from informed.project import Project


@dataclass
class MaterialNeeds:
    """The strings a material (every layout of it) shows in English in one locale."""

    locale: str
    material: str
    used: int = 0
    #: (catalog file name, msgid, fuzzy) for each string, sorted.
    strings: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return 100.0 * (self.used - len(self.strings)) / self.used if self.used else 100.0


def material_needs(project: Project, tag: str, material: str,
                   practice: str | None = None) -> MaterialNeeds:
    """Render ``material`` for ``practice`` (default: the first) in ``tag`` and collect every
    string that falls back to English, naming the catalog (ui.po or content.po) it belongs in."""
    from informed.build import BuildOptions, build_date, fallback_report, load_inputs, make_meta
    from informed.build import plan as plan_jobs
    from informed.i18n.catalogs import effective_catalog
    from informed.i18n.runtime import open_locale
    from informed.materials import registry

    found = registry().get(material)
    if found is None:
        raise InformedError(f'--material: unknown material "{material}"; choose from: '
                            + ", ".join(n for n, m in registry().items() if not m.per_study))
    if found.per_study:
        raise InformedError(f"--material: {material} belongs to a study and must be translated "
                            "in full; see informed build --study")
    slugs = [practice] if practice else project.practice_slugs()[:1]
    if not slugs:
        raise InformedError("no practices found: add content/practices/<slug>/practice.yaml")
    content, practices, _ = load_inputs(project, slugs, strict=False)
    bundle = open_locale(project, tag)
    meta = make_meta(project, practices[0], content, tag, build_date(None))
    ui = effective_catalog(project, tag, "ui")
    needs = MaterialNeeds(tag, material)
    missing: dict[str, bool] = {}
    for job in plan_jobs(BuildOptions(materials=[material], locales=[tag]), practices):
        report = fallback_report(project, job, content, meta, bundle)
        needs.used = max(needs.used, report.used)
        for text in report.fallbacks:
            missing[text] = missing.get(text, False) or text in report.fuzzy
    needs.strings = sorted(
        ("ui.po" if ui is not None and ui.get(text) is not None else "content.po", text, fuzzy)
        for text, fuzzy in missing.items())
    return needs

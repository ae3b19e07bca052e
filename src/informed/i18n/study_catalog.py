"""A study's own catalog (the "study-<slug>" domain): its strings, and how much of it a
language translates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from babel.messages.catalog import Catalog

from informed.errors import ContentError, Problem, display_path
from informed.i18n.catalogs import effective_catalog, is_translated, layer_paths
from informed.i18n.extract import FieldSpec, add_fields, field_specs, new_template, translatable
from informed.i18n.locales import po_path, study_domain
from informed.loading import load_yaml

if TYPE_CHECKING:
    from informed.project import Project

#: The context of the words a participant says on the consent form ("My medicines"), which
#: the information sheet says to them ("Your medicines").
PARTICIPANT = "said by the participant on the consent form"


def study_spec() -> FieldSpec:
    return next(s for s in field_specs() if s.attribute == "study")


def extract_study(project: Project, slug: str) -> Catalog:
    """The study's translatable fields, then what the participant says in the first person."""
    from informed.study import study_path

    path = study_path(project, slug)
    relative = f"studies/{slug}/study.yaml"
    catalog = new_template(study_domain(slug))
    problems: list[Problem] = []
    add_fields(catalog, relative, path, problems)
    if problems:
        raise ContentError(problems, project.root)
    add_first_person(project, catalog, relative, path)
    return catalog


def _categories(project: Project) -> dict[str, str]:
    """Record category id -> its English title."""
    path = project.find("content/record/categories.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else None
    items = data.get("categories") if isinstance(data, dict) else None
    return {str(c["id"]): str(c["title"]) for c in items or []
            if isinstance(c, dict) and "id" in c and "title" in c}


def add_first_person(project: Project, catalog: Catalog, relative: str, path: Any) -> None:
    """The consent form lists the parts of the record a study takes as the participant says
    them ("My medicines"): each taken category's title, and its ``only``, with a context."""
    from informed.study import first_person

    doc = load_yaml(path)
    plan = doc.data.get("data") if isinstance(doc.data, dict) else None
    chosen = plan.get("categories") if isinstance(plan, dict) else None
    titles = _categories(project)
    for index, choice in enumerate(chosen if isinstance(chosen, list) else []):
        ident = str(choice.get("id") if isinstance(choice, dict) else choice)
        where = [(f"content/{relative}", doc.line(("data", "categories", index)))]
        if ident in titles:
            catalog.add(first_person(titles[ident]), None, where, context=PARTICIPANT,
                        auto_comments=[
                            f"{relative}: data.categories[{index}] ({ident})",
                            "The record category's title as the participant says it on the "
                            "consent form, under: I agree that … can give the study these parts "
                            "of my GP record. Write it as the participant's own (my, not your)."])
        only = choice.get("only") if isinstance(choice, dict) else None
        # Words that say "your" nowhere are the same for both: their own entry serves.
        if isinstance(only, str) and translatable(only) and first_person(only) != only:
            catalog.add(first_person(only.strip()), None, where, context=PARTICIPANT,
                        auto_comments=[
                            f"{relative}: data.categories[{index}].only",
                            "As the participant says it on the consent form: fills “… yes, "
                            "only ___”. Write it as the participant's own (my, not your)."])


@dataclass
class StudyCoverage:
    """How much of a study's catalog one language translates."""

    locale: str
    total: int
    missing: int
    fuzzy: int
    #: The catalog to translate in: the project's own, or the first layer that has one.
    path: Any
    exists: bool

    @property
    def percent(self) -> int:
        # Rounded down, as the build does: 99.5% must not read as 100%.
        return math.floor(100 * (self.total - self.missing) / self.total) if self.total else 100

    def describe(self, project: Project, study: str) -> str:
        """Why ``study`` (its file, as shown) cannot be built in this language."""
        where = display_path(self.path, project.root)
        if not self.exists:
            return (f"{study} is not translated into {self.locale} yet: run informed locale "
                    f"update {self.locale} to create {where}, then translate its {self.total} "
                    "strings")
        fuzzy = f", {self.fuzzy} of them fuzzy" if self.fuzzy else ""
        if self.missing == self.total:
            return (f"{study} is not translated into {self.locale} yet: translate its "
                    f"{self.total} strings in {where}"
                    + (f" ({self.fuzzy} are fuzzy)" if self.fuzzy else ""))
        return (f"{study} is translated in part: {self.missing} of its {self.total} strings "
                f"are not translated in {where} ({self.percent}% translated{fuzzy})")


def study_coverage(project: Project, slug: str, tag: str) -> StudyCoverage:
    """Which of the study's strings ``tag`` translates, fuzzy ones not counted."""
    domain = study_domain(slug)
    template = extract_study(project, slug)
    catalog = effective_catalog(project, tag, domain)
    paths = layer_paths(project, tag, domain)
    wanted = [m for m in template if m.id]
    missing = fuzzy = 0
    for message in wanted:
        found = catalog.get(message.id, message.context) if catalog is not None else None
        if found is None or not is_translated(found):
            missing += 1
            fuzzy += bool(found is not None and found.fuzzy)
    return StudyCoverage(tag, len(wanted), missing, fuzzy,
                         paths[0] if paths else po_path(project.root, tag, domain), bool(paths))

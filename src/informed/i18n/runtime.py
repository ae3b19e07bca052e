"""Building in a locale: checked catalogs compiled to .mo in a cache, translated content, and
a count of every string that falls back to English."""

from __future__ import annotations

import copy
import gettext
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from informed.errors import ContentError, InformedError, Problems
from informed.i18n.blocks import translate_markdown
from informed.i18n.catalogs import effective_catalog, is_translated, layer_paths, write_atomic
from informed.i18n.check import check_file
from informed.i18n.english import mark as mark_english_run
from informed.i18n.english import mark_english
from informed.i18n.extract import field_specs, path_parts, translatable
from informed.i18n.locales import (
    DOMAINS,
    SOURCE_LOCALE,
    LocaleInfo,
    canonical,
    load_info,
    study_domain,
)

if TYPE_CHECKING:
    from informed.content import Content
    from informed.materials import Material
    from informed.model import Practice, RecordCategory
    from informed.project import Project
    from informed.study import Study

DEFAULT_MINIMUM = 80.0
#: Bumped when what goes into a compiled .mo changes, so old cache files are not used.
_MO_FORMAT = "1"
#: Each content string is tagged with one private-use character while rendering, so that the
#: strings a material really shows can be counted; the tags are removed before writing.
_MARK_BASE = 0xF0000
_MARKS = re.compile("[\U000f0000-\U000ffffd]")
#: Objects translated as a whole by their own entry in fields.yaml.
_WHOLE = ("practice", "study")


class NotBuilt(InformedError):
    """A material that a locale does not translate well enough to print."""


@dataclass
class FallbackReport:
    """The strings one rendered material used, and those that fell back to English."""

    locale: str
    used: int = 0
    fallbacks: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return 100.0 * (self.used - len(self.fallbacks)) / self.used if self.used else 100.0

    def describe(self) -> str:
        count = len(self.fallbacks)
        noun = "strings falls" if count == 1 else "strings fall"
        # Rounded down: 99.5% must not read as 100%.
        return (f"{count} of {self.used} {noun} back to English "
                f"({math.floor(self.coverage)}% translated)")


class _Recorder(gettext.NullTranslations):
    """The last fallback in a chain: notes every string no catalog had, and marks the English
    it returns instead so that it can be tagged as English (see i18n/english.py)."""

    def __init__(self, mark: bool = False) -> None:
        super().__init__()
        self.missed: set[Any] = set()
        self.mark = mark_english_run if mark else str

    def gettext(self, message: str) -> str:
        self.missed.add(message)
        return self.mark(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.missed.add(msgid1)
        return self.mark(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        self.missed.add((context, message))
        return self.mark(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self.missed.add((context, msgid1))
        return self.mark(msgid1 if n == 1 else msgid2)


class CountingTranslations(gettext.NullTranslations):
    """Translations for Jinja that remember every string asked for."""

    def __init__(self, inner: gettext.NullTranslations, recorder: _Recorder) -> None:
        super().__init__()
        self.inner = inner
        self.recorder = recorder
        self.used: set[Any] = set()

    def gettext(self, message: str) -> str:
        self.used.add(message)
        return self.inner.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.used.add(msgid1)
        return self.inner.ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        self.used.add((context, message))
        return self.inner.pgettext(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self.used.add((context, msgid1))
        return self.inner.npgettext(context, msgid1, msgid2, n)


def _gnu(mo: bytes | None, recorder: _Recorder) -> gettext.NullTranslations:
    translations: gettext.NullTranslations = (
        gettext.GNUTranslations(io.BytesIO(mo)) if mo else gettext.NullTranslations())
    translations.add_fallback(recorder)
    return translations


@dataclass
class LocaleBundle:
    """Everything a build needs for one locale, loaded and checked once."""

    tag: str
    info: LocaleInfo | None = None
    mo: dict[str, bytes] = field(default_factory=dict)
    fuzzy: set[Any] = field(default_factory=set)
    #: (domain, context, text) -> the number of its tag.
    _content_ids: dict[tuple[str, str | None, str], int] = field(default_factory=dict)
    _content_missing: set[int] = field(default_factory=set)
    _localised: dict[int, Any] = field(default_factory=dict)

    @property
    def is_source(self) -> bool:
        return self.tag == SOURCE_LOCALE

    def session(self) -> Session:
        return Session(self)

    # --- content ---------------------------------------------------------------------

    def _lookup(self, translations: gettext.NullTranslations, recorder: _Recorder,
                domain: str, context: str | None, text: str) -> str:
        if not translatable(text):
            return text
        ident = self._content_ids.setdefault((domain, context, text), len(self._content_ids))
        before = len(recorder.missed)
        result = (translations.pgettext(context, text) if context
                  else translations.gettext(text))
        if len(recorder.missed) > before:
            self._content_missing.add(ident)
        return result + chr(_MARK_BASE + ident)

    def _translator(self, domain: str = "content",
                    context: str | None = None) -> Callable[[str], str]:
        recorder = _Recorder(mark=not self.is_source)
        translations = _gnu(self.mo.get(domain), recorder)
        return lambda text: self._lookup(translations, recorder, domain, context, text)

    def localise(self, value: Any, attribute: str) -> Any:
        """A translated copy of ``value``: the Content, or a Practice for "practice"."""
        if self.is_source:
            return value
        cached = self._localised.get(id(value))
        if cached is not None:
            return cached[1]
        translate = self._translator(
            study_domain(value.slug) if attribute == "study" else "content")
        result = copy.deepcopy(value)
        for spec in field_specs():
            if spec.attribute in _WHOLE or attribute in _WHOLE:
                # A practice or a study is translated as a whole, by its own entry.
                if spec.attribute != attribute:
                    continue
                items = [result]
            else:
                collection = getattr(result, spec.attribute, None)
                if collection is None:
                    continue
                items = list(collection.values() if isinstance(collection, dict) else collection)
            for item in items:
                for path in spec.text:
                    _replace(item, path_parts(path), translate)
                for path in spec.markdown:
                    _replace(item, path_parts(path),
                             lambda text: translate_markdown(text, translate))
        # Keep ``value`` alive with its copy, so its id is not reused for another object.
        self._localised[id(value)] = (value, result)
        return result


def _in_first_person(bundle: LocaleBundle, source: Study, study: Study,
                     categories: list[RecordCategory]) -> None:
    """Give the translated ``study`` the words the participant says on the consent form, from
    the study's catalog: English is turned into the first person by rule, other languages by
    their translators (see study_catalog.PARTICIPANT)."""
    from informed.i18n.study_catalog import PARTICIPANT
    from informed.study import first_person

    mine = bundle._translator(study_domain(source.slug), PARTICIPANT)
    titles = {c.id: c.title for c in categories}
    study.participant_titles = {c.id: mine(first_person(titles[c.id]))
                                for c in source.data.categories if c.id in titles}
    for choice, original in zip(study.data.categories, source.data.categories, strict=True):
        # Words without "your" have no entry of their own: their translation serves (it is
        # already in ``choice.only``).
        if original.only and first_person(original.only) != original.only:
            choice.participant_only = mine(first_person(original.only))


def _replace(value: Any, parts: list[str], fn: Callable[[str], str]) -> None:
    head, rest = parts[0], parts[1:]
    if head == "[]":
        if isinstance(value, list):
            for index, item in enumerate(value):
                if rest:
                    _replace(item, rest, fn)
                elif isinstance(item, str):
                    value[index] = fn(item)
        return
    child = value.get(head) if isinstance(value, dict) else getattr(value, head, None)
    if child is None:
        return
    if rest:
        _replace(child, rest, fn)
    elif isinstance(child, str):
        if isinstance(value, dict):
            value[head] = fn(child)
        else:
            setattr(value, head, fn(child))


class Session:
    """One rendering of one material: counts the strings it shows."""

    def __init__(self, bundle: LocaleBundle) -> None:
        self.bundle = bundle
        self._recorder = _Recorder(mark=not bundle.is_source)
        self.translations = CountingTranslations(_gnu(bundle.mo.get("ui"), self._recorder),
                                                 self._recorder)

    def content(self, content: Content) -> Content:
        return self.bundle.localise(content, "content")

    def practice(self, practice: Practice) -> Practice:
        return self.bundle.localise(practice, "practice")

    def study(self, study: Study, content: Content) -> Study:
        """The study in this locale, from its own catalog; ``content`` is the English one,
        whose category titles the consent form puts in the participant's words."""
        if self.bundle.is_source:
            return study
        result = self.bundle.localise(study, "study")
        if result.participant_titles is None:
            _in_first_person(self.bundle, study, result, content.categories)
        return result

    def finish(self, html: str) -> tuple[str, FallbackReport]:
        """The HTML without its tags, and what fell back to English."""
        report = FallbackReport(self.bundle.tag)
        if self.bundle.is_source:
            return html, report
        shown = {ord(c) - _MARK_BASE for c in set(_MARKS.findall(html))}
        texts = {i: t for (_d, _c, t), i in self.bundle._content_ids.items() if i in shown}
        missed_ui = self.translations.used & self._recorder.missed
        report.used = len(self.translations.used) + len(shown)
        report.fallbacks = sorted(
            [_text(m) for m in missed_ui]
            + [texts[i] for i in shown & self.bundle._content_missing])
        report.fuzzy = sorted(_text(m) for m in (missed_ui | {texts[i] for i in shown})
                              if m in self.bundle.fuzzy)
        return mark_english(_MARKS.sub("", html)), report


def _text(key: Any) -> str:
    return key[1] if isinstance(key, tuple) else key


# --- loading a locale -----------------------------------------------------------------


def open_locale(project: Project, tag: str, studies: Iterable[str] = ()) -> LocaleBundle:
    """Check the locale's catalogs, and those of ``studies`` (slugs), and compile them;
    refuses a locale with invalid catalogs."""
    tag = canonical(tag)
    if tag == SOURCE_LOCALE:
        return LocaleBundle(tag)
    if not any(layer_paths(project, tag, d) for d in DOMAINS):
        raise InformedError(f'no translation for "{tag}" yet: run informed locale add {tag}')
    domains = [*DOMAINS, *(study_domain(slug) for slug in dict.fromkeys(studies))]
    problems = Problems(project.root)
    for domain in domains:
        for path in layer_paths(project, tag, domain):
            check_file(path, tag, domain, problems)
    if problems.errors:
        raise ContentError([*problems.items], project.root)
    bundle = LocaleBundle(tag, info=load_info(project, tag))
    for domain in domains:
        catalog = effective_catalog(project, tag, domain)
        if catalog is None:
            continue
        bundle.fuzzy.update(m.id for m in catalog if m.id and m.fuzzy)
        bundle.mo[domain] = compiled(project, tag, domain, catalog)
    return bundle


def compiled(project: Project, tag: str, domain: str, catalog: Catalog) -> bytes:
    """The .mo for a checked catalog, from the cache when the PO files have not changed.

    Only complete, non-fuzzy translations go in, so a half-done plural falls back whole.
    """
    digest = hashlib.sha256(_MO_FORMAT.encode())
    for path in layer_paths(project, tag, domain):
        digest.update(path.read_bytes())
    cache = cache_dir(project) / f"{tag}.{domain}.{digest.hexdigest()[:16]}.mo"
    if cache.is_file():
        return cache.read_bytes()
    complete = Catalog(locale=catalog.locale, domain=domain, charset="utf-8", fuzzy=False)
    complete.mime_headers = [("Plural-Forms", catalog.plural_forms)]
    for message in catalog:
        if message.id and is_translated(message):
            complete[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, complete, use_fuzzy=False)
    for old in cache.parent.glob(f"{tag}.{domain}.*.mo") if cache.parent.is_dir() else ():
        old.unlink(missing_ok=True)
    write_atomic(cache, buffer.getvalue())
    return buffer.getvalue()


def cache_dir(project: Project) -> Path:
    """Compiled catalogs live in the project's cache folder (ignored by git), never beside
    the PO files."""
    return project.root / ".informed-cache" / "mo"


# --- how much must be translated ------------------------------------------------------


def minimum_coverage(project: Project) -> float:
    """informed.yaml ``locales: {minimum_coverage: 80}``: the percentage of strings a locale
    must translate in a patient material for it to be built."""
    settings = project.config.locales or {}
    problems = Problems(project.root)
    line = None
    if project.config_path.exists():
        from informed.loading import load_yaml

        line = load_yaml(project.config_path).line(("locales",))
    for key in settings:
        if key != "minimum_coverage":
            problems.error(project.config_path, line, f"locales.{key}",
                           'unknown setting; the known one is "minimum_coverage"')
    value = settings.get("minimum_coverage", DEFAULT_MINIMUM)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        problems.error(project.config_path, line, "locales.minimum_coverage",
                       f"expected a percentage from 0 to 100, such as 80, got {value!r}")
    problems.check()
    return float(value)


def needs_complete(material: Material) -> bool:
    """Research consent materials (the information sheet and the consent form): every string
    translated and none fuzzy, or they are not built. Consent in mixed languages is no consent."""
    return material.per_study


def gate(material: Material, report: FallbackReport, minimum: float, strict: bool,
         where: str | None = None) -> None:
    """Raise NotBuilt when ``report`` is below what ``material`` needs; ``where`` names the
    output in the message (default: locale/material)."""
    where = where or f"{report.locale}/{material.name}"
    if not report.fallbacks:
        return
    if needs_complete(material):
        fuzzy = f", {len(report.fuzzy)} of them fuzzy" if report.fuzzy else ""
        raise NotBuilt(f"{where}: not built: consent materials must be translated in full, and "
                       f"{report.describe()}{fuzzy}")
    if material.audience in ("patients", "participants") and report.coverage < minimum:
        raise NotBuilt(f"{where}: not built: {report.describe()}; the minimum is "
                       f"{minimum:.0f}% (locales.minimum_coverage in informed.yaml)")
    if strict:
        raise NotBuilt(f"{where}: not built (--strict): {report.describe()}")


def render_localised(bundle: LocaleBundle, material: Material,
                     render: Callable[[Session, bool], str], minimum: float,
                     strict: bool = False, where: str | None = None
                     ) -> tuple[str, FallbackReport]:
    """Render with ``render(session, partly_english)``; a second time with the note that
    parts are in English when any string fell back. Raises NotBuilt below the minimum."""
    session = bundle.session()
    html, report = session.finish(render(session, False))
    if report.fallbacks:
        session = bundle.session()
        html, report = session.finish(render(session, True))
    gate(material, report, minimum, strict, where)
    return html, report

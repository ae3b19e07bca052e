"""A research study file (content/studies/<slug>/study.yaml): its model, loader and checks."""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from informed.content import check_markdown_urls
from informed.errors import ContentError, InformedError, Problem, Problems
from informed.loading import KeyPath, YamlDoc, dotted, load_yaml, read_text
from informed.model import RecordCategory, check_email, check_phone, check_slug, check_url
from informed.schema import INVALID, Converter, describe, parse_date, spec

if TYPE_CHECKING:
    from informed.content import Content
    from informed.project import Project

log = logging.getLogger("informed")

#: The value of ``end`` that means "until the study stops collecting data".
END_OF_STUDY = "end-of-study"

#: What to do about missing or placeholder transparency wording.
TRANSPARENCY_ADVICE = ("Paste the sponsor's current transparency wording in full; the Health "
                       "Research Authority (HRA) requires it")

DataForm = Literal["identifiable", "pseudonymised", "anonymised"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s", re.MULTILINE)
IRAS_ID = re.compile(r"^[0-9]{4,8}$")
#: Research Ethics Committee references look like 26/EX/0001 (year / committee / number).
REC_REFERENCE = re.compile(r"^[0-9]{2}/[A-Z]{2}/[0-9]{4}$")


def check_iras_id(value: str) -> str | None:
    if IRAS_ID.match(value):
        return None
    return f'expected an IRAS ID of digits only, such as 312345, got "{value}"'


def check_rec_reference(value: str) -> str | None:
    if REC_REFERENCE.match(value):
        return None
    return f'expected a Research Ethics Committee reference such as "26/EX/0001", got "{value}"'


def check_end(value: Any) -> str | None:
    if value == END_OF_STUDY or parse_date(value) is not None:
        return None
    return f'expected a date such as 2025-12-31, or "{END_OF_STUDY}", got {describe(value)}'


def check_transparency(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    if value is not None and not isinstance(value, str):
        return (f"expected the sponsor's transparency wording as text, got {describe(value)}. "
                f"{TRANSPARENCY_ADVICE}")
    return f"the sponsor's transparency wording is empty. {TRANSPARENCY_ADVICE}"


# --- the model ------------------------------------------------------------------------------


@dataclass
class Contact:
    """A person or office participants can reach."""

    name: str = spec("Name, or the name of the office or role.")
    role: str | None = spec('What they do, such as "Research nurse".', default=None)
    organisation: str | None = spec("Where they work.", default=None)
    address: str | None = spec("Postal address on one line.", default=None)
    phone: str | None = spec("Phone number.", default=None, check=check_phone)
    email: str | None = spec("Email address.", default=None, check=check_email)
    url: str | None = spec("Web page.", default=None, check=check_url)
    hours: str | None = spec('When to call, such as "Monday to Friday, 9am to 5pm".',
                             default=None)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if not (self.phone or self.email or self.address or self.url):
            conv.error(key, "give at least one way to reach them: phone, email, address or url")


@dataclass
class Sponsor:
    """The organisation responsible for the study, and the route to its data protection officer."""

    name: str = spec("The sponsor's name.")
    address: str = spec("The sponsor's postal address on one line.")
    dpo: Contact = spec("The sponsor's data protection officer: how participants reach them.")


@dataclass
class Section:
    """One part of the information sheet: a short summary, and more detail if it needs it."""

    summary: str = spec("Two or three short, plain sentences for the summary at the start.")
    detail: str | None = spec("Markdown for the detailed part of the sheet.", default=None)


@dataclass
class Withdrawal:
    """How to leave the study, and what happens to the information it already has."""

    summary: str = spec("How to leave, in one or two plain sentences.")
    data_already_collected: str = spec(
        "What happens to information already collected, in one or two plain sentences.")
    detail: str | None = spec("Markdown for the detailed part of the sheet.", default=None)


@dataclass
class Period:
    """The part of the record the study takes, by date."""

    start: dt.date | None = spec("First day, such as 2020-01-01. Leave it out to take everything "
                                 "from the start of the record.", default=None)
    end: Any = spec(f'Last day, such as 2025-12-31, or "{END_OF_STUDY}".', default=END_OF_STUDY,
                    check=check_end)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if self.end != END_OF_STUDY:
            self.end = parse_date(self.end)
            if self.start and self.end < self.start:
                conv.error((*key, "end"), f"the end ({self.end.isoformat()}) is before the "
                                          f"start ({self.start.isoformat()})")

    @property
    def end_date(self) -> dt.date | None:
        """The last day, or None for the end of the study."""
        return None if self.end == END_OF_STUDY else self.end


@dataclass
class CategoryChoice:
    """A part of the GP record the study takes. In YAML, a bare id is enough."""

    id: str = spec('Id of a record category in content/record/categories.yaml, such as '
                   '"medicines".')
    period: Period | None = spec("The dates taken, if not those in data.period.", default=None)
    only: str | None = spec(
        'Narrows what is taken, such as "your year of birth and your sex". The sheet shows it '
        "instead of data.period; give a period here too if one applies.", default=None)


@dataclass
class Linkage:
    """Other data the study joins to the GP data."""

    name: str = spec('Its name, spelt out, such as "Hospital Episode Statistics (HES)".')
    description: str = spec("What it is and why the study links to it, in plain words.")


@dataclass
class DataPlan:
    """Exactly what the study takes from the GP record, in what form, and where it goes."""

    categories: list[CategoryChoice] = spec("The record categories taken, by id.")
    form: DataForm = spec("How the data leave the practice: identifiable, pseudonymised or "
                          "anonymised.")
    who_sees: list[str] = spec("Who will see the data, in plain words.")
    where_kept: str = spec("Where the data are kept.")
    how_long_kept: str = spec("How long the data are kept, and what happens then.")
    period: Period | None = spec("The dates taken for every category that gives none.",
                                 default=None)
    form_note: str | None = spec("More about the form of the data, such as who holds the key "
                                 "to a code.", default=None)
    linkage: list[Linkage] = spec("Other data the study links to.", factory=list)


@dataclass
class ConsentStatements:
    """Statements the consent form adds to its standard ones."""

    extra: list[str] = spec('Statements to initial, placed before "I agree to take part".',
                            factory=list)
    optional: list[str] = spec("Optional statements, such as agreeing to be contacted about "
                               "future studies. Each is marked optional.", factory=list)


@dataclass
class DocumentVersion:
    """The version and date of an approved document."""

    version: str = spec('The version, in quotes, such as "1.0".', example='"1.0"')
    date: dt.date = spec("The date of that version, such as 2026-11-20.")


@dataclass
class Study:
    """A research study that extracts data from GP records: content/studies/<slug>/study.yaml."""

    title: str = spec("The full title, as approved.")
    short_title: str = spec("A short title people can say.")
    iras_id: str = spec("The IRAS ID: digits only.", check=check_iras_id)
    rec_reference: str = spec("The Research Ethics Committee reference.",
                              check=check_rec_reference)
    site: str = spec("The practice that hosts the study: a folder name under content/practices/.",
                     check=check_slug)
    sponsor: Sponsor = spec("The sponsor.")
    chief_investigator: Contact = spec("The chief investigator.")
    local_contact: Contact = spec("Who participants at the site contact with questions.")
    complaints: Contact = spec("Who participants contact to complain.")
    purpose: Section = spec("What the study is for.")
    why_invited: Section = spec("Why this person is invited.")
    involves: Section = spec("What taking part involves.")
    duration: Section = spec("How long it lasts.")
    risks: Section = spec("Possible risks and disadvantages.")
    benefits: Section = spec("Possible benefits.")
    withdraw: Withdrawal = spec("How to leave the study.")
    data: DataPlan = spec("What the study takes from the GP record.")
    transparency: Any = spec("The sponsor's transparency wording (Markdown), as supplied by the "
                             "sponsor.")
    pis: DocumentVersion = spec("Version and date of the participant information sheet.")
    consent_form: DocumentVersion = spec("Version and date of the consent form.")
    voluntary: str | None = spec("More about choosing, after the standard words that taking part "
                                 "is voluntary.", default=None)
    funder: str | None = spec("Who pays for the study.", default=None)
    consent: ConsentStatements = spec("Extra consent statements.", factory=ConsentStatements)
    #: Set by the loader.
    slug: str = field(default="", init=False)
    path: Path | None = field(default=None, init=False)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if message := check_transparency(self.transparency):
            conv.error((*key, "transparency"), message)
        elif isinstance(self.transparency, str):
            self.transparency = self.transparency.strip()

    @staticmethod
    def heading_shift(text: str, level: int) -> int:
        """How far to push Markdown headings down so the biggest one becomes ``<h{level}>``."""
        found = [len(m.group(1)) for m in _HEADING.finditer(text or "")]
        return level - min(found) if found else 0

    def scope(self, categories: list[RecordCategory]) -> list[ScopeRow]:
        """Every record category, in the record's order, with whether and how the study takes it."""
        chosen = {c.id: c for c in self.data.categories}
        rows = []
        for category in categories:
            choice = chosen.get(category.id)
            if choice is None:
                rows.append(ScopeRow(category, included=False))
                continue
            period = choice.period or (None if choice.only else self.data.period)
            rows.append(ScopeRow(
                category, included=True, only=choice.only,
                dated=period is not None,
                start=period.start if period else None,
                end=period.end_date if period else None,
            ))
        return rows


@dataclass(frozen=True)
class ScopeRow:
    """One line of the data-scope table."""

    category: RecordCategory
    included: bool
    only: str | None = None
    #: Whether a period applies; when it does, a missing start means "from the start of the
    #: record" and a missing end means "to the end of the study".
    dated: bool = False
    start: dt.date | None = None
    end: dt.date | None = None


# --- placeholders ---------------------------------------------------------------------------

#: Template text a researcher forgot to replace. Each pattern is a (regex, flags) pair.
_PLACEHOLDERS = [
    re.compile(r"\[[^\]\n]*[A-Za-z][^\]\n]*\](?![(\[:])"),        # [insert sponsor name]
    re.compile(r"<(?!https?://|mailto:)[^<>@\n]*[A-Za-z][^<>@\n]*>"),  # <sponsor name>
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL),                  # {{ name }}
    re.compile(r"\b(?:TBC|TBA|TBD|TODO|FIXME)\b"),
    re.compile(r"\bX{3,}\b", re.IGNORECASE),                          # XXX, xxxx
    re.compile(r"lorem\s+ipsum", re.IGNORECASE),
    re.compile(r"^[ \t]*(?:\.{3,}|…)[ \t]*$", re.MULTILINE),          # a line of only "..."
]


def find_placeholders(text: str) -> list[str]:
    """The placeholder snippets in ``text``, in order of appearance."""
    found: list[tuple[int, str]] = []
    for pattern in _PLACEHOLDERS:
        found.extend((m.start(), m.group(0).strip()) for m in pattern.finditer(text))
    return [snippet for _, snippet in sorted(found)]


def _strings(data: Any, key: KeyPath = ()):
    """Every text value in parsed YAML, with its key path."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, (*key, str(name)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*key, index))


def _line_of(doc: YamlDoc, source: list[str], key: KeyPath, snippet: str) -> int:
    """The line where ``snippet`` appears, searching down from the line of ``key``."""
    start = doc.line(key)
    first = snippet.splitlines()[0] if snippet.strip() else snippet
    for number in range(start, len(source) + 1):
        if first and first in source[number - 1]:
            return number
    return start


def check_placeholders(doc: YamlDoc, problems: Problems) -> None:
    """Refuse template text left in any field, at the line where it appears."""
    source = read_text(doc.path).splitlines()
    for key, text in _strings(doc.data):
        for snippet in find_placeholders(text):
            if key[:1] == ("transparency",):
                advice = TRANSPARENCY_ADVICE
            else:
                advice = "Write the study's own text here"
            shown = snippet if len(snippet) <= 60 else snippet[:57] + "..."
            problems.error(doc.path, _line_of(doc, source, key, snippet), dotted(key),
                           f'this looks like a placeholder: "{shown}". {advice}')


# --- acronyms -------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w/.@-])[A-Z][A-Z0-9]*[A-Z](?![\w/@-])")


def unexplained_acronyms(text: str) -> list[str]:
    """Acronyms in ``text`` that are never spelt out.

    An acronym counts as spelt out when it appears in brackets, as in "Health Research
    Authority (HRA)", or just before a bracket, as in "IRAS ID (Integrated Research ...)".
    """
    missing: list[str] = []
    for acronym in dict.fromkeys(_ACRONYM.findall(text)):
        word = re.escape(acronym)
        explained = re.search(rf"\(\s*{word}\s*\)|\b{word}\b(?:\s+[A-Z][\w]*)?\s*\(", text)
        if not explained:
            missing.append(acronym)
    return missing


def acronym_problems(study: Study, text: str, glossary: list | None = None) -> list[Problem]:
    """Warnings for acronyms in the rendered sheet that are never spelt out, located in the file."""
    assert study.path is not None
    source = read_text(study.path).splitlines()
    expansions = {t.term: t.expansion for t in glossary or [] if t.expansion}
    problems = []
    for acronym in unexplained_acronyms(text):
        line = next((n for n, t in enumerate(source, 1)
                     if re.search(rf"\b{re.escape(acronym)}\b", t.split("#")[0])), None)
        example = (f'"{expansions[acronym]} ({acronym})"' if acronym in expansions
                   else f'"Full Name ({acronym})"')
        problems.append(Problem(study.path, line, "", f'"{acronym}" is not spelt out in the '
                                f"participant information sheet; write it in full the first "
                                f"time, such as {example}", warning=True))
    return problems


# --- loading --------------------------------------------------------------------------------


def _expand_shorthand(doc: YamlDoc) -> set[int]:
    """Turn ``- medicines`` under data.categories into ``- id: medicines``; return those indexes."""
    data = doc.data
    plan = data.get("data") if isinstance(data, dict) else None
    items = plan.get("categories") if isinstance(plan, dict) else None
    if not isinstance(items, list):
        return set()
    bare = set()
    for index, item in enumerate(items):
        if isinstance(item, (str, int)):
            items[index] = {"id": str(item)}
            bare.add(index)
    return bare


def _check_categories(study: Study, content: Content, conv: Converter, bare: set[int]) -> None:
    known = sorted(c.id for c in content.categories)
    seen: set[str] = set()
    for index, choice in enumerate(study.data.categories):
        key: KeyPath = ("data", "categories", index)
        if index not in bare:
            key = (*key, "id")
        if choice.id in seen:
            conv.error(key, f'"{choice.id}" is listed twice; list each category once')
            continue
        seen.add(choice.id)
        if choice.id not in known:
            close = difflib.get_close_matches(choice.id, known, n=1, cutoff=0.6)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            conv.error(key, f'unknown record category "{choice.id}"{hint}; known categories: '
                            f'{", ".join(known)}')
        elif choice.period is None and choice.only is None and study.data.period is None:
            conv.error(key, f'no dates for "{choice.id}": give it a "period", or give '
                            'data.period for every category')
    if not study.data.categories:
        conv.error(("data", "categories"), "name at least one record category the study takes")


def _check_site(study: Study, project: Project, conv: Converter) -> None:
    if project.find(f"content/practices/{study.site}/practice.yaml") is None:
        known = sorted({p.parent.name for base in project.dirs("content/practices")
                        for p in base.glob("*/practice.yaml")})
        conv.error(("site",), f'unknown practice "{study.site}"; known practices: '
                              f'{", ".join(known) or "none yet"}')


def _check_markdown(study: Study, doc: YamlDoc, problems: Problems) -> None:
    texts: list[tuple[KeyPath, str | None]] = [
        (("transparency",), study.transparency),
        (("withdraw", "detail"), study.withdraw.detail),
    ]
    for name in ("purpose", "why_invited", "involves", "duration", "risks", "benefits"):
        texts.append(((name, "detail"), getattr(study, name).detail))
    for key, text in texts:
        if text and isinstance(text, str):  # transparency is checked for text in validate()
            check_markdown_urls(text, doc.path, doc.line(key) + 1, dotted(key), problems)


def study_path(project: Project, slug: str) -> Path:
    """The study file, or a ContentError naming the known studies."""
    if message := check_slug(slug):
        raise ContentError([Problem(None, None, "study", message)], project.root)
    path = project.find(f"content/studies/{slug}/study.yaml")
    if path is None:
        known = sorted({p.parent.name for base in project.dirs("content/studies")
                        for p in base.glob("*/study.yaml")})
        raise ContentError([Problem(project.root / f"content/studies/{slug}/study.yaml", None,
                                    "", f"file not found; known studies: "
                                        f"{', '.join(known) or 'none yet'}")], project.root)
    return path


def load_study(project: Project, slug: str, content: Content, strict: bool = False) -> Study:
    """Load and check one study file. Raises ContentError listing every problem in it."""
    path = study_path(project, slug)
    problems = Problems(project.root)
    doc = load_yaml(path)
    bare = _expand_shorthand(doc)
    conv = Converter(doc, problems)
    study = conv.build(Study, doc.data)
    check_placeholders(doc, problems)
    if study is not INVALID:
        study.slug, study.path = slug, path
        _check_categories(study, content, conv, bare)
        _check_site(study, project, conv)
        _check_markdown(study, doc, problems)
    problems.check(strict)
    for warning in problems.warnings:
        log.warning(warning.format(project.root))
    return study


def select_studies(project: Project, explicit: list[str], sites: list[str]) -> list[str]:
    """The studies to build: those named with --study, or else every study in the project whose
    site is one of the practices being built. A file too broken to read is kept, so its errors
    are reported rather than the study skipped without a word."""
    if explicit:
        return list(dict.fromkeys(explicit))
    chosen = []
    for slug in project.study_slugs():
        try:
            data = load_yaml(study_path(project, slug)).data
        except ContentError:
            chosen.append(slug)
            continue
        site = data.get("site") if isinstance(data, dict) else None
        if not isinstance(site, str) or site in sites:
            chosen.append(slug)
    return chosen


def load_studies(project: Project, slugs: list[str], content: Content,
                 strict: bool = False) -> list[Study]:
    """Load every named study, reporting the problems of all of them together."""
    problems: list[Problem] = []
    studies = []
    for slug in slugs:
        try:
            studies.append(load_study(project, slug, content, strict))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems, project.root)
    return studies


# --- languages ------------------------------------------------------------------------------


def translation_gaps(project: Project, study: Study, locale: str) -> list[str]:
    """What stops the consent materials being built wholly in ``locale``; empty when nothing.

    A consent form in mixed languages must never be produced, so anything short of a complete
    translation of the templates and of the study's own text counts as a gap.
    """
    from informed.build import SOURCE_LOCALE

    if locale == SOURCE_LOCALE:
        return []
    assert study.path is not None
    where = Problem(study.path, None, "", "").format(project.root).rstrip(": ")
    return [f"{where} is written in {SOURCE_LOCALE} only, and study files cannot be "
            "translated yet"]


def study_locales(project: Project, study: Study, site_locales: list[str], requested: list[str],
                  strict: bool = False) -> list[str]:
    """The languages to build a study's materials in.

    A language asked for with --locale that is not complete is an error. A language the site
    offers that is not complete is skipped with a warning (an error with --strict).
    """
    built = []
    for locale in requested or site_locales:
        gaps = translation_gaps(project, study, locale)
        if not gaps:
            built.append(locale)
            continue
        message = (f'consent materials need a complete translation; "{study.slug}" cannot be '
                   f'built in "{locale}": {"; ".join(gaps)}')
        if requested or strict:
            raise InformedError(message)
        log.warning("warning: %s. Built in the other languages only", message)
    return built


# --- checks on the rendered sheet -----------------------------------------------------------


class _Marked(HTMLParser):
    """Finds <main> and the elements marked data-readability="...": their text and their HTML."""

    _VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col",
                       "area"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.text: dict[str, list[str]] = {"main": [], "summary": [], "detail": []}
        self.spans: dict[str, tuple[int, int]] = {}
        #: One entry per open element: (mark or None, offset of its start tag).
        self.stack: list[tuple[str | None, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            self.handle_data(" ")
            return
        mark = "main" if tag == "main" else dict(attrs).get("data-readability")
        self.stack.append((mark, self.position()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID and self.stack:
            mark, begin = self.stack.pop()
            if mark:
                self.spans[mark] = (begin, self.position() + len(f"</{tag}>"))
        self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        for mark in {m for m, _ in self.stack if m}:
            self.text.setdefault(mark, []).append(data)


def sheet_text(html: str) -> dict[str, str]:
    """The rendered sheet's text: "main", "summary" and "detail"."""
    parser = _Marked(html)
    parser.feed(html)
    return {name: " ".join("".join(parts).split()) for name, parts in parser.text.items()}


def sheet_parts(html: str) -> dict[str, str]:
    """The HTML of the parts of the sheet marked data-readability, such as "summary"."""
    parser = _Marked(html)
    parser.feed(html)
    return {name: html[a:b] for name, (a, b) in parser.spans.items() if name != "main"}


def readability_problems(project: Project, study: Study, material_name: str,
                         html: str, lang: str) -> tuple[list[Problem], list[str]]:
    """The summary judged against the project's default target (9 to 11) and the detail against
    the information sheet's own (11 to 14): (warnings for missed targets, lines to report)."""
    from informed.readability import analyse_html, load_targets, summarise

    config = load_targets(project.root)
    assert study.path is not None
    shown = Problem(study.path, None, "", "").format(project.root).rstrip(": ")
    problems: list[Problem] = []
    lines: list[str] = []
    parts = sheet_parts(html)
    for name, targets in (("summary", config.default),
                          ("detail", config.for_material(material_name))):
        page = f'<html lang="{lang}"><body><main>{parts.get(name, "")}</main></body></html>'
        report = analyse_html(page, targets=targets, source=f"{shown} ({material_name}, {name})")
        lines.append(summarise(report, targets))
        problems.extend(Problem(study.path, None, "",
                                f"the information sheet's {name} misses its readability "
                                f"target: {miss.message}. {miss.suggestion}".strip(),
                                warning=True)
                        for miss in report.misses)
    return problems, lines


def check_rendered(project: Project, study: Study, material_name: str, variant_name: str,
                   html: str, content: Content, strict: bool = False,
                   lang: str = "en-GB") -> list[str]:
    """Check a rendered information sheet: readability targets missed and acronyms never spelt
    out are logged as warnings (errors with ``strict``). Returns the readability report lines."""
    from informed.materials.participant_information import MATERIAL

    if material_name != MATERIAL.name or variant_name != "standard":
        return []
    problems = acronym_problems(study, sheet_text(html)["main"], content.glossary)
    readability, lines = readability_problems(project, study, material_name, html, lang)
    problems.extend(readability)
    if strict and problems:
        raise ContentError([replace(p, warning=False) for p in problems], project.root)
    for problem in problems:
        log.warning(problem.format(project.root))
    return lines


__all__ = ["END_OF_STUDY", "ScopeRow", "Study", "check_rendered", "find_placeholders",
           "load_studies", "load_study", "readability_problems", "select_studies",
           "sheet_parts", "sheet_text", "study_locales", "unexplained_acronyms"]

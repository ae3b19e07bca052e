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

import yaml

from informed.content import check_markdown_urls
from informed.errors import ContentError, InformedError, Problem, Problems
from informed.examples import find_example_values, walk_strings
from informed.loading import KeyPath, YamlDoc, dotted, load_yaml, read_text
from informed.model import (
    EasyReadPoint,
    RecordCategory,
    check_email,
    check_phone,
    check_slug,
    check_url,
    plain_quotes,
)
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


#: The information sheet sections the HRA requires that are given as plain fields, and what to
#: write in each when it is missing.
REQUIRED_SECTIONS = {
    "expenses": 'write whether people are paid or get expenses back, or "You will not be paid '
                'for taking part, and it will not cost you anything."',
    "incidental_findings": "write what happens if the study finds something about a person's "
                           "health, or why it cannot (for example, because the study team does "
                           "not know who anyone is)",
    "something_goes_wrong": 'give "compensation": the insurance or indemnity that covers harm, '
                            "and how to claim",
    "data_controller": "name the data controller, usually the sponsor",
    "future_use": 'give "research" (later research with the data) and "sharing" (other '
                  "researchers and commercial companies, and on what terms)",
    "results": "write where the results will be published, how people can get a summary, and "
               "that nobody can be identified from them",
}


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
    consent_statement: str = spec(
        "The same, as the participant says it on the consent form, such as \"I understand that if "
        "I leave, the study will keep the information it already has about me.\"")
    detail: str | None = spec("Markdown for the detailed part of the sheet.", default=None)


@dataclass
class SomethingWrong:
    """What happens if something goes wrong: compensation if someone is harmed, and complaints."""

    compensation: str = spec(
        "What happens if taking part harms someone: the insurance or indemnity the sponsor and "
        "the practice have, and how to claim compensation, in plain words.")
    detail: str | None = spec("More about what to do if something goes wrong (Markdown).",
                              default=None)


@dataclass
class FutureUse:
    """What happens to the data after this study."""

    research: str = spec(
        "Whether the data may be used for other research later, and what approval that needs.")
    sharing: str = spec(
        "Whether other researchers, including commercial companies, may use the data, and on "
        "what terms (such as only without names, after an independent review, under a contract).")


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
        "with the category's period (its own, or data.period).", default=None)
    #: ``only`` as the participant says it on the consent form, in a translation (set when the
    #: study is translated; in English, first_person() makes it).
    participant_only: str | None = field(default=None, init=False)


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

    title: str = spec("The full title, as approved.", normalise=plain_quotes)
    short_title: str = spec("A short title people can say.", normalise=plain_quotes)
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
    # The sections below are required (see REQUIRED_SECTIONS); they default to None so that a
    # missing one is reported with its own name and what to write, not as a bare "missing".
    expenses: str | None = spec("Expenses and payments: whether people are paid, or get costs "
                                "such as travel back. Say so plainly if there are none.",
                                default=None)
    incidental_findings: str | None = spec(
        "What happens if the study finds something about a person's health that they or their "
        "GP should know.", default=None)
    something_goes_wrong: SomethingWrong | None = spec(
        "What happens if something goes wrong: compensation, and more about complaints.",
        default=None)
    data_controller: str | None = spec(
        "Who is the data controller: the organisation responsible for the information, usually "
        "the sponsor.", default=None)
    easy_read: list[EasyReadPoint] | None = spec(
        "The summary in Easy Read: a few points, each a picture and one idea in short "
        "sentences (reading age 7 or below). Without it, no Easy Read version is made.",
        default=None)
    future_use: FutureUse | None = spec("What happens to the data after this study.",
                                        default=None)
    results: str | None = spec("What happens to the results: where they are published, how "
                               "participants can get a summary, and that nobody can be "
                               "identified from them.", default=None)
    voluntary: str | None = spec("More about choosing, after the standard words that taking part "
                                 "is voluntary.", default=None)
    funder: str | None = spec("Who pays for the study.", default=None)
    consent: ConsentStatements = spec("Extra consent statements.", factory=ConsentStatements)
    #: Set by the loader.
    slug: str = field(default="", init=False)
    path: Path | None = field(default=None, init=False)
    #: In a translation, each taken category's title as the participant says it on the consent
    #: form, by id (from the study's catalog); None in English, where first_person() makes it.
    participant_titles: dict[str, str] | None = field(default=None, init=False)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if message := check_transparency(self.transparency):
            conv.error((*key, "transparency"), message)
        elif isinstance(self.transparency, str):
            self.transparency = self.transparency.strip()
        for name, what in REQUIRED_SECTIONS.items():
            if getattr(self, name) is None:
                conv.error((*key, name), f"this section is missing, and the Health Research "
                                         f"Authority (HRA) requires it: {what}")
        if self.consent_form.date < self.pis.date:
            conv.error((*key, "consent_form", "date"),
                       f"the consent form ({self.consent_form.date.isoformat()}) is dated "
                       f"before the information sheet it cites (pis.date, "
                       f"{self.pis.date.isoformat()}); date the consent form on or after the "
                       "sheet, and give it a new version if it changed")

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
            period = choice.period or self.data.period
            rows.append(ScopeRow(
                category, included=True, only=choice.only,
                dated=period is not None,
                start=period.start if period else None,
                end=period.end_date if period else None,
                participant_title=(self.participant_titles or {}).get(category.id),
                participant_only=choice.participant_only,
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
    #: The title and ``only`` as the participant says them, from a translated study's catalog.
    participant_title: str | None = None
    participant_only: str | None = None

    def in_first_person(self) -> ScopeRow:
        """The row as the participant says it on the consent form: "My medicines", not "Your".
        A translation gives its own words; English ones are turned by rule."""
        title = self.participant_title or first_person(self.category.title)
        only = self.participant_only or (first_person(self.only) if self.only else None)
        return replace(self, category=replace(self.category, title=title), only=only)


#: English second-person words and what the participant says instead. A translated study
#: brings its own first-person words (see i18n/study_catalog.py): this rule is English only.
_FIRST_PERSON = [(re.compile(rf"\b{you}\b", re.IGNORECASE), me) for you, me in (
    ("you are", "I am"), ("you were", "I was"), ("yourself", "myself"), ("yours", "mine"),
    ("your", "my"))]
#: "you" is "I" where it starts a clause ("when you had", "You have"), and "me" elsewhere.
_YOU_SUBJECT = re.compile(r"(^|\b(?:when|if|that|who|because|as|before|after|where|while|until"
                          r"|unless|since|and|or|but) )you\b", re.IGNORECASE)
_YOU_OBJECT = re.compile(r"\byou\b", re.IGNORECASE)


def first_person(text: str) -> str:
    """``text`` with "you" and "your" turned into "I", "me" and "my", keeping a capital letter."""
    def keep_case(me: str):
        return lambda m: me if me[0] == "I" or m.group(0)[0].islower() else me.capitalize()

    for pattern, me in _FIRST_PERSON:
        text = pattern.sub(keep_case(me), text)
    text = _YOU_SUBJECT.sub(lambda m: f"{m.group(1)}I", text)
    return _YOU_OBJECT.sub(keep_case("me"), text)


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


def _line_of(doc: YamlDoc, source: str, key: KeyPath, snippet: str) -> int:
    """The line where ``snippet`` starts, searching down from the line of ``key``; the snippet
    may run over several lines of the file, as a folded or block text does."""
    start = doc.line(key)
    words = snippet.split()
    if not words:
        return start
    offset = sum(len(line) for line in source.splitlines(keepends=True)[:start - 1])
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    found = pattern.search(source, offset)
    return source.count("\n", 0, found.start()) + 1 if found else start


def check_placeholders(doc: YamlDoc, problems: Problems) -> None:
    """Refuse template text left in any field, at the line where it appears."""
    source = read_text(doc.path)
    for key, text in walk_strings(doc.data):
        for snippet in find_placeholders(text):
            if key[:1] == ("transparency",):
                advice = TRANSPARENCY_ADVICE
            else:
                advice = "Write the study's own text here"
            problems.error(doc.path, _line_of(doc, source, key, snippet), dotted(key),
                           f'this looks like a placeholder: "{_shorten(snippet)}". {advice}')


def _shorten(snippet: str) -> str:
    snippet = " ".join(snippet.split())
    return snippet if len(snippet) <= 60 else snippet[:57] + "..."


#: Phrases found only in the HRA's May 2018 transparency wording, replaced since. Ideas the
#: current template keeps (rights limited so that research is reliable) are not among them.
_OLD_TRANSPARENCY = [re.compile(p, re.IGNORECASE) for p in (
    r"is\s+the\s+sponsor\s+for\s+this\s+study\s+based\s+in\s+the\s+United\s+Kingdom",
    r"will\s+act\s+as\s+the\s+data\s+controller\s+for\s+this\s+study",
    r"minimum\s+personally[\s-]+identifiable\s+information\s+possible",
    r"for\s+this\s+research\s+study\s+in\s+accordance\s+with\s+our\s+instructions",
)]

#: Where the HRA publishes its current template wording for sponsors.
HRA_TRANSPARENCY_URL = ("https://www.hra.nhs.uk/planning-and-improving-research/"
                        "policies-standards-legislation/data-protection-and-information-"
                        "governance/gdpr-guidance/templates/transparency-wording-for-all-sponsors/")


def check_transparency_wording(doc: YamlDoc, problems: Problems) -> None:
    """Refuse the HRA's 2018 transparency wording: since 1 April 2025 the HRA expects its
    updated template (or a sponsor's own approved wording)."""
    data = doc.data
    text = data.get("transparency") if isinstance(data, dict) else None
    if not isinstance(text, str):
        return
    found = [m for pattern in _OLD_TRANSPARENCY if (m := pattern.search(text))]
    if not found:
        return
    first = min(found, key=lambda m: m.start()).group(0)
    problems.error(doc.path, _line_of(doc, read_text(doc.path), ("transparency",), first),
                   "transparency", f'this is the Health Research Authority\'s 2018 wording '
                   f'("{_shorten(first)}"). From 1 April 2025 the HRA expects its updated '
                   "template, in which \"we\" is the sponsor, or the sponsor's own approved "
                   f"wording: ask the sponsor for it (see {HRA_TRANSPARENCY_URL})")


#: Claims that taking part carries no risk at all, which no ethics committee accepts.
_NO_RISK = re.compile(
    r"\b(?:no|zero|not\s+any)[\s-]+(?:(?:known|real|possible|other)\s+)?risks?\b"
    r"|\brisk[\s-]free\b|\bwithout\s+(?:any\s+)?risks?\b"
    r"|(?:\b(?:completely|totally|entirely|perfectly|absolutely)|\b100\s?%)\s+safe\b",
    re.IGNORECASE)


def check_risks(doc: YamlDoc, problems: Problems) -> None:
    """Refuse risk text that says there are no risks; say what the small risks are instead."""
    data = doc.data
    risks = data.get("risks") if isinstance(data, dict) else None
    if not isinstance(risks, dict):
        return
    source = read_text(doc.path)
    for name in ("summary", "detail"):
        text = risks.get(name)
        if not isinstance(text, str):
            continue
        for match in _NO_RISK.finditer(text):
            key = ("risks", name)
            problems.error(doc.path, _line_of(doc, source, key, match.group(0)), dotted(key),
                           f'do not say "{_shorten(match.group(0))}": an ethics committee will '
                           "not accept it. Say what the risks are, even if they are small "
                           "(such as a data breach, being contacted again, or the study finding "
                           "something about your health), and how they are kept low")


#: Second-person words a consent statement should not use: the participant says it.
_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def _consent_statements(data: Any):
    """(key, text) for every statement the participant initials that the study file gives."""
    if not isinstance(data, dict):
        return
    withdraw = data.get("withdraw")
    if isinstance(withdraw, dict) and isinstance(withdraw.get("consent_statement"), str):
        yield ("withdraw", "consent_statement"), withdraw["consent_statement"]
    consent = data.get("consent")
    for group in ("extra", "optional"):
        items = consent.get(group) if isinstance(consent, dict) else None
        for index, text in enumerate(items if isinstance(items, list) else []):
            if isinstance(text, str):
                yield ("consent", group, index), text


def check_first_person(doc: YamlDoc, problems: Problems) -> None:
    """Every consent statement is said by the participant: it starts "I" and never says "you"."""
    source = read_text(doc.path)
    for key, text in _consent_statements(doc.data):
        words = text.split()
        you = _YOU.search(text)
        if words and words[0] in ("I", "I'm", "I’m", "I've", "I’ve") and not you:
            continue
        found = f' (it says "{you.group(0)}")' if you else ""
        problems.error(doc.path, _line_of(doc, source, key, you.group(0) if you else text),
                       dotted(key), f"a consent statement is said by the participant{found}: "
                       'start it with "I", such as "I agree that …", and write "my" for "your"')


def check_example_values(doc: YamlDoc, problems: Problems) -> None:
    """Refuse the example study's made-up values left in a real study, at their lines."""
    source = read_text(doc.path)
    for key, text in walk_strings(doc.data):
        if key == ("site",):  # a folder name; the practice's own check covers its values
            continue
        for value in find_example_values(text):
            problems.error(doc.path, _line_of(doc, source, key, value), dotted(key),
                           f'"{_shorten(value)}" comes from the example study, which is made '
                           "up; replace it with your study's own details")


def is_shipped_example(project: Project, path: Path) -> bool:
    """Whether ``path`` is the example study that comes with informed, not a study of one's own."""
    shipped = project.builtin / "content" / "studies" / "example-study" / "study.yaml"
    return path.resolve() == shipped.resolve()


# --- acronyms -------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w/.@-])[A-Z][A-Z0-9]*[A-Z](?![\w/@-])")


def unexplained_acronyms(text: str) -> list[str]:
    """Acronyms in ``text`` that are never spelt out.

    An acronym counts as spelt out when it appears in brackets, alone or with other acronyms, as
    in "Health Research Authority (HRA)" or "General Data Protection Regulation (UK GDPR)", or
    just before a bracket, as in "IRAS ID (Integrated Research ...)".
    """
    missing: list[str] = []
    for acronym in dict.fromkeys(_ACRONYM.findall(text)):
        word = re.escape(acronym)
        # "(UK GDPR)" spells out both of its parts.
        explained = re.search(rf"\(\s*(?:[A-Z][A-Z0-9]*\s+)*{word}(?:\s+[A-Z][A-Z0-9]*)*\s*\)"
                              rf"|\b{word}\b(?:\s+[A-Z][\w]*)?\s*\(", text)
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
        elif choice.period is None and study.data.period is None:
            conv.error(key, f'no dates for "{choice.id}": give it a "period", or give '
                            'data.period for every category')
    if not study.data.categories:
        conv.error(("data", "categories"), "name at least one record category the study takes")


def _check_site(study: Study, project: Project, conv: Converter, shipped: bool) -> None:
    path = project.find(f"content/practices/{study.site}/practice.yaml")
    if path is None:
        known = sorted({p.parent.name for base in project.dirs("content/practices")
                        for p in base.glob("*/practice.yaml")})
        conv.error(("site",), f'unknown practice "{study.site}"; known practices: '
                              f'{", ".join(known) or "none yet"}')
    elif not shipped and path.resolve() == (project.builtin / "content/practices/example-surgery"
                                            / "practice.yaml").resolve():
        conv.error(("site",), f'"{study.site}" is the example practice that comes with '
                              "informed; name the folder of the practice that hosts the study")


#: Fields whose value is text even when it looks like a number: "1.10" is not 1.1.
_LITERAL_TEXT: list[KeyPath] = [("iras_id",), ("pis", "version"), ("consent_form", "version")]


def _keep_literal_text(doc: YamlDoc) -> None:
    """Put back the text as written of versions and IDs that YAML read as numbers, so that
    ``version: 1.10`` stays "1.10" and ``iras_id: 012345`` keeps its zero."""
    root = yaml.compose(read_text(doc.path), Loader=yaml.SafeLoader)
    for key in _LITERAL_TEXT:
        parent, node = doc.data, root
        for part in key[:-1]:
            parent, node = _child(parent, node, part)
        value, node = _child(parent, node, key[-1])
        written = isinstance(node, yaml.ScalarNode) and not node.style
        if isinstance(value, (int, float)) and not isinstance(value, bool) and written:
            parent[key[-1]] = node.value


def _child(data: Any, node: Any, name: str) -> tuple[Any, Any]:
    """The value and the YAML node under ``name``; (None, None) if either is not there."""
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, None
    found = next((v for k, v in node.value if k.value == name), None)
    return data.get(name), found


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
    _keep_literal_text(doc)
    conv = Converter(doc, problems)
    study = conv.build(Study, doc.data)
    shipped = is_shipped_example(project, path)
    check_placeholders(doc, problems)
    check_transparency_wording(doc, problems)
    check_risks(doc, problems)
    check_first_person(doc, problems)
    if not shipped:
        check_example_values(doc, problems)
    if study is not INVALID:
        study.slug, study.path = slug, path
        _check_categories(study, content, conv, bare)
        _check_site(study, project, conv, shipped)
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
    translation of the study's own catalog counts as a gap (the templates' strings are counted
    when the documents are rendered).
    """
    from informed.i18n.locales import SOURCE_LOCALE
    from informed.i18n.study_catalog import study_coverage

    if locale == SOURCE_LOCALE:
        return []
    coverage = study_coverage(project, study.slug, locale)
    if not coverage.missing:
        return []
    assert study.path is not None
    where = Problem(study.path, None, "", "").format(project.root).rstrip(": ")
    return [coverage.describe(project, where)]


def study_locales(project: Project, study: Study, site_locales: list[str], requested: list[str],
                  strict: bool = False) -> tuple[list[str], list[str]]:
    """The languages to build a study's materials in, and a "not built" line for each
    language asked for (with --locale, or by the site) that the study is not complete in.
    With --strict an incomplete language is an error."""
    built, not_built = [], []
    for locale in requested or site_locales:
        gaps = translation_gaps(project, study, locale)
        if not gaps:
            built.append(locale)
            continue
        message = (f'consent materials need a complete translation; "{study.slug}" cannot be '
                   f'built in "{locale}": {"; ".join(gaps)}')
        if strict:
            raise InformedError(message)
        not_built.append(f"{study.site}/{locale}/studies/{study.slug}: not built: {message}")
    return built, not_built


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
        #: Where each marked element is in the HTML; a mark may be used on several elements.
        self.spans: dict[str, list[tuple[int, int]]] = {}
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
                end = self.position() + len(f"</{tag}>")
                self.spans.setdefault(mark, []).append((begin, end))
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
    """The HTML of the parts of the sheet marked data-readability, such as "summary"; the
    elements that share a mark are joined in order."""
    parser = _Marked(html)
    parser.feed(html)
    return {name: "\n".join(html[a:b] for a, b in sorted(spans))
            for name, spans in parser.spans.items() if name != "main"}


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
    for name, targets in (("summary", config.for_material(None, lang)),
                          ("detail", config.for_material(material_name, lang))):
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
    # Spelling out acronyms is checked in the English the study is written in: the rule reads
    # capital letters, and a translation keeps English acronyms beside its own words.
    problems = (acronym_problems(study, sheet_text(html)["main"], content.glossary)
                if lang == "en-GB" else [])
    readability, lines = readability_problems(project, study, material_name, html, lang)
    problems.extend(readability)
    if strict and problems:
        raise ContentError([replace(p, warning=False) for p in problems], project.root)
    for problem in problems:
        log.warning(problem.format(project.root))
    return lines


__all__ = ["END_OF_STUDY", "REQUIRED_SECTIONS", "ScopeRow", "Study", "check_rendered",
           "find_placeholders", "first_person", "is_shipped_example", "load_studies",
           "load_study", "readability_problems", "select_studies", "sheet_parts", "sheet_text",
           "study_locales", "unexplained_acronyms"]

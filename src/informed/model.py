"""Typed content model: sources, glossary, the GP record, data uses, opt-outs and the practice."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from informed import colour
from informed.schema import spec

if TYPE_CHECKING:
    from informed.loading import KeyPath
    from informed.schema import Converter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,}[0-9]"
                   r"(?:,? *(?:ext\.?|extension|x) *[0-9]{1,6})?$", re.IGNORECASE)
ODS = re.compile(r"^[A-Z0-9]{3,7}$")

DataForm = Literal["identifiable", "pseudonymised", "anonymous", "aggregate"]
OptOut = Literal["national-data-opt-out", "type-1"]
PolicyName = Literal["research", "shared_care_record", "registries", "audits", "insurers"]


def check_slug(value: str) -> str | None:
    if SLUG.match(value):
        return None
    return (f'expected an id of lower-case letters, digits and single hyphens, such as '
            f'"example-surgery", got "{value}"')


def check_url(value: str) -> str | None:
    if re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        return None
    return f'expected a web address starting with https://, got "{value}"'


def check_email(value: str) -> str | None:
    return None if EMAIL.match(value) else f'expected an email address, got "{value}"'


def check_phone(value: str) -> str | None:
    if PHONE.match(value):
        return None
    return (f'expected a phone number such as "0300 303 5678": digits and spaces, with an '
            f'extension after "ext" if needed, such as "0300 303 5678 ext 2"; got "{value}"')


#: Quotes that word processors put in pasted text, and the plain ones a title keeps.
_SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                               "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
                               "\u201f": '"', "\u2033": '"'})


def plain_quotes(value: str) -> str:
    """A title pasted from a word processor, with its curly quotes made straight, so that a
    name is spelled one way in every material, search and file name."""
    return value.translate(_SMART_QUOTES)


def check_ods(value: str) -> str | None:
    if ODS.match(value):
        return None
    return f'expected an ODS code of capital letters and digits, such as "A81001", got "{value}"'


def check_locale(value: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return f'expected a language code such as "en-GB", "pl" or "ur", got "{value}"'
    return None


def check_review_months(value: int) -> str | None:
    if 1 <= value <= 120:
        return None
    return f"expected a number of months from 1 to 120, got {value}"


# --- sources and glossary -------------------------------------------------------------


@dataclass
class Source:
    """Where a fact comes from. Every use, fact and term names at least one."""

    id: str = spec("Short id that content uses to cite this source.", check=check_slug)
    title: str = spec("Title of the page or document.")
    publisher: str = spec("Who published it.")
    url: str = spec("Web address of the source.", check=check_url)
    checked: dt.date = spec("Date someone last checked that the content still matches it.")
    note: str | None = spec("What this source supports.", default=None)


@dataclass
class GlossaryTerm:
    """A technical term with a plain definition; templates and the readability checker use it."""

    term: str = spec("The term as it appears in text.")
    definition: str = spec("A plain definition in one or two short sentences.")
    aliases: list[str] = spec("Other forms of the term.", factory=list)
    plainer: str | None = spec("A plainer phrase a writer can use instead.", default=None)
    expansion: str | None = spec("For an acronym, what the letters stand for.", default=None)
    sources: list[str] = spec("Ids of sources.", factory=list)


# --- the GP record --------------------------------------------------------------------


@dataclass
class RecordCategory:
    """One kind of information a GP record holds."""

    id: str = spec("Id that studies use to say what they extract.", check=check_slug)
    title: str = spec('Plain title, such as "Your medicines".')
    summary: str = spec("One plain sentence.")
    examples: list[str] = spec("Short concrete examples.", factory=list)
    sensitive: bool = spec("May include sensitive information.", default=False)
    third_party: bool = spec("May include information about other people.", default=False)
    sources: list[str] = spec("Ids of sources.", factory=list)


@dataclass
class RecordFact:
    """A fact about the record as a whole (who sees it, how long it is kept, ...)."""

    id: str = spec("Fact id.", check=check_slug)
    title: str = spec("Plain title.")
    summary: str = spec("One or two plain sentences for short materials.")
    body: str = spec("Markdown for longer materials.")
    sources: list[str] = spec("Ids of sources.", factory=list)


# --- data uses ----------------------------------------------------------------------------


@dataclass
class LawfulBasis:
    """The UK GDPR conditions a use relies on (shown in the privacy notice)."""

    article_6: str = spec("Article 6 condition, such as \"Article 6(1)(e): public task\".")
    article_9: str = spec("Article 9 condition for health data.")
    note: str | None = spec("A plain note, for example about the duty of confidentiality.",
                            default=None)


@dataclass
class DataUse:
    """One way GP data are used or shared: a Markdown file with front matter."""

    id: str = spec("Use id; the same as the file name.", check=check_slug)
    title: str = spec("Short plain title.")
    summary: str = spec("One or two plain sentences for short materials.")
    order: int = spec("Position in lists; lower comes first.")
    recipients: list[str] = spec("Who receives the data, in plain words.")
    data_form: list[DataForm] = spec("The forms in which data are shared.")
    consent: Literal["asked", "not-asked", "depends"] = spec("Whether you are asked first.")
    lawful_basis: LawfulBasis = spec("UK GDPR conditions.")
    consent_reason: str = spec(
        "One short sentence for leaflets: whether you are asked first, and why, such as "
        "\"We do not ask you first, because the law says we must share.\"")
    consent_note: str | None = spec("When and how you are asked, and why, for the privacy "
                                    "notice and the staff policy.", default=None)
    opt_outs: list[OptOut] = spec("Opt-outs that apply.", factory=list)
    opt_out_note: str | None = spec("What opting out does here.", default=None)
    policy: PolicyName | None = spec("The practice policy choice that affects this use.",
                                     default=None)
    examples: list[str] = spec("Short examples.", factory=list)
    sources: list[str] = spec("Ids of sources.", factory=list)
    #: Filled from the file, not the front matter.
    body: str = field(default="", init=False)
    path: Path | None = field(default=None, init=False)
    body_line: int = field(default=0, init=False)


@dataclass
class OptOutWay:
    """One way to register an opt-out."""

    label: str = spec("How, in plain words, such as \"Online\".")
    detail: str = spec("The address, number or steps.")
    url: str | None = spec("Web address, if any.", default=None, check=check_url)
    kind: Literal["online", "phone", "app", "post"] | None = spec(
        "What sort of way it is; short materials such as the poster show the online and phone "
        "ways only.", default=None)


@dataclass
class OptOutInfo:
    """An opt-out patients can use: the national data opt-out or a type 1 opt-out."""

    id: OptOut = spec("Which opt-out.")
    title: str = spec("Plain title.")
    summary: str = spec("What it does, in one or two sentences.")
    does_not_cover: list[str] = spec("What it does not stop.", factory=list)
    ways: list[OptOutWay] = spec("How to register it.", factory=list)
    sources: list[str] = spec("Ids of sources.", factory=list)


@dataclass
class Organisation:
    """A body patients may contact, such as the ICO for complaints."""

    id: str = spec("Id used by templates.", check=check_slug)
    name: str = spec("Full name, with any short name in brackets.")
    role: str = spec("What it does for patients, in one plain sentence.")
    phone: str | None = spec("Phone number.", default=None, check=check_phone)
    url: str | None = spec("Web address.", default=None, check=check_url)
    address: str | None = spec("Postal address.", default=None)
    sources: list[str] = spec("Ids of sources.", factory=list)


@dataclass
class Right:
    """A right people have over their information under UK GDPR (content/rights.yaml)."""

    id: str = spec("Right id; templates and the privacy notice tests use it.", check=check_slug)
    title: str = spec('Plain title, such as "See your information".')
    article: str = spec('The UK GDPR article, such as "Article 15".')
    summary: str = spec("What the right means, in one or two plain sentences.")
    how: str = spec("How to use it, in one or two plain sentences.")
    young: str = spec("The same right in simpler words, for children and young people.")
    sources: list[str] = spec("Ids of sources.", factory=list)


def check_picture(value: str) -> str | None:
    from informed.formats.pictures import names

    if value in names():
        return None
    return f'expected one of the Easy Read pictures ({", ".join(names())}), got "{value}"'


@dataclass
class EasyReadPoint:
    """One point of an Easy Read page: a picture on the left, a few short sentences beside it."""

    picture: str = spec("A picture from src/informed/pictograms/pictograms.yaml, such as \"lock\".",
                        check=check_picture)
    alt: str = spec("What the picture shows, for people who cannot see it.")
    text: str = spec("One idea, in one to three short sentences with short words.")


@dataclass
class EasyRead:
    """The words of a material's Easy Read version (content/easy-read.yaml): written for it,
    at a reading age of 7 or below, not the standard text cut short."""

    id: Literal["leaflet", "privacy-notice"] = spec("The material it is the Easy Read of.")
    title: str = spec("The title, in a few short words.")
    points: list[EasyReadPoint] = spec("The points, in order: one idea each.")
    sources: list[str] = spec("Ids of sources.", factory=list)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if not self.points:
            conv.error((*key, "points"), "expected at least one point")


# --- the practice -------------------------------------------------------------------------


def check_opening_hours(value: list[str]) -> str | None:
    for line in value:
        if len(line) > 80:
            return (f'expected short lines, one for each set of days, such as "Monday to '
                    f'Friday: 8am to 6.30pm"; this one is {len(line)} characters long: '
                    f'"{line[:40]}..."')
    return None


def check_primary(value: str) -> str | None:
    if not colour.HEX.match(value):
        if named := colour.accessible_named(value, colour.WHITE):
            return (f'expected a colour such as "#005EB8", got the name "{value}": write it as '
                    f'a hex value. A {value.strip().lower()} that white text is readable on is '
                    f'"{named}"')
        return f'expected a colour such as "#005EB8", got "{value}"'
    ratio = colour.contrast(value, colour.WHITE)
    if ratio < colour.AA_TEXT:
        better = colour.shade_passing(value, colour.WHITE)
        return (f"{value} is too light for white text: contrast {ratio:.1f}:1, WCAG AA needs "
                f"4.5:1. Try the darker shade {better}")
    return None


def check_background(value: str) -> str | None:
    if not colour.HEX.match(value):
        if named := colour.accessible_named(value, colour.TEXT, darker=False):
            return (f'expected a colour such as "#E8EDEE", got the name "{value}": write it as '
                    f'a hex value. A pale {value.strip().lower()} that body text is readable on '
                    f'is "{named}"')
        return f'expected a colour such as "#E8EDEE", got "{value}"'
    ratio = colour.contrast(value, colour.TEXT)
    if ratio < colour.AA_TEXT:
        better = colour.shade_passing(value, colour.TEXT, darker=False)
        return (f"{value} is too dark behind body text: contrast {ratio:.1f}:1, WCAG AA needs "
                f"4.5:1. Try the lighter shade {better}")
    return None


@dataclass
class Colours:
    """Brand colours. Both are checked for WCAG AA contrast."""

    primary: str = spec("Headings, and the background of white text.", check=check_primary,
                        example='"#005EB8"')
    background: str | None = spec("Tint behind boxes of body text.", default=None,
                                  check=check_background)


@dataclass
class Person:
    """A named role such as the data protection officer or the Caldicott Guardian."""

    name: str = spec("Name or role title.")
    email: str | None = spec("Email address.", default=None, check=check_email)
    phone: str | None = spec("Phone number.", default=None, check=check_phone)
    address: str | None = spec("Postal address.", default=None)
    organisation: str | None = spec("Organisation, if not the practice.", default=None)


@dataclass
class ResearchPolicy:
    takes_part: bool = spec("Whether the practice takes part in research.")
    schemes: list[str] = spec("Research schemes or databases the practice sends data to.",
                              factory=list)
    invites_patients: bool = spec("Whether the practice may write to invite you to studies.",
                                  default=False)


def check_no_or_text(value: bool | str) -> str | None:
    """An answer that is either ``false`` (none) or a sentence; ``true`` says too little."""
    if value is True:
        return ("expected false (there are none) or a sentence saying what they are; "
                "true does not tell patients enough")
    return None


def check_no_or_list(value: bool | list) -> str | None:
    if value is True:
        return "expected false (there are none) or a list; true does not tell patients enough"
    return None


@dataclass
class SharedCareRecord:
    name: str = spec("Name of the shared care record, as patients would know it.",
                     example='"the Anytown Care Record"')
    opt_out: bool | str = spec(
        "Can patients ask not to be in it? Write how (such as \"Tell us, and we will ask the "
        "care record team to hide your record\"), or false if there is no way to opt out.",
        check=check_no_or_text, example="false or a sentence saying how to opt out")
    who_can_see: list[str] = spec("Services that can look at it.", factory=list)
    url: str | None = spec("Web page about it.", default=None, check=check_url)


@dataclass
class Supplier:
    """A company or body that handles patient data for the practice (a processor)."""

    name: str = spec("Who they are, such as \"EMIS Health\".", example='"EMIS Health"')
    does: str = spec("What they do for the practice, in plain words, such as \"provides our "
                     "clinical record system\".", example='"provides our clinical record system"')

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if self.does[:1].isupper():
            conv.warn((*key, "does"), f'starts a sentence after "{self.name}": write it in '
                      'lower case, such as "provides our clinical record system"')


@dataclass
class InsurerPolicy:
    handling: Literal["report-only", "copy-with-consent"] = spec(
        "report-only: we write a report with only what is asked; copy-with-consent: with your "
        "written consent we may send copies of the relevant parts of your record.")
    charges: bool = spec("Whether the practice charges the insurer or employer.", default=True)


@dataclass
class Policy:
    """The practice's choices. They select and word the sections of every material."""

    research: ResearchPolicy = spec("Research.")
    insurers: InsurerPolicy = spec("Requests from insurers and employers.")
    type1_opt_out: str = spec("How patients register a type 1 opt-out at this practice.")
    shared_care_record: SharedCareRecord | bool = spec(
        "Does the practice share records through a local shared care record? Describe it, or "
        "write false if it does not.", check=check_no_or_text,
        example="false, or the record's name, who_can_see and opt_out")
    registries: list[str] = spec(
        "Disease registers the practice sends data to, such as \"the National Disease "
        "Registration Service\". Write [] if none.")
    audits: list[str] = spec(
        "National clinical audits the practice sends data to, such as \"the National Diabetes "
        "Audit\". Write [] if none.")


@dataclass
class Change:
    """A dated change to how the practice uses data (for newsletters)."""

    date: dt.date = spec("When it changed.")
    text: str = spec("What changed, in one or two plain sentences.")


@dataclass
class PolicyVersion:
    """One entry in the version history of the practice's staff data-sharing policy."""

    version: str = spec('The version of the policy, such as "2.1".')
    date: dt.date = spec("When this version was approved.")
    changes: str = spec("What changed, in a sentence or two.")
    approved_by: str | None = spec("Who approved it, such as the Caldicott Guardian.",
                                   default=None)


@dataclass
class Practice:
    """A GP practice profile: content/practices/<slug>/practice.yaml."""

    name: str = spec("The practice's name.", example='"High Street Surgery"',
                     normalise=plain_quotes)
    ods_code: str = spec("The practice's code from the NHS Organisation Data Service (ODS).",
                         check=check_ods, example='"A81001"')
    address: list[str] = spec("Address lines, including the postcode.")
    phone: str = spec("Main phone number.", check=check_phone, example='"0300 303 5678"')
    email: str = spec("Email address for patients.", check=check_email,
                      example='"high.street@nhs.net"')
    website: str = spec("Practice website.", check=check_url,
                        example='"https://www.highstreetsurgery.nhs.uk"')
    colours: Colours = spec("Brand colours.")
    dpo: Person = spec("Data protection officer.")
    caldicott_guardian: Person = spec("Caldicott Guardian.")
    policy: Policy = spec("Policy choices.")
    transfers_abroad: bool | str = spec(
        "Does any personal data go outside the UK (ask your suppliers too)? Write false if "
        "none does, or say where it goes and the safeguards.", check=check_no_or_text,
        example="false, or a sentence saying where data go and the safeguards")
    automated_decisions: bool | str = spec(
        "Does the practice make any decision about patients by computer alone, with no person "
        "involved? Write false if not, or say what and how to ask a person to review it.",
        check=check_no_or_text, example="false, or a sentence describing the decisions")
    suppliers: list[Supplier] = spec(
        "Companies that handle patient data for the practice (processors): the clinical "
        "record system, messaging, online consultations, and so on.")
    ai_tools: list[Supplier] | bool = spec(
        "Does the practice use artificial intelligence (AI) tools with patient data, such as "
        "a tool that writes notes from a consultation? List them, or write false.",
        check=check_no_or_list, example="false, or a list of name and does")
    privacy_url: str | None = spec("Web page with the full privacy information.", default=None,
                                   check=check_url)
    opening_hours: list[str] = spec(
        "When the practice is open, one line for each set of days, such as \"Monday to Friday: "
        "8am to 6.30pm\". Printed with your contact details. Leave it out to print none.",
        factory=list, check=check_opening_hours,
        example='["Monday to Friday: 8am to 6.30pm", "Saturday: closed"]')
    logo: str | None = spec("Logo file (SVG, PNG or JPEG) in the practice folder.", default=None)
    logo_alt: str | None = spec("Text that describes the logo.", default=None)
    locales: list[str] = spec("Languages to build. The first is the practice's working "
                              "language.", factory=lambda: ["en-GB"],
                              check=lambda v: next(filter(None, map(check_locale, v)), None))
    staff_locales: list[str] = spec(
        "Languages to make the staff policy in. Default: the first of locales, the practice's "
        "working language.", factory=list,
        check=lambda v: next(filter(None, map(check_locale, v)), None))
    welcome: str | None = spec("A short welcome for the front of the leaflet.", default=None)
    review_months: int | None = spec(
        "Months until the next review. Default: review_months in informed.yaml (12).",
        default=None, check=check_review_months)
    changes: list[Change] = spec("Dated changes, newest first.", factory=list)
    example: bool = spec(
        "true only in the shipped example practice, whose made-up details may be printed. "
        "Leave it out in a real practice.", default=False)
    policy_history: list[PolicyVersion] = spec(
        "Version history of the staff data-sharing policy, newest first.", factory=list)
    #: Set by the loader.
    slug: str = field(default="", init=False)
    folder: Path | None = field(default=None, init=False)
    logo_path: Path | None = field(default=None, init=False)

    def validate(self, conv: Converter, key: KeyPath) -> None:
        if not self.suppliers:
            conv.error((*key, "suppliers"), "expected at least one supplier: every practice "
                       "has a clinical record system, such as "
                       '{name: "EMIS Health", does: "provides our clinical record system"}')
        if self.logo and not self.logo_alt:
            conv.error((*key, "logo_alt"),
                       "missing: describe the logo for people who cannot see it, "
                       f'such as "{self.name} logo"')


@dataclass
class ProjectConfig:
    """informed.yaml at the project root."""

    version: str = spec("Content version printed on every output.", default="1.0")
    review_months: int = spec("Default months until the next review.", default=12,
                              check=check_review_months)
    readability: dict[str, Any] = spec("Readability targets (see docs/readability.md).",
                                          factory=dict)
    locales: dict[str, Any] = spec("Locale settings.", factory=dict)

"""The editor's form: the practice schema's fields, grouped as a practice manager thinks."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any, Literal

from informed.model import Practice

#: (heading, introduction, dotted fields). Every field the editor shows, in order.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("About the practice", "Who you are, and the languages your materials are made in.",
     ("name", "ods_code", "welcome", "locales", "staff_locales", "review_months")),
    ("Contacts", "How patients reach you. These are printed on every material.",
     ("address", "phone", "opening_hours", "email", "website", "privacy_url")),
    ("Data protection officer", "Who patients and staff can ask about data. The Caldicott "
     "Guardian, who protects patients' confidentiality, is named in the staff policy.",
     ("dpo.name", "dpo.email", "dpo.phone", "dpo.organisation", "dpo.address",
      "caldicott_guardian.name", "caldicott_guardian.email", "caldicott_guardian.phone")),
    ("Your choices", "How your practice shares information. Each answer changes what the "
     "leaflet, poster, privacy notice and staff policy say.",
     ("policy.research.takes_part", "policy.research.schemes",
      "policy.research.invites_patients", "policy.shared_care_record",
      "policy.shared_care_record.name", "policy.shared_care_record.who_can_see",
      "policy.shared_care_record.opt_out", "policy.shared_care_record.url",
      "policy.registries", "policy.audits", "policy.insurers.handling",
      "policy.insurers.charges", "policy.type1_opt_out", "suppliers", "ai_tools",
      "transfers_abroad", "automated_decisions")),
    ("Branding", "Your colours and logo. Colours are checked so that text on them is easy "
     "to read.", ("colours.primary", "colours.background", "logo", "logo_alt")),
)

#: Labels where the field's name does not read well on its own.
LABELS = {
    "name": "Practice name", "ods_code": "ODS code", "welcome": "Welcome on the leaflet",
    "locales": "Languages", "staff_locales": "Languages of the staff policy",
    "review_months": "Months until the next review", "address": "Address",
    "phone": "Phone number", "opening_hours": "Opening hours", "email": "Email address",
    "website": "Website", "privacy_url": "Privacy notice web page",
    "dpo.name": "Data protection officer: name", "dpo.email": "Data protection officer: email",
    "dpo.phone": "Data protection officer: phone",
    "dpo.organisation": "Data protection officer: organisation",
    "dpo.address": "Data protection officer: postal address",
    "caldicott_guardian.name": "Caldicott Guardian: name",
    "caldicott_guardian.email": "Caldicott Guardian: email",
    "caldicott_guardian.phone": "Caldicott Guardian: phone",
    "policy.research.takes_part": "Do you take part in research?",
    "policy.research.schemes": "Research schemes you send data to",
    "policy.research.invites_patients": "May you write to invite patients to studies?",
    "policy.shared_care_record": "Do you use a shared care record?",
    "policy.shared_care_record.name": "Shared care record: name",
    "policy.shared_care_record.who_can_see": "Shared care record: who can see it",
    "policy.shared_care_record.opt_out": "Shared care record: can patients opt out?",
    "policy.shared_care_record.url": "Shared care record: web page",
    "policy.registries": "Disease registers you send data to",
    "policy.audits": "National clinical audits you send data to",
    "policy.insurers.handling": "When an insurer or employer asks for a patient's record",
    "policy.insurers.charges": "Do you charge insurers and employers?",
    "policy.type1_opt_out": "How patients register a type 1 opt-out",
    "suppliers": "Suppliers who handle patient data for you",
    "ai_tools": "Do you use artificial intelligence (AI) tools with patient data?",
    "transfers_abroad": "Does any personal data go outside the UK?",
    "automated_decisions": "Do you make decisions about patients by computer alone?",
    "colours.primary": "Main colour", "colours.background": "Background tint",
    "logo": "Logo", "logo_alt": "Logo description",
}

#: Examples for fields whose schema gives none; the schema's own come first.
EXAMPLES = {
    "welcome": "We keep a record of your health and the care we give you.",
    "locales": "en-GB / pl / ur (one on each line)", "staff_locales": "en-GB",
    "review_months": "12",
    "address": "2 Market Street / Otherton / OT1 4AB (one line each)",
    "email": "high.street@nhs.net", "dpo.name": "Data Protection Officer, Anytown PCN",
    "dpo.email": "dpo.anytown@nhs.net", "dpo.phone": "0300 303 5678 ext 2",
    "caldicott_guardian.name": "Dr Jane Smith, GP partner",
    "policy.research.schemes": "the Clinical Practice Research Datalink (CPRD)",
    "policy.shared_care_record.who_can_see": "hospital staff / community nurses",
    "policy.registries": "the National Disease Registration Service",
    "policy.audits": "the National Diabetes Audit",
    "policy.type1_opt_out": "Ask at reception for a form, or email us.",
    "suppliers": "EMIS Health: provides our clinical record system",
    "ai_tools": "Notewriter: writes notes from a consultation, which a GP checks",
    "colours.background": "#E8F1FA", "logo_alt": "High Street Surgery logo",
}

#: Plain-language options for choices, each saying what it changes in the materials.
OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "policy.research.takes_part": (
        ("true", "Yes. The materials say you take part in research and name the schemes "
                 "below."),
        ("false", "No. The materials say you do not share information for research, and "
                  "explain the national data opt-out.")),
    "policy.research.invites_patients": (
        ("true", "Yes. The leaflet says you may write to invite patients to a study, and "
                 "that they can always say no."),
        ("false", "No. Nothing is said about invitations.")),
    "policy.shared_care_record": (
        ("yes", "Yes. The materials name it, say who can see it and how to opt out."),
        ("false", "No. The materials say you send information to other services only when "
                  "they care for the patient.")),
    "policy.shared_care_record.opt_out": (
        ("yes", "Yes. Write how; your words are printed as they are."),
        ("false", "No. The materials say patients cannot opt out, but only staff caring for "
                  "them can see it.")),
    "policy.insurers.handling": (
        ("report-only", "We write a report with only what is asked. The materials say you "
                        "never send a copy of the whole record."),
        ("copy-with-consent", "With the patient's written consent, we may send copies of "
                              "the relevant parts. The materials say so.")),
    "policy.insurers.charges": (
        ("true", "Yes. The staff policy says the insurer or employer pays."),
        ("false", "No. The staff policy says there is no charge.")),
    "transfers_abroad": (
        ("false", "No. The privacy notice says no personal data leave the UK."),
        ("yes", "Yes. Say where they go and the safeguards; the privacy notice prints it.")),
    "automated_decisions": (
        ("false", "No. The privacy notice says every decision involves a person."),
        ("yes", "Yes. Say what is decided and how to ask a person to review it.")),
    "policy.registries": (
        ("none", "None. The materials say you do not send information to any disease register "
                 "yourselves."),
        ("yes", "Yes, these. The materials name each one; write one on each line.")),
    "policy.audits": (
        ("none", "None. The materials say you do not send information to any national audit "
                 "yourselves."),
        ("yes", "Yes, these. The materials name each one; write one on each line.")),
    "ai_tools": (
        ("false", "No. The privacy notice says no AI tools use patient data."),
        ("yes", "Yes. List them below, one on each line; the privacy notice names them.")),
}

Kind = Literal["text", "long", "lines", "number", "choice", "no-or-text", "no-or-group",
               "no-or-suppliers", "none-or-lines", "suppliers", "colour", "logo"]

#: Fields whose text is long enough to want a box of several lines.
LONG = {"welcome", "policy.type1_opt_out", "policy.shared_care_record.opt_out",
        "transfers_abroad", "automated_decisions", "dpo.address"}


@dataclass
class Field:
    """One question on the form."""

    path: str
    label: str
    doc: str
    example: str | None
    kind: Kind
    required: bool
    options: tuple[tuple[str, str], ...] = ()
    #: For a field inside an answer such as the shared care record: the answer it depends on.
    parent: str | None = None
    group: str = ""
    #: The schema's tidying of an answer, such as straight quotes in the practice's name.
    normalise: Any = None

    @property
    def id(self) -> str:
        return "f-" + self.path.replace(".", "-").replace("_", "-")

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))


def schema_field(path: str) -> tuple[dataclasses.Field, Any, bool]:
    """The dataclass field at a dotted path of Practice, its type, and whether it is required
    (required all the way down from the top)."""
    cls: Any = Practice
    required = True
    found: dataclasses.Field | None = None
    hint: Any = None
    for part in path.split("."):
        cls = _dataclass_in(cls)
        found = next(f for f in dataclasses.fields(cls) if f.name == part)
        hint = typing.get_type_hints(cls)[part]
        required = required and (found.default is dataclasses.MISSING
                                 and found.default_factory is dataclasses.MISSING)
        cls = hint
    assert found is not None
    return found, hint, required


def _dataclass_in(hint: Any) -> Any:
    """The dataclass in a hint such as ``SharedCareRecord | bool``."""
    if dataclasses.is_dataclass(hint):
        return hint
    for arg in typing.get_args(hint):
        if dataclasses.is_dataclass(arg):
            return arg
    raise TypeError(f"no dataclass in {hint!r}")


def _kind(path: str, hint: Any) -> Kind:
    args = set(typing.get_args(hint)) - {type(None)}
    origin = typing.get_origin(hint)
    if path.startswith("colours."):
        return "colour"
    if path == "logo":
        return "logo"
    if path in OPTIONS and any(dataclasses.is_dataclass(a) for a in args):
        return "no-or-group"
    if path in OPTIONS and any(typing.get_origin(a) is list for a in args):
        return "no-or-suppliers"
    if path in OPTIONS and origin is list:
        return "none-or-lines"
    if path in OPTIONS and str in args and bool in args:
        return "no-or-text"
    if path in OPTIONS or origin is Literal:
        return "choice"
    if origin is list:
        item = typing.get_args(hint)[0]
        return "suppliers" if dataclasses.is_dataclass(item) else "lines"
    if hint is int or int in args:
        return "number"
    return "long" if path in LONG else "text"


def _example(schema_example: str | None, path: str) -> str | None:
    if schema_example and schema_example.startswith(('"', "[")):
        return schema_example.strip('"[]').replace('", "', " / ")
    return EXAMPLES.get(path)


def form_fields() -> list[Field]:
    """Every question, in the order of GROUPS."""
    out: list[Field] = []
    for heading, _intro, paths in GROUPS:
        for path in paths:
            found, hint, required = schema_field(path)
            parent = next((p for p in paths if path.startswith(p + ".") and p in OPTIONS),
                          None)
            out.append(Field(
                path=path, label=LABELS.get(path, path.rsplit(".", 1)[-1].replace("_", " ")
                                            .capitalize()),
                doc=found.metadata.get("doc", ""), kind=_kind(path, hint),
                example=_example(found.metadata.get("example"), path),
                required=required,
                options=OPTIONS.get(path, _literal_options(hint)), parent=parent,
                group=heading, normalise=found.metadata.get("normalise")))
    return out


def _literal_options(hint: Any) -> tuple[tuple[str, str], ...]:
    if typing.get_origin(hint) is Literal:
        return tuple((str(a), str(a)) for a in typing.get_args(hint))
    return ()


#: Fields the form leaves to practice.yaml: dated lists the editor keeps as they are.
KEPT_IN_FILE = ("changes", "policy_history")


def field_map() -> dict[str, Field]:
    return {f.path: f for f in form_fields()}


__all__ = ["GROUPS", "KEPT_IN_FILE", "Field", "field_map", "form_fields"]

"""informed import ods: practice folders from the NHS ODS GP practice file (epraccur).

The file has no header row; its columns are, in order: organisation code, name, national
grouping, high-level health geography (the ICB), address lines 1 to 5, postcode, open date,
close date, status code (A: active), organisation sub-type, commissioner (the sub-ICB
location), join and left provider dates, phone, four columns not used here, provider/purchaser,
a column not used, prescribing setting (4: GP practice), and one more.

ODS knows a practice's name, address and phone; everything else is the practice's own answer
to give, so it is left unanswered and ``informed build`` lists it. Importing again updates the
name and address and leaves every other line, comments included, as the practice wrote it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from informed import epraccur
from informed.atomic import write_atomic
from informed.errors import ContentError, Problem
from informed.model import check_ods, check_phone, check_slug
from informed.project import Project

#: Zero-based positions of the columns read, in the published layout.
CODE, NAME, GROUPING, ICB, ADDRESS, POSTCODE = 0, 1, 2, 3, slice(4, 9), 9
STATUS, COMMISSIONER, PHONE, SETTING = 12, 14, 17, 25
ACTIVE, GP_PRACTICE = "A", "4"
@dataclass(frozen=True)
class OdsPractice:
    """What ODS says about one GP practice."""

    code: str
    name: str
    address: tuple[str, ...]
    phone: str
    icb: str
    commissioner: str
    line: int


@dataclass
class ImportResult:
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def read_epraccur(path: Path, commissioners: list[str] | None = None) -> list[OdsPractice]:
    """The active GP practices in ``path`` (of ``commissioners``, ICB or sub-ICB codes, if
    given); every malformed row is reported at once, with its line."""
    wanted = {c.strip().upper() for c in commissioners or []}
    problems: list[Problem] = []
    practices: list[OdsPractice] = []
    for line, row in enumerate(epraccur.rows(path), start=1):
        if not any(cell.strip() for cell in row):
            continue
        row = [" ".join(cell.split()) for cell in row]  # no line breaks inside a name
        if len(row) <= SETTING:
            problems.append(Problem(path, line, "", f"expected the epraccur layout of 27 "
                                    f"columns (prescribing setting in column 26), got "
                                    f"{len(row)} columns"))
            continue
        if row[STATUS] != ACTIVE or row[SETTING] != GP_PRACTICE:
            continue
        if wanted and not wanted & {row[ICB].upper(), row[COMMISSIONER].upper()}:
            continue
        if message := check_ods(row[CODE]):
            problems.append(Problem(path, line, "organisation code", message))
            continue
        if not row[NAME]:
            problems.append(Problem(path, line, "name", f"{row[CODE]} has no name"))
            continue
        lines = [epraccur.tidy(part) for part in row[ADDRESS] if part]
        postcode = " ".join(row[POSTCODE].upper().split())
        if postcode:
            lines.append(postcode)
        practices.append(OdsPractice(row[CODE], epraccur.tidy(row[NAME]), tuple(lines),
                                     epraccur.spaced(row[PHONE]) or "", row[ICB],
                                     row[COMMISSIONER], line))
    if problems:
        raise ContentError(problems)
    return practices


def slug_for(name: str, code: str, taken: set[str]) -> str:
    """A folder name from the practice's name: lower-case letters, digits and hyphens only
    (so it cannot leave the practices folder), made unique with the ODS code."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    if not slug or check_slug(slug):
        slug = code.lower()
    if slug in taken:
        slug = f"{slug}-{code.lower()}"
    return slug


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quoting stay as they are
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml, data) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _known(folder: Path) -> dict[str, Path]:
    """The practice folders already there, by ODS code."""
    from ruamel.yaml.error import YAMLError

    yaml, found = _yaml(), {}
    for path in sorted(folder.glob("*/practice.yaml")):
        try:
            data = yaml.load(path.read_text("utf-8"))
        except (YAMLError, OSError, UnicodeDecodeError):
            continue  # the build reports it; this practice is not matched
        code = data.get("ods_code") if hasattr(data, "get") else None
        if isinstance(code, str) and code.strip():
            found.setdefault(code.strip().upper(), path)
    return found


def _set_ods_facts(data, practice: OdsPractice, new: bool) -> None:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

    data["name"] = practice.name
    address = data.get("address")
    if isinstance(address, CommentedSeq):
        address[:] = list(practice.address)  # keeps the comment on the key
    else:
        data["address"] = CommentedSeq(practice.address)
    if new:
        data["ods_code"] = Quoted(practice.code)
        if practice.phone and not check_phone(practice.phone):
            data["phone"] = Quoted(practice.phone)


def import_ods(project: Project, path: Path, commissioners: list[str] | None = None
               ) -> ImportResult:
    """Create a practice folder for each active GP practice in ``path`` not there yet, and
    bring the name and address of those that are up to date."""
    practices = read_epraccur(path, commissioners)
    folder = project.root / "content" / "practices"
    known = _known(folder) if folder.is_dir() else {}
    taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    starter = (Path(__file__).parent / "starters" / "practice.yaml").read_text("utf-8")
    yaml, result = _yaml(), ImportResult()
    for practice in practices:
        existing = known.get(practice.code.upper())
        if existing is not None:
            before = existing.read_text("utf-8")
            data = yaml.load(before)
            _set_ods_facts(data, practice, new=False)
            after = _dump(yaml, data)
            if after == before:
                result.unchanged.append(existing)
            else:
                write_atomic(existing, after)
                result.updated.append(existing)
            continue
        slug = slug_for(practice.name, practice.code, taken)
        target = (folder / slug).resolve()
        if not target.is_relative_to(folder.resolve()) or target.exists():
            continue  # cannot happen with a checked slug; never write elsewhere
        data = yaml.load(starter.replace("{name}", '""'))
        _set_ods_facts(data, practice, new=True)
        target.mkdir(parents=True)
        write_atomic(target / "practice.yaml", _dump(yaml, data))
        taken.add(slug)
        known[practice.code.upper()] = target / "practice.yaml"
        result.created.append(target / "practice.yaml")
    return result

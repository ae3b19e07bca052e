"""Reads NHS ODS's epraccur file of GP practices (CSV, no header, or its zip): informed init
--from-ods and informed import ods."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from informed.errors import InformedError

#: Columns of epraccur.csv, 0-based, as NHS Digital's ODS documentation numbers them from 1.
CODE, NAME, ADDRESS, POSTCODE, CLOSE_DATE, STATUS, PHONE, SETTING = 0, 1, slice(4, 9), 9, 11, \
    12, 17, 25
#: Prescribing setting 4 is a GP practice; others are out-of-hours services, prisons and so on.
GP_PRACTICE = "4"
#: Words kept in capitals when a name in capitals is given its ordinary case.
_CAPITALS = {"NHS", "GP", "GPS", "PCN", "UK", "HC", "MC", "LLP", "PMS", "APMS", "UHC", "HMP",
             "UCC"}
_SMALL = {"and", "of", "the", "at", "on", "in", "for", "upon", "by"}


@dataclass
class EpraccurPractice:
    """What epraccur says about one practice, tidied for printing."""

    code: str
    name: str
    address: list[str]
    phone: str | None


def tidy(text: str) -> str:
    """"THE HIGH STREET SURGERY" as "The High Street Surgery"; text not all in capitals is
    kept as it is."""
    if text != text.upper():
        return text
    words = []
    for index, word in enumerate(text.split()):
        bare = re.sub(r"[^A-Z]", "", word)
        if bare in _CAPITALS:
            words.append(word)
        elif index and word.lower() in _SMALL:
            words.append(word.lower())
        else:
            # Capitalise after a hyphen or bracket too: "STOKE-ON-TRENT", "(DR SMITH)".
            words.append(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word.lower())
                         .replace("'S", "'s"))
    return " ".join(words)


def rows(path: Path):
    """The file's rows: epraccur.csv, or the zip NHS Digital publishes it in."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InformedError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith(b"PK"):  # the zip NHS Digital publishes, with epraccur.csv inside
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                name = next((n for n in archive.namelist() if n.lower().endswith(".csv")), None)
                if name is None:
                    raise InformedError(f"{path.name} holds no .csv file; expected epraccur.csv")
                data = archive.read(name)
        except zipfile.BadZipFile:
            raise InformedError(f"{path.name} is not a readable zip file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older extracts are Windows text
    return csv.reader(io.StringIO(text, newline=""))


def find_practice(path: Path, code: str) -> EpraccurPractice:
    """The practice with ODS ``code`` in the epraccur file at ``path``; a clear error if it is
    not there, is closed, or is not a GP practice."""
    wanted = code.strip().upper()
    for row in rows(path):
        if len(row) <= STATUS or row[CODE].strip().upper() != wanted:
            continue
        if row[STATUS].strip() == "C" or row[CLOSE_DATE].strip():
            closed = row[CLOSE_DATE].strip()
            when = f" on {closed[:4]}-{closed[4:6]}-{closed[6:8]}" if len(closed) == 8 else ""
            raise InformedError(f"{wanted} in {path.name} closed{when}; check the code")
        if len(row) > SETTING and row[SETTING].strip() not in ("", GP_PRACTICE):
            raise InformedError(f"{wanted} in {path.name} is not a GP practice (prescribing "
                                f"setting {row[SETTING].strip()}, where 4 is a GP practice)")
        address = [tidy(line) for line in row[ADDRESS] if line.strip()]
        if row[POSTCODE].strip():
            address.append(row[POSTCODE].strip().upper())
        phone = row[PHONE].strip() if len(row) > PHONE and row[PHONE].strip() else None
        return EpraccurPractice(wanted, tidy(row[NAME]), address, spaced(phone))
    raise InformedError(f"{wanted} is not in {path.name}; check the code, or download the "
                        "latest epraccur file from NHS Digital's ODS data service")


def spaced(phone: str | None) -> str | None:
    """"01133200123" -> "0113 320 0123": grouped as UK numbers are written."""
    if phone is None:
        return None
    digits = phone.replace(" ", "")
    if not (digits.isdigit() and len(digits) == 11 and digits.startswith("0")):
        return phone
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("011", "03", "08", "09")) or digits[3] == "1":
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


__all__ = ["EpraccurPractice", "find_practice", "rows", "spaced", "tidy"]

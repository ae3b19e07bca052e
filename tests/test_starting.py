"""Starting from nothing: informed init asks for the essentials or reads them from ODS's
epraccur file, informed study init starts a study, and serve opens the practice made last."""

from __future__ import annotations

import os
import zipfile

from click.testing import CliRunner

from conftest import run
from informed.cli import cli
from informed.project import Project
from informed.starting import last_practice

FILE = "content/practices/{}/practice.yaml"


def ask(root, *args, answers: str):
    return CliRunner().invoke(cli, ["--project", str(root), *args, "--ask"], input=answers,
                              catch_exceptions=False)


def test_init_asks_for_the_essentials_and_asks_again_until_each_is_right(tmp_path):
    answers = "\n".join([
        "St Mary\u2019s Surgery",                 # name, pasted from Word
        "2 Market Street, Otherton, OT1 4AB",      # address
        "0113 320 0123 extn 4",                    # phone: refused, then given again
        "0113 320 0123 ext 4",
        "stmarys@nhs.net",                         # email
        "b82005",                                  # ODS code: refused (lower case)
        "",                                        # ... and left for later
        "Data Protection Officer, Otherton PCN",  # DPO name
        "dpo.otherton@nhs.net",
        "",                                        # DPO phone left out
    ]) + "\n"
    result = ask(tmp_path, "init", "st-marys", answers=answers)
    assert result.exit_code == 0, result.output
    assert ('  expected a phone number such as "0300 303 5678": digits and spaces, with an '
            'extension after "ext" if needed, such as "0300 303 5678 ext 2"; got "0113 320 0123 '
            'extn 4". Try again, or press Enter to leave it for later.') in result.output
    assert ('  expected an ODS code of capital letters and digits, such as "A81001", got '
            '"b82005". Try again') in result.output
    text = (tmp_path / FILE.format("st-marys")).read_text()
    assert 'name: "St Mary\'s Surgery"' in text
    assert 'address:             # one line each, ending with the postcode\n  - "2 Market Street"' \
        '\n  - "Otherton"\n  - "OT1 4AB"\n' in text
    assert 'phone: "0113 320 0123 ext 4"' in text
    assert "ods_code:            # your ODS code" in text
    assert 'dpo:                       # your data protection officer\n  name: "Data Protection ' \
        'Officer, Otherton PCN"' in text
    built = run(tmp_path, "build", "--practice", "st-marys")
    assert built.exit_code == 2
    assert f"{FILE.format('st-marys')}:5: ods_code: not answered yet" in built.output
    assert " phone:" not in built.output and "address" not in built.output


EPRACCUR = [
    ["B82005", "MARKET STREET SURGERY", "Y63", "QWO", "2 MARKET STREET", "", "OTHERTON", "",
     "WEST YORKSHIRE", "OT1 4AB", "19740401", "", "A", "B", "15F", "20130401", "", "01133200123",
     "", "", "", "0", "", "", "", "4", ""],
    ["Y12345", "OTHERTON OUT OF HOURS", "Y63", "QWO", "1 ROAD", "", "", "", "", "OT2 1AA",
     "20010401", "", "A", "B", "15F", "", "", "01133200999", "", "", "", "0", "", "", "", "7",
     ""],
    ["B82999", "OLD SURGERY", "Y63", "QWO", "1 ROAD", "", "", "", "", "OT2 1AA", "19740401",
     "20190331", "C", "B", "15F", "", "", "", "", "", "", "0", "", "", "", "4", ""],
]


def epraccur(tmp_path, zipped: bool = False):
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in EPRACCUR) + "\n"
    path = tmp_path / "epraccur.csv"
    path.write_text(text)
    if not zipped:
        return path
    archive = tmp_path / "epraccur.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(path, "epraccur.csv")
    return archive


def test_init_from_ods_fills_in_what_epraccur_says(tmp_path):
    (tmp_path / "downloads").mkdir()
    source = epraccur(tmp_path / "downloads", zipped=True)
    result = run(tmp_path, "init", "market-street", "--from-ods", "b82005", str(source))
    assert result.exit_code == 0, result.output
    text = (tmp_path / FILE.format("market-street")).read_text()
    assert 'name: "Market Street Surgery"' in text
    assert 'ods_code: "B82005"' in text
    assert '  - "2 Market Street"\n  - "Otherton"\n  - "West Yorkshire"\n  - "OT1 4AB"\n' in text
    assert 'phone: "0113 320 0123"' in text
    assert "email:               # the address patients write to" in text


def test_init_from_ods_refuses_a_closed_practice_or_another_service(tmp_path):
    source = epraccur(tmp_path)
    closed = run(tmp_path, "init", "old", "--from-ods", "B82999", str(source))
    assert closed.exit_code == 2
    assert "Error: B82999 in epraccur.csv closed on 2019-03-31; check the code" in closed.output
    other = run(tmp_path, "init", "ooh", "--from-ods", "Y12345", str(source))
    assert other.exit_code == 2
    assert ("Y12345 in epraccur.csv is not a GP practice (prescribing setting 7, where 4 is a GP "
            "practice)") in other.output
    missing = run(tmp_path, "init", "x", "--from-ods", "A00000", str(source))
    assert missing.exit_code == 2 and "A00000 is not in epraccur.csv" in missing.output
    assert not (tmp_path / "content").exists()


def test_serve_opens_the_practice_made_last(tmp_path):
    for slug in ("zeta-surgery", "alpha-surgery", "mid-surgery"):
        assert run(tmp_path, "init", slug).exit_code == 0
    project = Project(tmp_path)
    assert last_practice(project) == "mid-surgery"
    (tmp_path / ".informed" / "last-practice").unlink()
    # Without the note, the practice whose file changed last.
    path = tmp_path / FILE.format("alpha-surgery")
    path.write_text(path.read_text() + "\n")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 60))
    assert last_practice(project) == "alpha-surgery"


def test_study_init_explains_every_field_and_asks_for_the_essentials(tmp_path):
    assert run(tmp_path, "init", "market-street").exit_code == 0
    result = ask(tmp_path, "study", "init", "blood-check", answers="\n".join([
        "A \u201cBlood Test\u201d study of people who take long-term medicines",
        "The Blood Test Check study", "12345", ""]) + "\n")
    assert result.exit_code == 0, result.output
    assert "IRAS ID (digits only)" in result.output
    text = (tmp_path / "content/studies/blood-check/study.yaml").read_text()
    assert 'title: "A \\"Blood Test\\" study of people who take long-term medicines"' in text
    assert 'iras_id: "12345"' in text
    assert 'site: "market-street"' in text, "the practice made last hosts it"
    assert "# The sponsor's postal address on one line.\n  address:\n" in text
    assert "\nexpenses:\n" in text and "    # role:\n" in text
    built = run(tmp_path, "build", "--study", "blood-check", "--format", "html")
    assert built.exit_code == 2
    assert "content/studies/blood-check/study.yaml:" in built.output
    assert "rec_reference: not answered yet" in built.output
    assert "Traceback" not in built.output

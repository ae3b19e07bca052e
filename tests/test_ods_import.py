"""informed import ods: practice folders from the NHS ODS GP practice file (epraccur)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, run

FIXTURE = REPO / "tests/data/ods/epraccur.csv"
PRACTICES = "content/practices"


def imported(root: Path, *args: str, code: int = 0) -> str:
    result = run(root, "import", "ods", *args)
    assert result.exit_code == code, result.output
    return result.output


def test_each_active_gp_practice_gets_a_folder_with_what_ods_knows(tmp_path):
    output = imported(tmp_path, str(FIXTURE))
    folders = sorted(p.name for p in (tmp_path / PRACTICES).iterdir())
    # Not the closed practice (status C) nor the out-of-hours service (setting 2); the
    # second "Riverside Medical Practice" is told apart by its ODS code.
    assert folders == ["etc", "riverside-medical-practice", "riverside-medical-practice-y99007",
                       "st-mary-s-gp-surgery-dr-patel", "the-high-street-surgery"]
    assert "5 practices created, 0 updated, 0 unchanged." in output
    text = (tmp_path / PRACTICES / "st-mary-s-gp-surgery-dr-patel/practice.yaml").read_text()
    assert "name: \"St Mary's GP Surgery (Dr Patel)\"\n" in text
    assert 'ods_code: "Y99003"' in text
    assert "  - 2 Church Lane\n  - Othertown\n  - ZZ99 3CC\n" in text
    # The practice's own answers are left for it to give: the build lists them.
    result = run(tmp_path, "build", "--practice", "the-high-street-surgery")
    assert result.exit_code == 2
    assert ("content/practices/the-high-street-surgery/practice.yaml:13: email: not answered "
            "yet") in result.output
    for known in ("name", "ods_code", "address", "phone"):
        assert f": {known}: " not in result.output


def test_a_hostile_name_cannot_leave_the_practices_folder(tmp_path):
    imported(tmp_path, str(FIXTURE), "--commissioner", "99X")
    assert sorted(p.name for p in (tmp_path / PRACTICES).iterdir()) == [
        "etc", "riverside-medical-practice"]
    assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "etc").exists()


def test_commissioner_chooses_a_sub_icb_location_or_an_icb(tmp_path):
    imported(tmp_path, str(FIXTURE), "--commissioner", "16a")
    assert [p.name for p in (tmp_path / PRACTICES).iterdir()] == [
        "st-mary-s-gp-surgery-dr-patel"]
    imported(tmp_path, str(FIXTURE), "--commissioner", "QOQ")
    assert len(list((tmp_path / PRACTICES).iterdir())) == 3


def test_importing_again_updates_ods_facts_and_keeps_what_the_practice_wrote(tmp_path):
    imported(tmp_path, str(FIXTURE), "--commissioner", "15N")
    path = tmp_path / PRACTICES / "the-high-street-surgery/practice.yaml"
    text = path.read_text()
    text = text.replace('email:               # the address patients write to, such as '
                        '"high.street@nhs.net"',
                        'email: "hello@highstreet.example"   # our own comment')
    text = text.replace('phone: "0300 303 0001"', 'phone: "0300 303 9999"')
    text = text.replace("THE HIGH STREET SURGERY", "x")
    path.write_text(text)
    moved = FIXTURE.read_text().replace('"1 HIGH STREET"', '"3 HIGH STREET"')
    (tmp_path / "epraccur.csv").write_text(moved)
    output = imported(tmp_path, str(tmp_path / "epraccur.csv"), "--commissioner", "15N")
    assert "1 updated, 1 unchanged" in output
    after = path.read_text()
    assert "  - 3 High Street\n" in after and "1 High Street" not in after
    assert 'email: "hello@highstreet.example"   # our own comment' in after
    assert 'phone: "0300 303 9999"' in after
    assert after.startswith("# Your practice's details and choices.")
    assert after.replace("3 High Street", "1 High Street") == text
    # Nothing changed since: nothing written.
    before = path.stat().st_mtime_ns
    assert "0 updated, 2 unchanged" in imported(tmp_path, str(tmp_path / "epraccur.csv"),
                                               "--commissioner", "15N")
    assert path.stat().st_mtime_ns == before


def test_a_file_in_another_layout_is_refused_with_every_bad_line(tmp_path):
    bad = tmp_path / "epraccur.csv"
    bad.write_text('"Y99001","A SURGERY","Y63"\n' + FIXTURE.read_text().splitlines()[0]
                   + '\n"y9 9","B SURGERY"' + ',"x"' * 30 + "\n")
    bad.write_text(bad.read_text().replace('"x","x","x","x","x","x","x","x","x","x","x","x",'
                                           '"x","x","x","x","x","x","x","x","x","x","x","x",'
                                           '"x","x","x","x","x","x"',
                                           '"","","","","","","","","","","A","","15N","","",'
                                           '"","","","","","","","","4","",""', 1))
    output = imported(tmp_path, str(bad), code=2)
    assert (f"{bad}:1: expected the epraccur layout of 27 columns (prescribing setting in "
            "column 26), got 3 columns") in output
    assert f"{bad}:3: organisation code: expected an ODS code" in output
    assert not (tmp_path / PRACTICES).exists()

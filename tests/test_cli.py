"""The command line: light start-up, the project option, listing and clean errors."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, run


def test_help_does_not_import_weasyprint():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom informed.cli import cli\n"
            "r = CliRunner().invoke(cli, ['--help'])\nassert r.exit_code == 0, r.output\n"
            "print('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    assert out.strip() == "False"


def test_list_shows_practices_and_materials():
    result = run(REPO, "list")
    assert result.exit_code == 0
    assert "Practices:\n  example-surgery\n" in result.output
    assert "  leaflet " in result.output


def test_unknown_material(project):
    result = run(project(), "build", "--material", "brochure")
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith('Error: unknown material "brochure"; choose from: ')
    assert "leaflet" in line.split("choose from: ")[1].split(", ")


def test_missing_project_folder(tmp_path):
    result = run(tmp_path / "nowhere", "list")
    assert result.exit_code == 2
    assert "project folder not found" in result.output


def test_project_without_practices(tmp_path):
    result = run(tmp_path, "build")
    assert result.exit_code == 2
    assert result.output == ("Error: no practices found: add content/practices/<slug>/"
                             "practice.yaml (see content/practices/example-surgery)\n")


def test_builtin_example_can_be_built_from_an_empty_project(tmp_path):
    result = run(tmp_path, "build", "--practice", "example-surgery", "--material", "leaflet",
                 "--format", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output/example-surgery/en-GB/leaflet.html").is_file()


def test_a_template_override_that_fails_names_its_line(project):
    root = project({"templates/leaflet.html.j2": "<p>fine</p>\n{{ 1 / 0 }}\n"})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert result.output == (f"Error: {root / 'templates/leaflet.html.j2'}:2: "
                             "ZeroDivisionError: division by zero\n")


def test_a_template_override_that_is_not_utf8_is_named(project):
    root = project({"templates/leaflet.html.j2": b"<p>caf\xe9</p>\n"})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2
    assert result.output == ("Error: template leaflet.html.j2, or a template it uses, is not "
                             "UTF-8 text; save it as UTF-8\n")


def test_out_below_a_file_is_a_clean_error(project):
    root = project({"a-file": "not a folder"})
    result = run(root, "build", "--material", "leaflet", "--format", "html",
                 "--out", str(root / "a-file" / "out"))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot write {root / 'a-file/out'}/")
    assert result.output.endswith(": Not a directory.\nNothing was written: the files in the "
                                  "output folder are as they were before this build.\n")


def test_date_too_far_ahead_is_bad_input(project):
    result = run(project(), "build", "--material", "leaflet", "--date", "9999-12-01")
    assert result.exit_code == 2
    assert result.output == "Error: --date: expected a date before the year 9000, got 9999-12-01\n"

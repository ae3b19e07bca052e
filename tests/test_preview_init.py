"""informed init starts a practice with every answer to give; serve rebuilds and shows errors."""

from __future__ import annotations

import json
import threading
import urllib.request

from conftest import practice_yaml, run
from informed.build import BuildOptions
from informed.preview import RELOAD_SCRIPT, Preview, make_server
from informed.project import Project

#: Answers a real practice would give, none of them copied from the example.
ANSWERS = {
    "ods_code:": 'ods_code: "B82005"',
    "address:": 'address: ["2 Market Street", "Otherton", "OT1 4AB"]',
    "  -\n": "",
    "phone:": 'phone: "0113 320 0123"',
    "email:": 'email: "market.street@nhs.net"',
    "website:": 'website: "https://www.marketstreet.nhs.uk"',
    "privacy_url:": "",
    "  name:                    # a name": '  name: "Data Protection Officer, Otherton PCN"',
    "  email:\n  phone:": '  email: "dpo.otherton@nhs.net"\n  phone: "0113 320 0456"',
    "  name:                    # such as": '  name: "Dr Lee Chen, GP partner"',
    "    takes_part:": "    takes_part: false",
    "  shared_care_record:": "  shared_care_record: false",
    "  registries:": "  registries: []",
    "  audits:": "  audits: []",
    "    handling:": "    handling: report-only",
    "  type1_opt_out:": '  type1_opt_out: "Ask at reception for a form."',
    "transfers_abroad:": "transfers_abroad: false",
    "automated_decisions:": "automated_decisions: false",
    "suppliers:": 'suppliers: [{name: "TPP", does: "provides our clinical record system"}]',
    "ai_tools:": "ai_tools: false",
}


def answer(text: str) -> str:
    """The starter file with every answer given (each key's whole line replaced)."""
    lines = text.splitlines(keepends=True)
    for start, new in ANSWERS.items():
        first = start.split("\n")[0]
        index = next(i for i, line in enumerate(lines) if line.startswith(first)
                     and (first != "  -" or line.strip() == "-"))
        count = start.count("\n") + (0 if start.endswith("\n") else 1)
        lines[index:index + count] = [new + "\n"] if new else []
    return "".join(lines)


def test_init_lists_every_answer_to_give_and_prints_no_example_fact(tmp_path):
    result = run(tmp_path, "init", "high-street", "--name", 'High "Street" Surgery')
    assert result.exit_code == 0, result.output
    assert result.output == ("Created content/practices/high-street/practice.yaml.\n"
                             "Next: fill in every empty answer in it, then run: "
                             "informed build --practice high-street\n")
    path = tmp_path / "content/practices/high-street/practice.yaml"
    text = path.read_text()
    assert 'name: "High \\"Street\\" Surgery"' in text
    assert "\n# logo: logo.svg" in text
    for example in ("X99999", "Exampleton", "example.org", "example-surgery", "01632"):
        assert example not in text
    built = run(tmp_path, "build")
    assert built.exit_code == 2
    lines = {line.split(": ", 2)[1]: line for line in built.output.splitlines()[:-1]}
    file = "content/practices/high-street/practice.yaml"
    for field in ("ods_code", "address[0]", "phone", "email", "website", "dpo.name",
                  "caldicott_guardian.name", "policy.research.takes_part",
                  "policy.shared_care_record", "policy.registries", "policy.audits",
                  "policy.insurers.handling", "policy.type1_opt_out", "transfers_abroad",
                  "automated_decisions", "suppliers", "ai_tools"):
        number = 0
        for part in field.replace("[0]", ".-").split("."):  # each part after its parent
            wanted = part if part == "-" else part + ":"
            number = next(i for i, line in enumerate(text.splitlines(), 1)
                          if i > number and line.strip().split(" ")[0] == wanted)
        assert lines[field].startswith(f"{file}:{number}: {field}: "), lines[field]
    assert "transfers_abroad: not answered yet: Does any personal data go outside the UK" in (
        built.output)
    path.write_text(answer(text))
    built = run(tmp_path, "build", "--material", "leaflet", "--format", "html")
    assert built.exit_code == 0, built.output
    html = (tmp_path / "output/high-street/en-GB/leaflet.html").read_text()
    assert "High &#34;Street&#34; Surgery" in html


def test_example_values_are_refused_in_any_practice_but_the_example(tmp_path):
    run(tmp_path, "init", "high-street", "--name", "High Street Surgery")
    path = tmp_path / "content/practices/high-street/practice.yaml"
    text = answer(path.read_text()).replace('"0113 320 0123"', '"01632 960 000"').replace(
        '"https://www.marketstreet.nhs.uk"', '"https://www.example-surgery.nhs.uk"')
    path.write_text("example: true\n" + text.replace('"Otherton"', '"Exampleton"'))
    built = run(tmp_path, "build", "--strict")
    assert built.exit_code == 2
    file = "content/practices/high-street/practice.yaml"
    assert (f'{file}:1: example: only the shipped example practice ("example-surgery") may say '
            "example: true; delete this line") in built.output
    assert ('phone: "01632 960 000" comes from the example practice: replace it with your '
            "practice's own") in built.output
    assert ('address[1]: "Exampleton" comes from the example practice' in built.output)
    assert ('website: "example-surgery.nhs.uk" in "https://www.example-surgery.nhs.uk" comes '
            "from the example practice") in built.output
    assert "4 problems found." in built.output


def test_init_refuses_an_existing_practice_and_a_bad_slug(tmp_path):
    assert run(tmp_path, "init", "high-street").exit_code == 0
    again = run(tmp_path, "init", "high-street")
    assert again.exit_code == 2
    assert "Error: content/practices/high-street already exists" in again.output
    bad = run(tmp_path, "init", "High Street")
    assert bad.exit_code == 2
    assert 'SLUG: expected an id of lower-case letters' in bad.output


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_preview_serves_with_reload_and_shows_errors(project):
    root = project()
    options = BuildOptions(practices=["example-surgery"], materials=["leaflet"],
                           formats=["html"], out=root / "output")
    preview = Preview(Project(root), options)
    assert preview.check_for_changes() is True
    assert preview.check_for_changes() is False, "nothing changed, so no rebuild"
    assert preview.state() == {"generation": 1, "error": None}
    server = make_server(preview, root / "output", "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        page = get(f"{base}/example-surgery/en-GB/leaflet.html").decode()
        assert RELOAD_SCRIPT.strip() in page
        on_disk = (root / "output/example-surgery/en-GB/leaflet.html").read_text()
        assert "__informed" not in on_disk, "the reload script is only added when serving"
        listing = get(f"{base}/").decode()
        assert 'href="/example-surgery/en-GB/leaflet.html"' in listing

        (root / "content/practices/example-surgery/practice.yaml").write_text(
            practice_yaml(primary='  primary: "blue-ish"'))
        assert preview.check_for_changes() is True
        state = json.loads(get(f"{base}/__informed/state"))
        assert state["generation"] == 2
        assert 'colours.primary: expected a colour such as "#005EB8", got "blue-ish"' \
            in state["error"]
    finally:
        server.shutdown()
        server.server_close()


def test_preview_survives_an_unexpected_error_and_shows_it(project, monkeypatch):
    root = project()
    options = BuildOptions(practices=["example-surgery"], materials=["leaflet"],
                           formats=["html"], out=root / "output")
    preview = Preview(Project(root), options)

    def broken(project, options):
        raise KeyError("surprise")

    monkeypatch.setattr("informed.preview.run_build", broken)
    assert preview.check_for_changes() is True
    assert preview.state() == {
        "generation": 1,
        "error": "unexpected error: KeyError: 'surprise'\nPlease report it, with the file you "
                 "changed.",
    }

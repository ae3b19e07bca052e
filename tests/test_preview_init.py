"""informed init starts a practice that builds; informed serve rebuilds and reports errors live."""

from __future__ import annotations

import json
import threading
import urllib.request

from conftest import practice_yaml, run
from informed.build import BuildOptions
from informed.preview import RELOAD_SCRIPT, Preview, make_server
from informed.project import Project


def test_init_creates_a_practice_that_builds(tmp_path):
    result = run(tmp_path, "init", "high-street", "--name", 'High "Street" Surgery')
    assert result.exit_code == 0, result.output
    assert result.output == ("Created content/practices/high-street/practice.yaml.\n"
                             "Next: edit it, then run: informed build --practice high-street\n")
    text = (tmp_path / "content/practices/high-street/practice.yaml").read_text()
    assert 'name: "High \\"Street\\" Surgery"' in text
    assert "\n# logo: logo.svg" in text
    built = run(tmp_path, "build", "--material", "leaflet", "--format", "html")
    assert built.exit_code == 0, built.output
    html = (tmp_path / "output/high-street/en-GB/leaflet.html").read_text()
    assert "High &#34;Street&#34; Surgery" in html


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

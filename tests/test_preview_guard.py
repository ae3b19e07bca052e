"""informed serve answers only loopback names, serves only the output folder, and never
prints a traceback, whatever a browser or a web page sends it."""

from __future__ import annotations

import http.client
import json
import logging
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from informed.build import BuildOptions
from informed.preview import RELOAD_SCRIPT, Preview, loopback_name, make_server
from informed.project import Project


@contextmanager
def serving(root: Path):
    out = root / "output"
    preview = Preview(Project(root), BuildOptions(practices=["example-surgery"], out=out))
    preview.error = "content/practices/example-surgery/practice.yaml:3: a secret path"
    server = make_server(preview, out, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield out, server.server_port
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, path: str, host: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1", "127.4.5.6:80",
                                  "[::1]", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_answered(host):
    assert loopback_name(host)


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io",
                                  "10.0.0.1", "0.0.0.0", "[::2]", "", "192.168.1.2:8000"])
def test_other_names_are_not(host):
    assert not loopback_name(host)


def test_a_page_under_another_host_name_is_refused(project, capfd):
    root = project({"output/example-surgery/index.html": "<body>hello</body>"})
    with serving(root) as (_out, port):
        for path in ("/example-surgery/index.html", "/__informed/state"):
            status, body, _ = get(port, path, host="attacker.example")
            assert status == 403
            assert b"secret" not in body and b"hello" not in body
        status, body, _ = get(port, "/__informed/state", host=f"localhost:{port}")
        assert status == 200
        assert json.loads(body)["error"].endswith("a secret path")
    assert "Traceback" not in capfd.readouterr().err


def test_nothing_outside_the_output_folder_is_served(project, tmp_path, capfd):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me")
    root = project({"output/example-surgery/index.html": "<body>hello</body>"})
    (root / "output" / "etclink").symlink_to(tmp_path)
    (root / "output" / "example-surgery" / "file.txt").symlink_to(secret)
    with serving(root) as (_out, port):
        for path in ("/etclink/secret.txt", "/example-surgery/file.txt", "/etclink/",
                     "/../secret.txt", "/%2e%2e/secret.txt"):
            status, body, _ = get(port, path)
            assert status == 404, path
            assert b"do not serve me" not in body
        status, body, _ = get(port, "/")
        assert status == 200 and b"secret" not in body
    assert "Traceback" not in capfd.readouterr().err


def test_a_nul_byte_gets_an_answer_not_a_traceback(project, capfd):
    root = project()
    with serving(root) as (_out, port):
        assert get(port, "/%00")[0] == 400
        assert get(port, "/example-surgery/%00.html")[0] == 400
        assert get(port, "/")[0] == 200, "the server carries on"
    assert "Traceback" not in capfd.readouterr().err


def test_a_page_in_another_encoding_is_served_as_it_is(project, capfd):
    page = '<meta charset="iso-8859-1"><body>Caf\xe9</body>'.encode("latin-1")
    root = project({"output/example-surgery/old.html": page})
    with serving(root) as (_out, port):
        status, body, headers = get(port, "/example-surgery/old.html")
    assert status == 200
    assert body.startswith(b'<meta charset="iso-8859-1"><body>Caf\xe9')
    assert RELOAD_SCRIPT.encode() in body
    assert headers["Content-Type"] == "text/html"
    assert "Traceback" not in capfd.readouterr().err


def test_a_browser_that_goes_away_is_not_an_error(project, capfd, monkeypatch):
    from http.server import SimpleHTTPRequestHandler

    def disconnected(self, source, destination):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(SimpleHTTPRequestHandler, "copyfile", disconnected)
    root = project({"output/example-surgery/en-GB/poster.pdf": b"%PDF-1.7\n" * 1000})
    with serving(root) as (_out, port):
        with pytest.raises(http.client.HTTPException):
            get(port, "/example-surgery/en-GB/poster.pdf")
        monkeypatch.undo()
        assert get(port, "/example-surgery/en-GB/poster.pdf")[0] == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_a_host_that_is_not_loopback_is_warned_about(project, caplog, monkeypatch):
    # The command line stops "informed" records reaching the root logger, where caplog listens.
    monkeypatch.setattr(logging.getLogger("informed"), "propagate", True)
    root = project()
    preview = Preview(Project(root), BuildOptions(practices=["example-surgery"]))
    with caplog.at_level(logging.WARNING, logger="informed"):
        server = make_server(preview, root / "output", "0.0.0.0", 0)
        server.server_close()
    assert ("--host 0.0.0.0 is not a loopback address: other machines may reach this port. The "
            "preview still answers only to the names localhost, 127.0.0.1 and [::1]"
            in caplog.text)

"""informed serve with its editor, for the editor's tests: a server on a free loopback port."""

from __future__ import annotations

import http.client
import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from informed.build import BuildOptions
from informed.preview import Preview, make_server, watch
from informed.project import Project

#: The new practice the editor's tests fill in.
SLUG = "market-street"
FILE = f"content/practices/{SLUG}/practice.yaml"


@contextmanager
def editing(root: Path, slug: str, watching: bool = False):
    """(port, preview) of a server previewing ``slug``; with ``watching``, it rebuilds on saves
    as informed serve does."""
    out = root / "output"
    preview = Preview(Project(root), BuildOptions(practices=[slug], formats=["html"], out=out,
                                                  materials=["leaflet"] if watching else []))
    server = make_server(preview, out, "127.0.0.1", 0)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if watching:
        preview.check_for_changes()
        threading.Thread(target=watch, args=(preview, stop, 0.2), daemon=True).start()
    try:
        yield server.server_port, preview
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True)
    sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    if body is not None:
        sent.setdefault("Content-Length", str(len(body)))
    for name, value in sent.items():
        connection.putheader(name, value)
    connection.endheaders(body)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def page_values(port: int, slug: str) -> tuple[str, str, str]:
    """(page, token, version) of the editor page."""
    status, body = request(port, "GET", f"/__informed/editor/{slug}/")
    assert status == 200, body
    page = body.decode("utf-8")
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    version = re.search(r'data-version="([^"]+)"', page).group(1)
    return page, token, version


def post_json(port: int, slug: str, action: str, payload: dict, token: str | None,
              headers: dict[str, str] | None = None) -> tuple[int, dict]:
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["X-Informed-Token"] = token
    status, body = request(port, "POST", f"/__informed/editor/{slug}/{action}",
                           json.dumps(payload).encode(), sent)
    return status, json.loads(body)

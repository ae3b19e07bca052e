"""Live preview: rebuilds HTML when an input file changes, and reloads the page in the browser."""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from informed.build import BuildOptions, run_build
from informed.editor import routes as editor_routes
from informed.editor.routes import PREFIX as EDITOR_PREFIX
from informed.errors import InformedError
from informed.project import Project

log = logging.getLogger("informed")

STATE_PATH = "/__informed/state"
#: Polls the state every second; reloads on a new build; shows build errors over the page.
RELOAD_SCRIPT = """
<script>
(function () {
  var seen = null;
  function show(error) {
    var box = document.getElementById("informed-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "informed-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1em;background:#8A1538;color:#fff;font:14px/1.4 monospace;" +
        "white-space:pre-wrap;z-index:9999";
      document.body.appendChild(box);
    }
    box.textContent = error;
  }
  function poll() {
    fetch("__STATE__").then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.generation !== seen && !s.error) { location.reload(); return; }
      seen = s.generation;
      show(s.error);
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
""".replace("__STATE__", STATE_PATH)


@dataclass
class Preview:
    """Watches a project's inputs and rebuilds the HTML of one practice when they change."""

    project: Project
    options: BuildOptions
    generation: int = 0
    error: str | None = None
    _snapshot: dict[Path, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def inputs(self) -> dict[Path, float]:
        stamps: dict[Path, float] = {}
        for layer in self.project.layers:
            for folder in ("content", "templates", "locales"):
                base = layer / folder
                if base.is_dir():
                    for path in base.rglob("*"):
                        if path.is_file() and not path.name.startswith("."):
                            stamps[path] = path.stat().st_mtime
        config = self.project.config_path
        if config.exists():
            stamps[config] = config.stat().st_mtime
        return stamps

    def rebuild(self) -> None:
        with self._lock:
            self.project.__dict__.pop("config", None)  # informed.yaml may have changed
            try:
                result = run_build(self.project, self.options)
            except InformedError as exc:
                self.error = exc.format_message()
                log.warning("%s", self.error)
            except Exception as exc:  # keep watching, and show it like any other error
                self.error = (f"unexpected error: {exc.__class__.__name__}: {exc}\n"
                              "Please report it, with the file you changed.")
                log.warning("%s", self.error)
            else:
                self.error = None
                log.warning("rebuilt %d files", len(result.written))
            self.generation += 1

    def check_for_changes(self) -> bool:
        """Rebuild if any input changed since the last look; True if it rebuilt."""
        snapshot = self.inputs()
        if snapshot == self._snapshot:
            return False
        self._snapshot = snapshot
        self.rebuild()
        return True

    def state(self) -> dict[str, object]:
        return {"generation": self.generation, "error": self.error}


def loopback_name(host: str) -> bool:
    """True for a loopback host name, with or without a port: localhost, 127.x.y.z, [::1]."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:].partition("]")[0]
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def _allowed(self) -> Path | None:
        """The file asked for, or None (having answered) if it may not be served.

        Only loopback host names are answered, so a web page that rebinds its own name to
        127.0.0.1 cannot read the previews; and only files inside the output folder are
        served, whatever links in it point to.
        """
        if not loopback_name(self.headers.get("Host", "")):
            self.send_error(403, "Only localhost may use the preview")
            return None
        if "\0" in self.path or "%00" in self.path:
            self.send_error(400, "Bad request")
            return None
        root = Path(self.directory).resolve()
        try:
            path = Path(self.translate_path(self.path))
            inside = path.resolve().is_relative_to(root)
        except (OSError, ValueError, RuntimeError):
            inside = False
        if not inside:
            self.send_error(404, "File not found")
            return None
        return path

    def do_HEAD(self) -> None:
        if self._allowed() is not None:
            super().do_HEAD()

    def do_GET(self) -> None:
        if self.path.startswith(EDITOR_PREFIX):
            return editor_routes.answer_get(self, self.preview)
        path = self._allowed()
        if path is None:
            return None
        if self.path.split("?")[0] == STATE_PATH:
            return self._send(json.dumps(self.preview.state()).encode(), "application/json")
        if path.is_dir() and not (path / "index.html").exists():
            return self._send_listing(path)
        if path.suffix == ".html" and path.is_file():
            # Bytes, not text: a page in another encoding is still served, with the script.
            page = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            try:
                page.decode("utf-8")
            except UnicodeDecodeError:
                return self._send(page, "text/html")  # the browser reads its <meta charset>
            return self._send(page, "text/html; charset=utf-8")
        super().do_GET()

    def do_POST(self) -> None:
        # Only the editor takes POSTs; it checks the Host, the token and where it writes.
        editor_routes.answer_post(self, self.preview)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            log.debug("the browser closed the connection early")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_listing(self, folder: Path) -> None:
        root = Path(self.directory).resolve()
        links = sorted(p.relative_to(root).as_posix() for p in folder.rglob("*.html")
                       if p.resolve().is_relative_to(root))
        items = "".join(f'<li><a href="/{html.escape(link)}">{html.escape(link)}</a></li>'
                        for link in links)
        page = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
                f"<title>informed preview</title></head><body><h1>informed preview</h1>"
                f"<ul>{items or '<li>Nothing built yet.</li>'}</ul>{RELOAD_SCRIPT}</body></html>")
        self._send(page.encode("utf-8"), "text/html; charset=utf-8")

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """One line in the log, not a traceback on the terminal; the server carries on."""
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            log.debug("connection from %s closed: %s", client_address, exc)
        else:
            log.warning("preview: could not answer a request: %s: %s",
                        exc.__class__.__name__, exc)


def make_server(preview: Preview, out: Path, host: str, port: int) -> ThreadingHTTPServer:
    if not loopback_name(host):
        log.warning("--host %s is not a loopback address: other machines may reach this port. "
                    "The preview still answers only to the names localhost, 127.0.0.1 and "
                    "[::1]", host)
    out.mkdir(parents=True, exist_ok=True)
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    return _Server((host, port), partial(handler, directory=str(out)))


def watched(project: Project) -> list[Path]:
    """The folders (and informed.yaml) whose changes a preview rebuilds for: never output/."""
    paths = [layer / folder for layer in project.layers
             for folder in ("content", "templates", "locales") if (layer / folder).is_dir()]
    if project.config_path.is_file():
        paths.append(project.config_path)
    return paths


def watch(preview: Preview, stop: threading.Event, interval: float = 0.5) -> None:
    """Rebuild when a watched file changes, as the operating system reports it (watchfiles),
    rather than by looking at every file; the build itself makes again only the pages whose
    inputs changed. Changes that come together (an editor saving) are one rebuild."""
    from watchfiles import watch as changes

    def wanted(_change: object, path: str) -> bool:
        return not Path(path).name.startswith(".")  # editors' swap and lock files

    for _batch in changes(*watched(preview.project), watch_filter=wanted, stop_event=stop,
                          debounce=int(interval * 1000), step=50, yield_on_timeout=False,
                          raise_interrupt=False):
        preview.rebuild()

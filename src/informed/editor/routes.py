"""The editor's web addresses under informed serve: the page, inline checks, saving, the logo.

Only loopback host names are answered. Every POST must carry the page's token in a header
and JSON or image bytes, so a web page on another site cannot save (a custom header makes
the browser ask first, and nothing here says yes); and every write stays inside the project.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from informed.atomic import WriteError, write_atomic
from informed.editor import checking, document, logos, page
from informed.errors import ContentError, InformedError
from informed.loading import read_text
from informed.model import check_slug

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

    from informed.preview import Preview

log = logging.getLogger("informed")

PREFIX = "/__informed/editor/"
TOKEN_HEADER = "X-Informed-Token"
#: A form is a few kilobytes; a logo a few hundred.
MAX_BODY = {"logo": logos.MAX_BYTES, "check": 200_000, "save": 200_000}


@dataclass
class Editor:
    """One per server: the token its pages carry."""

    preview: Preview
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def root(self) -> Path:
        return self.preview.project.root

    def practice_file(self, slug: str) -> Path | None:
        """content/practices/<slug>/practice.yaml in the project, or None if the slug is bad
        or the file (links followed) would be outside the project."""
        if check_slug(slug):
            return None
        path = self.root / "content" / "practices" / slug / "practice.yaml"
        if not path.is_file() or not document.inside(path, self.root):
            return None
        return path


def editor_for(preview: Preview) -> Editor:
    found = preview.__dict__.get("_editor")
    if found is None:
        found = preview.__dict__["_editor"] = Editor(preview)
    return found


def _loopback(handler: BaseHTTPRequestHandler) -> bool:
    from informed.preview import loopback_name

    return loopback_name(handler.headers.get("Host", ""))


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
          extra: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Cache-Control", "no-store")
    handler.send_header("X-Content-Type-Options", "nosniff")
    handler.send_header("X-Frame-Options", "SAMEORIGIN")
    for name, value in (extra or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _json(handler: BaseHTTPRequestHandler, status: int, data: dict[str, Any]) -> None:
    _send(handler, status, json.dumps(data).encode("utf-8"), "application/json")


def _refuse(handler: BaseHTTPRequestHandler, status: int, message: str) -> None:
    _json(handler, status, {"error": message})


def _route(path: str) -> tuple[str, str] | None:
    """(slug, action) from /__informed/editor/<slug>/<action>; action "" is the page."""
    rest = urlsplit(path).path[len(PREFIX):]
    found = re.fullmatch(r"([^/]+)/(|check|save|logo|editor\.js|editor\.css)", rest)
    return (found.group(1), found.group(2)) if found else None


def answer_get(handler: BaseHTTPRequestHandler, preview: Preview) -> None:
    if not _loopback(handler):
        return _refuse(handler, 403, "Only localhost may use the editor")
    editor = editor_for(preview)
    route = _route(handler.path)
    if route is None:
        return _refuse(handler, 404, "Not found")
    slug, action = route
    if action in ("editor.js", "editor.css"):
        kind = "text/javascript" if action.endswith(".js") else "text/css"
        return _send(handler, 200, page.asset(action), f"{kind}; charset=utf-8")
    path = editor.practice_file(slug)
    if path is None:
        return _refuse(handler, 404, f'no practice "{slug}" in this project')
    if action == "logo":
        logo = logos.current(path)
        if logo is None:
            return _refuse(handler, 404, "no logo yet")
        # An SVG is shown in an <img>, where scripts never run; the policy is a second lock.
        return _send(handler, 200, logo.read_bytes(), logos.MEDIA_TYPES[logo.suffix.lower()],
                     {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})
    if action:
        return _refuse(handler, 405, "Use POST")
    body = page.render(editor, slug, path, preview).encode("utf-8")
    _send(handler, 200, body, "text/html; charset=utf-8",
          {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                      "frame-ancestors 'self'; form-action 'none'"})


def answer_post(handler: BaseHTTPRequestHandler, preview: Preview) -> None:
    if not _loopback(handler):
        return _refuse(handler, 403, "Only localhost may use the editor")
    editor = editor_for(preview)
    route = _route(handler.path)
    if route is None or route[1] not in ("check", "save", "logo"):
        return _refuse(handler, 404, "Not found")
    slug, action = route
    origin = handler.headers.get("Origin")
    if origin and not _same_origin(origin, handler.headers.get("Host", "")):
        return _refuse(handler, 403, "This request came from another web site, so it was "
                                     "refused")
    given = handler.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(given.encode(), editor.token.encode()):
        return _refuse(handler, 403, "This request does not carry the editor's token; reload "
                                     "the editor page and try again")
    try:
        length = int(handler.headers.get("Content-Length", ""))
    except ValueError:
        return _refuse(handler, 411, "Content-Length is needed")
    if length < 0 or length > MAX_BODY[action]:
        return _refuse(handler, 413, f"too large: at most {MAX_BODY[action] // 1000:,} kB")
    body = handler.rfile.read(length)
    path = editor.practice_file(slug)
    if path is None:
        return _refuse(handler, 404, f'no practice "{slug}" in this project')
    if action == "logo":
        return _upload(handler, editor, path, body)
    if handler.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
        return _refuse(handler, 415, "expected JSON")
    try:
        sent = json.loads(body)
        answers = {str(k): str(v) for k, v in sent["answers"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return _refuse(handler, 400, "expected the form's answers as JSON")
    try:
        original = read_text(path)
        text = document.updated_text(original, answers)
    except document.AnswerRefused as exc:
        return _refuse(handler, 422, str(exc))
    except ContentError as exc:
        return _refuse(handler, 409, "practice.yaml cannot be updated from the form until it is "
                                     f"fixed: {exc.render()}")
    except document.Unreadable as exc:
        return _refuse(handler, 409, "practice.yaml cannot be updated from the form until it is "
                                     f"fixed: {exc}")
    if action == "save":
        if sent.get("version") != version(original):
            return _refuse(handler, 409, "practice.yaml was changed by someone else since you "
                                         "opened this page. Copy anything you typed, reload "
                                         "the page, and make your changes again")
        try:
            write_atomic(path, text)
        except (WriteError, InformedError) as exc:
            return _refuse(handler, 500, exc.format_message())
        log.warning("saved %s", path.relative_to(editor.root).as_posix())
    found = checking.findings(text, path, slug, editor.root)
    _json(handler, 200, {"findings": [f.as_json() for f in found],
                         "contrast": checking.contrast_notes(answers),
                         "version": version(text) if action == "save" else sent.get("version"),
                         "saved": action == "save"})


def _upload(handler: BaseHTTPRequestHandler, editor: Editor, path: Path, body: bytes) -> None:
    name = handler.headers.get("X-File-Name", "")
    try:
        result = logos.accept(path.parent, name, body)
    except logos.LogoRefused as exc:
        return _refuse(handler, 422, str(exc))
    except (WriteError, InformedError) as exc:
        return _refuse(handler, 500, exc.format_message())
    _json(handler, 200, result)


def _same_origin(origin: str, host: str) -> bool:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme == "http" and parts.netloc.lower() == host.strip().lower()


def version(text: str) -> str:
    """Names the file's content, so a save does not overwrite someone else's changes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


__all__ = ["PREFIX", "TOKEN_HEADER", "Editor", "answer_get", "answer_post", "editor_for",
           "version"]

"""practice.yaml as a round-trip document: the form's answers go in, comments and order stay."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from informed.editor.fields import Field, field_map, form_fields
from informed.errors import ContentError
from informed.loading import parse_yaml

#: Marks an optional answer left empty: its key is removed, not written as null.
DROP: Any = object()
#: The longest form a browser may send: a whole profile is a few kilobytes.
MAX_ANSWER = 20_000


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    # Never re-wrap: a long line the person wrote stays one line.
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class Unreadable(ValueError):
    """practice.yaml cannot be read as the form's document; the message says why."""


class AnswerRefused(ValueError):
    """An answer cannot be written into practice.yaml; the message says which and why."""


def load(text: str) -> CommentedMap:
    """The document; an empty file is an empty mapping.

    The build's own reader goes first: it refuses what the round-trip reader would take but
    the build would not, such as aliases that expand a small file into billions of values.
    """
    try:
        parse_yaml(text, Path("practice.yaml"))
        data = _yaml().load(text)
    except ContentError as exc:
        raise Unreadable("; ".join(p.format() for p in exc.problems)) from None
    except YAMLError as exc:
        raise Unreadable(f"this is not valid YAML: {exc}") from None
    if data is None:
        return CommentedMap()
    if not isinstance(data, CommentedMap):
        raise Unreadable("expected a set of keys at the top of practice.yaml")
    return data


def dump(doc: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


# --- form answers to YAML values --------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _suppliers(text: str) -> list[dict[str, Any]]:
    """ "EMIS Health: provides our clinical record system", one on each line."""
    out = []
    for line in _lines(text):
        name, colon, does = line.partition(":")
        out.append({"name": name.strip(), "does": does.strip() or None} if colon
                   else {"name": line, "does": None})
    return out


def answer(f: Field, answers: dict[str, str]) -> Any:
    """The YAML value of one question from the browser's answers; DROP if it is to be left out."""
    raw = str(answers.get(f.path, "") or "")
    text = str(answers.get(f.path + ":text", "") or "")
    empty = None if f.required else DROP
    if f.kind in ("text", "long", "colour", "logo"):
        raw = f.normalise(raw) if f.normalise else raw
        return raw.strip() or empty
    if f.kind == "number":
        raw = raw.strip()
        return int(raw) if raw.isdigit() else (raw or empty)
    if f.kind == "lines":
        lines = _lines(raw)
        # An empty list answers "none" for registers and audits; an address must be given.
        return lines or (empty if f.path == "address" or not f.required else [])
    if f.kind == "suppliers":
        return _suppliers(raw) or empty
    if f.kind == "choice":
        return {"true": True, "false": False}.get(raw, raw or empty)
    if f.kind == "none-or-lines":
        return [] if raw == "none" else _lines(text) or None if raw == "yes" else empty
    if raw == "false":
        return False
    if raw != "yes":
        return empty
    if f.kind == "no-or-text":
        return text.strip() or None
    if f.kind == "no-or-suppliers":
        return _suppliers(text) or None
    # A group such as the shared care record: its own questions give its keys.
    group: dict[str, Any] = {}
    for child in form_fields():
        if child.parent == f.path:
            value = answer(child, answers)
            if value is not DROP:
                group[child.parts[-1]] = value
    return group


def answers_to_updates(answers: dict[str, str]) -> dict[str, Any]:
    """Nested updates for the document, from every top question on the form."""
    updates: dict[str, Any] = {}
    for f in form_fields():
        if f.parent is not None:
            continue
        node = updates
        for part in f.parts[:-1]:
            node = node.setdefault(part, {})
        node[f.parts[-1]] = answer(f, answers)
    return updates


# --- applying updates, keeping what did not change ----------------------------------------


def plain(value: Any) -> Any:
    """A ruamel value as plain Python, for comparison."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _styled(value: Any) -> Any:
    """A new value as the starter file writes them: text in double quotes, block lists."""
    if isinstance(value, str):
        return LiteralScalarString(value) if "\n" in value else DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v) for v in value)
        if not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, _styled(v)) for k, v in value.items() if v is not DROP)
    return value


def _order(prefix: tuple[str, ...]) -> list[str]:
    """The keys under ``prefix``, in the order of the form's questions."""
    keys: dict[str, None] = {}
    for f in form_fields():
        if f.parts[:len(prefix)] == prefix and len(f.parts) > len(prefix):
            keys.setdefault(f.parts[len(prefix)])
    return list(keys)


def apply(doc: CommentedMap, updates: dict[str, Any], prefix: tuple[str, ...] = ()) -> None:
    """Write ``updates`` into ``doc``. Unchanged values are not touched, so their comments and
    quoting stay; a new key goes after the key before it on the form."""
    order = _order(prefix)
    for key, value in updates.items():
        if value is DROP:
            # An empty answer removes a value, but keeps an empty line and its comment.
            if plain(doc.get(key)) not in (None, []):
                doc.pop(key, None)
            continue
        current = doc.get(key)
        if isinstance(current, CommentedMap) and isinstance(value, dict):
            apply(current, value, (*prefix, key))
            continue
        if key in doc and plain(current) == value:
            continue
        if key in doc:
            doc[key] = _styled(value)
        else:
            doc.insert(_position(doc, key, order), key, _styled(value))


def _position(doc: CommentedMap, key: str, order: list[str]) -> int:
    before = order[:order.index(key)] if key in order else order
    keys = list(doc.keys())
    for previous in reversed(before):
        if previous in keys:
            return keys.index(previous) + 1
    return len(keys)


# --- the document's current answers, to fill the form ------------------------------------


def _as_text(value: Any) -> str:
    if value is None or value is True or value is False:
        return ""
    return str(value)


def current_answers(doc: CommentedMap) -> dict[str, str]:
    """The form's answers as the file gives them."""
    out: dict[str, str] = {}
    for f in form_fields():
        node: Any = doc
        for part in f.parts:
            node = node.get(part) if isinstance(node, dict) else None
        value = plain(node)
        if f.kind == "lines":
            # A single line written where a list belongs is shown, so a save keeps it.
            out[f.path] = ("\n".join(map(_as_text, value)) if isinstance(value, list)
                           else _as_text(value))
        elif f.kind == "suppliers":
            out[f.path] = _suppliers_text(value)
        elif f.kind == "choice":
            out[f.path] = ("true" if value is True else "false" if value is False
                           else _as_text(value))
        elif f.kind == "none-or-lines":
            out[f.path] = ("none" if value == [] else "yes" if isinstance(value, list)
                           else "")
            out[f.path + ":text"] = ("\n".join(map(_as_text, value))
                                     if isinstance(value, list) else "")
        elif f.kind in ("no-or-text", "no-or-group", "no-or-suppliers"):
            out[f.path] = "false" if value is False else ("yes" if value else "")
            if f.kind == "no-or-text":
                out[f.path + ":text"] = value if isinstance(value, str) else ""
            elif f.kind == "no-or-suppliers":
                out[f.path + ":text"] = _suppliers_text(value)
        else:
            out[f.path] = _as_text(value).strip()
    return out


def _suppliers_text(value: Any) -> str:
    if not isinstance(value, list):
        return ""
    return "\n".join(f"{_as_text(s.get('name'))}: {_as_text(s.get('does'))}".rstrip(": ")
                     if isinstance(s, dict) else _as_text(s) for s in value)


def updated_text(text: str, answers: dict[str, str]) -> str:
    """practice.yaml's text with the form's answers in it."""
    if any(len(str(v)) > MAX_ANSWER for v in answers.values()):
        raise AnswerRefused(f"an answer is longer than {MAX_ANSWER:,} characters; shorten it")
    doc = load(text)
    apply(doc, answers_to_updates(answers))
    out = dump(doc)
    try:
        load(out)  # never write what could not be read back, such as a control character
    except Unreadable as exc:
        raise AnswerRefused(f"an answer cannot be saved: {exc}") from None
    return out


FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$")


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links followed, stays inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


__all__ = ["DROP", "FILE_NAME", "AnswerRefused", "Unreadable", "answers_to_updates", "apply",
           "current_answers", "dump", "field_map", "inside", "load", "updated_text"]

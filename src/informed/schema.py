"""Turns loaded YAML into typed dataclasses, collecting every problem with its place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

from informed.errors import Problems
from informed.loading import KeyPath, YamlDoc, dotted

#: Returned in place of a value that failed validation; the caller never sees it because
#: ``Problems.check`` raises before the model is used.
INVALID: Any = object()

Check = Callable[[Any], str | None]


def spec(doc: str, *, default: Any = dataclasses.MISSING, factory: Any = dataclasses.MISSING,
         check: Check | None = None, example: str | None = None,
         normalise: Callable[[Any], Any] | None = None) -> Any:
    """A dataclass field that carries its documentation and an optional extra check.

    ``check(value)`` returns an error message (the "expected ..." part) or None;
    ``normalise(value)`` tidies a converted value before it is checked.
    """
    metadata = {"doc": doc, "check": check, "example": example, "normalise": normalise}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def describe(value: Any) -> str:
    """How a value looks in an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'"{shown}"'
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


class Converter:
    """Converts the data of one YamlDoc, reporting into a shared Problems."""

    def __init__(self, doc: YamlDoc, problems: Problems) -> None:
        self.doc = doc
        self.problems = problems

    def error(self, key: KeyPath, message: str) -> Any:
        self.problems.error(self.doc.path, self.doc.line(key), dotted(key), message)
        return INVALID

    def warn(self, key: KeyPath, message: str) -> None:
        self.problems.warn(self.doc.path, self.doc.line(key), dotted(key), message)

    def convert(self, hint: Any, value: Any, key: KeyPath, example: str | None = None) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            if value is None and len(options) < len(args):
                return None
            if len(options) == 1:
                return self.convert(options[0], value, key, example)
            # An answer of several kinds, such as "false, or a sentence": the value's own
            # kind chooses, and a value of no kind named is refused in the field's words.
            for option in options:
                if _fits(option, value):
                    return self.convert(option, value, key, example)
            return self.error(key, f"expected {example or 'another kind of value'}, "
                                   f"got {describe(value)}")
        if origin is Literal:
            if value in args:
                return value
            choices = ", ".join(f'"{a}"' for a in args)
            return self.error(key, f"expected one of {choices}, got {describe(value)}")
        if origin is list:
            if value is None:
                return []
            if not isinstance(value, list):
                return self.error(key, f"expected a list, got {describe(value)}")
            items = [self.convert(args[0], v, (*key, i), example) for i, v in enumerate(value)]
            return items
        if origin is dict:
            if not isinstance(value, dict):
                return self.error(key, f"expected a set of keys, got {describe(value)}")
            return {str(k): self.convert(args[1], v, (*key, str(k))) for k, v in value.items()}
        if dataclasses.is_dataclass(hint):
            return self.build(hint, value, key)
        return self.scalar(hint, value, key, example)

    def scalar(self, hint: Any, value: Any, key: KeyPath, example: str | None) -> Any:
        if hint is str:
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            wanted = f"text such as {example}" if example else "text"
            return self.error(key, f"expected {wanted}, got {describe(value)}")
        if hint is bool:
            if isinstance(value, bool):
                return value
            return self.error(key, f"expected true or false, got {describe(value)}")
        if hint is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return self.error(key, f"expected a whole number, got {describe(value)}")
        if hint is dt.date:
            if (day := parse_date(value)) is not None:
                return day
            return self.error(key, f"expected a date such as 2026-01-31, got {describe(value)}")
        if hint is Any:
            return value
        raise TypeError(f"schema: unsupported type {hint!r}")

    def build(self, cls: type, value: Any, key: KeyPath = ()) -> Any:
        """Build dataclass ``cls`` from a mapping, checking every field and every key."""
        if value is None and key == ():
            value = {}
        if not isinstance(value, dict):
            return self.error(key, f"expected a set of keys, got {describe(value)}")
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
        kwargs: dict[str, Any] = {}
        ok = True
        for name, f in fields.items():
            child = (*key, name)
            if name not in value:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    self.error(key, f'missing required field "{name}" ({f.metadata.get("doc", "")})'
                               .replace(" ()", ""))
                    ok = False
                continue
            required = (f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING)
            if required and value[name] is None:
                # Written but left empty, as in a new practice: say what to write.
                example = f.metadata.get("example")
                shown = f" For example: {example}." if example and example[0] == '"' else ""
                self.error(child, "not answered yet: " + f.metadata.get("doc", "") + shown)
                ok = False
                continue
            converted = self.convert(hints[name], value[name], child, f.metadata.get("example"))
            if converted is INVALID or _contains_invalid(converted):
                ok = False
                continue
            if (normalise := f.metadata.get("normalise")) and converted is not None:
                converted = normalise(converted)
            check = f.metadata.get("check")
            message = check(converted) if check and converted is not None else None
            if message:
                self.error(child, message)
                ok = False
                continue
            kwargs[name] = converted
        for name in value:
            if name not in fields:
                self.problems.warn(self.doc.path, self.doc.line((*key, str(name))), "",
                                   unknown_key_message(key, str(name), fields))
        if not ok:
            return INVALID
        instance = cls(**kwargs)
        if hasattr(instance, "validate"):
            instance.validate(self, key)
        return instance


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML (already a date, or ISO text such as "2026-01-31"); None otherwise."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _fits(hint: Any, value: Any) -> bool:
    """Whether ``value`` is of the kind ``hint`` reads, before its own checks."""
    origin = typing.get_origin(hint) or hint
    if origin is bool:
        return isinstance(value, bool)
    if origin is str:
        return isinstance(value, str)
    if origin is list:
        return isinstance(value, list)
    if dataclasses.is_dataclass(origin) or origin is dict:
        return isinstance(value, dict)
    return False


def _contains_invalid(value: Any) -> bool:
    if isinstance(value, list):
        return any(v is INVALID for v in value)
    if isinstance(value, dict):
        return any(v is INVALID for v in value.values())
    return False


def unknown_key_message(parent: KeyPath, name: str, known: typing.Iterable[str]) -> str:
    """``unknown field "sumary" (did you mean "summary"?)``, with the parent's dotted path."""
    known = list(known)
    full = dotted((*parent, name))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f'unknown field "{full}" (did you mean "{dotted((*parent, close[0]))}"?)'
    return f'unknown field "{full}"; known fields here are: {", ".join(known)}'

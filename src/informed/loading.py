"""Reads YAML and Markdown-with-front-matter, keeping the line of every value for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from informed.errors import ContentError, Problem

KeyPath = tuple[str | int, ...]

#: The longest text one field may hold, about six printed pages: the longest real field is a
#: tenth of it, and a longer one is a mistake (a file pasted into itself) or an attack.
MAX_FIELD = 20_000

#: Characters YAML does not allow, and nobody means to type: NUL, other control characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


@dataclass
class YamlDoc:
    """Plain data parsed from one file, plus the 1-based line of every key and value in it."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    #: Line in the file where the YAML text begins (front matter starts after the first ``---``).
    offset: int = 0

    def line(self, key: KeyPath = ()) -> int:
        """Line of the value at ``key``, or of its nearest parent that has one."""
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1 + self.offset)


def dotted(key: KeyPath) -> str:
    """``("colours", "primary")`` -> ``colours.primary``; list items as ``uses[2].title``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# The C loader is ten times faster and gives the same marks; fall back where it is missing.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, but a value it cannot build is an error at its line, not a crash."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            # Such as "!!int abc" or "!!bool maybe": a tag that does not fit its value.
            raise yaml.constructor.ConstructorError(
                None, None, f'"{node.value}" does not fit its tag '
                f'{node.tag.replace("tag:yaml.org,2002:", "!!")}',
                node.start_mark) from None

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        # A date that does not exist (2026-02-30) stays text, so the field that wanted a date
        # reports it with its name.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str, path: Path, offset: int = 0) -> YamlDoc:
    """Parse YAML text; syntax errors and duplicate keys become a ContentError at their line."""
    try:
        loader = _Loader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate, which no UTF-8 file can hold
        line = text.count("\n", 0, exc.start) + 1 + offset
        raise ContentError([Problem(path, line, "", "this is not valid text; save it as "
                                                    "UTF-8")]) from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise ContentError([Problem(path, line, "", _yaml_message(exc, text))]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 + offset
        raise ContentError([Problem(path, line, "", _control_message(chr(exc.character)))]
                           ) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, 1 + offset, "", f"this is not valid YAML: {exc}")]
                           ) from None
    finally:
        loader.dispose()
    doc = YamlDoc(path, data, offset=offset)
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), doc, problems, set())
    if problems:
        raise ContentError(problems)
    return doc


#: PyYAML's words for common mistakes, and what to tell a person who is not a programmer.
_PLAIN_YAML = (
    ("could not find expected ':'", 'a line here needs a "key: value" pair, or the line above '
                                    "is not closed (look for a missing quote)"),
    ("mapping values are not allowed", "this line is indented too far, or a value contains "
                                       'a colon: put such a value in double quotes, like "A: b"'),
    ("found character '\\t'", "use spaces, not tabs, to indent"),
    ("found undefined alias", 'a value starts with "*": put it in double quotes'),
    ("while scanning a quoted scalar", "a quote is opened but never closed"),
)


def _yaml_message(exc: yaml.MarkedYAMLError, text_of: str = "") -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    problem = exc.problem or ""
    # libyaml (the C loader) words indentation mistakes differently from PyYAML.
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return ("this is not valid YAML: the indentation is wrong on this line. A key must "
                "start exactly below the other keys at its level, indented with spaces, not "
                'tabs; a list item starts with "- " below its key')
    if "did not find expected '-' indicator" in problem:
        return ("this is not valid YAML: the indentation is wrong on this line. In a list, "
                'every item starts with "- " at the same indentation as the items above it')
    if "cannot start any token" in problem and exc.problem_mark is not None:
        char = text_of[exc.problem_mark.index:exc.problem_mark.index + 1]
        if char == "\t":
            return "this is not valid YAML: use spaces, not tabs, to indent"
        if char:
            return (f'this is not valid YAML: a value cannot start with "{char}"; put the whole '
                    'value in double quotes')
    for needle, plain in _PLAIN_YAML:
        if needle in text:
            return f"this is not valid YAML: {plain}"
    return f"this is not valid YAML: {exc.problem or exc.context}"


def _record_lines(node: yaml.Node, key: KeyPath, doc: YamlDoc, problems: list[Problem],
                  seen: set[int]) -> None:
    line = node.start_mark.line + 1 + doc.offset
    doc.lines.setdefault(key, line)
    if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_FIELD:
        problems.append(Problem(doc.path, line, dotted(key), too_long(len(node.value))))
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # An alias ("*name") reuses a node: refuse it, so that nested aliases cannot make a
        # small file expand into billions of values (the "billion laughs" attack).
        if id(node) in seen:
            problems.append(Problem(doc.path, doc.line(key), dotted(key),
                                    'YAML aliases ("*name") are not allowed here; write the '
                                    "value out in full"))
            return
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            name = key_node.value
            line = key_node.start_mark.line + 1 + doc.offset
            if name in first_line:
                problems.append(
                    Problem(doc.path, line, dotted((*key, name)),
                            f"this key is given twice (first on line {first_line[name]}); "
                            "keep one")
                )
                continue
            first_line[name] = line
            child = (*key, name)
            doc.lines[child] = line
            _record_lines(value_node, child, doc, problems, seen)
            # A block scalar's text starts below its key; remember the key's line.
            doc.lines[child] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*key, index), doc, problems, seen)


def too_long(length: int) -> str:
    return (f"this text is {length:,} characters long; a field may hold at most {MAX_FIELD:,}. "
            "Shorten it, or check that nothing was pasted twice")


def _control_message(char: str) -> str:
    return (f"this line holds an invisible control character (U+{ord(char):04X}), which is not "
            "allowed; delete it, or retype the line")


def read_text(path: Path) -> str:
    """Read a UTF-8 file, turning the usual mistakes into clear errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(path, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(path, None, "", "expected a file, found a folder")]) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ContentError(
            [Problem(path, line, "", "this file is not UTF-8 text; save it as UTF-8")]
        ) from None
    except OSError as exc:  # such as a name too long, or a link that leads back to itself
        raise ContentError([Problem(path, None, "", f"cannot read this file: {exc.strerror}")]
                           ) from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        if control.group() == "\0" and text.count("\0") * 3 >= len(text):
            # ASCII saved as UTF-16 without a byte order mark: every other byte is NUL.
            message = "this file is UTF-16 text, not UTF-8; save it as UTF-8"
        else:
            message = _control_message(control.group())
        raise ContentError([Problem(path, line, "", message)])
    return text


def load_yaml(path: Path) -> YamlDoc:
    """Load a YAML file with line numbers."""
    return parse_yaml(read_text(path), path)


def load_markdown(path: Path) -> tuple[YamlDoc, str, int]:
    """Load Markdown with YAML front matter: (front matter, body, line where the body starts)."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            [Problem(path, 1, "", 'expected front matter: a first line of "---", then YAML, '
                                  'then "---", then the Markdown text')]
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1:])
            doc = parse_yaml(front, path, offset=1)
            if doc.data is None:
                doc.data = {}
            if len(body) > MAX_FIELD:
                raise ContentError([Problem(path, index + 2, "", too_long(len(body)))])
            return doc, body, index + 2
    raise ContentError(
        [Problem(path, 1, "", 'the front matter is not closed: add a line of "---" after it')]
    )

"""Extraction: template and code strings (the ui domain) and content fields (the content domain)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import jinja2
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_file

from informed.errors import ContentError, InformedError, Problem
from informed.i18n.blocks import split_blocks
from informed.i18n.locales import STUDY_PREFIX
from informed.i18n.notes import Notes
from informed.loading import KeyPath, dotted, parse_yaml

if TYPE_CHECKING:
    from informed.project import Project

#: How Babel reads each kind of source file for the ui domain. ``silent: false`` makes a broken
#: template fail the extraction instead of being skipped without a word.
UI_METHODS = {
    "templates/**.j2": ("jinja2", {
        "extensions": "jinja2.ext.i18n,jinja2.ext.do",
        "newstyle_gettext": "true",
        "silent": "false",
        "trimmed": "false",
    }),
    "src/**.py": ("python", {}),
}
#: Comments in templates that start with this reach the translator: {# Translators: ... #}
COMMENT_TAGS = ("Translators:",)
#: Flag that Weblate and our checker understand: the message is Markdown.
MARKDOWN_FLAG = "md-text"
MARKDOWN_NOTE = "(Markdown: keep **, [text](link) and the words inside them paired)"

#: Runs that are never words to translate: web and email addresses and phone numbers.
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d ()-]*\d|"
                        r"\b[a-z0-9.-]+\.(?:uk|com|org|net)(?:/\S*)?")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class FieldSpec:
    """Which fields of one kind of content file are translated (from fields.yaml)."""

    file: str
    attribute: str
    text: tuple[str, ...]
    markdown: tuple[str, ...] = ()
    items: str | None = None
    key: str | None = None
    #: A note for translators by field path, added after the field's key.
    notes: tuple[tuple[str, str], ...] = ()

    def matches(self, relative: str) -> bool:
        return fnmatch.fnmatchcase(relative, self.file) and relative.count("/") == self.file.count(
            "/")


@cache
def field_specs() -> tuple[FieldSpec, ...]:
    text = resources.files("informed.i18n").joinpath("fields.yaml").read_text(encoding="utf-8")
    specs = []
    for entry in yaml.safe_load(text):
        specs.append(FieldSpec(
            file=entry["file"], attribute=entry["attribute"], text=tuple(entry.get("text", ())),
            markdown=tuple(entry.get("markdown", ())), items=entry.get("items"),
            key=entry.get("key"), notes=tuple((entry.get("notes") or {}).items()),
        ))
    return tuple(specs)


def translatable(text: str) -> bool:
    """False for a value that is only an address, a number or punctuation."""
    return bool(_LETTER.search(_NOT_WORDS.sub("", text)))


def path_parts(path: str) -> list[str]:
    """``ways[].label`` -> ``["ways", "[]", "label"]``."""
    parts: list[str] = []
    for name in path.split("."):
        if name.endswith("[]"):
            parts.extend([name[:-2], "[]"])
        else:
            parts.append(name)
    return parts


def walk(value: Any, parts: list[str], key: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every value at ``parts`` under ``value`` (a mapping or an object), with its key path."""
    if not parts:
        yield key, value
        return
    head, rest = parts[0], parts[1:]
    if head == "[]":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, rest, (*key, index))
        return
    child = value.get(head) if isinstance(value, dict) else getattr(value, head, None)
    if child is not None:
        yield from walk(child, rest, (*key, head))


def comment_key(path: str, key: KeyPath) -> str:
    """The stable part of a comment: ``examples`` for list items, ``ways[1].label`` inside."""
    parts = path_parts(path)
    shown: list[str | int] = []
    indices = iter(k for k in key if isinstance(k, int))
    for index, part in enumerate(parts):
        if part == "[]":
            number = next(indices)
            if index < len(parts) - 1:
                shown.append(number)
        else:
            shown.append(part)
    return dotted(tuple(shown))


# --- the content extractor ------------------------------------------------------------


def extract_content(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                    options: dict[str, Any]) -> Iterator[tuple[int, None, str, list[str]]]:
    """A Babel extraction method for content files; ``options["path"]`` is relative to content/.

    Yields only the fields listed in fields.yaml, each with a comment naming its stable key,
    such as ``uses/research.md: summary``. Markdown is split into one message per block.
    """
    relative = options["path"]
    spec = next((s for s in field_specs() if s.matches(relative)), None)
    if spec is None:
        return
    name = Path(getattr(fileobj, "name", relative))
    text = fileobj.read().decode("utf-8")
    bodies: dict[str, tuple[str, int]] = {}
    if relative.endswith(".md"):
        lines = text.splitlines(keepends=True)
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        doc = parse_yaml("".join(lines[1:end]), name, offset=1)
        bodies["body"] = ("".join(lines[end + 1:]), end + 2)
        entries: list[tuple[KeyPath, Any]] = [((), doc.data or {})]
    else:
        doc = parse_yaml(text, name)
        data = doc.data or {}
        if spec.items:
            items = data.get(spec.items) or [] if isinstance(data, dict) else []
            entries = [((spec.items, i), item) for i, item in enumerate(items)
                       if isinstance(item, dict)]
        else:
            entries = [((), data)]
    for base, item in entries:
        # Entries in a list are named by their id (or term); a file of its own by its name.
        label = ""
        if base:
            label = f"{item.get(spec.key)}." if spec.key and item.get(spec.key) else \
                f"{spec.items}[{base[-1]}]."
        notes = dict(spec.notes)
        for path in spec.text:
            for key, value in walk(item, path_parts(path), base):
                if isinstance(value, str) and value.strip() and translatable(value):
                    comments = [f"{relative}: {label}{comment_key(path, key[len(base):])}"]
                    yield (doc.line(key), None, value.strip(),
                           [*comments, notes[path]] if path in notes else comments)
        for path in spec.markdown:
            if path in bodies and not base:
                body, first_line = bodies[path]
            else:
                found = [(k, v) for k, v in walk(item, path_parts(path), base)
                         if isinstance(v, str)]
                if not found:
                    continue
                key, body = found[0]
                # A block scalar's text starts on the line after its key.
                first_line = doc.line(key) + 1
            for block in split_blocks(body):
                if block.translatable and block.text and translatable(block.text):
                    comments = [f"{relative}: {label}{path} {MARKDOWN_NOTE}"]
                    yield (first_line + block.line, None, block.text,
                           [*comments, notes[path]] if path in notes else comments)


# --- building the templates (POT catalogs) ---------------------------------------------


def new_template(domain: str) -> Catalog:
    return Catalog(domain=domain, project="informed", charset="utf-8", fuzzy=False)


def extract_ui(project: Project) -> Catalog:
    """Strings in the templates the project uses (its own first) and in the code."""
    catalog = new_template("ui")
    method, options = UI_METHODS["templates/**.j2"]
    problems: list[Problem] = []
    templates = project.glob("templates", "**/*.j2")
    for path in templates:
        relative = _relative(project, path)
        try:
            found = extract_from_file(method, str(path), keywords=DEFAULT_KEYWORDS,
                                      comment_tags=COMMENT_TAGS, options=options,
                                      strip_comment_tags=True)
            for lineno, message, comments, context in found:
                catalog.add(message, None, [(relative, lineno)], auto_comments=comments,
                            context=context)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(path, exc.lineno, "", f"cannot extract strings: {exc.message}"))
    code = Path(__file__).resolve().parents[1]
    py_method, py_options = UI_METHODS["src/**.py"]
    for path in sorted(code.rglob("*.py")):
        relative = f"src/informed/{path.relative_to(code).as_posix()}"
        for lineno, message, comments, context in extract_from_file(
                py_method, str(path), keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS,
                options=py_options, strip_comment_tags=True):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments,
                        context=context)
    if problems:
        raise ContentError(problems, project.root)
    add_notes(catalog, {_relative(project, p).removeprefix("templates/"): p for p in templates})
    return catalog


def add_notes(catalog: Catalog, templates: dict[str, Path]) -> None:
    """Give every string a note for translators after any written in its template."""
    notes = Notes(templates)
    for message in catalog:
        if message.id:
            text = message.id if isinstance(message.id, str) else message.id[0]
            places = [(loc.removeprefix("templates/"), line or 0)
                      for loc, line in message.locations]
            message.auto_comments = [*message.auto_comments, notes.note(text, places)]


def content_files(project: Project) -> list[tuple[str, Path]]:
    """(path relative to content/, file) for every file with translatable fields."""
    found: list[tuple[str, Path]] = []
    for spec in field_specs():
        if spec.attribute == "study":  # each study has a catalog of its own
            continue
        for path in project.glob("content", spec.file):
            base = next(d for d in project.dirs("content") if path.is_relative_to(d))
            relative = path.relative_to(base).as_posix()
            if spec.matches(relative):
                found.append((relative, path))
    return found


def extract_content_catalog(project: Project) -> Catalog:
    """The translatable fields of the content the project uses, its practices included."""
    catalog = new_template("content")
    problems: list[Problem] = []
    for relative, path in content_files(project):
        add_fields(catalog, relative, path, problems)
    if problems:
        raise ContentError(problems, project.root)
    return catalog


def add_fields(catalog: Catalog, relative: str, path: Path, problems: list[Problem]) -> None:
    """Add the translatable fields of one content file (``relative`` to content/)."""
    try:
        with path.open("rb") as handle:
            found = list(extract(extract_content, handle, keywords={}, comment_tags=(),
                                 options={"path": relative}))
    except ContentError as exc:
        problems.extend(exc.problems)
        return
    except StopIteration:
        problems.append(Problem(path, 1, "", "the front matter is not closed"))
        return
    for lineno, message, comments, _context in found:
        flags = [MARKDOWN_FLAG] if any(MARKDOWN_NOTE in c for c in comments) else []
        existing = catalog.get(message)
        if existing is not None and flags:
            existing.flags.add(MARKDOWN_FLAG)
        catalog.add(message, None, [(f"content/{relative}", lineno)],
                    auto_comments=comments, flags=flags)


def extract_domain(project: Project, domain: str) -> Catalog:
    if domain == "ui":
        return extract_ui(project)
    if domain == "content":
        return extract_content_catalog(project)
    if domain.startswith(STUDY_PREFIX):
        from informed.i18n.study_catalog import extract_study

        return extract_study(project, domain.removeprefix(STUDY_PREFIX))
    raise InformedError(f'unknown domain "{domain}"')


def _relative(project: Project, path: Path) -> str:
    for layer in project.layers:
        if path.is_relative_to(layer):
            return path.relative_to(layer).as_posix()
    return path.name

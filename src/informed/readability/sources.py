"""Find the prose to check: content files, translated catalogs, built pages, and paths given."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .data import data_yaml
from .document import Block, Document, SourceText, plain_text_blocks, text_block
from .extract import html_blocks, markdown_blocks

SUFFIXES = {".md", ".markdown", ".yaml", ".yml", ".html", ".htm", ".po", ".txt"}
# Text with none of these is plain text, and needs no Markdown parser.
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#|\\]|^\s*(?:[-+]|\d+[.)])\s", re.M)


def yaml_doc(path: Path) -> Any:
    """load_yaml(path), remembered while the file is unchanged (the glossary is read twice)."""
    stat = path.stat()
    return _yaml_doc(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _yaml_doc(path: Path, mtime: int, size: int) -> Any:
    from informed.loading import load_yaml

    return load_yaml(path)


def load_glossary(layers: list[Path]) -> list[dict[str, Any]]:
    """The `terms:` of content/glossary.yaml, from the first layer that has one."""
    for layer in layers:
        path = layer / "content" / "glossary.yaml"
        if path.exists():
            data = yaml_doc(path).data
            terms = data.get("terms") if isinstance(data, dict) else None
            return terms if isinstance(terms, list) else []
    return []


def display(path: Path, root: Path) -> str:
    """A path relative to the project (or the current folder) where possible."""
    from informed.errors import display_path

    return display_path(path, root)


def content_documents(layers: list[Path], root: Path) -> list[Document]:
    """Every content file with prose, English, from the project's layers (first layer wins)."""
    found: dict[str, Path] = {}
    for layer in layers:
        for spec in data_yaml("prose-fields.yaml"):
            for path in sorted(layer.glob(spec["file"])):
                if path.is_file():
                    found.setdefault(path.relative_to(layer).as_posix(), path)
    documents: list[Document] = []
    for relative in sorted(found):
        documents.extend(file_documents(found[relative], root, "en", relative))
    return documents


def locale_catalogs(layers: list[Path], locale: str | None = None) -> list[tuple[str, Path]]:
    """(locale, content.po) for each translated locale, or only `locale`."""
    found: dict[str, Path] = {}
    for layer in layers:
        base = layer / "locales"
        if not base.is_dir():
            continue
        for po in sorted(base.glob("*/LC_MESSAGES/content.po")):
            name = po.parent.parent.name
            if locale is None or _same_locale(name, locale):
                found.setdefault(name, po)
    return sorted(found.items())


def _same_locale(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def file_documents(path: Path, root: Path, lang: str, relative: str | None = None
                   ) -> list[Document]:
    """The prose of one file, read according to its kind."""
    relative = relative or _relative(path, root)
    shown = display(path, root)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        from informed.loading import read_text

        source = SourceText(shown, read_text(path))
        blocks, page_lang = html_blocks(source.text, source)
        return [Document(shown, lang if lang != "auto" else (page_lang or "en"), blocks,
                         _output_material(path))]
    if suffix == ".po":
        return [po_document(path, shown, _po_language(path) if lang == "auto" else lang)]
    lang = "en" if lang == "auto" else lang
    spec = _spec_for(relative)
    if suffix in (".md", ".markdown"):
        return [_markdown_document(path, shown, lang, spec)]
    if suffix in (".yaml", ".yml"):
        return [_yaml_document(path, shown, lang, spec)] if spec else []
    from informed.loading import read_text

    source = SourceText(shown, read_text(path))
    return [Document(shown, lang, plain_text_blocks(source.text, source))]


def walk(paths: list[Path]) -> Iterator[Path]:
    """Files to check under the given paths (folders are searched)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    yield child
        else:
            yield path


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _spec_for(relative: str) -> dict[str, Any] | None:
    for spec in data_yaml("prose-fields.yaml"):
        # A file outside the project still matches by the end of its path.
        if fnmatch.fnmatch(relative, spec["file"]) or fnmatch.fnmatch(relative,
                                                                       "*/" + spec["file"]):
            return spec
    return None


def _output_material(path: Path) -> str:
    """output/<practice>/<locale>/<material>[.<variant>].html -> material."""
    return path.name.split(".")[0]


def _po_language(path: Path) -> str:
    parts = path.parts
    if "LC_MESSAGES" in parts:
        return parts[parts.index("LC_MESSAGES") - 1]
    return "en"


# -- Markdown and YAML --------------------------------------------------------


def _markdown_document(path: Path, shown: str, lang: str, spec: dict | None) -> Document:
    from informed.loading import load_markdown, read_text

    text = read_text(path)
    source = SourceText(shown, text)
    if not text.startswith("---"):
        return Document(shown, lang, markdown_blocks(text, source))
    doc, body, body_line = load_markdown(path)
    blocks = _field_blocks(doc, source, spec, ()) if spec else []
    if spec is None or spec.get("body"):
        blocks += markdown_blocks(body, source, source.offset(body_line))
    return Document(shown, lang, _in_file_order(blocks))


def _yaml_document(path: Path, shown: str, lang: str, spec: dict) -> Document:
    from informed.loading import read_text

    source = SourceText(shown, read_text(path))
    doc = yaml_doc(path)
    items = spec.get("items")
    blocks: list[Block] = []
    if items:
        entries = doc.data.get(items) if isinstance(doc.data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict):
                blocks += _field_blocks(doc, source, spec, (items, index), entry)
    else:
        blocks = _field_blocks(doc, source, spec, ())
    return Document(shown, lang, _in_file_order(blocks))


def _field_blocks(doc: Any, source: SourceText, spec: dict, prefix: tuple,
                  data: Any = None) -> list[Block]:
    data = doc.data if data is None else data
    blocks: list[Block] = []
    for field, kind in spec.get("fields", {}).items():
        for key, value in _values(data, field.split("."), prefix):
            if not isinstance(value, str) or not value.strip():
                continue
            start = source.offset(doc.line(key))
            dotted = ".".join(str(k) for k in key)
            if kind == "markdown":
                blocks += markdown_blocks(value, source, start, dotted)
            elif kind == "paragraph":
                blocks += plain_text_blocks(value, source, start, dotted)
            else:
                blocks.append(text_block(kind, " ".join(value.split()), source, start, dotted))
    return blocks


def _values(data: Any, parts: list[str], key: tuple) -> Iterator[tuple[tuple, Any]]:
    """(key path, value) for a field such as "examples[]" or "ways[].detail"."""
    if not parts:
        yield key, data
        return
    head, rest = parts[0], parts[1:]
    name = head[:-2] if head.endswith("[]") else head
    if not isinstance(data, dict) or name not in data:
        return
    value = data[name]
    if head.endswith("[]"):
        for index, item in enumerate(value if isinstance(value, list) else []):
            yield from _values(item, rest, (*key, name, index))
    else:
        yield from _values(value, rest, (*key, name))


def _in_file_order(blocks: list[Block]) -> list[Block]:
    return sorted(blocks, key=lambda b: b.anchors[0][1] if b.anchors else 0)


# -- gettext catalogs ---------------------------------------------------------


def po_document(path: Path, shown: str, lang: str) -> Document:
    """The translated strings (msgstr) of a catalog, one block per message, in file order."""
    from babel.messages.pofile import read_po

    from informed.loading import read_text

    text = read_text(path)
    source = SourceText(shown, text)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    blocks: list[Block] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        string = message.string
        if isinstance(string, (list, tuple)):
            string = string[0] if string else ""
        if not string or not string.strip():
            continue
        start = _msgstr_offset(source, message.lineno)
        key = str(message.context or (message.locations[0][0] if message.locations else ""))
        if MARKDOWN_SYNTAX.search(string):
            blocks += markdown_blocks(string, source, start, key)
        else:
            blocks += plain_text_blocks(string, source, start, key)
    return Document(shown, lang, blocks)


MSGSTR = re.compile(r"^msgstr(?:\[0\])?\s", re.M)


def _msgstr_offset(source: SourceText, lineno: int | None) -> int:
    """Where the msgstr of the message starting at `lineno` begins."""
    start = source.offset(lineno or 1)
    found = MSGSTR.search(source.text, start)
    return found.start() if found else start

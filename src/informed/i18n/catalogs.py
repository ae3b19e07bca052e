"""PO catalogs: create, read, update losslessly and write atomically; merge the project's layers."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, unescape, write_po

from informed.atomic import write_atomic
from informed.errors import ContentError, InformedError, Problem
from informed.i18n.locales import babel_locale, cldr_plural_forms, po_path
from informed.i18n.poformat import gettext_layout, keep_header

if TYPE_CHECKING:
    from informed.project import Project

_NO_WRAP = 1_000_000
_DATE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', re.MULTILINE)


def is_translated(message: Message) -> bool:
    """Translated means not fuzzy and every form filled: a half-done plural is not translated."""
    if not message.id or message.fuzzy:
        return False
    if isinstance(message.string, (list, tuple)):
        return bool(message.string) and all(s.strip() for s in message.string)
    return bool(message.string and message.string.strip())


def has_text(message: Message) -> bool:
    """The translator wrote something, even if it is fuzzy or incomplete."""
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(s and s.strip() for s in strings)


def new_catalog(tag: str, domain: str) -> Catalog:
    locale = babel_locale(tag)
    catalog = Catalog(locale=locale, domain=domain, project="informed", version=_version(),
                      charset="utf-8", fuzzy=False, copyright_holder="the informed contributors",
                      language_team=f"{locale.get_display_name('en')}")
    catalog.header_comment = (
        f"# {locale.get_display_name('en')} translations of the informed {domain} strings.\n"
        "# Distributed under the same licence as informed. Translators: add your name to\n"
        f"# locales/{tag}/locale.yaml. See docs/translating.md.\n#")
    catalog.mime_headers = [("Plural-Forms", cldr_plural_forms(tag))]
    return catalog


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("informed")
    except PackageNotFoundError:
        return "0"


def read_catalog(path: Path, root: Path | None = None) -> Catalog:
    """Read a PO file; a syntax error becomes a ContentError naming the file and line."""
    from informed.i18n.pofile import parse_po

    try:
        catalog = parse_po(path, root)
    except PoFileError as exc:
        # Babel counts lines from 0 and appends " on <line>" to its message.
        line = exc.lineno + 1 if isinstance(exc.lineno, int) else None
        message = exc.args[0].removesuffix(f" on {exc.lineno}")
        raise ContentError([Problem(path, line, "", f"this is not a valid PO file: {message}")],
                           root) from None
    except UnicodeDecodeError:
        raise ContentError([Problem(path, None, "", "this file is not UTF-8 text; "
                                                    "save it as UTF-8")], root) from None
    for message in [*catalog, *catalog.obsolete.values()]:
        _read_previous(message)
    return catalog


def _read_previous(message: Message) -> None:
    """Babel reads "#| msgid" lines as translator comments; turn them back into previous_id."""
    parts: list[str] = []
    kept: list[str] = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            kept.append(comment)
            continue
        text = comment[1:].strip()
        for keyword in ("msgid_plural ", "msgid ", "msgctxt "):
            if text.startswith(keyword):
                if keyword != "msgctxt ":
                    parts.append("")
                text = text[len(keyword):].strip()
                if keyword == "msgctxt ":
                    text = ""
                break
        if parts and text.startswith('"') and text.endswith('"'):
            parts[-1] += unescape(text)
    if parts:
        message.previous_id = parts
        message.user_comments = kept


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No wrapping: Babel wraps "#| msgid" comments at 76 columns even with width=0, which
    # breaks them; a very wide width keeps every message and comment on one valid line.
    write_po(buffer, catalog, width=_NO_WRAP, include_previous=True, ignore_obsolete=False,
             sort_output=False)
    # Then wrapped as Poedit wraps, so a translator's commit shows only their changes.
    return gettext_layout(buffer.getvalue().decode("utf-8")).encode("utf-8")


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` to ``path`` atomically; False when nothing but the dates would change.

    The header already in the file (fields Poedit or the translator set) is kept."""
    data = render_po(catalog)
    if path.exists():
        data = keep_header(path.read_text(encoding="utf-8"), data.decode("utf-8")).encode("utf-8")
    if path.exists() and _DATE_HEADER.sub(b"", path.read_bytes()) == _DATE_HEADER.sub(b"", data):
        return False
    write_atomic(path, data)
    return True


@dataclass
class UpdateSummary:
    new: int = 0
    changed: int = 0
    removed: int = 0
    restored: int = 0
    lost: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"{self.new} new", f"{self.changed} changed (now fuzzy)",
                 f"{self.removed} no longer used (kept as obsolete)"]
        if self.restored:
            parts.append(f"{self.restored} used again (restored)")
        return ", ".join(parts)


def translations_of(catalog: Catalog) -> list[tuple[object, object]]:
    """Every (msgid, msgstr) a translator wrote, active or obsolete."""
    found = [(m.id, m.string) for m in catalog if m.id and has_text(m)]
    found.extend((m.id, m.string) for m in catalog.obsolete.values() if has_text(m))
    return found


def update_catalog(catalog: Catalog, template: Catalog) -> UpdateSummary:
    """Bring ``catalog`` up to date with ``template`` without losing anything a translator wrote.

    A changed source string becomes fuzzy with the previous msgid kept (``#| msgid``); a removed
    one becomes obsolete (``#~``); an obsolete one that is used again comes back.
    """
    before = translations_of(catalog)
    old_ids = {m.id for m in catalog if m.id}
    summary = UpdateSummary()
    # Keys of entries with a msgctxt are (msgid, msgctxt): look each up by its id and context.
    for key in [k for k, m in catalog.obsolete.items()
                if template.get(m.id, m.context) is not None]:
        message = catalog.obsolete.pop(key)
        catalog[message.id] = message
        summary.restored += 1
    previous = {m.id: m.previous_id for m in catalog if m.id and m.previous_id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False,
                   keep_user_comments=True, update_creation_date=True)
    for message in catalog:
        # Babel forgets the old English of a string that is still fuzzy; keep showing it.
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    for message in catalog:
        if not message.id:
            continue
        if message.previous_id and message.fuzzy and message.id not in old_ids:
            summary.changed += 1
        elif message.id not in old_ids and not has_text(message):
            summary.new += 1
    summary.removed = sum(1 for m in catalog.obsolete.values() if m.id in old_ids)
    after = {_freeze(s) for _i, s in translations_of(catalog)}
    summary.lost = [str(i) for i, s in before if _freeze(s) not in after]
    if summary.lost:
        # Never reached unless Babel changes: we refuse to write rather than lose work.
        raise InformedError("refusing to update: these translations would be lost: "
                            + "; ".join(summary.lost[:5]))
    return summary


def _freeze(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def new_from_template(tag: str, template: Catalog) -> Catalog:
    catalog = new_catalog(tag, template.domain or "")
    for message in template:
        if message.id:
            catalog.add(message.id, "" if isinstance(message.id, str) else
                        tuple("" for _ in range(catalog.num_plurals)),
                        locations=message.locations, flags=message.flags - {"fuzzy"},
                        auto_comments=message.auto_comments, context=message.context)
    return catalog


# --- layers ---------------------------------------------------------------------------


def layer_paths(project: Project, tag: str, domain: str) -> list[Path]:
    """The catalogs for one locale and domain, most specific (the project's own) first."""
    return [p for p in (po_path(layer, tag, domain) for layer in project.layers) if p.is_file()]


def lower_translated(project: Project, tag: str, domain: str) -> set[object]:
    """Msgids that the built-in catalogs translate, so a project's catalog need not."""
    found: set[object] = set()
    for layer in project.layers[1:]:
        path = po_path(layer, tag, domain)
        if path.is_file():
            found.update(m.id for m in read_catalog(path, project.root) if is_translated(m))
    return found


def project_template(project: Project, tag: str, template: Catalog,
                     current: Catalog | None) -> Catalog:
    """The template a project's own catalog follows: what the built-in ones leave untranslated,
    plus whatever the project already translates itself (its own wording wins)."""
    covered = lower_translated(project, tag, template.domain or "")
    if not covered:
        return template
    own = {m.id for m in current if is_translated(m)} if current is not None else set()
    kept = Catalog(domain=template.domain, project="informed", charset="utf-8", fuzzy=False)
    for message in template:
        if message.id and (message.id not in covered or message.id in own):
            kept[message.id] = message
    return kept


def effective_catalog(project: Project, tag: str, domain: str) -> Catalog | None:
    """One catalog from every layer: a translation in the project wins over the built-in one."""
    paths = layer_paths(project, tag, domain)
    if not paths:
        return None
    merged = read_catalog(paths[-1], project.root)
    for path in reversed(paths[:-1]):
        for message in read_catalog(path, project.root):
            if not message.id:
                continue
            lower = merged.get(message.id, message.context)
            if lower is None or is_translated(message) or not is_translated(lower):
                # Babel's item assignment merges into an entry that is already there, keeping
                # its text and its fuzzy flag: take the lower one out first.
                if lower is not None:
                    merged.delete(message.id, message.context)
                merged[message.id] = message
    return merged

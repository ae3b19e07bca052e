"""Notes for translators on every ui string: where it appears, what it is, and its room.

They are written into the catalogs as extracted comments (``#.``), which Poedit and Weblate
show beside the string. They come from the templates themselves, so a new string gets its note
without anyone writing one: the materials that use the template (following includes and
imports), the element the string sits in, and whether a fixed layout limits its length.
"""

from __future__ import annotations

import re
from pathlib import Path

from informed.materials import LARGE_PRINT, registry

_USES = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
_TAG = re.compile(r"<(h[1-6]|th|td|li|a|strong|p|title|button|label|dt|dd|caption|figcaption)\b")
_ROLES = {
    "h1": "the main heading", "h2": "a heading", "h3": "a heading", "h4": "a heading",
    "h5": "a heading", "h6": "a heading", "th": "a table heading",
    "td": "a table cell", "li": "a list item", "a": "a link", "strong": "a bold label",
    "p": "a paragraph", "title": "the document's title (browser tab and PDF title)",
    "button": "a button", "label": "a form label", "dt": "a term in a list",
    "dd": "a description in a list", "caption": "a table caption",
    "figcaption": "a figure caption",
}


def _users(templates: dict[str, str]) -> dict[str, set[str]]:
    """For each template, the material templates that use it, directly or not."""
    uses = {name: set(_USES.findall(text)) for name, text in templates.items()}
    users: dict[str, set[str]] = {name: set() for name in templates}
    for top in templates:
        seen, todo = {top}, [top]
        while todo:
            for used in uses.get(todo.pop(), ()):
                if used not in seen:
                    seen.add(used)
                    todo.append(used)
        for name in seen:
            users.setdefault(name, set()).add(top)
    return users


def _role(line: str, message: str) -> str | None:
    head = line.split(message[:20], 1)[0] if message[:20] in line else line
    if "{% block title %}" in head:
        return _ROLES["title"]
    if "content:" in head or "@page" in head:
        return "text printed in the page margin"
    tags = _TAG.findall(head)
    return _ROLES[tags[-1]] if tags else None


class Notes:
    """Writes the note for a string found at template locations."""

    def __init__(self, templates: dict[str, Path]) -> None:
        texts = {name: path.read_text(encoding="utf-8") for name, path in templates.items()}
        self.lines = {name: text.splitlines() for name, text in texts.items()}
        users = _users(texts)
        by_template: dict[str, list] = {}
        for material in registry().values():
            for variant in material.variants:
                by_template.setdefault(variant.template or material.template, []).append(
                    (material, variant))
        self.places: dict[str, list] = {
            name: [mv for top in sorted(users.get(name, ())) for mv in by_template.get(top, [])]
            for name in texts}

    def note(self, message: str, locations: list[tuple[str, int]]) -> str:
        where: dict[str, None] = {}
        fixed: dict[str, None] = {}
        roles: dict[str, None] = {}
        for name, line in locations:
            places = self.places.get(name, [])
            if not places:
                where["the index page of what was built" if name.startswith("index")
                      else "the program's own messages" if name.endswith(".py") else name] = None
            for material, variant in places:
                kind = material.title.split(":")[0].lower()
                where[kind] = None
                if variant.max_pages:
                    pages = f"{variant.max_pages} page{'s' if variant.max_pages > 1 else ''}"
                    fixed[f"the {_layout_name(variant.label, kind)} ({pages})"] = None
            text = self.lines.get(name, [])
            role = _role(text[line - 1], message) if 0 < line <= len(text) else None
            if role:
                roles[role] = None
        every = {m.title.split(":")[0].lower() for m in registry().values()}
        names = list(where)
        if every <= set(names):
            shown = "every material"
        else:
            shown = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        parts = [f"Appears in: {shown}."]
        if roles:
            parts.append("It is " + " / ".join(roles) + ".")
        if fixed:
            parts.append("Room is fixed in " + ", ".join(fixed) + ": keep it about as long as "
                         "the English, or the layout may not fit.")
        return " ".join(parts)


def _layout_name(label: str, kind: str) -> str:
    """"A3 poster" as it is; the label every material shares ("Large print") names which."""
    if label == LARGE_PRINT.label:
        return f"large-print {kind}"
    return label

"""Where a fixed layout overflows: the box that runs past its last page, and by how much."""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels


def _lines(box) -> list:
    if isinstance(box, boxes.LineBox):
        return [box] if any(isinstance(b, boxes.TextBox) and b.text.strip()
                            for b in box.descendants()) else []
    return [line for child in getattr(box, "children", ()) for line in _lines(child)]


def _body_lines(page) -> list:
    """The page's lines of text, leaving out its margin boxes (footers, page numbers)."""
    return [line for child in page._page_box.children
            if not isinstance(child, boxes.MarginBox) for line in _lines(child)]


def _name(element, parents: dict, text: str) -> str:
    """The nearest section of ``element`` a person can find: its heading and its id; or, in
    no section, the words it starts with (``text``)."""
    while element is not None:
        ident = element.get("id")
        heading = next((h for h in element.iter() if h.tag in ("h1", "h2", "h3")), None)
        if ident and element.tag not in ("h1", "h2", "h3", "h4"):
            title = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
            return f'"{title}" (#{ident})' if title else f"#{ident}"
        element = parents.get(element)
    words = text.split()
    return '"' + " ".join(words[:6]) + ("…" if len(words) > 6 else "") + '"'



def describe_overflow(document, room: int) -> str:
    """A sentence naming the box that runs past page ``room`` and how far, in lines and mm."""
    spilled = [line for page in document.pages[room:] for line in _body_lines(page)]
    if not spilled:
        return ""
    height = sum((max(line.position_y + line.height for line in lines)
                  - min(line.position_y for line in lines)) * MM
                 for lines in (_body_lines(page) for page in document.pages[room:]) if lines)
    root = next(child.element for child in document.pages[0]._page_box.children
                if not isinstance(child, boxes.MarginBox))
    parents = {child: parent for parent in root.iter() for child in parent}
    texts = [b for b in spilled[0].descendants() if isinstance(b, boxes.TextBox)]
    first = next((b.element for b in texts if b.element is not None), None)
    name = _name(first, parents, " ".join(b.text for b in texts))
    lines = f"{len(spilled)} line{'s' if len(spilled) != 1 else ''}"
    return (f"It runs over from {name}: {lines} ({height:.0f} mm) go past "
            f"page {room}.")

"""Our own PDF/UA checks on a built PDF's structure tree, read with pikepdf.

Each check returns a list of problems in words (empty when the PDF passes), so that a test
failure names every problem at once.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf

#: What a list and a list item may hold (ISO 32000-1 14.8.4.3.3).
LIST_KIDS = {"/L": {"/L", "/LI", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(value) -> bool:
    return isinstance(value, pikepdf.Dictionary) and value.get("/Type", "/StructElem") not in (
        "/OBJR", "/MCR") and "/S" in value


def elements(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Dictionary, tuple[str, ...]]]:
    """Every structure element reachable from the root, with the tags of its ancestors."""
    found = []

    def walk(element, path):
        for kid in _kids(element):
            if _is_element(kid):
                found.append((kid, path))
                walk(kid, (*path, str(kid.S)))

    walk(pdf.Root.StructTreeRoot, ())
    return found


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    """The structure tree's parent tree as {key: value} (a flat /Nums array, as WeasyPrint and
    most writers make it)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def document_problems(pdf: pikepdf.Pdf, lang: str) -> list[str]:
    """Title shown, language set, marked and tagged (PDF/UA 7.1, 7.2)."""
    problems = []
    if str(pdf.Root.get("/Lang", "")) != lang:
        problems.append(f"/Lang is {pdf.Root.get('/Lang')!r}, not {lang!r}")
    with pdf.open_metadata() as xmp:
        if not xmp.get("dc:title"):
            problems.append("no dc:title in the XMP metadata")
    if not str(pdf.docinfo.get("/Title", "")).strip():
        problems.append("no /Title")
    if not pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("the title is not shown in the window (DisplayDocTitle)")
    if not pdf.Root.get("/MarkInfo", {}).get("/Marked"):
        problems.append("not marked as tagged (MarkInfo /Marked)")
    return problems


def figure_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every figure has alternative text (PDF/UA 7.3)."""
    return [f"a Figure under {'/'.join(path[-3:])} has no /Alt"
            for element, path in elements(pdf)
            if element.S == "/Figure" and not str(element.get("/Alt", "")).strip()]


def list_problems(pdf: pikepdf.Pdf) -> list[str]:
    """A list holds only lists, items and a caption; an item only a label and a body, and is
    in a list."""
    problems = []
    for element, path in elements(pdf):
        if element.S == "/LI" and path[-1:] != ("/L",):
            problems.append(f"an LI under {'/'.join(path[-2:])}, not in an L")
        allowed = LIST_KIDS.get(str(element.S))
        if allowed is None:
            continue
        for kid in _kids(element):
            kind = str(kid.S) if _is_element(kid) else "marked content"
            if kind not in allowed:
                problems.append(f"{element.S} under {'/'.join(path[-2:])} holds {kind}")
    return problems


def link_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every link annotation sits in a Link element through an OBJR, and the parent tree
    leads from the annotation to that element (PDF/UA 7.18.5); each annotation has a
    description (/Contents)."""
    problems = []
    reachable = {element.objgen: element for element, _ in elements(pdf)}
    tree = parent_tree(pdf)
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            where = f"page {number}: link to {annotation.get('/Contents')}"
            parent = tree.get(int(annotation.get("/StructParent", -1)))
            if parent is None or parent.objgen not in reachable:
                problems.append(f"{where}: not in the structure tree")
                continue
            if parent.S != "/Link":
                problems.append(f"{where}: in a {parent.S}, not a Link")
            if not any(kid.get("/Type") == "/OBJR" and kid.Obj.objgen == annotation.objgen
                       for kid in _kids(parent) if isinstance(kid, pikepdf.Dictionary)):
                problems.append(f"{where}: its Link has no OBJR for it")
            if not str(annotation.get("/Contents", "")).strip():
                problems.append(f"{where}: no /Contents")
    return problems


def orphan_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every element that content is marked as belonging to is in the tree: none left out
    (WeasyPrint's page-margin elements were)."""
    reachable = {element.objgen for element, _ in elements(pdf)}
    orphans = 0
    for value in parent_tree(pdf).values():
        for element in (value if isinstance(value, pikepdf.Array) else [value]):
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable:
                orphans += 1
    return [f"{orphans} structure elements are not in the tree"] if orphans else []


def tree_problems(path: Path, lang: str) -> list[str]:
    """Every check above on the PDF at ``path``."""
    with pikepdf.open(path) as pdf:
        return [*document_problems(pdf, lang), *figure_problems(pdf), *list_problems(pdf),
                *link_problems(pdf), *orphan_problems(pdf)]


def headings(path: Path, levels: tuple[str, ...] = ("/H1", "/H2")) -> list[str]:
    """The text of the headings in the order of the structure tree, which is the order a
    screen reader reads them (text from each marked-content id's characters)."""
    text: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as doc:
        for number, page in enumerate(doc.pages):
            for char in page.chars:
                if char["mcid"] is not None:
                    key = (number, char["mcid"])
                    text[key] = text.get(key, "") + char["text"]
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}

        def content(element, page) -> str:
            page = pages[element.Pg.objgen] if "/Pg" in element else page
            return "".join(text.get((page, kid), "") if isinstance(kid, int)
                           else content(kid, page) if _is_element(kid) else ""
                           for kid in _kids(element))

        return [" ".join(content(element, None).split()) for element, _ in elements(pdf)
                if str(element.S) in levels]

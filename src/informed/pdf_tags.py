"""PDF/UA structure WeasyPrint leaves out: artifacts, lists of items only, a reader's order.

WeasyPrint 70 tags the running footer and page numbers of every page margin as ordinary
content, then leaves their structure elements out of the tree (PDF/UA wants them marked as
artifacts, ISO 14289-1 7.8), and it tags what it finds in a list as it comes: an empty
clearing box (``.facts::after``) inside an ``L``, a block inside an ``LI`` beside its text;
and its tags follow the document's order, which a printed layout may have to change
(:func:`informed.pdf.print_order`). :func:`install` patches the three places concerned
(WeasyPrint 70 is pinned, as for :mod:`informed.text_layer`).
"""

from __future__ import annotations

import pydyf
import weasyprint.draw
import weasyprint.pdf
import weasyprint.pdf.tags
from weasyprint.formatting_structure.boxes import MarginBox

_ORIGINAL = {}


def in_margin(stream) -> bool:
    """Whether ``stream`` is drawing a page-margin box (running footer, page number) now."""
    return getattr(stream, "_informed_margin", False)


def _draw_stacking_context(stream, stacking_context):
    """Draws as WeasyPrint does, noting on the stream while a page-margin box is drawn."""
    if not isinstance(stacking_context.box, MarginBox):
        return _ORIGINAL["draw"](stream, stacking_context)
    stream._informed_margin = True
    try:
        return _ORIGINAL["draw"](stream, stacking_context)
    finally:
        stream._informed_margin = False


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    """WeasyPrint's structure for ``box``; none for a page-margin box, whose content is drawn
    as an artifact (see :func:`informed.text_layer.install`) and so has no marked content.
    Notes the elements of HTML elements with an id or a ``data-read-after``."""
    if isinstance(box, MarginBox):
        return
    html = getattr(getattr(box, "_box", box), "element", None)
    own = html is not None and html.tag not in ("html", "body")
    for element in _ORIGINAL["tree"](box, parent, pdf, page_number, nums, annotations, tags):
        if own and html.get("id"):
            pdf.__dict__.setdefault("_informed_ids", {})[html.get("id")] = element
        if own and html.get("data-read-after"):
            pdf.__dict__.setdefault("_informed_moves", []).append(
                (element, html.get("data-read-after")))
        yield element


def _add_tags(pdf, document, pdf_version, page_streams):
    _ORIGINAL["add_tags"](pdf, document, pdf_version, page_streams)
    root = _resolve(pdf, pdf.catalog["StructTreeRoot"])
    for kid in root["K"]:
        _tidy_lists(pdf, _resolve(pdf, kid))
    _read_in_order(pdf)


def _read_in_order(pdf) -> None:
    """Moves each element marked ``data-read-after="ID"`` to just after the element with that
    id in the structure tree: the order a reader follows where the print layout places panels
    in another order (the tri-fold's flap and back, printed on the outside sheet, are read
    after the inside)."""
    ids = pdf.__dict__.get("_informed_ids", {})
    for element, target_id in pdf.__dict__.get("_informed_moves", []):
        target = ids.get(target_id)
        if target is None or target is element:
            continue
        parent = _resolve(pdf, element["P"])
        if element.reference not in parent["K"]:
            continue  # not where WeasyPrint put it (a wrapper was added): leave it there
        parent["K"] = pydyf.Array([k for k in parent["K"] if k != element.reference])
        home = _resolve(pdf, target["P"])
        kids = list(home["K"])
        kids.insert(kids.index(target.reference) + 1, element.reference)
        home["K"] = pydyf.Array(kids)
        element["P"] = home.reference


def _resolve(pdf, value):
    """The object a reference (b"12 0 R") points to; anything else as it is."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value


def _element(pdf, kind: str, parent, kids: list) -> pydyf.Dictionary:
    element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{kind}", "K": pydyf.Array(kids),
                                "P": parent.reference})
    if "Pg" in parent:
        element["Pg"] = parent["Pg"]
    pdf.add_object(element)
    return element


def _adopt(pdf, child_ref, parent) -> None:
    child = _resolve(pdf, child_ref)
    if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
        child["P"] = parent.reference


def _kind(pdf, ref) -> str | None:
    value = _resolve(pdf, ref)
    if isinstance(value, pydyf.Dictionary) and value.get("Type") == "/StructElem":
        return value["S"]
    return None


def _tidy_lists(pdf, element) -> None:
    """An ``L`` holds only ``L``, ``LI`` and ``Caption``, an ``LI`` only ``Lbl`` and ``LBody``,
    and an ``LI`` is in an ``L`` (ISO 32000-1 14.8.4.3.3): an empty box in a list goes;
    anything else in a list goes into an item of its own; anything else in an item joins the
    item's body; items outside a list go into one."""
    kind = element.get("S")
    kids = list(element.get("K", ()))
    if kind == "/L":
        tidy = []
        for ref in kids:
            if _kind(pdf, ref) in ("/L", "/LI", "/Caption"):
                tidy.append(ref)
            elif _kind(pdf, ref) == "/NonStruct" and not _resolve(pdf, ref)["K"]:
                continue  # a clearing box (::after) with nothing in it
            elif _kind(pdf, ref) is not None:
                item = _element(pdf, "LI", element, [])
                body = _element(pdf, "LBody", item, [ref])
                item["K"].append(body.reference)
                _adopt(pdf, ref, body)
                tidy.append(item.reference)
            else:
                tidy.append(ref)
        element["K"] = pydyf.Array(tidy)
    elif kind == "/LI":
        tidy, body = [], None
        for ref in kids:
            if _kind(pdf, ref) in ("/Lbl", "/LBody"):
                tidy.append(ref)
                body = _resolve(pdf, ref) if _kind(pdf, ref) == "/LBody" else None
            elif _kind(pdf, ref) is not None:
                if body is None:
                    body = _element(pdf, "LBody", element, [])
                    tidy.append(body.reference)
                body["K"].append(ref)
                _adopt(pdf, ref, body)
            else:
                tidy.append(ref)
        element["K"] = pydyf.Array(tidy)
    else:
        # An item cut off from its list (a definition list split over a page): in a list again.
        tidy, run, moved = [], None, False
        for ref in kids:
            if _kind(pdf, ref) == "/LI":
                moved = True
                if run is None:
                    run = _element(pdf, "L", element, [])
                    tidy.append(run.reference)
                run["K"].append(ref)
                _adopt(pdf, ref, run)
            else:
                run = None
                tidy.append(ref)
        if moved:
            element["K"] = pydyf.Array(tidy)
    for ref in element.get("K", ()):
        child = _resolve(pdf, ref)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            _tidy_lists(pdf, child)


def install() -> None:
    """Patch WeasyPrint once: safe to call more than once."""
    if _ORIGINAL:
        return
    _ORIGINAL["draw"] = weasyprint.draw.draw_stacking_context
    _ORIGINAL["tree"] = weasyprint.pdf.tags._build_box_tree
    _ORIGINAL["add_tags"] = weasyprint.pdf.add_tags
    weasyprint.draw.draw_stacking_context = _draw_stacking_context
    weasyprint.pdf.tags._build_box_tree = _build_box_tree
    weasyprint.pdf.add_tags = _add_tags

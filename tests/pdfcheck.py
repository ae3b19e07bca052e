"""Reading built PDFs for tests: text, word positions, font sizes, figures, tags and page boxes."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pikepdf

MM = 72 / 25.4
#: Page sizes in millimetres, portrait.
SIZES = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page in drawing order, whitespace flattened, margin boxes included.

    Drawing order (-raw) keeps a running footer in one piece, where pdftotext's own reading
    order can interleave it with a box of body text beside it.
    """
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [flat(page) for page in text.split("\f")[:-1]]


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _boxes(path: Path, option: str, tag: str) -> list[Word]:
    """Boxes of ``tag`` elements from pdftotext's XML, in millimetres from the page's top-left."""
    xml = subprocess.run(["pdftotext", option, str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    found = []
    for number, page in enumerate(xml.split("<page ")[1:]):
        for m in re.finditer(rf'<{tag} xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             rf'yMax="([\d.]+)">(.*?)</{tag}>', page, re.S):
            x0, y0, x1, y1 = (float(m.group(i)) / MM for i in range(1, 5))
            inner = m.group(5)
            text = " ".join(re.findall(r">([^<]*)</word>", inner)) if "<word" in inner else inner
            found.append(Word(number, x0, y0, x1, y1, text))
    return found


def words(path: Path) -> list[Word]:
    """Every word with its box in millimetres from the top-left corner of its page."""
    return _boxes(path, "-bbox", "word")


def lines(path: Path) -> list[Word]:
    """Every line of text as pdftotext groups them, with its box in millimetres."""
    return _boxes(path, "-bbox-layout", "line")


def find_phrase(found: list[Word], phrase: str) -> list[Word]:
    """The words of the first place ``phrase`` occurs, in reading order."""
    wanted = phrase.split()
    for i in range(len(found) - len(wanted) + 1):
        run = found[i:i + len(wanted)]
        if [w.text for w in run] == wanted and len({w.page for w in run}) == 1:
            return run
    raise AssertionError(f"{phrase!r} not found in the PDF")


def page_size_mm(page: pikepdf.Page) -> tuple[int, int]:
    """The trimmed page size in whole millimetres (the TrimBox, so bleed does not count)."""
    x0, y0, x1, y1 = (float(v) for v in page.trimbox)
    return round((x1 - x0) / MM), round((y1 - y0) / MM)


def expected_size(page: str) -> tuple[int, int]:
    """"A4", "A3" or "A4 landscape" in millimetres."""
    name, *orientation = page.split()
    width, height = SIZES[name]
    return (height, width) if orientation == ["landscape"] else (width, height)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _apply(m: list[float], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass(frozen=True)
class Text:
    """One run of shown text: its size in points and its origin in mm from the top left."""

    page: int
    size: float
    x: float
    y: float


@dataclass
class Layout:
    texts: list[Text]
    #: Boxes (x0, y0, x1, y1 in mm from the top left) of everything drawn inside a Figure.
    figures: list[tuple[int, float, float, float, float]]


def layout(path: Path) -> Layout:
    """Walk each page's content stream, tracking the transformation matrix, to find the size
    and place of every text run and the area of every figure (an image or inline SVG)."""
    texts: list[Text] = []
    figures = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            height = float(page.mediabox[3])
            ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            stack: list[list[float]] = []
            marked: list[str] = []
            figure_points: list[tuple[float, float]] = []
            size = 0.0
            tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    stack.append(ctm)
                elif op == "Q":
                    ctm = stack.pop()
                elif op == "cm":
                    ctm = _multiply([float(v) for v in operands], ctm)
                elif op in ("BDC", "BMC"):
                    marked.append(str(operands[0]))
                elif op == "EMC":
                    tag = marked.pop()
                    if tag == "/Figure" and figure_points:
                        xs = [p[0] for p in figure_points]
                        ys = [p[1] for p in figure_points]
                        figures.append((number, min(xs) / MM, (height - max(ys)) / MM,
                                        max(xs) / MM, (height - min(ys)) / MM))
                        figure_points = []
                elif op == "Tf":
                    size = float(operands[1])
                elif op == "Tm":
                    tm = [float(v) for v in operands]
                elif op in ("TJ", "Tj"):
                    full = _multiply(tm, ctm)
                    scale = (full[0] ** 2 + full[1] ** 2) ** 0.5
                    x, y = _apply(full, 0, 0)
                    texts.append(Text(number, round(size * scale, 2), x / MM,
                                      (height - y) / MM))
                elif "/Figure" in marked and op in ("m", "l", "c", "re"):
                    values = [float(v) for v in operands]
                    if op == "re":
                        x, y, w, h = values
                        values = [x, y, x + w, y + h]
                    for i in range(0, len(values) - 1, 2):
                        figure_points.append(_apply(ctm, values[i], values[i + 1]))
    return Layout(texts, figures)


def tagged_figures(path: Path) -> list[pikepdf.Dictionary]:
    """Structure elements of type Figure, after checking the PDF is tagged PDF/UA."""
    figures: list = []
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root, f"{path.name} is not tagged"
        assert pdf.Root.MarkInfo.Marked
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1", f"{path.name} is not PDF/UA"

        def walk(node):
            if isinstance(node, pikepdf.Array):
                for item in node:
                    walk(item)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append({"alt": str(node.get("/Alt", ""))})
                if "/K" in node:
                    walk(node.K)

        walk(pdf.Root.StructTreeRoot)
    return figures


class Outline(HTMLParser):
    """The tags, attributes, headings and text of an HTML page or fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.chunks: list[str] = []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return flat(" ".join(self.chunks))

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]

    def section_text(self, html: str, section_id: str) -> str:
        """The text of the element with ``id``; good enough for our templates' <section>s."""
        match = re.search(rf'<(section|aside|div|header)[^>]*\bid="{re.escape(section_id)}"',
                          html)
        assert match, f'no element with id="{section_id}"'
        tag, start, depth = match.group(1), match.start(), 0
        for m in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                return Outline(html[start:start + m.end()]).text
        raise AssertionError(f"unclosed {tag} #{section_id}")

"""The readability checker's functions: text, Markdown or HTML in, a Report out."""

from __future__ import annotations

from pathlib import Path

from .analysis import analyse_document
from .document import Document, SourceText, plain_text_blocks
from .lexicon import Lexicon, build_lexicon
from .report import Counts, Finding, Report, Score, Sentence
from .targets import TargetConfig, Targets, load_targets

__all__ = [
    "Checker", "Counts", "Document", "Finding", "Lexicon", "Report", "Score", "Sentence",
    "TargetConfig", "Targets", "analyse_document", "analyse_html", "analyse_markdown",
    "analyse_text", "build_lexicon", "load_targets", "summarise",
]


def analyse_text(text: str, lang: str = "en", source: str = "<text>",
                 targets: Targets | None = None, lexicon: Lexicon | None = None,
                 findings: bool = True) -> Report:
    """Plain text: paragraphs at blank lines; lines starting with a bullet are list items.

    With `findings` false, only counts and scores are worked out.
    """
    src = SourceText(source, text)
    document = Document(source, lang, plain_text_blocks(text, src))
    return analyse_document(document, targets, lexicon, findings)


def analyse_markdown(markdown: str, lang: str = "en", source: str = "<markdown>",
                     targets: Targets | None = None, lexicon: Lexicon | None = None) -> Report:
    """Markdown: headings, paragraphs, list items and table cells; code is skipped."""
    from .extract import markdown_blocks

    src = SourceText(source, markdown)
    document = Document(source, lang, markdown_blocks(markdown, src))
    return analyse_document(document, targets, lexicon)


def analyse_html(html: str, lang: str | None = None, source: str = "<html>",
                 targets: Targets | None = None, lexicon: Lexicon | None = None,
                 material: str | None = None) -> Report:
    """A built page: the text of <main> (or <body>), without nav, footer, script or style.

    The language is the page's <html lang> unless `lang` is given.
    """
    from .extract import html_blocks

    src = SourceText(source, html)
    blocks, page_lang = html_blocks(html, src)
    document = Document(source, lang or page_lang or "en", blocks, material)
    return analyse_document(document, targets, lexicon)


def summarise(report: Report, targets: Targets | None = None) -> str:
    """One line for `informed build`: the main score, sentence length, findings, misses."""
    parts: list[str] = []
    if report.reading_age is not None:
        target = f" (target {targets.describe_reading_age()})" if targets else ""
        parts.append(f"reading age {report.reading_age:.1f}{target}")
    smog = report.score("smog")
    if smog is not None:
        parts.append(f"SMOG {smog:.1f}")
    for score in report.scores:
        if report.lang[:2] != "en" and score.name != "lix":
            parts.append(f"{score.label} {score.value:.1f}")
    if not report.validated:
        lix = report.score("lix")
        if lix is not None:
            parts.append(f"LIX {lix:.0f} (relative; no validated formula)")
    parts.append(f"{report.words_per_sentence:.1f} words per sentence")
    warnings = len(report.findings) - len(report.misses)
    parts.append(f"{warnings} finding{'s' if warnings != 1 else ''}")
    if report.misses:
        parts.append(f"{len(report.misses)} target{'s' if len(report.misses) != 1 else ''} "
                     "missed")
    return f"{report.path}: " + ", ".join(parts)


class Checker:
    """Readability for `informed build`: targets and glossary loaded once, then page by page.

        checker = Checker(project.root, project.layers)
        report = checker.check_html(html, "output/x/en-GB/leaflet.html", "leaflet")
        echo(summarise(report, checker.targets("leaflet")))
        if strict and report.misses: ...fail...
    """

    def __init__(self, project_root: Path, layers: list[Path] | None = None) -> None:
        from .sources import load_glossary

        self.config: TargetConfig = load_targets(project_root)
        self.lexicon: Lexicon = build_lexicon(load_glossary(layers or [project_root]))

    def targets(self, material: str | None, lang: str | None = None) -> Targets:
        return self.config.for_material(material, lang)

    def check_html(self, html: str, source: str, material: str | None = None,
                   lang: str | None = None) -> Report:
        """Score a built page (its <main>) against its material's targets."""
        from .extract import html_blocks

        blocks, page_lang = html_blocks(html, SourceText(source, html))
        lang = lang or page_lang or "en"
        material = self.config.material_for(source) or material
        document = Document(source, lang, blocks, material)
        return analyse_document(document, self.targets(material, lang), self.lexicon)

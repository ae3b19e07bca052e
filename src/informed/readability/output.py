"""Write reports as linter-style text, JSON for tools, or an HTML page a person can read."""

from __future__ import annotations

import json
from html import escape
from itertools import pairwise

from .analysis import NOT_LETTERS, SHORT_SENTENCE, sentence_band, sentence_difficulty
from .data import data_bytes
from .metrics import base_language
from .report import Finding, Report, Sentence
from .syllables import counter
from .targets import TargetConfig, Targets


def targets_for(report: Report, config: TargetConfig) -> Targets:
    return config.for_material(report.material, report.lang)


# -- text ---------------------------------------------------------------------


def format_finding(finding: Finding) -> str:
    advice = f" {finding.suggestion}" if finding.suggestion else ""
    return f"{finding.location()}: {finding.rule}: {finding.message}.{advice}"


def format_text(reports: list[Report], config: TargetConfig) -> str:
    from . import summarise

    lines: list[str] = []
    for report in reports:
        lines += [format_finding(f) for f in report.findings]
    lines += [summarise(r, targets_for(r, config)) for r in reports]
    for report in reports:
        if report.note and not report.validated:
            lines.append(f"{report.path}: note: {report.note}")
    lines.append(_totals_line(reports))
    return "\n".join(lines) + "\n"


def _totals_line(reports: list[Report]) -> str:
    findings = sum(len(r.findings) - len(r.misses) for r in reports)
    misses = sum(len(r.misses) for r in reports)
    files = len(reports)
    return (f"{files} file{'s' if files != 1 else ''} checked, {findings} "
            f"finding{'s' if findings != 1 else ''}, {misses} target"
            f"{'s' if misses != 1 else ''} missed.")


# -- JSON ---------------------------------------------------------------------


def format_json(reports: list[Report], config: TargetConfig) -> str:
    files = []
    for report in reports:
        entry = report.as_dict()
        targets = targets_for(report, config)
        entry["targets"] = {
            "reading_age": list(targets.reading_age), "smog": targets.smog,
            "sentence_words": targets.sentence_words,
            "max_sentence_words": targets.max_sentence_words,
            "paragraph_sentences": targets.paragraph_sentences, "lix": targets.lix,
            "min_words": targets.min_words,
        }
        entry["targets_missed"] = len(report.misses)
        files.append(entry)
    totals = {
        "files": len(reports),
        "findings": sum(len(r.findings) - len(r.misses) for r in reports),
        "targets_missed": sum(len(r.misses) for r in reports),
    }
    return json.dumps({"files": files, "totals": totals}, ensure_ascii=False, indent=2) + "\n"


# -- HTML ---------------------------------------------------------------------

BAND_LABELS = ("easy to read", "a little hard", "hard")


def format_html(reports: list[Report], config: TargetConfig) -> str:
    style = data_bytes("report.css").decode("utf-8")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Readability report</title>",
        f"<style>{style}</style></head><body><main>",
        "<h1>Readability report</h1>",
        f"<p class=\"totals\">{escape(_totals_line(reports))}</p>",
        _legend(),
    ]
    if len(reports) > 1:
        parts.append('<nav aria-label="Files"><ul>')
        for index, report in enumerate(reports):
            flag = " ⚠" if report.misses else ""
            parts.append(f'<li><a href="#doc-{index}">{escape(report.path)}</a>{flag}</li>')
        parts.append("</ul></nav>")
    for index, report in enumerate(reports):
        parts.append(_document_html(report, targets_for(report, config), index))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _legend() -> str:
    items = "".join(f'<li><span class="s band-{i}">{label}</span></li>'
                    for i, label in enumerate(BAND_LABELS))
    return (f'<div class="legend"><p>Each sentence is coloured by how hard it is to read:</p>'
            f"<ul>{items}</ul><p>Sentences of {SHORT_SENTENCE} words or more are judged by "
            f"their own reading age against the target; shorter ones by their share of long "
            f"words. <b>Long words</b> are in bold (3 or more syllables in English, 4 or more "
            f"in Polish, more than 6 letters elsewhere). Underlined words "
            f"have advice: hover over them, or see the numbered list after each text.</p></div>")


def _document_html(report: Report, targets: Targets, index: int) -> str:
    out = [f'<section class="doc" id="doc-{index}">', f"<h2>{escape(report.path)}</h2>"]
    out.append(_summary_table(report, targets))
    if report.note:
        out.append(f'<p class="note">{escape(report.note)}</p>')
    if report.misses:
        out.append('<ul class="misses">')
        for miss in report.misses:
            out.append(f"<li><strong>Target missed:</strong> {escape(miss.message)}. "
                       f"{escape(miss.suggestion)}</li>")
        out.append("</ul>")
    numbered = [f for f in report.findings if f.block is not None]
    numbers = {id(f): n for n, f in enumerate(numbered, 1)}
    by_block: dict[int, list[Sentence]] = {}
    for sentence in report.sentences:
        by_block.setdefault(sentence.block, []).append(sentence)
    out.append('<div class="text">')
    in_list = False
    for block_index, sentences in sorted(by_block.items()):
        block = report.blocks[block_index]
        if block.kind == "item" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "item" and in_list:
            out.append("</ul>")
            in_list = False
        tag = {"heading": "h3", "item": "li"}.get(block.kind, "p")
        findings = [f for f in numbered if f.block == block_index]
        spans = " ".join(_sentence_html(s, report, targets, findings, numbers) for s in sentences)
        out.append(f'<{tag}><span class="where">{sentences[0].line}</span> {spans}</{tag}>')
    if in_list:
        out.append("</ul>")
    out.append("</div>")
    if numbered:
        out.append('<ol class="findings">')
        for finding in numbered:
            out.append(
                f'<li id="f-{index}-{numbers[id(finding)]}"><span class="where">'
                f"{finding.line}:{finding.column}</span> <strong>{escape(finding.rule)}</strong>: "
                f"{escape(finding.message)}. {escape(finding.suggestion)}</li>")
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)


def _summary_table(report: Report, targets: Targets) -> str:
    c = report.counts
    rows = []
    if report.reading_age is not None:
        rows.append(("UK reading age", f"{report.reading_age:.1f}",
                     f"target {targets.describe_reading_age()}"))
    for score in report.scores:
        target = ""
        if score.name == "smog" and targets.smog is not None:
            target = f"target {targets.smog:g} or less"
        meaning = "; ".join(x for x in (score.interpretation, target) if x)
        rows.append((score.label, f"{score.value:.1f}", meaning))
    rows.append(("Words per sentence", f"{report.words_per_sentence:.1f}",
                 f"each sentence {targets.sentence_words} words or fewer"))
    rows.append(("Words of 3+ syllables", f"{report.percent_polysyllables:.1f}%", ""))
    rows.append(("Counts", "", f"{c.sentences} sentences, {c.words} words, {c.syllables} "
                 f"syllables, {c.letters} letters, {c.polysyllables} words of 3+ syllables"))
    body = "".join(f"<tr><th scope=\"row\">{escape(a)}</th><td>{escape(b)}</td>"
                   f"<td>{escape(d)}</td></tr>" for a, b, d in rows)
    return f'<table class="scores"><tbody>{body}</tbody></table>'


def _long_words(sentence: Sentence, lang: str) -> list[tuple[int, int]]:
    """Where the hard words are, as each language's measure counts them: 3+ syllables in
    English (SMOG), 4+ in Polish (FOG-PL), more than 6 letters elsewhere (LIX)."""
    lang = base_language(lang)
    count = counter(lang)
    words = [t for t in sentence.tokens if t.kind == "word"]
    if lang == "en" and count is not None:
        hard = [t for t in words if count(t, False) >= 3]
    elif lang == "pl" and count is not None:
        hard = [t for t in words if count(t, False) >= 4]
    else:
        hard = [t for t in words if len(t.text.translate(NOT_LETTERS)) > 6]
    return [(t.start, t.start + len(t.text)) for t in hard]


def _sentence_html(sentence: Sentence, report: Report, targets: Targets,
                   findings: list[Finding], numbers: dict[int, int]) -> str:
    band = sentence_band(sentence, report.lang, targets)
    title = f"line {sentence.line}: {sentence.words} words"
    if sentence.words >= SHORT_SENTENCE:
        difficulty = sentence_difficulty(sentence, report.lang)
        title += (f", reading age {difficulty:.0f}" if report.reading_age is not None
                  else f", LIX {difficulty:.0f}")
    start, end = sentence.start, sentence.start + len(sentence.text)
    inside = [f for f in findings if f.start < end and f.end > start]
    whole = [f for f in inside if f.start <= start and f.end >= end]
    partial = [f for f in inside if f not in whole]
    long_words = _long_words(sentence, report.lang)
    # Cut the sentence at the edges of findings and long words; mark each piece.
    edges = [max(start, min(end, x)) for f in partial for x in (f.start, f.end)]
    edges += [x for span in long_words for x in span]
    cuts = sorted({start, end, *edges})
    pieces = []
    for a, b in pairwise(cuts):
        text = escape(sentence.text[a - start: b - start])
        if any(s <= a and e >= b for s, e in long_words):
            text = f"<b>{text}</b>"
        marks = [f for f in partial if f.start <= a and f.end >= b]
        if marks:
            advice = " | ".join(f"{f.rule}: {f.message}. {f.suggestion}" for f in marks)
            refs = "".join(f"<sup>{numbers[id(f)]}</sup>" for f in marks if f.end == b)
            rules = " ".join(f"r-{f.rule}" for f in marks)
            pieces.append(f'<mark class="f {rules}" title="{escape(advice)}">{text}</mark>{refs}')
        else:
            pieces.append(text)
    if whole:
        title += " | " + " | ".join(f"{f.rule}: {f.message}. {f.suggestion}" for f in whole)
    refs = "".join(f"<sup>{numbers[id(f)]}</sup>" for f in whole if f.start >= start)
    classes = f"s band-{band}" + (" whole" if whole else "")
    return f'<span class="{classes}" title="{escape(title)}">{"".join(pieces)}</span>{refs}'

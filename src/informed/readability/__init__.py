"""Readability checker: plain-language scores and findings for patient materials.

Pure functions: text in, a Report out (counts, scores, reading age, sentences
with their file:line, and findings with advice). See docs/readability.md.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Checker", "Counts", "Document", "Finding", "Lexicon", "Report", "Score", "Sentence",
    "TargetConfig", "Targets", "analyse_document", "analyse_html", "analyse_markdown",
    "analyse_text", "build_lexicon", "load_targets", "summarise",
]


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that commands that never score text (informed --help) start fast.
    if name in __all__:
        from informed.readability import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

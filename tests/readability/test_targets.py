"""Targets: NHS defaults, per-material overrides, validation messages, and judging a report."""

from __future__ import annotations

from dataclasses import replace

import pytest

from informed.readability import Targets, analyse_text
from informed.readability.rules import RULES
from informed.readability.targets import RULES as RULE_NAMES
from informed.readability.targets import TargetError, build_config


def test_defaults_follow_nhs_guidance():
    config = build_config(None)
    assert config.default == Targets(reading_age=(9, 11), smog=10, sentence_words=20,
                                     max_sentence_words=30, paragraph_sentences=3, lix=None,
                                     min_words=100, disable=frozenset())
    assert config.for_material("consent-form").reading_age == (11, 14)
    assert config.for_material("leaflet") == config.default
    assert config.material_for("content/studies/blood-test/study.yaml") == (
        "participant-information-sheet")


def test_a_project_sets_defaults_materials_and_files():
    config = build_config({
        "targets": {"sentence_words": 15, "reading_age": 10},
        "materials": {"poster": {"reading_age": [8, 9]}},
        "files": {"content/uses/legal-*.md": "consent-form"},
    })
    assert config.default.sentence_words == 15
    assert config.default.reading_age == (10, 10)
    assert config.for_material("poster").reading_age == (8, 9)
    assert config.for_material("poster").sentence_words == 15
    # Packaged material targets sit on the project's defaults.
    assert config.for_material("consent-form").reading_age == (11, 14)
    assert config.for_material("consent-form").sentence_words == 15
    assert config.material_for("content/uses/legal-duties.md") == "consent-form"


def test_targets_can_differ_per_language():
    config = build_config({"languages": {"ur": {"sentence_words": 25, "max_sentence_words": 35}},
                           "materials": {"poster": {"reading_age": [8, 9]}}})
    assert config.for_material("poster", "ur").sentence_words == 25
    assert config.for_material("poster", "ur").reading_age == (8, 9)
    assert config.for_material("poster", "ur_PK").max_sentence_words == 35
    assert config.for_material("poster", "en-GB").sentence_words == 20


def test_every_problem_is_reported_with_its_key():
    with pytest.raises(TargetError) as caught:
        build_config({
            "targets": {"smog": "ten", "reading_age": [11, 9], "sentence_word": 20},
            "materials": {"poster": {"disable": ["passive"]}},
            "colours": 1,
        })
    assert [(key, message) for _, key, message in caught.value.problems] == [
        ("readability.colours",
         'unknown field "colours"; expected targets, materials, files or languages'),
        ("readability.targets.smog", 'expected a number, got "ten"'),
        ("readability.targets.reading_age",
         "expected a reading age such as 11 or a range such as [9, 11], got [11, 9]"),
        ("readability.targets.sentence_word",
         'unknown target "sentence_word"; known targets are: reading_age, smog, '
         "sentence_words, max_sentence_words, paragraph_sentences, lix, min_words, disable"),
        ("readability.materials.poster.disable",
         'unknown rule "passive"; rules are: ' + ", ".join(RULE_NAMES)),
    ]


def test_targets_must_be_finite_numbers():
    with pytest.raises(TargetError) as caught:
        build_config({"targets": {"smog": float("nan"), "reading_age": [9, float("inf")]}})
    assert [(key, message) for _, key, message in caught.value.problems] == [
        ("readability.targets.smog", "expected a number, got nan"),
        ("readability.targets.reading_age",
         "expected a reading age such as 11 or a range such as [9, 11], got [9, inf]"),
    ]


def test_the_rule_names_targets_accept_are_the_rules_that_exist():
    assert tuple(name for name, _ in RULES) == RULE_NAMES


LONG_HARD_TEXT = " ".join(
    ["Organisational accountability necessitates comprehensive documentation of "
     "information governance arrangements."] * 12)


def test_a_hard_text_misses_the_reading_age_and_smog_targets():
    report = analyse_text(LONG_HARD_TEXT, source="hard.md")
    assert report.counts.words == 108  # 12 sentences of 9 words
    assert [(f.rule, f.severity) for f in report.misses] == [
        ("reading-age", "error"), ("smog", "error")]
    assert report.misses[0].location() == "hard.md:1:1"
    assert report.misses[0].suggestion.startswith("Use shorter sentences and everyday words")


def test_short_texts_are_not_judged_on_scores():
    report = analyse_text(LONG_HARD_TEXT[:300], source="hard.md")
    assert report.counts.words < 100
    assert report.misses == []


def test_a_material_allowed_a_higher_reading_age_passes():
    lenient = replace(Targets(), reading_age=(11, 50), smog=50)
    assert analyse_text(LONG_HARD_TEXT, targets=lenient).misses == []

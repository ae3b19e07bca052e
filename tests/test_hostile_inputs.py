"""Hostile and careless inputs found by fuzzing: each is bad input, exit 2, at its file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, practice_yaml, run

PRACTICE = "content/practices/example-surgery/practice.yaml"
UI = "locales/pl/LC_MESSAGES/ui.po"
BUILT_IN_UI = (REPO / UI).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def assert_bad_input(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert "unexpected error" not in result.output and "Traceback" not in result.output
    assert expected in result.output, result.output


# 1 and 7: PO headers --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("locale", "check", "pl"),
                                     ("build", "--locale", "pl", "--material", "poster",
                                      "--format", "html")])
def test_an_unknown_po_charset_is_bad_input_at_its_line(project, command):
    text = BUILT_IN_UI.replace("charset=utf-8", "charset=foo-bogus")
    root = project({UI: text})
    line = line_of(text, "Content-Type:")
    assert_bad_input(run(root, *command),
                     f'{UI}:{line}: Content-Type: expected "text/plain; charset=UTF-8", got '
                     'charset "foo-bogus"; save the file as UTF-8 and say so here\n'
                     "1 problem found.")


def test_a_po_file_in_another_encoding_is_named_at_its_line(project):
    text = BUILT_IN_UI.replace("charset=utf-8", "charset=ISO-8859-2")
    line = line_of(text, "Content-Type:")
    body = text.encode("iso-8859-2", errors="replace")
    root = project({UI: body})
    result = run(root, "locale", "check", "pl")
    bad = body.index(next(bytes([b]) for b in body if b >= 0x80))
    first = body[:bad].count(b"\n") + 1
    assert_bad_input(result, f"{UI}:{first}: this file is not UTF-8 text; save it as UTF-8")
    root = project({UI: text})  # the same header, but the text really is UTF-8
    assert_bad_input(run(root, "locale", "check", "pl"),
                     f'{UI}:{line}: Content-Type: expected "text/plain; charset=UTF-8", got '
                     'charset "ISO-8859-2"')


def test_missing_language_and_plural_forms_are_reported_at_the_header(project):
    text = re.sub(r'^"(Language|Plural-Forms): .*\n', "", BUILT_IN_UI, flags=re.MULTILINE)
    root = project({UI: text})
    header = line_of(text, 'msgid ""')
    result = run(root, "locale", "check", "pl")
    assert_bad_input(result, f'{UI}:{header}: Language: expected "pl" for the folder pl, got '
                             '"nothing"\n')
    assert f"{UI}:{header}: missing the Plural-Forms header; expected \"nplurals=4;" \
        in result.output


# 12: a msgid given twice ---------------------------------------------------------------------


def test_a_msgid_given_twice_is_reported_at_both_lines_and_never_dropped(project):
    first = line_of(BUILT_IN_UI, 'msgid "Version %(version)s"')
    text = BUILT_IN_UI.rstrip("\n") + '\n\nmsgid "Version %(version)s"\nmsgstr "W. %(version)s"\n'
    second = len(text.splitlines()) - 1
    root = project({UI: text})
    expected = (f'{UI}:{first}: msgid "Version %(version)s": given twice (again on line '
                f"{second}); merge the two translations into one entry\n"
                f'{UI}:{second}: msgid "Version %(version)s": given twice (first on line '
                f"{first}); merge the two translations into one entry\n2 problems found.")
    assert_bad_input(run(root, "locale", "check", "pl"), expected)
    assert_bad_input(run(root, "locale", "update", "pl"), expected)
    # Both translations are still there, as the translator wrote them.
    assert (root / UI).read_text(encoding="utf-8") == text


# 2 and 3: logos ------------------------------------------------------------------------------


def test_a_logo_name_too_long_for_the_file_system_is_bad_input(project):
    name = "a" * 300 + ".svg"
    root = project({PRACTICE: practice_yaml(logo=f"logo: {name}")})
    line = line_of(practice_yaml(logo=f"logo: {name}"), "logo:")
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f'{PRACTICE}:{line}: logo: "{name}" cannot be opened: File name too long\n')


def test_a_logo_that_links_to_itself_is_bad_input(project):
    root = project({PRACTICE: practice_yaml(logo="logo: loop.svg")})
    (root / PRACTICE).parent.joinpath("loop.svg").symlink_to("loop.svg")
    line = line_of(practice_yaml(logo="logo: loop.svg"), "logo:")
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f'{PRACTICE}:{line}: logo: "loop.svg" is a link that leads back to itself; '
                     "put the logo file itself next to practice.yaml\n")


# 7: control characters and UTF-16 in YAML ---------------------------------------------------


@pytest.mark.parametrize("char", ["\x01", "\x00", "\x1b", "\x7f"])
def test_a_control_character_in_yaml_is_named_at_its_line(project, char):
    text = practice_yaml(phone=f'phone: "0113 496 0{char}000"')
    root = project({PRACTICE: text})
    line = line_of(text, "phone:")
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f"{PRACTICE}:{line}: this line holds an invisible control character "
                     f"(U+{ord(char):04X}), which is not allowed; delete it, or retype the line")


def test_a_control_character_in_markdown_is_named_at_its_line(project):
    text = (REPO / "content/uses/research.md").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[-2] = lines[-2].rstrip("\n") + "\x02\n"
    root = project({"content/uses/research.md": "".join(lines)})
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f"content/uses/research.md:{len(lines) - 1}: this line holds an invisible "
                     "control character (U+0002)")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_says_save_it_as_utf8(project, encoding):
    root = project({PRACTICE: practice_yaml().encode(encoding)})
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f"{PRACTICE}:1: this file is UTF-16 text, not UTF-8; save it as UTF-8\n")


def test_utf16_with_a_byte_order_mark_says_save_it_as_utf8(project):
    root = project({PRACTICE: practice_yaml().encode("utf-16")})
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f"{PRACTICE}:1: this file is not UTF-8 text; save it as UTF-8\n")


def test_every_problem_names_its_line(tmp_path: Path):
    from informed.errors import ContentError
    from informed.loading import parse_yaml

    for text in ["a: 1\nb: x\x01y\n", "a: 1\n\nb: \ud800\n"]:
        with pytest.raises(ContentError) as refused:
            parse_yaml(text, tmp_path / "x.yaml")
        assert refused.value.problems[0].line == text.count("\n", 0, len(text) - 4) + 1


def test_a_missing_required_fact_is_reported_at_its_list(project):
    text = (REPO / "content/record/facts.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: see-your-record")
    end = text.index("  - id: correct-your-record")
    root = project({"content/record/facts.yaml": text[:start] + text[end:]})
    line = line_of(text, "facts:")
    assert_bad_input(run(root, "build", "--material", "poster", "--format", "html"),
                     f'content/record/facts.yaml:{line}: facts: missing the fact '
                     '"see-your-record"\n')

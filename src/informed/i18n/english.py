"""English shown for want of a translation is marked as English: lang="en-GB", dir="ltr".

While a material renders, each string that falls back to English is put between two
private-use characters. Afterwards each such run of text becomes
``<span lang="en-GB" dir="ltr">…</span>``, so screen readers read it with an English voice, the
PDF marks its language, and on a right-to-left page it is never set right to left. Where a span
cannot go (inside a tag's attributes, the title, a style or a script) the marks are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from informed.i18n.locales import SOURCE_LOCALE

START, END = "\U0010fff0", "\U0010fff1"
_EDGE = re.compile(f"[{START}{END}]")
#: Places where text is not element content: a span there would be text, or break the page.
_RAW = re.compile(r"<(title|style|script|textarea)\b.*?</\1>|<[^>]*>", re.S | re.I)


def mark(text: str) -> str:
    return f"{START}{text}{END}"


def _outermost(html: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost marked run: English placed inside English is one run."""
    runs, depth, opened = [], 0, 0
    for edge in _EDGE.finditer(html):
        if edge.group(0) == START:
            if depth == 0:
                opened = edge.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                runs.append((opened, edge.end()))
    return runs


def mark_english(html: str) -> str:
    """``html`` with every marked run of English in a span saying so, and no marks left."""
    if START not in html:
        return html
    raw = [(m.start(), m.end()) for m in _RAW.finditer(html)]
    starts = [a for a, _ in raw]
    parts, last = [], 0
    for a, b in _outermost(html):
        i = bisect_right(starts, a) - 1
        parts.append(html[last:a])
        inner = _EDGE.sub("", html[a:b])
        in_markup = i >= 0 and raw[i][0] <= a < raw[i][1]
        parts.append(inner if in_markup or not inner.strip() else
                     f'<span lang="{SOURCE_LOCALE}" dir="ltr">{inner}</span>')
        last = b
    parts.append(html[last:])
    return _EDGE.sub("", "".join(parts))

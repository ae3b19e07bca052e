"""Progress: one line in a terminal for builds of more than a few documents."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: Builds of this many documents or fewer finish before a bar would be worth reading.
MINIMUM = 5


def wanted(stream: TextIO | None = None) -> bool:
    """A bar only in a terminal, and never in CI (whose logs are not terminals anyway)."""
    stream = stream or sys.stderr
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    """Documents done of the total, how many were not built, and the time left."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None) -> None:
        self.total, self.stream = total, stream or sys.stderr
        self.enabled = enabled and total > MINIMUM
        self.done = self.not_built = self.made = 0
        self.start = time.monotonic()
        self._shown = False

    def clear(self) -> None:
        """Wipe the bar so that a message can take the line."""
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def advance(self, made: bool, not_built: bool) -> None:
        self.done += 1
        self.made += made
        self.not_built += not_built
        if self.enabled:
            self.stream.write("\r\033[K" + self.line())
            self.stream.flush()
            self._shown = True

    def line(self) -> str:
        width = 24
        filled = width * self.done // self.total if self.total else width
        text = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} documents"
        if self.not_built:
            text += f", {self.not_built} not built"
        if self.made and self.done < self.total:
            # Only documents really made take time; unchanged ones are near instant.
            per = (time.monotonic() - self.start) / self.made
            left = round(per * (self.total - self.done))
            text += f", about {left // 60}:{left % 60:02d} left"
        return text

    def close(self) -> None:
        self.clear()

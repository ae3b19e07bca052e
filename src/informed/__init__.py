"""informed: plain-language information for patients about their GP record and how it is shared."""

from __future__ import annotations

__version__ = "0.1.0"

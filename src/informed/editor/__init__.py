"""The practice manager's editor in informed serve: a form made from the practice schema."""

from __future__ import annotations

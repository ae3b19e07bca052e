"""Translations: gettext catalogs for the templates (ui) and the content, checks and fallback."""

from __future__ import annotations

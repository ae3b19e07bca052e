"""Easy Read: whether a material's Easy Read version can be made in a language, and its score."""

from __future__ import annotations

import gettext
import io
import re
from html import unescape
from typing import TYPE_CHECKING

from informed.readability import analyse_text

if TYPE_CHECKING:
    from informed.content import Content
    from informed.i18n.runtime import LocaleBundle
    from informed.materials import Material
    from informed.study import Study

VARIANT = "easy-read"
#: The highest reading age Easy Read words may have (our checker's reading age).
READING_AGE = 7.0


def texts(material: Material, content: Content, study: Study | None) -> list[str] | None:
    """The words the Easy Read version shows (title, pictures' alt text, points), or None when
    there are none written for it."""
    if study is not None:
        if not study.easy_read:
            return None
        return [t for p in study.easy_read for t in (p.alt, p.text)]
    doc = content.easy_read.get(material.name)
    if doc is None:
        return None
    return [doc.title, *(t for p in doc.points for t in (p.alt, p.text))]


def not_made(material: Material, content: Content, study: Study | None,
             bundle: LocaleBundle) -> str | None:
    """Why the Easy Read version cannot be made in the bundle's language, or None. Easy Read in
    English with a few translated words would mislead: every word must be translated."""
    words = texts(material, content, study)
    if words is None:
        where = (f"content/studies/{study.slug}/study.yaml has no easy_read points" if study
                 else f'content/easy-read.yaml has no words for "{material.name}"')
        return f"no Easy Read words written for it: {where}"
    if bundle.is_source:
        return None
    if study is not None:
        return (f"the study's Easy Read points are not in its catalog (locales/{bundle.tag}/"
                f"LC_MESSAGES/study-{study.slug}.po) yet, so they are made in English only")
    mo = bundle.mo.get("content")
    catalog = gettext.GNUTranslations(io.BytesIO(mo)) if mo else gettext.NullTranslations()
    missing = [w for w in words if catalog.gettext(w) == w]
    if missing:
        return (f"{len(missing)} of its {len(words)} Easy Read strings are not translated into "
                f"{bundle.tag} yet (content.po), such as \"{missing[0]}\"")
    return None


_WORDS = re.compile(r'<p class="point-words">(.*?)</p>', re.DOTALL)
_LANG = re.compile(r'<html[^>]*\slang="([^"]+)"')


def points(html: str) -> list[str]:
    """The text of each point on a built Easy Read page, in order."""
    return [unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in _WORDS.findall(html)]


def reading_age(html: str) -> float | None:
    """The reading age of the page's points by the project's checker (the contact details and
    the picture credit are names and addresses, not sentences to score)."""
    lang = _LANG.search(html)
    return analyse_text("\n\n".join(points(html)), lang.group(1) if lang else "en",
                        findings=False).reading_age


def check(html: str, where: str) -> tuple[str, str | None]:
    """A note for the build's summary, and a miss when the words read above READING_AGE.
    Languages without a reading-age formula are scored by other measures and not judged."""
    age = reading_age(html)
    if age is None:
        return f"{where}: Easy Read: no reading age for this language", None
    note = f"{where}: Easy Read reading age {age:.1f} (target {READING_AGE:.0f} or below)"
    miss = (f"{where}: readability target missed: Easy Read reading age {age:.1f}, above "
            f"{READING_AGE:.0f}: use shorter sentences and shorter words") if age > READING_AGE \
        else None
    return note, miss

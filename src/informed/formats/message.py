"""The text message (SMS or NHS App) that links to the practice's full privacy notice."""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import TYPE_CHECKING

from informed.formats import sms
from informed.render import make_environment, render_template

if TYPE_CHECKING:
    from informed.i18n.runtime import LocaleBundle
    from informed.model import Practice

TEMPLATE = "text-message.txt.j2"
#: The most segments a message may take: the NHS guidance for practices' messages, and the
#: cost (each segment is charged as one message).
MAX_SEGMENTS = 2


class _Missed(gettext.NullTranslations):
    """The fallback after the catalog: notes each string with no translation."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: list[str] = []

    def gettext(self, message: str) -> str:
        self.missed.append(message)
        return message


def link(practice: Practice) -> str:
    """Where the message points: the practice's privacy page, else its website."""
    return practice.privacy_url or practice.website


def compose(template_dirs: list[Path], practice: Practice,
            bundle: LocaleBundle) -> tuple[str | None, str | None]:
    """(message, None), or (None, why it is not made): not translated, or too long. A message
    too long is never cut: the reason says by how many characters."""
    missed = _Missed()
    mo = bundle.mo.get("ui")
    translations: gettext.NullTranslations = (
        gettext.GNUTranslations(io.BytesIO(mo)) if mo else gettext.NullTranslations())
    translations.add_fallback(missed)
    env = make_environment(template_dirs, translations)
    text = render_template(env, TEMPLATE, {"practice": practice, "url": link(practice)}).strip()
    if missed.missed and not bundle.is_source:
        return None, (f"the message is not translated into {bundle.tag} yet (ui.po: "
                      f"\"{missed.missed[0]}\")")
    if sms.segments(text) > MAX_SEGMENTS:
        code = sms.encoding(text)
        room = sms.LIMITS[code][1] * MAX_SEGMENTS
        over = sms.units(text) - room
        return None, (f"the message is {over} characters over {MAX_SEGMENTS} SMS segments "
                      f"({sms.units(text)} {code} characters; {room} fit). Shorten the "
                      "practice's name or its privacy_url, or the translation")
    return text, None

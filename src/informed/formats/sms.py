"""A short text message that points to the full notice, counted in SMS segments."""

from __future__ import annotations

#: The GSM 03.38 default alphabet, and its extension table (each extension costs two units).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

#: Characters in one segment, and in each segment of a message sent in parts.
LIMITS = {"GSM-7": (160, 153), "UCS-2": (70, 67)}


def encoding(text: str) -> str:
    """GSM-7 when every character is in the GSM alphabet, otherwise UCS-2."""
    return "GSM-7" if all(c in GSM_BASIC or c in GSM_EXTENDED for c in text) else "UCS-2"


def units(text: str) -> int:
    """The length in the units the encoding counts: septets for GSM-7 (an extension character
    takes two), UTF-16 code units for UCS-2 (a character outside the BMP takes two)."""
    if encoding(text) == "GSM-7":
        return sum(2 if c in GSM_EXTENDED else 1 for c in text)
    return len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    """How many SMS segments the message is sent as."""
    single, part = LIMITS[encoding(text)]
    length = units(text)
    return 1 if length <= single else -(-length // part)

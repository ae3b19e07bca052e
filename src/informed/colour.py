"""WCAG 2 colour contrast: checks brand colours and suggests a darker shade that passes."""

from __future__ import annotations

import colorsys
import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#FFFFFF"
#: NHS "black", used for body text on light backgrounds.
TEXT = "#212B32"
#: WCAG 2.x AA minimum for normal-size text.
AA_TEXT = 4.5


def parse_hex(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance (sRGB)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shade_passing(colour: str, against: str, darker: bool = True, ratio: float = AA_TEXT) -> str:
    """The nearest shade of ``colour`` (same hue) with ``ratio`` contrast to ``against``."""
    h, lightness, s = colorsys.rgb_to_hls(*parse_hex(colour))
    step = -0.01 if darker else 0.01
    while 0.0 <= lightness <= 1.0:
        candidate = to_hex(colorsys.hls_to_rgb(h, lightness, s))
        if contrast(candidate, against) >= ratio:
            return candidate
        lightness += step
    return "#000000" if darker else WHITE


def tint(colour: str, amount: float) -> str:
    """Mix ``colour`` with white; ``amount`` 0 is the colour, 1 is white."""
    return to_hex(tuple(c + (1 - c) * amount for c in parse_hex(colour)))  # type: ignore[arg-type]


#: Colour names people type, as CSS defines them; each is only a starting point for a shade
#: that passes, which is what the checks suggest.
NAMES = {
    "black": "#000000", "white": "#FFFFFF", "grey": "#808080", "gray": "#808080",
    "silver": "#C0C0C0", "red": "#FF0000", "maroon": "#800000", "crimson": "#DC143C",
    "pink": "#FFC0CB", "orange": "#FFA500", "yellow": "#FFFF00", "gold": "#FFD700",
    "brown": "#A52A2A", "green": "#008000", "lime": "#00FF00", "olive": "#808000",
    "teal": "#008080", "turquoise": "#40E0D0", "cyan": "#00FFFF", "aqua": "#00FFFF",
    "blue": "#0000FF", "navy": "#000080", "purple": "#800080", "violet": "#EE82EE",
    "lilac": "#C8A2C8", "lavender": "#E6E6FA", "magenta": "#FF00FF", "indigo": "#4B0082",
    "burgundy": "#800020", "plum": "#DDA0DD", "mint": "#98FF98", "cream": "#FFFDD0",
    "beige": "#F5F5DC", "nhs blue": "#005EB8",
}


def accessible_named(name: str, against: str, darker: bool = True) -> str | None:
    """For a colour name such as "purple", a shade of it with AA contrast to ``against``
    (darker behind white text, or lighter behind dark text); None if it is not a name."""
    key = " ".join(name.strip().lower().replace("-", " ").split())
    if key.startswith("light ") or key.startswith("dark "):
        key = key.partition(" ")[2]
    base = NAMES.get(key)
    if base is None:
        return None
    if not darker:
        # A background tint: the pale end of the colour, then lighter until text reads on it.
        return shade_passing(tint(base, 0.85), against, darker=False)
    return shade_passing(base, against)

"""A practice logo's shape and resolution: every layout sizes it to keep its aspect ratio."""

from __future__ import annotations

import re
import struct
from pathlib import Path

#: Below this a raster logo looks soft or jagged in print.
PRINT_DPI = 150
_SVG_NUMBER = r"\s*([0-9.]+)\s*(?:px)?\s*"


def pixel_size(path: Path) -> tuple[int, int] | None:
    """Width and height in pixels of a PNG or JPEG; None for anything else or a broken file."""
    data = path.read_bytes()
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            # Start-of-frame markers (baseline, progressive, ...) carry the image size.
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD,
                          0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return (width, height) if width and height else None
            i += 2 + length
    return None


def _svg_ratio(path: Path) -> float | None:
    head = path.read_text(encoding="utf-8", errors="replace")
    tag = re.search(r"<svg\b[^>]*>", head)
    if not tag:
        return None
    view_box = re.search(r'viewBox\s*=\s*["\']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+'
                         r'([0-9.]+)', tag.group(0))
    if view_box:
        width, height = float(view_box.group(1)), float(view_box.group(2))
    else:
        w = re.search(rf'\bwidth\s*=\s*["\']{_SVG_NUMBER}["\']', tag.group(0))
        h = re.search(rf'\bheight\s*=\s*["\']{_SVG_NUMBER}["\']', tag.group(0))
        if not (w and h):
            return None
        width, height = float(w.group(1)), float(h.group(1))
    return width / height if width > 0 and height > 0 else None


def aspect_ratio(path: Path) -> float:
    """Width over height; a logo whose shape cannot be read is treated as square."""
    if path.suffix.lower() == ".svg":
        ratio = _svg_ratio(path)
    else:
        size = pixel_size(path)
        ratio = size[0] / size[1] if size else None
    return ratio or 1.0


def printed_size(ratio: float, box: tuple[float, float]) -> tuple[float, float]:
    """Width and height in mm of a logo fitted to a layout's box (height, widest width): as
    tall as the box unless that would make it wider than the box allows."""
    height, widest = box
    width = min(height * ratio, widest)
    return width, width / ratio


def resolution_warning(path: Path, boxes: list[tuple[float, float]]) -> str | None:
    """A warning if a raster logo prints below PRINT_DPI in its largest box, saying the size
    in pixels it needs."""
    size = pixel_size(path)
    if size is None or not boxes:
        return None
    ratio = size[0] / size[1]
    width_mm = max(printed_size(ratio, box)[0] for box in boxes)
    dpi = size[0] / (width_mm / 25.4)
    if dpi >= PRINT_DPI:
        return None
    need_w = -(-width_mm / 25.4 * PRINT_DPI // 1)
    need_h = -(-need_w / ratio // 1)
    return (f"{path.name} is {size[0]} × {size[1]} pixels, so it prints at {dpi:.0f} dpi when "
            f"{width_mm:.0f} mm wide; use an image of at least {need_w:.0f} × {need_h:.0f} "
            f"pixels ({PRINT_DPI} dpi) so it prints sharply")

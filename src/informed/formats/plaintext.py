"""Plain text of a built page: for email, screen readers and people who convert text themselves."""

from __future__ import annotations

from informed.formats.blocks import Page

_UNDERLINE = {1: "=", 2: "-"}


def plain_text(page: Page) -> str:
    """Headings underlined (levels 1 and 2) or on their own line, list items with "- ".
    Lines are not wrapped, so the text reflows in any reader."""
    out: list[str] = []
    previous = ""
    for block in page.blocks:
        if block.kind == "heading":
            if out:
                out.append("")
            out.append(block.text)
            if block.level in _UNDERLINE:
                out.append(_UNDERLINE[block.level] * min(len(block.text), 72))
            out.append("")
        elif block.kind == "item":
            out.append("  " * (block.level - 1) + "- " + block.text)
        else:
            if previous == "item":
                out.append("")
            out.append(block.text)
            out.append("")
        previous = block.kind
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"

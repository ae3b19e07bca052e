"""The newsletter feature on data sharing, a "what's changed" box, and the article for email."""

from __future__ import annotations

from informed.materials import LARGE_PRINT, Material, Variant

MATERIAL = Material(
    name="newsletter",
    title="Newsletter: what is in your GP record, and who sees it?",
    template="newsletter.html.j2",
    variants=(
        Variant("standard", page="A4", label="A4 newsletter, two columns", logo=(16, 60)),
        # The same article with inline styles and no page around it, to paste into an email or
        # a web page. Email programs drop <style> and <head>, so nothing may rely on them.
        Variant("article", suffix=".article", label="Article to paste into an email or web page",
                template="newsletter-article.html.j2", formats=("html",)),
        LARGE_PRINT,
    ),
)

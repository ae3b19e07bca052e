"""Links in PDFs: relative links stay relative, no local path leaks, and only https:// is used."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, run

RESEARCH = (REPO / "content/uses/research.md").read_text(encoding="utf-8")


def with_body(extra: str) -> str:
    return RESEARCH.rstrip("\n") + "\n\n" + extra + "\n"


def link_targets(pdf: Path) -> list[str]:
    found = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    found.append(str(action.URI))
    return found


def test_a_relative_link_stays_relative_in_the_pdf(project):
    root = project({"content/uses/research.md":
                    with_body("Read [our notes](notes.html#opt-out) and "
                              "[the NHS page](https://www.nhs.uk/your-nhs-data-matters/).")})
    result = run(root, "build", "--material", "privacy-notice", "--format", "pdf")
    assert result.exit_code == 0, result.output
    targets = link_targets(root / "output/example-surgery/en-GB/privacy-notice.pdf")
    assert "notes.html#opt-out" in targets
    assert "https://www.nhs.uk/your-nhs-data-matters/" in targets
    assert not [t for t in targets if t.startswith("file:") or str(root) in t]
    raw = (root / "output/example-surgery/en-GB/privacy-notice.pdf").read_bytes()
    assert str(root).encode() not in raw


def test_a_local_address_outside_the_folder_is_left_out():
    from informed.pdf_links import relative_target

    base = Path("/srv/project/content/practices/x")
    assert relative_target(f"{base.as_uri()}/notes.html", base) == "notes.html"
    assert relative_target(f"{base.as_uri()}/a%20b.html#top", base) == "a%20b.html#top"
    assert relative_target("file:///etc/passwd", base) is None
    assert relative_target("mailto:dpo@example.org", base) == "mailto:dpo@example.org"


@pytest.mark.parametrize("markdown", ["[our page](http://example.org/data)",
                                      "<http://example.org/data>",
                                      "[page][1]\n\n[1]: http://example.org/data"])
def test_an_http_link_is_refused_at_its_line(project, markdown):
    text = with_body(markdown)
    root = project({"content/uses/research.md": text})
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 2, result.output
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "http://" in t)
    assert (f'content/uses/research.md:{line}: link "http://example.org/data" is not allowed: '
            "use an https://, mailto: or tel: link") in result.output
    assert not (root / "output").exists()

"""informed build scores each material against its readability target; --strict enforces it."""

from __future__ import annotations

from conftest import REPO, run

RESEARCH = (REPO / "content/uses/research.md").read_text(encoding="utf-8")
#: One sentence of 41 words: over the 30-word limit, so a target is missed.
LONG = ("Researchers who are based at universities and in other organisations that have been "
        "approved by the appropriate national bodies may occasionally request information that "
        "has been collected about you during consultations with clinicians, nurses, "
        "pharmacists and administrative colleagues in this practice.")


def test_build_prints_a_readability_summary_per_material(project):
    root = project()
    result = run(root, "build", "--material", "leaflet", "--format", "html")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines()
             if line.startswith("output/example-surgery/en-GB/leaflet.html: reading age ")]
    assert len(lines) == 1, result.output
    assert "(target 9 to 11)" in lines[0]


def test_missed_target_is_a_warning_and_strict_writes_nothing(project):
    # The leaflet shows each use's summary, so a long summary reaches the page.
    root = project({"content/uses/research.md": RESEARCH.replace(
        'summary: "', f'summary: "{LONG} ', 1)})
    page = root / "output/example-surgery/en-GB/leaflet.html"
    strict = run(root, "build", "--material", "leaflet", "--format", "html", "--strict")
    assert strict.exit_code == 1
    assert ("output/example-surgery/en-GB/leaflet.html: readability target missed: 41 words "
            "(target 20, limit 30)") in strict.output
    assert "--strict: readability targets missed; run informed check for the sentences to fix" \
        in strict.output
    assert not page.exists()
    warned = run(root, "build", "--material", "leaflet", "--format", "html")
    assert warned.exit_code == 0
    assert "readability target missed: 41 words" in warned.output
    assert page.exists()

"""A build owns what it writes: what it no longer makes is removed, nothing else is."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, own_study, practice_yaml, run

OUT = "output/example-surgery"
PRACTICE = "content/practices/example-surgery/practice.yaml"


def files(root: Path) -> set[str]:
    folder = root / OUT
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def index_links(root: Path) -> str:
    return (root / OUT / "index.html").read_text(encoding="utf-8")


def build(root: Path, *args: str, code: int = 0):
    result = run(root, "build", "--format", "html", *args)
    assert result.exit_code == code, result.output
    return result


def with_locales(*tags: str) -> dict[str, str]:
    return {PRACTICE: practice_yaml(locales=f"locales: [{', '.join(tags)}]")}


def test_a_dropped_locale_is_removed_and_a_persons_files_stay(project):
    root = project(with_locales("en-GB", "pl"))
    (root / OUT / "pl").mkdir(parents=True)
    (root / OUT / "pl/my-notes.txt").write_text("mine")
    (root / OUT / "handout.html").write_text("mine too")
    build(root, "--material", "poster")
    assert {"pl/poster.html", "en-GB/poster.html", "index.html"} <= files(root)
    assert 'href="pl/poster.html"' in index_links(root)

    project(with_locales("en-GB"))
    build(root, "--material", "poster")
    left = files(root)
    assert not [f for f in left if f.startswith("pl/poster")]
    assert {"pl/my-notes.txt", "handout.html", "en-GB/poster.html"} <= left
    assert "pl/poster" not in index_links(root)


def test_a_material_below_its_translation_minimum_is_removed(project):
    root = project({"informed.yaml": "locales:\n  minimum_coverage: 0\n"})
    assert run(root, "locale", "add", "tr").exit_code == 0
    build(root, "--locale", "tr", "--material", "leaflet")
    assert "tr/leaflet.html" in files(root)

    (root / "informed.yaml").write_text("locales:\n  minimum_coverage: 80\n")
    result = build(root, "--locale", "tr", "--material", "leaflet", code=1)
    assert "example-surgery/tr/leaflet: not built" in result.output
    assert not [f for f in files(root) if f.startswith("tr/")]
    assert not (root / OUT / "tr").exists(), "an emptied locale folder goes too"
    assert "tr/leaflet" not in index_links(root)


def test_a_partial_build_prunes_only_what_it_covered(project):
    root = project(with_locales("en-GB", "pl"))
    build(root, "--material", "poster", "--material", "newsletter")
    before = files(root)
    assert {"pl/poster.html", "pl/newsletter.html", "en-GB/newsletter.html"} <= before

    project(with_locales("en-GB"))
    # Only en-GB was asked for: Polish outputs are outside this build, and stay.
    build(root, "--material", "poster", "--locale", "en-GB")
    assert {"pl/poster.html", "pl/newsletter.html"} <= files(root)
    # Only the poster was asked for: the Polish poster goes, the Polish newsletter stays.
    build(root, "--material", "poster")
    after = files(root)
    assert "pl/poster.html" not in after
    assert {"pl/newsletter.html", "en-GB/newsletter.html"} <= after
    assert 'href="pl/newsletter.html"' in index_links(root)


def test_a_removed_study_is_removed(project):
    study = own_study((REPO / "content/studies/example-study/study.yaml").read_text("utf-8"))
    root = project({"content/studies/bloods/study.yaml": study})
    build(root, "--material", "poster", "--material", "consent-form", "--study", "bloods",
          "--practice", "example-surgery")
    made = files(root)
    assert "en-GB/studies/bloods/consent-form.html" in made and "en-GB/poster.html" in made
    (root / "content/studies/bloods/study.yaml").unlink()
    build(root, "--material", "poster")
    assert "en-GB/studies/bloods/consent-form.html" in files(root), "studies were not built"
    build(root)  # the practice with all of its studies: now none
    left = files(root)
    assert not [f for f in left if "studies/" in f]
    assert "en-GB/poster.html" in left
    assert "bloods" not in index_links(root)


def test_an_html_only_build_removes_the_pdf_it_no_longer_matches(project):
    root = project()
    assert run(root, "build", "--material", "poster", "--date", "2026-12-01").exit_code == 0
    assert "en-GB/poster.pdf" in files(root)
    # Nothing changed: the PDF was made from the very same HTML, and stays.
    build(root, "--material", "poster", "--date", "2026-12-01")
    assert "en-GB/poster.pdf" in files(root)
    # The text changed (as when informed serve rebuilds the HTML): the old PDF would say
    # something else, so it goes rather than stay out of step.
    project({PRACTICE: practice_yaml(name='name: "Changed Surgery"')})
    build(root, "--material", "poster", "--date", "2026-12-01")
    left = files(root)
    assert "en-GB/poster.html" in left and "en-GB/poster.pdf" not in left
    assert not [f for f in left if f.startswith("thumbnails/en-GB/poster.png")]
    assert "poster.pdf" not in index_links(root)


def test_a_file_someone_changed_is_theirs_and_stays(project):
    root = project(with_locales("en-GB", "pl"))
    build(root, "--material", "poster")
    (root / OUT / "pl/poster.html").write_text("my own Polish poster")
    project(with_locales("en-GB"))
    build(root, "--material", "poster")
    assert (root / OUT / "pl/poster.html").read_text() == "my own Polish poster"
    assert "pl/poster.a4.html" not in files(root)
    manifest = json.loads((root / OUT / ".informed-manifest.json").read_text())
    assert "pl/poster.html" not in {o["path"] for o in manifest["outputs"]}


def test_a_manifest_cannot_delete_outside_the_practice_folder(project, tmp_path):
    root = project()
    build(root, "--material", "poster")
    victim = root / "content/keep.txt"
    victim.write_text("keep")
    (root / OUT / ".informed-manifest.json").write_text(json.dumps({"version": 1, "outputs": [
        {"path": "../../content/keep.txt", "locale": "en-GB", "material": "poster"},
        {"path": str(victim), "locale": "en-GB", "material": "poster"}]}))
    build(root, "--material", "poster")
    assert run(root, "clean").exit_code == 0
    assert victim.read_text() == "keep"


def test_clean_removes_only_what_informed_wrote(project):
    root = project()
    build(root, "--material", "poster")
    (root / OUT / "en-GB/mine.txt").write_text("mine")
    other = root / "output/other-surgery"
    other.mkdir(parents=True)
    (other / "poster.html").write_text("not informed's")
    result = run(root, "-v", "clean", "--practice", "example-surgery")
    assert result.exit_code == 0, result.output
    assert "removed output/example-surgery/en-GB/poster.html" in result.output
    assert result.output.endswith("4 files removed.\n")
    assert files(root) == {"en-GB/mine.txt"}
    assert (other / "poster.html").exists()
    assert run(root, "clean").output == "0 files removed.\n"
    refused = run(root, "clean", "--practice", "../x")
    assert refused.exit_code == 2

"""The editor page: the form made from the schema, the answers in the file, the preview beside."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from informed.editor import checking, document, logos
from informed.editor.fields import GROUPS, KEPT_IN_FILE, form_fields
from informed.errors import ContentError
from informed.loading import read_text

if TYPE_CHECKING:
    from informed.editor.routes import Editor
    from informed.preview import Preview

HERE = Path(__file__).parent


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["j2"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def asset(name: str) -> bytes:
    return (HERE / name).read_bytes()


def _materials(preview: Preview) -> list[tuple[str, str]]:
    """(file name, title) of each material the preview builds, one page each."""
    from informed.materials import registry

    wanted = set(preview.options.materials)
    found = [(f"{m.name}.html", m.title) for m in registry().values()
             if not m.per_study and (not wanted or m.name in wanted)]
    # The leaflet first: it shows every detail the form asks for.
    return sorted(found, key=lambda item: item[0] != "leaflet.html")


def render(editor: Editor, slug: str, path: Path, preview: Preview) -> str:
    from informed.editor.routes import version

    try:
        text = read_text(path)
    except ContentError as exc:  # not UTF-8, or holding control characters
        text, found, answers, problem = "", [], {}, exc.render()
    else:
        found = checking.findings(text, path, slug, editor.root)
        try:
            answers, problem = document.current_answers(document.load(text)), None
        except document.Unreadable as exc:
            answers = {}
            problem = "\n".join(f.cli for f in found if not f.warning) or str(exc)
    locales = preview.options.locales or [
        line.strip() for line in answers.get("locales", "en-GB").splitlines() if line.strip()]
    logo = logos.current(path)
    fields = form_fields()
    return _environment().get_template("page.html.j2").render(
        slug=slug, file=path.relative_to(editor.root).as_posix(), token=editor.token,
        version=version(text), groups=[(h, intro, [f for f in fields if f.group == h])
                                       for h, intro, _ in GROUPS],
        answers=answers, problem=problem,
        by_field={f.path: [x for x in found if x.field == f.path] for f in fields},
        general=[x for x in found if x.field is None],
        contrast=checking.contrast_notes(answers), kept=KEPT_IN_FILE,
        name=answers.get("name") or slug, locale=(locales or ["en-GB"])[0],
        materials=_materials(preview),
        logo_print=logos.print_preview(logo) if logo else None)


__all__ = ["asset", "render"]

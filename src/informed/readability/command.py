"""The `informed check` command: readability scores and plain-language findings."""

from __future__ import annotations

from pathlib import Path

import click


def _project(ctx: click.Context) -> tuple[Path, list[Path]]:
    """The project root and the folders searched for content (project first, then built-in)."""
    project = (ctx.obj or {}).get("project") if isinstance(ctx.obj, dict) else None
    if project is None:
        return Path.cwd(), [Path.cwd()]
    if isinstance(project, Path):
        return project, [project]
    return project.root, list(getattr(project, "layers", [project.root]))


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--locale", metavar="L",
              help='Language of the text: "en" checks the English content, another locale '
                   "checks its translation (locales/L/LC_MESSAGES/content.po). With paths, "
                   "the language of those files. Default: English content and every "
                   "translated locale.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="text: one line per finding; json: for tools; "
                                      "html: a report to read in a browser.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of the screen.")
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...], locale: str | None, fmt: str,
          output: Path | None) -> None:
    """Check that text is plain enough, and say which sentences and words to fix.

    With no PATHS, checks all content (and every translated locale). PATHS may
    be content files (Markdown, YAML), built pages (HTML), catalogs (PO), text
    files or folders. Exits with status 1 when a target is missed.
    """
    from .analysis import analyse_document
    from .lexicon import build_lexicon
    from .output import format_html, format_json, format_text
    from .sources import (
        content_documents,
        file_documents,
        load_glossary,
        locale_catalogs,
        po_document,
        walk,
    )
    from .sources import display as shown
    from .targets import load_targets

    root, layers = _project(ctx)
    config = load_targets(root)
    lexicon = build_lexicon(load_glossary(layers))
    documents = []
    if paths:
        lang = locale or "auto"
        for path in walk(list(paths)):
            found = file_documents(path, root, lang)
            if not found and path in paths:
                # A file named on the command line that holds nothing we read: say so,
                # rather than report "0 files checked" as if all were well.
                click.echo(f"{shown(path, root)}: skipped: not a file informed can check "
                           "(content Markdown or YAML, built HTML, PO catalogs or text)",
                           err=True)
            documents.extend(found)
        if not documents:
            raise click.UsageError("nothing to check in the paths given")
    else:
        if locale is None or locale.lower().startswith("en"):
            documents.extend(content_documents(layers, root))
        if locale is None or not locale.lower().startswith("en"):
            for name, po in locale_catalogs(layers, locale):
                documents.append(po_document(po, shown(po, root), name))
            if locale is not None and not locale_catalogs(layers, locale):
                raise click.BadParameter(f'no translation found for "{locale}" '
                                         f"(looked for locales/{locale}/LC_MESSAGES/content.po)",
                                         param_hint="--locale")
    reports = []
    for document in documents:
        if not document.blocks:
            continue
        relative = document.path
        document.material = config.material_for(relative) or document.material
        targets = config.for_material(document.material, document.lang)
        reports.append(analyse_document(document, targets, lexicon))
    formatter = {"text": format_text, "json": format_json, "html": format_html}[fmt]
    result = formatter(reports, config)
    if output:
        output.write_text(result, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(result, nl=False)
    if any(report.misses for report in reports):
        ctx.exit(1)

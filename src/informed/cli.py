"""The informed command line: parses options and calls the stages; heavy imports wait."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from informed.errors import InformedError


class _ClickHandler(logging.Handler):
    """Shows log records as plain lines on stderr; warnings are counted for the summary."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        click.echo(self.format(record), err=True)


def _setup_logging(verbose: bool) -> _ClickHandler:
    logger = logging.getLogger("informed")
    for old in [h for h in logger.handlers if isinstance(h, _ClickHandler)]:
        logger.removeHandler(old)
    handler = _ClickHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    return handler


class _Group(click.Group):
    """Shows InformedError without a traceback unless --debug is given."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InformedError:
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"unexpected error: {exc.__class__.__name__}: {exc}\n"
                "Run again with --debug to see the details, and please report it."
            ) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              default=".", show_default=True,
              help="Project folder: content, practices, studies, template overrides, locales.")
@click.option("-v", "--verbose", is_flag=True, help="Say what is being built.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(package_name="informed")
@click.pass_context
def cli(ctx: click.Context, project_dir: Path, verbose: bool, debug: bool) -> None:
    """Plain-language information for patients about their GP record and how it is shared.

    Run "informed build" in a project folder to make leaflets and other materials as HTML
    and PDF in output/.
    """
    from informed.project import Project

    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["log"] = _setup_logging(verbose)
    try:
        ctx.obj["project"] = Project(project_dir)
    except InformedError as exc:
        raise click.BadParameter(exc.message, param_hint="--project") from None


@cli.command()
@click.option("--practice", "practices", multiple=True, metavar="SLUG",
              help="Practice to build (repeatable). Default: every practice.")
@click.option("--material", "materials", multiple=True, metavar="NAME",
              help="Material to build (repeatable). Default: all. See: informed list.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "pdf"]),
              help="Output format (repeatable). Default: html and pdf.")
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Language to build (repeatable). Default: the practice's locales.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder. Default: output/ in the project.")
@click.option("--date", "date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date to print as the production date (YYYY-MM-DD). Default: today.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def build(obj: dict, practices: tuple[str, ...], materials: tuple[str, ...],
          formats: tuple[str, ...], locales: tuple[str, ...], out: Path | None,
          date: dt.datetime | None, strict: bool) -> None:
    """Build materials as HTML and PDF into output/<practice>/<locale>/."""
    from informed.build import BuildOptions, run_build

    options = BuildOptions(
        practices=list(practices), materials=list(materials),
        formats=list(formats) or ["html", "pdf"], locales=list(locales), out=out,
        strict=strict, date=date.date() if date else None,
    )
    result = run_build(obj["project"], options)
    root = obj["project"].root
    for path in result.written:
        try:
            shown = path.relative_to(root)
        except ValueError:
            shown = path
        click.echo(f"wrote {shown}")
    warnings = obj["log"].warnings
    summary = f"{len(result.written)} files written"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    click.echo(summary + ".")


@cli.command("list")
@click.pass_obj
def list_(obj: dict) -> None:
    """List the practices, studies and materials this project can build."""
    from informed.materials import registry

    project = obj["project"]
    click.echo("Practices:")
    for slug in project.practice_slugs() or ["(none)"]:
        click.echo(f"  {slug}")
    studies = project.study_slugs()
    if studies:
        click.echo("Studies:")
        for slug in studies:
            click.echo(f"  {slug}")
    click.echo("Materials:")
    for material in registry().values():
        variants = ", ".join(v.name for v in material.variants)
        click.echo(f"  {material.name:<22} {material.title} ({variants})")


def main() -> None:
    try:
        cli.main(prog_name="informed", standalone_mode=True)
    except SystemExit:
        raise
    sys.exit(0)


if __name__ == "__main__":
    main()

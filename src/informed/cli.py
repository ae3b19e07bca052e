"""The informed command line: parses options and calls the stages; heavy imports wait."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from informed.errors import InformedError, display_path


class _ClickHandler(logging.Handler):
    """Shows log records as plain lines on stderr; warnings are counted for the summary."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__()
        self.warnings = 0
        self.level = level

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        click.echo(self.format(record), err=True)


def _setup_logging(verbose: bool) -> _ClickHandler:
    logger = logging.getLogger("informed")
    for old in [h for h in logger.handlers if isinstance(h, _ClickHandler)]:
        logger.removeHandler(old)
    handler = _ClickHandler(logging.INFO if verbose else logging.WARNING)
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
@click.option("--study", "studies", multiple=True, metavar="SLUG",
              help="Study to build its information sheet and consent form, for the site its "
                   "study.yaml names (repeatable). Default: every study whose site is built; "
                   "--study alone builds only the study.")
@click.option("--material", "materials", multiple=True, metavar="NAME",
              help="Material to build (repeatable). Default: all. See: informed list.")
@click.option("--format", "formats", multiple=True,
              type=click.Choice(["html", "pdf", "txt", "brf", "sms", "audio"]),
              help="Output format (repeatable): html, pdf, txt (plain text), brf (braille), "
                   "sms (the text message linking to the privacy notice) or audio (the "
                   "leaflet and the privacy notice's summary, spoken, with a transcript). "
                   "Default: all but audio.")
@click.option("--locale", "locales", multiple=True, metavar="LANG",
              help="Language to build (repeatable). Default: the practice's locales.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder. Default: output/ in the project.")
@click.option("--date", "date", type=click.DateTime(["%Y-%m-%d"]),
              help="Date to print as the production date (YYYY-MM-DD). Default: today.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--draft", is_flag=True,
              help='Build translations below the minimum coverage too, for translators to '
                   'review in place; each page of a draft (below the minimum, or not yet '
                   'reviewed) is marked "Draft translation".')
@click.option("--jobs", "-j", type=click.IntRange(min=1), envvar="INFORMED_JOBS",
              show_envvar=True,
              help="Documents to make at once, each in a process of its own. Default: the "
                   "number of cores.")
@click.option("--force", is_flag=True,
              help="Make every document again, even those whose inputs have not changed.")
@click.option("--dask", "dask", metavar="ADDRESS",
              help="Send the documents to the Dask scheduler at ADDRESS (such as "
                   "tcp://10.0.0.5:8786) and write what the workers send back. Needs the dask "
                   "extra.")
@click.pass_obj
def build(obj: dict, practices: tuple[str, ...], studies: tuple[str, ...],
          materials: tuple[str, ...],
          formats: tuple[str, ...], locales: tuple[str, ...], out: Path | None,
          date: dt.datetime | None, strict: bool, draft: bool, jobs: int | None, force: bool,
          dask: str | None) -> None:
    """Build materials as HTML and PDF into output/<practice>/<locale>/.

    A study's information sheet and consent form go into
    output/<site>/<locale>/studies/<study>/.
    """
    import os

    from informed.build import BuildOptions, run_build
    from informed.build.progress import wanted

    options = BuildOptions(
        practices=list(practices), studies=list(studies), materials=list(materials),
        formats=list(formats) or ["html", "pdf", "txt", "brf", "sms"], locales=list(locales),
        out=out, strict=strict, date=date.date() if date else None, draft=draft,
        jobs=jobs or os.cpu_count() or 1, force=force, dask=dask, progress=wanted(),
    )
    result = run_build(obj["project"], options)
    root = obj["project"].root

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    if obj["log"].level <= logging.INFO:
        for path in result.written:
            click.echo(f"wrote {shown(path)}")
    for note in result.notes:
        click.echo(note)
    for line in [*result.skipped, *result.not_built]:
        click.echo(line, err=True)
    for index in result.indexes:
        click.echo(f"Open {shown(index)} to see everything built for this practice.")
    warnings = obj["log"].warnings
    summary = f"{len(result.written)} files written"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    if result.not_built:
        summary += f", {len(result.not_built)} not built"
    if result.up_to_date:
        summary += (f", {result.up_to_date} document{'s' if result.up_to_date != 1 else ''} "
                    "unchanged (--force makes them again)")
    click.echo(summary + ".")
    if result.not_built:
        # 1: a target was missed (2 is kept for bad input).
        sys.exit(1)


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
    materials = list(registry().values())
    width = max(len(m.name) for m in materials) + 2
    for material in materials:
        variants = ", ".join(v.name for v in material.variants)
        per = " [per study]" if material.per_study else ""
        click.echo(f"  {material.name:<{width}}{material.title} ({variants}){per}")


@cli.command()
@click.option("--practice", "practice", metavar="SLUG",
              help="Practice to preview and edit. Default: the one made last.")
@click.option("--material", "materials", multiple=True, metavar="NAME",
              help="Material to preview (repeatable). Default: all.")
@click.option("--locale", "lang", metavar="LANG",
              help='Language to preview as with build --draft: built however little is '
                   'translated, a draft marked "Draft translation". Default: the practice\'s '
                   'locales.')
@click.option("--pdf", is_flag=True, help="Rebuild the PDFs too (slower).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.pass_obj
def serve(obj: dict, practice: str | None, materials: tuple[str, ...], lang: str | None,
          pdf: bool, host: str, port: int) -> None:
    """Preview the materials in a browser; they rebuild when you save a file."""
    import threading

    from informed.build import BuildOptions
    from informed.preview import Preview, make_server, watch
    from informed.starting import last_practice

    project = obj["project"]
    slugs = [practice] if practice else [s for s in [last_practice(project)] if s]
    if not slugs:
        raise InformedError("no practices found: run informed init <slug> to start one")
    out = project.root / "output"
    locales = [_known_locale(project, lang)] if lang else []
    options = BuildOptions(practices=slugs, materials=list(materials),
                           formats=["html", "pdf"] if pdf else ["html"], out=out,
                           locales=locales, draft=bool(lang))
    preview = Preview(project, options)
    preview.check_for_changes()
    try:
        server = make_server(preview, out, host, port)
    except OSError as exc:
        raise InformedError(f"cannot listen on {host}:{port}: {exc.strerror}; "
                            "try another --port") from None
    stop = threading.Event()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    # The preview answers only to loopback names, so point the browser at one.
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    page = f"{slugs[0]}/{locales[0]}/" if locales else f"{slugs[0]}/"
    click.echo(f"Previewing {page} at http://{shown}:{server.server_port}/{page} "
               "(press Ctrl+C to stop)")
    if (project.root / "content" / "practices" / slugs[0] / "practice.yaml").is_file():
        click.echo(f"Edit your practice's details at http://{shown}:{server.server_port}"
                   f"/__informed/editor/{slugs[0]}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        stop.set()
        server.server_close()


def _known_locale(project, lang: str) -> str:
    """``lang`` as the locale code the project has catalogs for, or bad input naming them."""
    from informed.i18n.locales import SOURCE_LOCALE, canonical, known_locales

    tag = canonical(lang)
    known = known_locales(project)
    if tag != SOURCE_LOCALE and tag not in known:
        raise InformedError(f'--locale: no catalogs for "{tag}"; the project has '
                            f"{', '.join(known) or 'none'}. Add it with: informed locale add {tag}")
    return tag


@cli.command()
@click.option("--practice", "practices", multiple=True, metavar="SLUG",
              help="Practice whose outputs to remove (repeatable). Default: every practice.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder. Default: output/ in the project.")
@click.pass_obj
def clean(obj: dict, practices: tuple[str, ...], out: Path | None) -> None:
    """Remove the files informed built for a practice; files you put there yourself stay."""
    from informed.manifest import clean_practices

    project = obj["project"]
    removed = clean_practices(out or project.root / "output", list(practices))
    if obj["log"].level <= logging.INFO:
        for path in removed:
            click.echo(f"removed {display_path(path, project.root)}")
    click.echo(f"{len(removed)} files removed.")


@cli.command()
@click.argument("slug")
@click.option("--name", help='The practice\'s name, such as "High Street Surgery".')
@click.option("--from-ods", "from_ods", nargs=2, metavar="CODE FILE",
              help="Fill in the name, address and phone of the practice with this ODS code from "
                   "NHS Digital's epraccur file (epraccur.csv, or the zip it comes in).")
@click.option("--ask/--no-ask", default=None,
              help="Ask for the essentials at the terminal. Default: ask when run at a terminal.")
@click.pass_obj
def init(obj: dict, slug: str, name: str | None, from_ods: tuple[str, str] | None,
         ask: bool | None) -> None:
    """Start a new practice in content/practices/SLUG; every answer not given is left to give."""
    from informed.model import Practice
    from informed.starting import (
        PRACTICE_ESSENTIALS,
        ask_answers,
        practice_text,
        remember_practice,
        write_new,
    )

    project = obj["project"]
    target = _new_folder(project, "practices", slug)
    given: dict[str, str] = {}
    if from_ods:
        from informed.epraccur import find_practice

        found = find_practice(Path(from_ods[1]), from_ods[0])
        given = {"name": found.name, "ods_code": found.code, "address": "\n".join(found.address)}
        if found.phone:
            given["phone"] = found.phone
    if name:
        given["name"] = name
    if ask if ask is not None else sys.stdin.isatty():
        given = ask_answers(Practice, PRACTICE_ESSENTIALS,
                            lambda q: click.prompt(q, default="", show_default=False),
                            lambda line: click.echo(line, err=True), given)
    starter = (Path(__file__).parent / "starters" / "practice.yaml").read_text("utf-8")
    # Only what the practice gave is filled in: every other fact must come from it too.
    text = practice_text(starter.replace("{name}", ""), given)
    write_new(target / "practice.yaml", text)
    remember_practice(project, slug)
    shown = (target / "practice.yaml").relative_to(project.root)
    click.echo(f"Created {shown}.\nNext: fill in every empty answer in it, then run: "
               f"informed build --practice {slug}")


@cli.group()
def study() -> None:
    """Start a research study."""


@study.command("init")
@click.argument("slug")
@click.option("--title", help="The study's full title, as approved.")
@click.option("--site", metavar="PRACTICE", help="The practice that hosts it. Default: the "
                                                  "practice made last.")
@click.option("--ask/--no-ask", default=None,
              help="Ask for the essentials at the terminal. Default: ask when run at a terminal.")
@click.pass_obj
def study_init(obj: dict, slug: str, title: str | None, site: str | None,
               ask: bool | None) -> None:
    """Start a new study in content/studies/SLUG, every field explained, with the answers to
    give left empty."""
    from informed.starting import (
        STUDY_ESSENTIALS,
        ask_answers,
        last_practice,
        study_starter,
        write_new,
    )
    from informed.study import REQUIRED_SECTIONS, Study

    project = obj["project"]
    target = _new_folder(project, "studies", slug) / "study.yaml"
    given = {k: v for k, v in (("title", title), ("site", site or last_practice(project)))
             if v}
    if ask if ask is not None else sys.stdin.isatty():
        given = ask_answers(Study, STUDY_ESSENTIALS,
                            lambda q: click.prompt(q, default="", show_default=False),
                            lambda line: click.echo(line, err=True), given)
    write_new(target, study_starter(Study, given, REQUIRED_SECTIONS))
    click.echo(f"Created {target.relative_to(project.root)}.\nNext: fill in every empty answer "
               f"in it, then run: informed build --study {slug}")


def _new_folder(project, kind: str, slug: str) -> Path:
    """content/<kind>/<slug>, refused if the slug is not one or the folder already exists."""
    from informed.model import check_slug

    if message := check_slug(slug):
        raise InformedError(f"SLUG: {message}")
    target = project.root / "content" / kind / slug
    if target.exists():
        raise InformedError(f"{target.relative_to(project.root)} already exists; "
                            "choose another name or edit it")
    return target


@cli.group("import")
def import_() -> None:
    """Create practices from a national list."""


@import_.command("ods")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--commissioner", "commissioners", multiple=True, metavar="CODE",
              help="Only the practices of this ICB or sub-ICB location (repeatable), such as "
                   "QOQ or 15N.")
@click.pass_obj
def import_ods(obj: dict, file: Path, commissioners: tuple[str, ...]) -> None:
    """Create a practice folder for each active GP practice in FILE, the NHS ODS file of GP
    practices (epraccur.csv), that is not there yet.

    Only what ODS knows is filled in: the name, ODS code, address and phone. Every other
    answer is the practice's to give; informed build lists those still to do. Importing again
    brings names and addresses up to date and leaves everything else as the practice wrote it.
    """
    from informed.ods import import_ods as run_import

    project = obj["project"]
    result = run_import(project, file, list(commissioners))
    for verb, paths in (("created", result.created), ("updated", result.updated)):
        for path in paths:
            click.echo(f"{verb} {display_path(path, project.root)}")
    click.echo(f"{len(result.created)} practices created, {len(result.updated)} updated, "
               f"{len(result.unchanged)} unchanged.")
    if result.created:
        click.echo("Next: each practice fills in the answers informed build lists for it.")


def json_quote(text: str) -> str:
    """A YAML-safe double-quoted string (JSON strings are valid YAML)."""
    import json

    return json.dumps(text, ensure_ascii=False)


from informed.i18n.command import locale  # noqa: E402  (registered after the group exists)
from informed.readability.command import check  # noqa: E402

cli.add_command(locale)
cli.add_command(check)


def main() -> None:
    try:
        cli.main(prog_name="informed", standalone_mode=True)
    except SystemExit:
        raise
    sys.exit(0)


if __name__ == "__main__":
    main()

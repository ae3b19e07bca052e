"""The "informed locale" commands: add, update, status and check."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import click

from informed.errors import InformedError

if TYPE_CHECKING:
    from informed.project import Project


def _tags(project: Project, langs: tuple[str, ...], own_only: bool = False) -> list[str]:
    """The locales named on the command line, or every one the project has."""
    from informed.i18n.locales import canonical, known_locales, locale_dir

    if not langs:
        found = known_locales(project)
        if own_only:
            found = [t for t in found if (locale_dir(project.root, t) / "LC_MESSAGES").is_dir()]
        if not found:
            raise InformedError("no locales yet: add one with informed locale add LANG, "
                                "for example: informed locale add pl")
        return found
    tags = [canonical(lang) for lang in langs]
    known = set(known_locales(project))
    for tag in tags:
        if tag not in known:
            raise InformedError(f'no catalogs for "{tag}": add them with '
                                f"informed locale add {tag}")
    return tags


def _shown(project: Project, path: Any) -> str:
    from informed.errors import display_path

    return display_path(path, project.root)


@click.group("locale")
def locale() -> None:
    """Translate the materials: add a language, update its catalogs, see and check progress.

    Translations live in locales/LANG/LC_MESSAGES/ui.po (words in the templates),
    content.po (the content itself) and study-SLUG.po (each study's own words). See
    docs/translating.md.
    """


@locale.command()
@click.argument("lang")
@click.pass_obj
def add(obj: dict, lang: str) -> None:
    """Start translating into LANG (such as pl, ur or cy): create its catalogs."""
    import yaml

    from informed.i18n.catalogs import new_from_template, project_template, write_catalog
    from informed.i18n.extract import extract_domain
    from informed.i18n.locales import (
        DOMAINS,
        METADATA,
        SOURCE_LOCALE,
        canonical,
        default_info,
        locale_dir,
        po_path,
        project_domains,
    )
    from informed.i18n.stats import count

    project = obj["project"]
    tag = canonical(lang)
    if tag == SOURCE_LOCALE:
        raise InformedError(f"{tag} is the language the content is written in; "
                            "add another language, such as pl")
    existing = [po_path(project.root, tag, d) for d in DOMAINS
                if po_path(project.root, tag, d).exists()]
    if existing:
        raise InformedError(f"{_shown(project, existing[0])} already exists; to bring it up to "
                            f"date, run: informed locale update {tag}")
    templates = {d: extract_domain(project, d) for d in project_domains(project)}
    folder = locale_dir(project.root, tag)
    meta_path = folder / METADATA
    if not meta_path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        info = default_info(tag)
        meta_path.write_text(
            "# About this translation. Keep status: unreviewed until a qualified translator has\n"
            "# reviewed every string; then set status: reviewed, reviewed_by and reviewed_on.\n"
            + yaml.safe_dump({**info, "translators": []}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    click.echo(f"Created {_shown(project, folder)} for {default_info(tag)['english_name']} "
               f"({default_info(tag)['name']}):")
    for domain in templates:
        catalog = new_from_template(tag, project_template(project, tag, templates[domain], None))
        path = po_path(project.root, tag, domain)
        write_catalog(path, catalog)
        counts = count(catalog)
        click.echo(f"  {_shown(project, path)}: {counts.untranslated} strings "
                   f"({counts.untranslated_words} words) to translate")
    click.echo(f"  {_shown(project, meta_path)}: the language's name, script and review status")
    click.echo(
        "Translate each msgstr in the .po files with Poedit, Weblate or a text editor. Start with "
        "ui.po, then the titles and summaries in content.po: they are on every leaflet and "
        f"poster. Then run: informed locale status {tag}; informed locale check {tag}; "
        f"informed build --locale {tag}")


@locale.command()
@click.argument("langs", nargs=-1, metavar="[LANG]...")
@click.pass_obj
def update(obj: dict, langs: tuple[str, ...]) -> None:
    """Extract the strings again and merge them into every catalog, losing nothing.

    The templates locales/ui.pot, locales/content.pot and locales/study-SLUG.pot (one per
    study) are written too, for Poedit's and Weblate's "update from template".

    A changed English string becomes fuzzy, with the old English shown (#| msgid) so the
    translator sees what changed. A string no longer used is kept at the end (#~).
    """
    from informed.i18n.catalogs import (
        new_catalog,
        project_template,
        read_catalog,
        update_catalog,
        write_catalog,
    )
    from informed.i18n.extract import extract_domain
    from informed.i18n.locales import po_path, project_domains
    from informed.i18n.templates import template_path, write_template

    project = obj["project"]
    tags = _tags(project, langs, own_only=True)
    templates = {d: extract_domain(project, d) for d in project_domains(project)}
    for domain, template in templates.items():
        state = "updated" if write_template(project.root, domain, template) else "up to date"
        click.echo(f"{_shown(project, template_path(project.root, domain))}: {state}")
    for tag in tags:
        for domain in templates:
            path = po_path(project.root, tag, domain)
            current = read_catalog(path, project.root) if path.exists() else new_catalog(
                tag, domain)
            template = project_template(project, tag, templates[domain], current)
            summary = update_catalog(current, template)
            changed = write_catalog(path, current)
            state = summary.describe() if changed else "up to date"
            click.echo(f"{_shown(project, path)}: {state}")


def status_rows(project: Project, tags: list[str]) -> list[dict[str, Any]]:
    from informed.i18n.catalogs import effective_catalog, new_from_template
    from informed.i18n.extract import extract_domain
    from informed.i18n.locales import DOMAINS, load_info, project_domains
    from informed.i18n.stats import count

    extracted = {d: extract_domain(project, d) for d in project_domains(project)}
    templates = {d: {(m.id, m.context) for m in c if m.id} for d, c in extracted.items()}
    rows = []
    for tag in tags:
        info = load_info(project, tag)
        row: dict[str, Any] = {
            "locale": tag, "name": info.name, "english_name": info.english_name,
            "script": info.script, "direction": info.direction, "review": info.status,
            "domains": {},
        }
        for domain in templates:
            catalog = effective_catalog(project, tag, domain)
            if catalog is None and domain in DOMAINS:
                continue
            if catalog is None:
                # A study nobody has started translating: all of it to do.
                catalog = new_from_template(tag, extracted[domain])
            ids = {(m.id, m.context) for m in catalog if m.id}
            row["domains"][domain] = {
                **count(catalog).as_dict(),
                "not_in_catalog": len(templates[domain] - ids),
            }
        rows.append(row)
    return rows


@locale.command()
@click.argument("langs", nargs=-1, metavar="[LANG]...")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output as a table or as JSON.")
@click.option("--material", "material", metavar="NAME",
              help="List the strings this material (every layout) still needs, such as leaflet.")
@click.option("--practice", "practice", metavar="SLUG",
              help="With --material: the practice to render it for. Default: the first.")
@click.pass_obj
def status(obj: dict, langs: tuple[str, ...], fmt: str, material: str | None,
           practice: str | None) -> None:
    """How much of each locale is translated: strings and words, per domain.

    Fuzzy strings are not counted as translated, and a plural counts only when every form
    is filled. With --material, the strings that material would still show in English.
    """
    project = obj["project"]
    if material:
        _material_status(project, _tags(project, langs), material, practice, fmt)
        return
    rows = status_rows(project, _tags(project, langs))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    header = ("Locale", "Language", "Script", "Review", "Domain", "Translated", "Fuzzy",
              "Untranslated", "Words translated")
    table = [header]
    stale = []
    for row in rows:
        first = True
        for domain, c in row["domains"].items():
            table.append((
                row["locale"] if first else "",
                f"{row['name']} ({row['english_name']})" if first else "",
                f"{row['script']} {row['direction']}" if first else "",
                row["review"] if first else "",
                domain,
                f"{c['translated']}/{c['total']} ({c['percent']:.0f}%)",
                str(c["fuzzy"]),
                str(c["untranslated"]),
                f"{c['translated_words']}/{c['total_words']}",
            ))
            first = False
            if c["not_in_catalog"]:
                stale.append(f"{row['locale']}/{domain}: {c['not_in_catalog']} new strings are "
                             f"not in the catalog yet; run: informed locale update "
                             f"{row['locale']}")
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for line in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
                   .rstrip())
    for line in stale:
        click.echo(line)


def _material_status(project: Project, tags: list[str], material: str,
                     practice: str | None, fmt: str) -> None:
    from informed.i18n.needs import material_needs
    from informed.i18n.runtime import minimum_coverage

    minimum = minimum_coverage(project)
    found = [material_needs(project, tag, material, practice) for tag in tags]
    if fmt == "json":
        click.echo(json.dumps([{
            "locale": n.locale, "material": n.material, "used": n.used,
            "percent": round(n.coverage, 1),
            "strings": [{"catalog": c, "msgid": t, "fuzzy": f} for c, t, f in n.strings],
        } for n in found], ensure_ascii=False, indent=2))
        return
    for needs in found:
        if not needs.strings:
            click.echo(f"{needs.locale}: {material} is fully translated "
                       f"({needs.used} strings).")
            continue
        ready = "can be built" if needs.coverage >= minimum else "cannot be built yet"
        # Rounded down, as the build does: 99.5% must not read as 100%.
        click.echo(f"{needs.locale}: {material} needs {len(needs.strings)} of {needs.used} "
                   f"strings ({math.floor(needs.coverage)}% translated; {ready}, the minimum is "
                   f"{minimum:.0f}%):")
        for catalog, text, fuzzy in needs.strings:
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 90 else shown[:89] + "…"
            click.echo(f"  {catalog}{' (fuzzy)' if fuzzy else ''}: {shown}")


@locale.command()
@click.argument("langs", nargs=-1, metavar="[LANG]...")
@click.pass_obj
def check(obj: dict, langs: tuple[str, ...]) -> None:
    """Check translations: placeholders, HTML tags, Markdown and the plural header.

    Exits with status 2 and lists every problem if any is found. A build never uses a locale
    whose catalogs fail these checks.
    """
    from informed.errors import ContentError, Problems
    from informed.i18n.catalogs import layer_paths
    from informed.i18n.check import check_file
    from informed.i18n.locales import load_info, project_domains

    project = obj["project"]
    problems = Problems(project.root)
    checked = []
    for tag in _tags(project, langs):
        try:
            load_info(project, tag)
        except ContentError as exc:
            problems.items.extend(exc.problems)
        for domain in project_domains(project):
            for path in layer_paths(project, tag, domain):
                catalog = check_file(path, tag, domain, problems)
                if catalog is not None:
                    fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
                    note = f" ({fuzzy} fuzzy, not checked)" if fuzzy else ""
                    checked.append(f"{_shown(project, path)}{note}")
    if problems.errors:
        raise ContentError(problems.items, project.root)
    for line in checked:
        click.echo(f"ok: {line}")

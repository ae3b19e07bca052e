"""Loads and validates content, the project config and practice profiles, reporting all errors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from informed.errors import ContentError, Problem, Problems
from informed.loading import YamlDoc, dotted, load_markdown, load_yaml
from informed.logo import resolution_warning
from informed.materials import registry
from informed.model import (
    DataUse,
    EasyRead,
    GlossaryTerm,
    OptOutInfo,
    Organisation,
    Practice,
    ProjectConfig,
    RecordCategory,
    RecordFact,
    Right,
    Source,
    check_slug,
)
from informed.project import Project
from informed.schema import INVALID, Converter, describe

#: Whole-record facts every material relies on.
REQUIRED_FACTS = ("who-can-see", "how-long-kept", "moves-with-you", "see-your-record",
                  "correct-your-record")
#: Privacy-notice facts (content/privacy.yaml) the notice is built from.
REQUIRED_PRIVACY_FACTS = ("where-from", "must-you-give", "suppliers", "security", "after-death")
#: Every UK GDPR right the privacy notice must explain (content/rights.yaml).
REQUIRED_RIGHTS = ("informed", "access", "rectification", "erasure", "restriction",
                   "portability", "object", "automated-decisions", "withdraw-consent",
                   "complain")

# A link target may hold one level of balanced brackets, as Markdown allows.
_TARGET = r"\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)"
_IMAGE = re.compile(r"!\[[^\]]*\]" + _TARGET)
_LINK = re.compile(r"(?<!!)\[[^\]]*\]" + _TARGET)
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^<>\s]*)>", re.IGNORECASE)
_SVG_EXTERNAL = re.compile(
    r"""(?:href|src)\s*=\s*["']\s*((?!#|data:)[^"']+)|url\(\s*["']?((?!#|data:)[^)"']+)|@import""",
    re.IGNORECASE,
)


@dataclass
class Content:
    """Everything under content/ except practices and studies."""

    sources: dict[str, Source]
    glossary: list[GlossaryTerm]
    categories: list[RecordCategory]
    facts: dict[str, RecordFact]
    uses: list[DataUse]
    opt_outs: dict[str, OptOutInfo]
    organisations: dict[str, Organisation]
    files: list[Path] = field(default_factory=list)
    #: UK GDPR rights, for the privacy notices.
    rights: list[Right] = field(default_factory=list)
    #: Facts only the privacy notices need: where data come from, whether you must give them.
    privacy: dict[str, RecordFact] = field(default_factory=dict)
    #: Where each source's "checked" date is written (file, line, dotted key), for warnings.
    source_places: dict[str, tuple[Path, int, str]] = field(default_factory=dict)
    #: The words of each Easy Read version, by material (content/easy-read.yaml).
    easy_read: dict[str, EasyRead] = field(default_factory=dict)

    def use(self, use_id: str) -> DataUse:
        return next(u for u in self.uses if u.id == use_id)

    def category(self, category_id: str) -> RecordCategory:
        return next(c for c in self.categories if c.id == category_id)

    def right(self, right_id: str) -> Right:
        return next(r for r in self.rights if r.id == right_id)


def load_config(project: Project) -> ProjectConfig:
    path = project.config_path
    if not path.exists():
        return ProjectConfig()
    problems = Problems(project.root)
    doc = load_yaml(path)
    config = Converter(doc, problems).build(ProjectConfig, doc.data)
    _report(problems)
    return config


def _report(problems: Problems, strict: bool = False) -> None:
    problems.check(strict)
    for warning in problems.warnings:
        import logging

        logging.getLogger("informed").warning(warning.format(problems.root))


def _list_of(conv: Converter, doc: YamlDoc, key: str, cls: type) -> list[Any]:
    data = doc.data
    if not isinstance(data, dict) or key not in data:
        conv.error((), f'expected a list under "{key}:" at the top of the file')
        return []
    for name in data:
        if name != key:
            conv.problems.warn(doc.path, doc.line((name,)), "", f'unknown field "{name}"')
    items = data[key]
    if not isinstance(items, list):
        conv.error((key,), "expected a list")
        return []
    built = [conv.build(cls, item, (key, i)) for i, item in enumerate(items)]
    return [b for b in built if b is not INVALID]


def _unique(conv: Converter, items: list[Any], key: str, attr: str = "id") -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            conv.error((key, index, attr), f'"{value}" is used twice; ids must be unique')
        seen.add(value)


def check_markdown_urls(text: str, path: Path, first_line: int, key: str,
                        problems: Problems) -> None:
    """Refuse images that are not local files, and links that are not web, mail or phone."""
    # Python-Markdown is imported only when there is text to check.
    from informed.markdown_render import plain_url, safe_image, safe_link

    def line_of(pos: int) -> int:
        return first_line + text.count("\n", 0, pos)

    for match in _IMAGE.finditer(text):
        url = plain_url(match.group(1))
        if not safe_image(url):
            problems.error(path, line_of(match.start()), key,
                           f'image "{url}" is not allowed: images must be files inside the '
                           "project, named by a relative path such as images/photo.png")
    for match in [*_LINK.finditer(text), *_REFERENCE.finditer(text), *_AUTOLINK.finditer(text)]:
        url = plain_url(match.group(1))
        if not safe_link(url):
            problems.error(path, line_of(match.start()), key,
                           f'link "{url}" is not allowed: use an https://, mailto: or tel: link')


def load_content(project: Project, strict: bool = False) -> Content:
    """Load and cross-check all shared content. Raises ContentError listing every problem."""
    problems = Problems(project.root)
    files: list[Path] = []

    def open_yaml(relative: str) -> YamlDoc | None:
        path = project.find(relative)
        if path is None:
            problems.error(project.root / relative, None, "", "file not found")
            return None
        files.append(path)
        try:
            return load_yaml(path)
        except ContentError as exc:
            problems.items.extend(exc.problems)
            return None

    sources: list[Source] = []
    glossary: list[GlossaryTerm] = []
    categories: list[RecordCategory] = []
    facts: list[RecordFact] = []
    opt_outs: list[OptOutInfo] = []
    organisations: list[Organisation] = []
    rights: list[Right] = []
    privacy: list[RecordFact] = []
    easy_read: list[EasyRead] = []
    citing: list[tuple[Converter, tuple, list[str]]] = []
    source_places: dict[str, tuple[Path, int, str]] = {}

    for relative, key, cls, target in (
        ("content/sources.yaml", "sources", Source, sources),
        ("content/glossary.yaml", "terms", GlossaryTerm, glossary),
        ("content/record/categories.yaml", "categories", RecordCategory, categories),
        ("content/record/facts.yaml", "facts", RecordFact, facts),
        ("content/opt-outs.yaml", "opt_outs", OptOutInfo, opt_outs),
        ("content/organisations.yaml", "organisations", Organisation, organisations),
        ("content/rights.yaml", "rights", Right, rights),
        ("content/privacy.yaml", "facts", RecordFact, privacy),
        ("content/easy-read.yaml", "documents", EasyRead, easy_read),
    ):
        doc = open_yaml(relative)
        if doc is None:
            continue
        conv = Converter(doc, problems)
        items = _list_of(conv, doc, key, cls)
        _unique(conv, items, key, "term" if cls is GlossaryTerm else "id")
        target.extend(items)
        citing.extend((conv, (key, i), item.sources) for i, item in enumerate(items)
                      if cls is not Source)
        if cls is Source:
            source_places.update(
                (item.id, (doc.path, doc.line((key, i, "checked")), f"{key}[{i}].checked"))
                for i, item in enumerate(items))
        if cls is RecordFact:
            for index, fact in enumerate(items):
                check_markdown_urls(fact.body, doc.path, doc.line((key, index, "body")) + 1,
                                    f"{key}[{index}].body", problems)

    uses: list[DataUse] = []
    use_files = project.glob("content/uses", "*.md")
    if not use_files:
        problems.error(project.root / "content/uses", None, "",
                       "no uses found: add one Markdown file per use, such as research.md")
    for path in use_files:
        files.append(path)
        try:
            doc, body, body_line = load_markdown(path)
        except ContentError as exc:
            problems.items.extend(exc.problems)
            continue
        conv = Converter(doc, problems)
        use = conv.build(DataUse, doc.data)
        if use is INVALID:
            continue
        if use.id != path.stem:
            conv.error(("id",), f'expected "{path.stem}", the same as the file name, '
                                f'got "{use.id}"')
        if not body.strip():
            problems.error(path, body_line, "", "the Markdown text after the front matter is "
                                                "empty; explain this use in a few short paragraphs")
        check_markdown_urls(body, path, body_line, "", problems)
        use.body, use.path, use.body_line = body, path, body_line
        uses.append(use)
        citing.append((conv, (), use.sources))
    uses.sort(key=lambda u: (u.order, u.id))

    known = {s.id for s in sources}
    if sources:
        for conv, key, ids in citing:
            if not ids:
                conv.error((*key, "sources") if key else ("sources",),
                           "name at least one source from content/sources.yaml")
            for index, source_id in enumerate(ids):
                if source_id not in known:
                    conv.error((*key, "sources", index),
                               f'unknown source "{source_id}"; add it to content/sources.yaml')

    for relative, items, key, required, noun in (
        ("content/record/facts.yaml", facts, "facts", REQUIRED_FACTS, "fact"),
        ("content/privacy.yaml", privacy, "facts", REQUIRED_PRIVACY_FACTS, "fact"),
        ("content/rights.yaml", rights, "rights", REQUIRED_RIGHTS, "right"),
    ):
        found = project.find(relative)
        ids = {item.id for item in items}
        if found is not None and items:
            # Reported at the list's own line, where the missing entry belongs.
            line = next((n for n, text in enumerate(found.read_text("utf-8").splitlines(), 1)
                         if text.startswith(f"{key}:")), 1)
            for needed in required:
                if needed not in ids:
                    problems.error(found, line, key, f'missing the {noun} "{needed}"')

    _report(problems, strict)
    return Content(
        sources={s.id: s for s in sources},
        glossary=glossary,
        categories=categories,
        facts={f.id: f for f in facts},
        uses=uses,
        opt_outs={o.id: o for o in opt_outs},
        organisations={o.id: o for o in organisations},
        files=files,
        rights=rights,
        privacy={f.id: f for f in privacy},
        source_places=source_places,
        easy_read={e.id: e for e in easy_read},
    )


def stale_sources(content: Content, produced: dt.date, months: int) -> list[Problem]:
    """A warning for each source not checked within ``months`` before ``produced``: the facts
    that cite it may have changed since."""
    from informed.build import add_months

    oldest = add_months(produced, -months)
    problems = []
    for source in content.sources.values():
        if source.checked < oldest:
            path, line, key = content.source_places.get(source.id, (None, None, source.id))
            problems.append(Problem(
                path, line, key,
                f'"{source.id}" was last checked on {source.checked.isoformat()}, more than '
                f"{months} months "
                f"before {produced.isoformat()}: check that the content citing it still "
                "matches the source, then update the date", warning=True))
    return problems


IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def check_logo(practice: Practice, doc: YamlDoc, problems: Problems) -> None:
    assert practice.folder is not None and practice.logo is not None
    key = ("logo",)
    line = doc.line(key)
    shown = practice.logo.replace("\0", "\\0")
    try:
        logo = (practice.folder / practice.logo).resolve()
    except RuntimeError:  # a symlink that points at itself, in a loop
        problems.error(doc.path, line, "logo", f'"{shown}" is a link that leads back to itself; '
                                               "put the logo file itself next to practice.yaml")
        return
    except (OSError, ValueError):  # such as a NUL character in the name
        problems.error(doc.path, line, "logo", f'"{shown}" is not a file name')
        return
    if not logo.is_relative_to(practice.folder.resolve()):
        problems.error(doc.path, line, "logo", f'"{practice.logo}" is outside the practice folder;'
                                               " put the logo file next to practice.yaml")
        return
    try:
        found = logo.is_file()
    except OSError as exc:  # such as a name longer than the file system allows
        problems.error(doc.path, line, "logo", f'"{shown}" cannot be opened: {exc.strerror}')
        return
    if not found:
        problems.error(doc.path, line, "logo",
                       f'file "{practice.logo}" not found in {practice.folder.name}/')
        return
    suffix = logo.suffix.lower()
    head = logo.read_bytes()[:512]
    if suffix == ".svg":
        ok = b"<svg" in logo.read_bytes()[:4096]
        external = _SVG_EXTERNAL.search(logo.read_text(encoding="utf-8", errors="replace"))
        if ok and external:
            target = external.group(1) or external.group(2) or "@import"
            problems.error(doc.path, line, "logo",
                           f'"{practice.logo}" refers to "{target}"; a logo must not load other '
                           "files or web addresses. Embed everything in the SVG")
            return
    elif suffix in IMAGE_SIGNATURES:
        ok = head.startswith(IMAGE_SIGNATURES[suffix])
    else:
        problems.error(doc.path, line, "logo",
                       f'expected an SVG, PNG or JPEG file, got "{logo.name}"')
        return
    if not ok:
        problems.error(doc.path, line, "logo",
                       f'"{practice.logo}" is not a valid {suffix[1:].upper()} image')
        return
    practice.logo_path = logo
    boxes = [v.logo for m in registry().values() for v in m.variants if "pdf" in v.formats]
    if warning := resolution_warning(logo, boxes):
        problems.warn(doc.path, line, "logo", warning)


#: The shipped example practice: the only one whose made-up details may be printed.
EXAMPLE_SLUG = "example-surgery"


def _check_examples(doc: YamlDoc, slug: str, problems: Problems) -> None:
    """Refuse details copied from the example: nothing is printed that the practice did not
    give us."""
    from informed.examples import find_example_values, walk_strings

    declared = isinstance(doc.data, dict) and doc.data.get("example") is True
    if declared and slug == EXAMPLE_SLUG:
        return
    if declared:
        problems.error(doc.path, doc.line(("example",)), "example",
                       f'only the shipped example practice ("{EXAMPLE_SLUG}") may say '
                       "example: true; delete this line")
    for key, text in walk_strings(doc.data):
        if found := find_example_values(text):
            values = ", ".join(f'"{value}"' for value in found)
            where = "" if found == [text.strip()] else f" in {describe(text)}"
            problems.error(doc.path, doc.line(key), dotted(key),
                           f"{values}{where} comes from the example practice: replace it with "
                           "your practice's own")


def load_practice(project: Project, slug: str, strict: bool = False) -> Practice:
    problems = Problems(project.root)
    if message := check_slug(slug):
        raise ContentError([Problem(None, None, "practice", message)], project.root)
    path = project.find(f"content/practices/{slug}/practice.yaml")
    if path is None:
        known = ", ".join(project.practice_slugs()) or "none yet"
        raise ContentError([Problem(project.root / f"content/practices/{slug}/practice.yaml",
                                    None, "", f"file not found; known practices: {known}")],
                           project.root)
    practice = check_practice(load_yaml(path), slug, problems)
    _report(problems, strict)
    return practice


def check_practice(doc: YamlDoc, slug: str, problems: Problems) -> Practice:
    """Every check a practice profile gets, reported into ``problems``; the practice, or
    INVALID. The build and the editor's inline checks both use it, so they say the same."""
    path = doc.path
    practice = Converter(doc, problems).build(Practice, doc.data)
    _check_examples(doc, slug, problems)
    if practice is not INVALID:
        from informed.i18n.locales import canonical

        # "en_GB" and "EN-gb" are en-GB: one folder, one lang attribute, each language once.
        practice.locales = list(dict.fromkeys(canonical(tag) for tag in practice.locales))
        practice.staff_locales = list(dict.fromkeys(
            canonical(tag) for tag in practice.staff_locales or practice.locales[:1]))
        practice.slug = slug
        practice.folder = path.parent
        if practice.logo:
            check_logo(practice, doc, problems)
    return practice


__all__ = ["Content", "check_logo", "check_practice", "dotted", "load_config", "load_content",
           "load_practice"]

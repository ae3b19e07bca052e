"""The output manifest: what a build wrote for a practice, so later builds remove what is stale.

A build owns only the files it wrote. Each practice's output folder keeps a list of them
(``.informed-manifest.json``); a later build removes those it covered but no longer makes, and
``informed clean`` removes them all. Anything else in ``output/`` is a person's, and stays.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from informed.atomic import write_atomic

log = logging.getLogger("informed")

MANIFEST = ".informed-manifest.json"
THUMBNAILS = "thumbnails"
_VERSION = 1


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True)
class Output:
    """One file a build wrote, relative to its practice's output folder."""

    path: str
    #: What the file is, so a later build knows whether it covered it: "" for the index page.
    locale: str = ""
    material: str = ""
    study: str | None = None
    #: The file's own hash (a file someone changed since is theirs now, and is kept), and the
    #: hash of the HTML it was made from (a PDF made from other HTML is out of step).
    sha256: str = ""
    source: str = ""
    #: The hash of everything the document was made from (informed.build.cache), and the date
    #: it printed as produced: a later build with the same inputs keeps the file and its date.
    inputs: str = ""
    produced: str = ""

    @property
    def document(self) -> str:
        """The document this file is one format of: the path without its extension, two-part
        endings such as ".sms.txt" and ".audio.txt" included."""
        from informed.materials import EXTENSIONS

        for ending in EXTENSIONS.values():
            if "." in ending and self.path.endswith("." + ending):
                return self.path[:-len(ending) - 1]
        return str(PurePosixPath(self.path).with_suffix(""))


@dataclass(frozen=True)
class Scope:
    """What one build covered in one practice's folder; outputs outside it are left alone."""

    #: None: every locale and every material.
    locales: frozenset[str] | None = None
    materials: frozenset[str] | None = None
    #: The practice's own materials were built (not only a study's documents).
    own: bool = True
    #: Studies whose documents were built; None: every study of this site.
    studies: frozenset[str] | None = None

    def covers(self, output: Output) -> bool:
        if not output.material:
            return False  # the index page is rewritten by every build
        if self.locales is not None and output.locale not in self.locales:
            return False
        if self.materials is not None and output.material not in self.materials:
            return False
        if output.study is None:
            return self.own
        return self.studies is None or output.study in self.studies


def _safe(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts


def read(folder: Path) -> list[Output]:
    """The outputs an earlier build recorded in ``folder``; none if there is no usable list."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["outputs"] if data.get("version") == _VERSION else []
        outputs = [Output(**item) for item in items]
    except (FileNotFoundError, NotADirectoryError):  # nothing built there yet
        return []
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        log.warning("%s cannot be read, so no earlier output is removed; informed will write "
                    "a new one", path)
        return []
    return [o for o in outputs if isinstance(o.path, str) and _safe(o.path)]


def write(folder: Path, outputs: list[Output]) -> None:
    data = {"version": _VERSION, "outputs": [asdict(o) for o in sorted(outputs,
                                                                        key=lambda o: o.path)]}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    path = folder / MANIFEST
    try:
        if path.read_text(encoding="utf-8") == text:
            return  # a build that changed nothing writes nothing
    except (OSError, ValueError):
        pass
    write_atomic(path, text)


def _remove(folder: Path, output: Output) -> bool:
    """Delete one file a build wrote, if it is still as it was written; True if removed."""
    root = folder.resolve()
    path = folder / output.path
    if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root):
        return False
    if output.sha256 and digest(path.read_bytes()) != output.sha256:
        log.warning("%s was changed since informed wrote it, so it is left in place",
                    path)
        return False
    path.unlink()
    targets = [path]
    if path.suffix == ".pdf":
        thumbnail = folder / THUMBNAILS / PurePosixPath(output.path).with_suffix(".png")
        if thumbnail.is_file() and not thumbnail.is_symlink():
            thumbnail.unlink()
            targets.append(thumbnail)
    for target in targets:
        _remove_empty_folders(target.parent, root)
    return True


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder.resolve() != root and folder.resolve().is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty, or not ours to remove
            return
        folder = folder.parent


def update(folder: Path, scope: Scope, produced: list[Output]) -> list[Path]:
    """Record ``produced`` as this build's outputs in ``folder``; remove the earlier ones this
    build covered but no longer makes, and any other format of a document that was made from
    different HTML. Returns the paths removed."""
    made = {o.path for o in produced}
    sources = {o.document: o.source for o in produced if o.source}
    kept: list[Output] = []
    removed: list[Path] = []
    for old in read(folder):
        if old.path in made:
            continue
        if old.document in sources:
            stale = old.source != sources[old.document]
        else:
            stale = scope.covers(old)
        if stale:
            # Not removed: already gone, or someone changed it and it is theirs now.
            if _remove(folder, old):
                removed.append(folder / old.path)
        elif (folder / old.path).is_file():
            kept.append(old)
    write(folder, kept + produced)
    return removed


def owned(folder: Path) -> set[str]:
    """Paths (relative to ``folder``) of the outputs informed wrote there and still lists."""
    return {o.path for o in read(folder)}


def clean(folder: Path) -> list[Path]:
    """Remove every output listed in ``folder``'s manifest, then the manifest itself."""
    removed = [folder / o.path for o in read(folder) if _remove(folder, o)]
    manifest = folder / MANIFEST
    if manifest.is_file():
        manifest.unlink()
        _remove_empty_folders(folder, folder.parent.resolve())
    return removed


def clean_practices(out: Path, slugs: list[str]) -> list[Path]:
    """``informed clean``: remove the outputs of each practice named, or of every practice
    with a manifest in ``out``."""
    from informed.errors import InformedError
    from informed.model import check_slug

    for slug in slugs:
        if message := check_slug(slug):
            raise InformedError(f"--practice: {message}")
    if not slugs and out.is_dir():
        slugs = sorted(p.parent.name for p in out.glob(f"*/{MANIFEST}"))
    removed: list[Path] = []
    for slug in slugs:
        removed.extend(clean(out / slug))
    return removed

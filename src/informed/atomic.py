"""Atomic file writes: a temporary file beside the target, then a rename."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from informed.errors import InformedError


class WriteError(InformedError):
    """An output could not be written: a full disk, a folder in the way, no permission."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"cannot write {path}: {reason}")


def _reason(exc: OSError) -> str:
    """Why a write failed, in words a practice manager can act on."""
    if exc.errno == errno.ENOSPC:
        return "no space left on the disk; free some space and build again"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up; free some space and build again"
    if exc.errno == errno.EISDIR:
        return "a folder with that name is in the way; move or remove it"
    return exc.strerror or str(exc)


def _stage(path: Path, payload: bytes) -> str:
    """Write ``payload`` to a new temporary file beside ``path``; return its name."""
    if path.is_dir():
        raise WriteError(path, _reason(OSError(errno.EISDIR, "Is a directory")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        # Such as --out below a file, or a folder we may not write to.
        raise WriteError(path, _reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(path, _reason(exc)) from None
        raise
    return tmp


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(path, _reason(exc)) from None
        raise


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` so that nobody ever sees half a file: not a PDF, not a catalog."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _replace(_stage(path, payload), path)


class Staging:
    """Files written in full beside their targets first, then put in place together.

    Used as a context manager: leaving it by an error or an interrupt removes every staged file,
    so the files already in place stay as they were, all of them from the same earlier build.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []
        #: Files put in place so far, and whether every staged file was.
        self.done: list[Path] = []
        self.committed = False

    def add(self, path: Path, data: bytes | str) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self.pending.append((_stage(path, payload), path))

    def commit(self) -> list[Path]:
        """Rename every staged file onto its target; the targets, in the order added."""
        while self.pending:
            tmp, path = self.pending[0]
            _replace(tmp, path)
            self.pending.pop(0)
            self.done.append(path)
        self.committed = True
        return list(self.done)

    def discard(self) -> None:
        for tmp, _path in self.pending:
            Path(tmp).unlink(missing_ok=True)
        self.pending.clear()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

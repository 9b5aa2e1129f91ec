"""Files no output may replace: the open library with its ``-wal``, ``-shm`` and ``-journal``
companions, and the files a command is reading.

``export --all -o library.sqlite`` once replaced the library with the export and exited 0 —
every private note gone — and ``backup -o library.sqlite-wal`` had SQLite delete the backup
as the library closed. So every writer of an output file (the exporters' atomic writer, the
QSaveFile of prints and pictures, the backup) asks ``refusal`` first, and nothing is written
when the answer is a sentence.

A file is the same file when its resolved path is the same (``../``, symlinks) or, when both
exist, when its device and inode are (hard links). Plain standard library: every layer may
ask.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

COMPANIONS = (("-wal", "write-ahead log"), ("-shm", "shared-memory file"),
              ("-journal", "journal"))

_lock = threading.Lock()
_guarded: dict[Path, tuple[str, int]] = {}  # resolved path → (what it is, holders)


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve(strict=False)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def library_files(library: Path) -> list[tuple[Path, str]]:
    """The library file and its SQLite companions, each with what it is, for a sentence."""
    name = _resolved(library)
    files = [(name, f"the library that is open ({name.name})")]
    files += [(name.with_name(name.name + suffix), f"the open library's {what}")
              for suffix, what in COMPANIONS]
    return files


def guard(files: Iterable[tuple[Path, str]]) -> None:
    with _lock:
        for path, what in files:
            key = _resolved(path)
            _, holders = _guarded.get(key, (what, 0))
            _guarded[key] = (what, holders + 1)


def release(files: Iterable[tuple[Path, str]]) -> None:
    with _lock:
        for path, _what in files:
            key = _resolved(path)
            found = _guarded.get(key)
            if found is None:
                continue
            what, holders = found
            if holders <= 1:
                del _guarded[key]
            else:
                _guarded[key] = (what, holders - 1)


@contextlib.contextmanager
def guarded_files(files: list[tuple[Path, str]]) -> Iterator[None]:
    """``files`` (path, what it is) may not be written while the block runs."""
    guard(files)
    try:
        yield
    finally:
        release(files)


def guarded(paths: Iterable[Path], what: str) -> contextlib.AbstractContextManager[None]:
    """``paths`` may not be written while the block runs (a command's own inputs)."""
    return guarded_files([(Path(p), f"{what} ({Path(p).name})") for p in paths])


def refusal(output: Path) -> str | None:
    """Why ``output`` may not be written — one phrase to follow "X could not be written:" —
    or None when it may."""
    target = _resolved(output)
    target_identity = _identity(target)
    with _lock:
        entries = list(_guarded.items())
    for path, (what, _holders) in entries:
        if target == path or (target_identity is not None
                              and target_identity == _identity(path)):
            return f"it is {what}; nothing was written — choose another file"
    return None

"""Every output file is written through ``QSaveFile``: into a temporary file renamed over the
target only when complete, so a failed print or export leaves no half file and does not touch
an existing one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSaveFile

from desktop.problems import ExportProblem
from desktop.protected_files import refusal


@contextmanager
def atomic_file(path: Path) -> Iterator[QSaveFile]:
    refused = refusal(path)  # the open library, its companions, a file being read
    if refused:
        raise ExportProblem(path, refused)
    target = QSaveFile(str(path))
    if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise ExportProblem(path, target.errorString())
    try:
        yield target
    except BaseException:
        target.cancelWriting()
        raise
    if not target.commit():
        raise ExportProblem(path, target.errorString())

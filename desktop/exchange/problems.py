"""The errors every importer and exporter raises: one sentence naming the file, the place in
it and the problem — shown as it is in the window and on the command line."""

from __future__ import annotations

from pathlib import Path


class ImportProblem(Exception):
    """A file cannot be read. ``str()`` is the sentence shown to the user."""

    def __init__(self, source: str | Path, place: str, problem: str) -> None:
        self.source = str(source)
        self.place = place
        self.problem = problem
        where = f" at {place}" if place else ""
        super().__init__(f"{self.source}{where}: {problem}")


class ExportProblem(Exception):
    """A file cannot be written. ``str()`` is the sentence shown to the user."""

    def __init__(self, target: str | Path, problem: str) -> None:
        self.target = str(target)
        self.problem = problem
        super().__init__(f"{self.target} could not be written: {problem}")

"""The one error every importer raises: a file, a place in it, a problem — one sentence."""

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

"""The problems every file read or written can meet, each one sentence naming the file, the
place in it and the problem — shown as it is in the window and on the command line. One home
for the importers, the exporters, printing and picture export alike."""

from __future__ import annotations

import re
from pathlib import Path

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """Text from a file, fit for a one-line message: no line breaks, no control characters."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def unexpected(error: BaseException) -> str:
    """A bug's exception in words for one line ("KeyError: 'x'"); its traceback is logged."""
    return f"{type(error).__name__}: {one_line(str(error))[:200]}"


class ImportProblem(Exception):
    """A file cannot be read. ``str()`` is the sentence shown to the user."""

    def __init__(self, source: str | Path, place: str, problem: str) -> None:
        self.source = str(source)
        self.place = place
        # One line whatever the file holds: a quoted header may contain a newline (fuzzing
        # found one), and the message quotes it.
        self.problem = one_line(problem)
        where = f" at {place}" if place else ""
        super().__init__(one_line(f"{self.source}{where}: {self.problem}"))


class ExportProblem(Exception):
    """A file (or a printer) cannot be written; what was there before is untouched.
    ``str()`` is the sentence shown to the user."""

    def __init__(self, target: str | Path, problem: str) -> None:
        self.target = str(target)
        self.problem = one_line(problem)
        super().__init__(one_line(f"{self.target} could not be written: {self.problem}"))


class Cancelled(Exception):
    """The seller cancelled a long import or export; nothing was written."""

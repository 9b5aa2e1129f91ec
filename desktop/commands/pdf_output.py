"""What every command that prints a PDF shares: the paper (``--paper``, else the locale's)
and the one sentence a refused write becomes. Imported when such a command runs (it loads
the printing code, which the other commands must not pay for)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from desktop.problems import ExportProblem
from desktop.render.printing.choices import Paper
from desktop.render.printing.options import default_paper


def chosen_paper(args: argparse.Namespace) -> Paper:
    return Paper(args.paper) if args.paper else default_paper()


@contextlib.contextmanager
def refused_in_one_sentence() -> Iterator[None]:
    """A PDF that cannot be written (a folder, a full disk, the library itself) is the
    user's one-sentence error, not a traceback."""
    from desktop.cli import UserError

    try:
        yield
    except ExportProblem as error:
        raise UserError(str(error)) from error

"""Writing an export without a window: into a temporary file in the same folder, flushed to
disk, then renamed over the target — a failure leaves no half file and the old one intact.
(The window's picture and PDF exports use Qt's QSaveFile for the same guarantee.)"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from desktop.domain.deal import Deal
from desktop.problems import ExportProblem
from desktop.protected_files import refusal

Writer = Callable[[Sequence[Deal], Path, bool], list[Path]]  # deals, target, include_private


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    refused = refusal(path)  # the open library, its companions, a file being read
    if refused:
        raise ExportProblem(path, refused)
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                             dir=folder)
    except OSError as error:
        raise ExportProblem(path, error.strerror or str(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportProblem(path, error.strerror or str(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as stream:
        stream.write(data)


def one_deal_writer(to_bytes: Callable[[Deal], bytes]) -> Writer:
    """A format writer for formats that hold exactly one deal (graphs)."""

    def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
        (deal,) = deals
        write_bytes(path, to_bytes(deal))
        return [path]

    return write

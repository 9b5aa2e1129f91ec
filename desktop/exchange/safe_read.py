"""Reading a file the user names, safely: only a regular file, and never more than the limit.

``stat`` alone was not enough: ``/dev/zero`` has no size and was read until memory ran out, and
a FIFO blocked the import for ever. The file is opened without blocking, the *open*
descriptor is checked (so a file swapped after a check is still caught), and at most
limit + 1 bytes are read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop.problems import ImportProblem


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; :class:`ImportProblem` when it is not a regular file, is over
    ``limit`` bytes, or cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise ImportProblem(path, "", "this is a folder, not a file") from None
    except OSError as error:
        raise ImportProblem(path, "", f"cannot be read ({error.strerror})") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise ImportProblem(path, "", "this is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise ImportProblem(path, "", "this is not a regular file (a device, a pipe or a "
                                          "socket); nothing was read")
        if status.st_size > limit:
            raise ImportProblem(path, "", f"the file is {status.st_size / 1e6:.0f} MB; the "
                                          f"limit is {limit / 1e6:.0f} MB")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            raise ImportProblem(path, "", f"the file is larger than {limit / 1e6:.0f} MB")
        return data
    except OSError as error:
        raise ImportProblem(path, "", f"cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)

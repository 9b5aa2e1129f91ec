"""No command writes over the library it has open, or over one of its SQLite companions: the
same file by another path (``../``), a symlink or a hard link included. One sentence, exit 1,
nothing written (``export --all -o library.sqlite`` once replaced the library with the export
and exited 0). And no writer touches a file a command is reading."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import assert_one_clear_line, digest, run

DEAL = "Northwind fleet telematics"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    assert run("--db", path, "demo").returncode == 0
    return path


def same_file(library: Path, how: str, suffix: str) -> Path:
    """A name for the library (or a companion) as a careless or hostile user writes it."""
    folder = library.parent
    if how == "path":
        return library
    if how == "dotdot":
        return folder / ".." / folder.name / library.name
    if how == "wal":
        return library.with_name(library.name + "-wal")
    if how == "shm":
        return library.with_name(library.name + "-shm")
    if how == "journal":
        return library.with_name(library.name + "-journal")
    link = folder / f"other{suffix}"
    if how == "symlink":
        link.symlink_to(library)
    else:
        os.link(library, link)
    return link


COMMANDS: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "export deal file": (".dealtri", lambda out: ["export", "--all", "--format", "dealtri",
                                                  "-o", str(out)]),
    "export csv": (".csv", lambda out: ["export", "--all", "--format", "csv", "-o", str(out)]),
    "print": (".pdf", lambda out: ["print", DEAL, "-o", str(out)]),
    "map picture": (".png", lambda out: ["export", DEAL, "-o", str(out)]),
    "backup": (".sqlite", lambda out: ["backup", "-o", str(out)]),
}


WAYS = ["path", "dotdot", "symlink", "hardlink", "wal", "shm", "journal"]
# A print or a picture must be named .pdf or .png: the library reaches them only by a link.
CASES = [(command, how) for command in sorted(COMMANDS) for how in WAYS
         if command not in ("print", "map picture") or how in ("symlink", "hardlink")]


@pytest.mark.parametrize(("command", "how"), CASES)
def test_no_command_writes_over_the_open_library(library: Path, how: str,
                                                 command: str) -> None:
    suffix, arguments = COMMANDS[command]
    target = same_file(library, how, suffix)
    before = digest(library)
    files = sorted(p.name for p in library.parent.iterdir())
    result = run("--db", library, *arguments(target))
    line = assert_one_clear_line(result)
    assert "nothing was written" in line
    assert digest(library) == before
    assert sorted(p.name for p in library.parent.iterdir()) == files  # no file made either


def test_a_writer_refuses_a_file_being_read(tmp_path: Path) -> None:
    from desktop.exchange.safe_write import write_bytes
    from desktop.problems import ExportProblem
    from desktop.protected_files import guarded

    source = tmp_path / "theirs.dealtri"
    source.write_bytes(b"{}")
    with guarded([source], "a file being imported"), \
            pytest.raises(ExportProblem, match="a file being imported"):
        write_bytes(tmp_path / "." / "theirs.dealtri", b"overwritten")
    assert source.read_bytes() == b"{}"
    write_bytes(source, b"written")  # once the import is over, it is an ordinary file
    assert source.read_bytes() == b"written"

"""Commands that only read leave the library's folder exactly as it was: the same files, the
same bytes (``check`` left ``-wal`` and ``-shm`` behind, and the next command folded them
into the library, changing its bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import digest, run
from tests.helpers.small_disk import mounted_tmpfs, remount_read_only

DEAL = "Northwind fleet telematics"


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("command", [
    ["check"], ["list"], ["list", "--json"], ["show", DEAL], ["show", DEAL, "--json"],
    ["print", DEAL, "-o", "{out}/brief.pdf"], ["export", "--all", "-o", "{out}/all.dealtri"],
    ["export", DEAL, "-o", "{out}/map.png"], ["backup", "-o", "{out}/copy.sqlite"],
])
def test_a_reading_command_leaves_the_folder_as_it_was(tmp_path: Path,
                                                       command: list[str]) -> None:
    library_folder, out = tmp_path / "library", tmp_path / "out"
    library_folder.mkdir()
    out.mkdir()
    library = library_folder / "lib.sqlite"
    assert run("--db", library, "demo").returncode == 0
    before = folder_state(library_folder)
    result = run("--db", library, *[c.format(out=out) for c in command])
    assert result.returncode == 0, result.stderr
    assert folder_state(library_folder) == before


def test_reading_commands_on_a_read_only_medium(tmp_path: Path) -> None:
    """A library on a read-only file system (a USB stick with its lock, a read-only share):
    every reading command works and the medium is untouched (``check`` said "cannot be
    written" and exited 1)."""
    out = tmp_path / "out"
    out.mkdir()
    with mounted_tmpfs(tmp_path / "medium", "2m") as medium:
        library = medium / "lib.sqlite"
        assert run("--db", library, "demo").returncode == 0
        remount_read_only(medium)
        before = folder_state(medium)
        for command in (["check"], ["list"], ["show", DEAL], ["print", DEAL, "-o",
                        f"{out}/brief.pdf"], ["export", "--all", "-o", f"{out}/all.dealtri"],
                        ["backup", "-o", f"{out}/copy.sqlite"]):
            result = run("--db", library, *command)
            assert result.returncode == 0, (command, result.stderr)
            assert result.stderr == "", command
        assert folder_state(medium) == before
        assert sorted(p.name for p in out.iterdir()) == ["all.dealtri", "brief.pdf",
                                                         "copy.sqlite"]

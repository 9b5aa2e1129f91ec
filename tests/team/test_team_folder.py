"""The team folder as files: the names we write, the copies sync engines make, what is left
alone, when a file is settled, an atomic publish, and a folder that is not there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.exchange.team_folder import (
    Seen,
    TeamFileName,
    TeamFolderOffline,
    look,
    parse_name,
    publish,
    published_name,
    settled,
)

DEAL = "6f0b7c1e-3a7d-4d49-9a58-1d4a3b9e2c11"
AUTHOR = "0d9c5e4a-1b2c-4d3e-8f90-a1b2c3d4e5f6"
OWN = f"{DEAL}.{AUTHOR}.dealtri"


def test_the_published_name_is_the_deal_and_the_author() -> None:
    assert published_name(DEAL, AUTHOR) == OWN
    assert parse_name(OWN) == TeamFileName(DEAL, AUTHOR, "")


@pytest.mark.parametrize("copy", [
    f"{DEAL}.{AUTHOR} (Sam's conflicted copy 2026-12-03).dealtri",  # Dropbox
    f"{DEAL}.{AUTHOR}-DESKTOP-1.dealtri",  # OneDrive
    f"{DEAL}.{AUTHOR}-DESKTOP-1 (1).dealtri",
    f"{DEAL}.{AUTHOR} (1).dealtri",  # Google Drive, Explorer
    f"{DEAL}.{AUTHOR}.sync-conflict-20261203-101010-ABCDEFG.dealtri",  # Syncthing
    f"{DEAL}.{AUTHOR} (conflicted copy 2026-12-03 101010).dealtri",  # Nextcloud
    f"{DEAL.upper()}.{AUTHOR}.dealtri",  # a file system that changed the case
])
def test_the_copies_sync_engines_make_are_read_as_that_authors_version(copy: str) -> None:
    parsed = parse_name(copy)
    assert parsed is not None
    assert (parsed.deal_id, parsed.author_id) == (DEAL, AUTHOR)
    assert parsed.is_copy == (not copy.startswith(DEAL.upper()))


@pytest.mark.parametrize("other", [
    f".{OWN}.x1y2.part",  # our own temporary file
    f".~lock.{OWN}#", "desktop.ini", ".dropbox", "notes.txt", f"{DEAL}.dealtri",
    f"{DEAL}.{AUTHOR}.dealtri.tmp", f"{DEAL}.not-an-author.dealtri", "x" * 300 + ".dealtri",
])
def test_other_files_are_left_alone(other: str) -> None:
    assert parse_name(other) is None


def test_look_lists_team_files_with_size_and_time_only(tmp_path: Path) -> None:
    (tmp_path / OWN).write_bytes(b"{}")
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / f".{OWN}.abc.part").write_bytes(b"{")
    (tmp_path / f"{DEAL}.{AUTHOR} (1).dealtri").mkdir()  # a folder with a team file's name
    (tmp_path / f"{DEAL}.{AUTHOR} (2).dealtri").symlink_to("/etc/passwd")
    found = look(tmp_path)
    assert list(found) == [OWN]
    info = (tmp_path / OWN).stat()
    assert found[OWN] == Seen(2, info.st_mtime_ns, info.st_ino)


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p / "gone", "does not exist"),
    (lambda p: (p / "a-file").write_text("x") and p / "a-file", "is a file, not a folder"),
])
def test_a_folder_that_is_not_there_is_offline_in_one_sentence(
        tmp_path: Path, make: object, said: str) -> None:
    folder = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(TeamFolderOffline) as raised:
        look(folder)
    assert said in str(raised.value)
    assert str(raised.value).startswith(f"The team folder {folder} is offline")
    with pytest.raises(TeamFolderOffline):
        publish(folder, DEAL, AUTHOR, b"{}")


def test_a_file_is_settled_when_unchanged_since_the_last_look_or_old_enough() -> None:
    now = 1_000 * 10**9
    fresh = Seen(10, now - 10**9)  # written a second ago
    assert not settled(fresh, None, now)
    assert not settled(fresh, Seen(9, now - 2 * 10**9), now)  # still growing
    assert settled(fresh, fresh, now)  # the same as at the last look
    assert settled(Seen(10, now - 6 * 10**9), None, now)  # quiet for six seconds
    assert not settled(Seen(10, now + 3600 * 10**9), None, now)  # another laptop's clock ahead


def test_publish_replaces_the_file_at_once_and_leaves_no_temporary_file(
        tmp_path: Path) -> None:
    publish(tmp_path, DEAL, AUTHOR, b"first")
    publish(tmp_path, DEAL, AUTHOR, b"second")
    assert (tmp_path / OWN).read_bytes() == b"second"
    assert os.listdir(tmp_path) == [OWN]

"""The team folder as files: what the app writes there, what it reads, and what the company's
sync engine (OneDrive, Dropbox, Google Drive, Syncthing, a network share) does to them.

Each laptop publishes each shared deal as its own file, ``<deal-id>.<author-id>.dealtri``:
two laptops never write the same file, so the sync engine never has a conflict of ours to
settle. Engines still make copies — of a file changed on two laptops while offline, or
renamed by a person — and each has its own way of naming them:

===============================  =======================================================
engine                           the copy of ``D.A.dealtri``
===============================  =======================================================
Dropbox                          ``D.A (Sam's conflicted copy 2026-12-03).dealtri``
OneDrive / SharePoint            ``D.A-DESKTOP-1.dealtri``, ``D.A-DESKTOP-1 (1).dealtri``
Google Drive, Windows Explorer   ``D.A (1).dealtri``
Syncthing                        ``D.A.sync-conflict-20261203-101010-ABCDEFG.dealtri``
Nextcloud / ownCloud             ``D.A (conflicted copy 2026-12-03 101010).dealtri``
===============================  =======================================================

Because ids are UUIDs, a copy is recognised by the two ids it starts with, whatever the
engine added after them: it is read as one more version by that author (merge by id makes
reading it twice harmless). Everything else in the folder is left alone: files whose names
start with a dot (our own temporary files, the engines' own), other files, folders and
links.

Half-written files are normal here: an engine writes a file in place while it arrives. A
file is read only when it is *settled* — its size and modification time the same as at the
previous look, or older than a few seconds — and a settled file that cannot be read is a
problem to list, never before. Modification times order nothing (laptops' clocks differ):
they only say whether a file changed since we last looked.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import glob
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from desktop.exchange.safe_write import write_bytes

SUFFIX = ".dealtri"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NAME = re.compile(rf"(?P<deal>{_UUID})\.(?P<author>{_UUID})(?P<copy>.*)\{SUFFIX}",
                   re.IGNORECASE | re.DOTALL)
SETTLE_SECONDS = 5.0  # a file unchanged this long is complete, whatever it holds
MAX_NAME = 255
LEFTOVER_SECONDS = 60.0  # a temporary file this old is no publish in progress


class TeamFolderOffline(Exception):
    """The team folder is not there (an unplugged stick, an unmounted share) or cannot be
    listed; the app keeps working and says so. ``str()`` is the sentence shown."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        super().__init__(f"The team folder {folder} is offline: {reason}.")


@dataclass(frozen=True, slots=True)
class TeamFileName:
    """What a file's name says: whose version of which deal, and the sync engine's
    decoration when it is a copy (empty for the author's own file)."""

    deal_id: str
    author_id: str
    copy: str = ""

    @property
    def is_copy(self) -> bool:
        return bool(self.copy)


class Seen(NamedTuple):
    """A file as the last look found it: enough to tell that it changed, never its age.
    File times can be coarse (a few milliseconds): two writes of one size in one tick have
    one time, but a publish by rename gives the file a new inode. A tuple: a look makes
    10,000 of them (a frozen dataclass cost a third of the look)."""

    size: int
    mtime_ns: int
    inode: int = 0  # a publish renames a new file in: a new inode, even within one tick


def published_name(deal_id: str, author_id: str) -> str:
    """The one file this laptop writes for this deal."""
    return f"{deal_id}.{author_id}{SUFFIX}"


@functools.lru_cache(maxsize=1 << 16)  # a folder's names stay from sync to sync
def parse_name(name: str) -> TeamFileName | None:
    """The deal and author of a team file's name (a copy's too); None for any other file."""
    if name.startswith(".") or len(name) > MAX_NAME:
        return None
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    return TeamFileName(match["deal"].lower(), match["author"].lower(), match["copy"].strip())


def look(folder: Path) -> dict[str, Seen]:
    """Every team file in ``folder`` (not in sub-folders) with its size and time; raises
    :class:`TeamFolderOffline` when the folder is missing or cannot be listed. One
    ``scandir`` pass: 10,000 files are looked at without opening one."""
    found: dict[str, Seen] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name[-len(SUFFIX):].lower() != SUFFIX or parse_name(name) is None:
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # gone between the listing and the look: next time
                if stat.S_ISREG(info.st_mode):
                    found[entry.name] = Seen(info.st_size, info.st_mtime_ns, info.st_ino)
    except FileNotFoundError:
        raise TeamFolderOffline(folder, "it does not exist (not plugged in or not mounted?)"
                                ) from None
    except NotADirectoryError:
        raise TeamFolderOffline(folder, "it is a file, not a folder") from None
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if error.errno in (errno.EACCES, errno.EPERM):
            reason = "it cannot be read (permission denied)"
        raise TeamFolderOffline(folder, reason.lower()) from None
    return found


def settled(now: Seen, before: Seen | None, clock_ns: int,
            settle_seconds: float = SETTLE_SECONDS) -> bool:
    """Whether a file is complete enough to judge: unchanged since the last look, or not
    written for ``settle_seconds`` by the clock of this laptop's file system (a time in the
    future — another laptop's clock ahead — counts as just written)."""
    if before is not None and before == now:
        return True
    return clock_ns - now.mtime_ns >= settle_seconds * 1e9


def publish(folder: Path, deal_id: str, author_id: str, data: bytes) -> Path:
    """Write this laptop's version of the deal: a temporary file beside it (its name starts
    with a dot: engines and readers skip it), flushed, then renamed over the old version —
    what sync engines expect; a temporary file a killed publish left is deleted first.
    Raises :class:`TeamFolderOffline` when the folder is gone, ``ExportProblem`` when it
    cannot be written."""
    if not folder.is_dir():
        raise TeamFolderOffline(folder, "it does not exist (not plugged in or not mounted?)")
    path = folder / published_name(deal_id, author_id)
    forget_leftovers(path)
    write_bytes(path, data)
    return path


def forget_leftovers(path: Path, older_than: float = LEFTOVER_SECONDS) -> list[Path]:
    """Delete the temporary files a killed publish of ``path`` left beside it (only this
    laptop writes files of its author id, so only its own leftovers match), once they are
    old enough that no publish can still be writing them; the ones deleted."""
    gone = []
    cutoff = time.time() - older_than
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < cutoff and leftover.is_file():
                leftover.unlink()
                gone.append(leftover)
    return gone

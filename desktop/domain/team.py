"""The team: a folder the company's sync engine carries, this laptop's author in it, the
deals it shares, and what a sync found (``docs/team.md``). Qt-free and SQL-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.text import clean_name


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """Where this laptop shares, and as whom: the author id is made once per laptop and is
    part of every file it publishes; the name is what colleagues see."""

    folder: str
    author_name: str
    author_id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not self.folder.strip():
            raise ValidationError("folder", "a team folder is needed")
        object.__setattr__(self, "author_name", clean_name(self.author_name, "author"))
        object.__setattr__(self, "author_id", check_id(self.author_id, "author_id"))


@dataclass(frozen=True, slots=True)
class Share:
    """A deal this laptop publishes, and how: private notes and evidence stay home unless
    ``with_private``; ``anonymised`` names people by initials and roles."""

    deal_id: str
    with_private: bool = False
    anonymised: bool = False


class FileState(StrEnum):
    MERGED = "merged"  # read and merged (or nothing new in it)
    WAITING = "waiting"  # still being written by the sync engine: read again later
    PROBLEM = "problem"  # settled, and cannot be read: one sentence in the problems list
    CONFLICTS = "conflicts"  # differs from this library where the seller must choose


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A file of the team folder as last seen, and what became of it."""

    name: str
    size: int
    mtime_ns: int
    state: FileState
    note: str = ""
    inode: int = 0
    digest: str = ""  # the content digest of what was merged (``based_on`` in our files)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did, for the status bar and ``team sync``'s lines."""

    published: tuple[str, ...] = ()  # deal names written to the folder
    came_in: tuple[str, ...] = ()  # one line per file merged that changed something
    waiting: tuple[str, ...] = ()  # file names still being written
    problems: tuple[str, ...] = ()  # one sentence per file that cannot be read
    conflicts: tuple[str, ...] = ()  # one line per conflict waiting for the seller
    gone: tuple[str, ...] = ()  # deals whose file another laptop removed (kept here)
    offline: str = ""  # the sentence when the folder was not there
    # what came in, change by change, with who made it ("Helix …: Kevin Liu: support −1 →
    # +1, by Anna, 2 Dec 2026"); deals new here are in ``came_in`` alone
    changes: tuple[str, ...] = ()

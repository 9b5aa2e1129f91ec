"""The team folder's state as the window words it: read from the library (what the last
syncs left in ``team_files`` and ``team``) and the runner's last outcome, for the status bar
and File ▸ Team folder…. Qt-free: the words are tested without a window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop.domain.team import FileState, TeamSettings
from desktop.domain.wording import plural
from desktop.store import team
from desktop.store.library import Library
from desktop.store.team_unsettled import unsettled

OFFLINE = "Team folder offline"


@dataclass(frozen=True, slots=True)
class TeamState:
    settings: TeamSettings
    online: bool
    last_read: datetime | None  # local time
    last_published: datetime | None
    waiting: tuple[str, ...]  # file names still being written
    problems: tuple[str, ...]  # one sentence each
    conflicts: tuple[str, ...]  # one line each, waiting for the seller


def read_state(library: Library) -> TeamState | None:
    """None when no team folder is set."""
    settings = team.settings(library)
    if settings is None:
        return None
    last_read, last_published = team.times(library)
    records = unsettled(library)
    online = Path(settings.folder).is_dir()
    return TeamState(
        settings, online, _local(last_read), _local(last_published),
        tuple(name for name, state, _ in records if state is FileState.WAITING),
        tuple(note for _, state, note in records if state is FileState.PROBLEM),
        tuple(line for _, state, note in records if state is FileState.CONFLICTS
              for line in note.splitlines()))


def _local(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return None


def when(moment: datetime | None, now: datetime, *, short: bool = False) -> str:
    """A time as a person says it: "today 10:42" (``short``: "10:42"), "yesterday 10:42",
    "3 Dec 10:42", "3 Dec 2025"; "never"."""
    if moment is None:
        return "never"
    clock = f"{moment:%H:%M}"
    days = (now.date() - moment.date()).days
    if days == 0:
        return clock if short else f"today {clock}"
    if days == 1:
        return f"yesterday {clock}"
    if moment.year == now.year or now - moment < timedelta(days=150):
        return f"{moment.day} {moment:%b} {clock}"
    return f"{moment.day} {moment:%b %Y}"


def status_line(state: TeamState, now: datetime, *, syncing: bool = False,
                offline: bool = False) -> str:
    """The status bar's words: "Team: read 10:42 · published 10:41 · 2 conflicts waiting";
    offline (the folder not there, or ``offline``: the last sync could not list it), what
    still waits stays said: "Team folder offline · 1 conflict waiting"."""
    if syncing:
        return "Team: syncing…"
    waits = []
    if state.conflicts:
        waits.append(f"{plural(len(state.conflicts), 'conflict')} waiting")
    if state.problems:
        waits.append(plural(len(state.problems), "problem"))
    if offline or not state.online:
        return " · ".join([OFFLINE, *waits])
    parts = [f"read {when(state.last_read, now, short=True)}",
             f"published {when(state.last_published, now, short=True)}"]
    return "Team: " + " · ".join(parts + waits)


def details(state: TeamState, now: datetime) -> str:
    """The status bar's tooltip: the folder, the name, and what waits."""
    lines = [f"Team folder: {state.settings.folder}"
             + ("" if state.online else " — offline (not there now)"),
             f"You: {state.settings.author_name}",
             f"Last read {when(state.last_read, now)}, last published "
             f"{when(state.last_published, now)}",
             f"{plural(len(state.waiting), 'file')} still being written",
             f"{plural(len(state.conflicts), 'conflict')} waiting, "
             f"{plural(len(state.problems), 'problem')}",
             "Click for File ▸ Team folder…"]
    return "\n".join(lines)

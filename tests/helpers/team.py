"""Anna's library for the window's team tests: the demo deals, a team folder set and Helix
shared — set up before the window opens, as `team set` and `team share` on the command
line would."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.team import Share, TeamSettings
from desktop.store import team


def anna_with_helix_shared(tmp_path: Path, folder: Path) -> tuple[Path, str]:
    """Her library's path and the Helix clinical deal's id."""
    from desktop.ui.application import open_library

    home = tmp_path / "anna"
    home.mkdir()
    path = home / "library.sqlite"
    with open_library(path) as library:
        team.set_settings(library, TeamSettings(str(folder), "Anna Keller"))
        helix = next(d for d in library.list_deals() if d.name.startswith("Helix Health cl"))
        team.share(library, Share(helix.id))
    return path, helix.id

"""Where the library lives: ``--db PATH``, else ``$DEAL_TRIANGLE_DB``, else the platform's
user-data folder (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop import APP_ID

ENVIRONMENT_VARIABLE = "DEAL_TRIANGLE_DB"


def default_library_path() -> Path:
    return platformdirs.user_data_path(APP_ID, appauthor=False) / "library.sqlite"


def resolve_library_path(option: str | os.PathLike[str] | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    configured = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    return default_library_path()


def prepare_default_folder(path: Path) -> None:
    """Create the user-data folder for the default library; a folder the user named is theirs
    to create, and a missing one is reported rather than silently made."""
    if path == default_library_path():
        path.parent.mkdir(parents=True, exist_ok=True)

"""This computer's id, kept in the user's config folder — not in the library.

A library file can be copied to another computer (a new laptop, a restored backup on a
colleague's machine) and used on both. If its team author id travelled with it, both copies
would publish the same team file and mark their changes as the same author: the sync engine
would make conflict copies of it, and each side's marks would claim to have seen the other's
edits — edits would be lost (found by the Syncthing soak test). So the library remembers on
which computer its author id was made, and a sync on another computer makes a new one
(``desktop/store/team.py`` ``claim``).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import platformdirs

from desktop import APP_ID

FILE_NAME = "machine-id"


def machine_path() -> Path:
    return platformdirs.user_config_path(APP_ID, appauthor=False) / FILE_NAME


def machine_id() -> str:
    """This computer's id, made once (a UUID); "" when it can be neither read nor kept —
    then no library is ever taken for a copy."""
    path = machine_path()
    try:
        text = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(text))
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    made = str(uuid.uuid4())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}")
        temporary.write_text(made + "\n", encoding="ascii")
        os.replace(temporary, path)  # two first starts at once: one id wins, both read it
        return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
    except (OSError, ValueError, UnicodeDecodeError):
        return ""

"""Who signs a comment: the name in the settings, asked for once.

A comment is only worth reading with its author ("Maria: slipped twice — why?"), and two
laptops merge comments by id, so the name must be the person's, not a login. The first
comment asks for it, offering the full name the operating system knows (the GECOS field on
Linux and macOS, else the login name), and the answer is kept (``AUTHOR_NAME``).
"""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.domain.errors import ValidationError
from desktop.domain.text import clean_name
from desktop.ui.settings import AUTHOR_NAME, Settings

QUESTION = "Your comments are signed with your name. Your name:"


def os_full_name() -> str:
    """The user's full name as the system knows it ("" when it knows none)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment or the user database
        return ""
    try:
        import pwd  # not on Windows

        gecos = pwd.getpwnam(login).pw_gecos
    except (ImportError, KeyError):
        return login
    full = gecos.split(",")[0].strip()
    return full or login


def comment_author(settings: Settings, parent: QWidget | None) -> str | None:
    """The name to sign with; asked once (None: the person declined to give one)."""
    kept = settings.get(AUTHOR_NAME).strip()
    if kept:
        return kept
    answer, ok = QInputDialog.getText(parent, "Your name", QUESTION,
                                      QLineEdit.EchoMode.Normal, os_full_name())
    if not ok:
        return None
    try:
        name = clean_name(answer, "author")
    except ValidationError:
        return None
    settings.set(AUTHOR_NAME, name)
    return name

"""Where to write an export: the save dialog every export uses — a name made from the deal's
name, in the folder of the last export, the extension added when it was left out."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from desktop.ui import file_dialogs
from desktop.ui.settings import EXPORT_FOLDER, Setting, Settings

_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(name: str, fallback: str = "deal") -> str:
    """A deal's name as a file name on every system."""
    return _UNSAFE_IN_NAMES.sub(" ", name).strip() or fallback


def last_folder(settings: Settings, first: Setting[str] = EXPORT_FOLDER) -> Path:
    """The folder ``first`` remembers (the last export's, or the last import's), else the
    last export's, else the user's documents, else home — the first that exists (a folder
    that is gone made the dialog open in the app's working folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (settings.get(first), settings.get(EXPORT_FOLDER), documents):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def ask_save_path(parent: QWidget, settings: Settings, title: str, stem: str,
                  suffixes: tuple[str, ...], name_filter: str) -> Path | None:
    """Ask for the file (``suffixes`` with their dot, the first is added when none of them
    was typed); remember its folder for the next export. None when cancelled."""
    folder = last_folder(settings)
    name, _ = file_dialogs.get_save_file_name(
        parent, title, str(folder / f"{stem}{suffixes[0]}"), name_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in suffixes:
        path = path.with_name(path.name + suffixes[0])
    settings.set(EXPORT_FOLDER, str(path.parent))
    return path

"""The file dialogs of the app (open, import, save, export), which never open a file to
find its icon or kind.

Qt's file dialog asks the MIME database for every file it lists, and a name it does not
know — the library's ``-wal`` and ``-shm`` files beside it — is identified by *reading* the
file. On Linux and macOS a process that closes any descriptor of a file loses every POSIX
lock it held on that file (SQLite's "how to corrupt a database", 2.2): the window's own
library connection silently lost its locks on the shared-memory file, the next command-line
run took the library for unused, checkpointed and deleted the log under the window, and the
window's later edits went nowhere — one import then damaged an index. So these dialogs name
icons and kinds from the file name alone, with Qt's widget dialog (a native one would read
the files in our process just the same).
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget


class ContentBlindIconProvider(QAbstractFileIconProvider):
    """A folder or a file icon, and a kind from the extension: nothing is opened."""

    @overload
    def icon(self, arg: QAbstractFileIconProvider.IconType, /) -> QIcon: ...
    @overload
    def icon(self, arg: QFileInfo, /) -> QIcon: ...

    def icon(self, arg: QAbstractFileIconProvider.IconType | QFileInfo, /) -> QIcon:
        style = QApplication.style()
        if isinstance(arg, QFileInfo):
            folder = arg.isDir()
        else:
            folder = arg in (QAbstractFileIconProvider.IconType.Folder,
                             QAbstractFileIconProvider.IconType.Drive)
        return style.standardIcon(QStyle.StandardPixmap.SP_DirIcon if folder
                                  else QStyle.StandardPixmap.SP_FileIcon)

    def type(self, info: QFileInfo, /) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def _dialog(parent: QWidget | None, caption: str, directory: str,
            name_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    provider = ContentBlindIconProvider()
    dialog.setIconProvider(provider)
    dialog.setProperty("content_blind_icons", provider)  # kept alive with the dialog
    return dialog


def get_save_file_name(parent: QWidget | None, caption: str, directory: str,
                       name_filter: str) -> tuple[str, str]:
    """As ``QFileDialog.getSaveFileName``: the chosen name ("" when cancelled), the filter."""
    dialog = _dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles()
    result = (chosen[0] if chosen else "", dialog.selectedNameFilter())
    dialog.deleteLater()
    return result


def get_open_file_name(parent: QWidget | None, caption: str, directory: str,
                       name_filter: str) -> tuple[str, str]:
    """As ``QFileDialog.getOpenFileName``."""
    names, chosen_filter = _open(parent, caption, directory, name_filter,
                                 QFileDialog.FileMode.ExistingFile)
    return (names[0] if names else "", chosen_filter)


def get_open_file_names(parent: QWidget | None, caption: str, directory: str,
                        name_filter: str) -> tuple[list[str], str]:
    """As ``QFileDialog.getOpenFileNames``."""
    return _open(parent, caption, directory, name_filter,
                 QFileDialog.FileMode.ExistingFiles)


def _open(parent: QWidget | None, caption: str, directory: str, name_filter: str,
          mode: QFileDialog.FileMode) -> tuple[list[str], str]:
    dialog = _dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(mode)
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    result = (list(dialog.selectedFiles()) if accepted else [], dialog.selectedNameFilter())
    dialog.deleteLater()
    return result


def get_existing_directory(parent: QWidget | None, caption: str, directory: str) -> str:
    """As ``QFileDialog.getExistingDirectory``: the chosen folder ("" when cancelled)."""
    dialog = _dialog(parent, caption, directory, "")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles()
    result = accepted[0] if accepted else ""
    dialog.deleteLater()
    return result

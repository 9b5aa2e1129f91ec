"""The Help menu's three doors: the user guide inside the app, the keyboard-shortcut sheet made
from the window's own menus, and About. The guide and the sheet load when first opened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop import APP_NAME, __version__
from desktop.ui.text import html


def open_guide(parent: QWidget) -> None:
    from desktop.ui.help_window import open_user_guide

    open_user_guide(parent)


def show_shortcuts(parent: QWidget, menus: Sequence[QMenu]) -> None:
    from desktop.ui.shortcuts_dialog import show_shortcuts as show

    show(parent, [(menu.title(), menu.actions()) for menu in menus])


def about(parent: QWidget, library: Path | None) -> None:
    where = (f"<p>Everything stays on this computer, in one library file:<br>"
             f"<code>{html(str(library))}</code></p>") if library else ""
    QMessageBox.about(
        parent, f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Map the people of a deal and score each one on the decision triangle: "
        "<b>business outcome</b>, <b>technical fit</b> and <b>personal win</b> — and ask, "
        "for every person, what they need to move forward.</p>" + where)

"""A file dialog opened beside the library must not drop the window's locks on it.

Qt's dialog read every listed file it could not name by its extension — the library's
``-wal`` and ``-shm`` beside it — and closing those reads dropped the process's POSIX locks
on them. The next command-line run then took the library for unused and deleted its log
under the window, whose later edits went nowhere (a real session lost three actions, and an
import then damaged an index). The dialogs now name files by their name alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.demo import add_demo_deals
from desktop.store.library import Library
from desktop.ui import file_dialogs
from tests.helpers.ui import answer_next_dialog


def test_the_save_dialog_beside_the_library_leaves_its_log_alone(qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:  # the window's connection, in this process
        add_demo_deals(library)
        library.list_deals()
        log = [tmp_path / "library.sqlite-wal", tmp_path / "library.sqlite-shm"]
        assert all(p.exists() for p in log)
        listed: list[str] = []

        def look_and_cancel(dialog: QDialog) -> None:
            assert isinstance(dialog, QFileDialog)
            qtbot.wait(1500)  # the dialog lists the folder and paints it, as for a person
            listed.append(dialog.directory().absolutePath())
            dialog.reject()

        answer_next_dialog(look_and_cancel)
        name, _ = file_dialogs.get_save_file_name(None, "Export as PDF",
                                                  str(tmp_path / "deal.pdf"), "PDF (*.pdf)")
        assert name == ""
        assert listed == [str(tmp_path)]  # the dialog showed the library's folder
        # Another program reads the library while the window still has it open.
        result = subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "list"],
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert all(p.exists() for p in log), sorted(p.name for p in tmp_path.iterdir())

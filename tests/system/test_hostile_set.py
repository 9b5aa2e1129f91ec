"""Every reader, every file of a generated hostile set (tests/helpers/hostile.py): only our
problem classes escape, the message is one line, and a refused input leaves the library's
bytes exactly as they were.

The command line runs in-process here (``desktop.cli.main``): it catches only the problem
classes (StoreError, ImportProblem, ValidationError, UserError), so anything else — the
traceback a user would have seen — reaches the test and fails it. The window's import gets
the corpus too, through its File ▸ Import action.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.deal import Deal
from desktop.ui import file_dialogs
from tests.helpers import hostile
from tests.helpers.cli import digest
from tests.helpers.ui import open_window


def run_in_process(*args: str | Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, err.getvalue().strip().splitlines()


def assert_refused_or_read(code: int, lines: list[str], before: str, after: str,
                           case: str) -> bool:
    """True when refused: exit 1, one line naming the problem, the library unchanged."""
    assert code in (0, 1), f"{case}: exit {code}"
    if code == 0:
        return False
    assert len(lines) == 1, f"{case}: {lines}"
    assert lines[0].startswith("deal-triangle: error: "), case
    assert "Traceback" not in lines[0], case
    assert after == before, f"{case}: the library changed"
    return True


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory, demos: list[Deal]) -> Path:
    return hostile.sound_library(tmp_path_factory.mktemp("sound") / "library.sqlite", demos)


def test_every_importer_refuses_every_hostile_file_in_one_line(
        sound: Path, tmp_path: Path, small_demo: Deal) -> None:
    library = tmp_path / "library.sqlite"
    shutil.copy(sound, library)
    files = hostile.import_files(small_demo)
    refused = 0
    for case in files:
        path = tmp_path / "in" / case.filename
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(case.data)
        before = digest(library)
        code, lines = run_in_process("--db", library, "import", path, "--on-conflict", "theirs")
        refused += assert_refused_or_read(code, lines, before, digest(library), case.name)
        if code:
            assert str(path) in lines[0], f"{case.name}: the file is not named: {lines[0]}"
        path.unlink()
    assert len(files) > 200
    assert refused > len(files) * 0.6  # most of the set is refused, not read


COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "list": lambda _out, lib: ["--db", lib, "list"],
    "show": lambda _out, lib: ["--db", lib, "show", "Northwind fleet telematics"],
    "check": lambda _out, lib: ["--db", lib, "check"],
    "export": lambda out, lib: ["--db", lib, "export", "--all", "-o", out / "all.dealtri"],
    "print": lambda out, lib: ["--db", lib, "print", "Northwind fleet telematics", "-o",
                               out / "n.pdf"],
    "demo": lambda _out, lib: ["--db", lib, "demo"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_every_damaged_library_in_one_line(
        sound: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    cases = list(hostile.hostile_libraries(sound, tmp_path))
    for case, path in cases:
        before = digest(path)
        code, lines = run_in_process(*COMMANDS[command](out, path))
        if command == "check":  # check reports problems and exits 1 with them
            assert code in (0, 1), case
            assert digest(path) == before, case
            continue
        if assert_refused_or_read(code, lines, before, digest(path), case):
            assert not list(out.iterdir()), f"{case}: something was written"
        for made in out.iterdir():
            made.unlink()
    assert len(cases) >= 30


def test_restore_refuses_every_damaged_backup_and_keeps_the_library(
        sound: Path, tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    for case, path in hostile.hostile_libraries(sound, tmp_path):
        shutil.copy(sound, library)
        before = digest(library)
        code, lines = run_in_process("--db", library, "restore", path)
        assert_refused_or_read(code, lines, before, digest(library), case)


def test_the_window_import_says_one_sentence_and_keeps_no_undo_step(
        qtbot: QtBot, sound: Path, tmp_path: Path, small_demo: Deal,
        monkeypatch: pytest.MonkeyPatch) -> None:
    library = tmp_path / "library.sqlite"
    shutil.copy(sound, library)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.No)  # each its own deal
    window = open_window(qtbot, library, tmp_path)
    stack = window.session.undo_stack
    refused = 0

    def decline_dialogs() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    decline = QTimer()
    decline.timeout.connect(decline_dialogs)
    decline.start(20)
    cases = [c for c in hostile.import_files(small_demo) if not c.name.startswith("damaged")]
    for case in cases:
        path = tmp_path / "in" / case.filename
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(case.data)
        monkeypatch.setattr(file_dialogs, "get_open_file_names", lambda *_a, p=path: ([str(p)], ""))
        steps, before, warned = stack.count(), digest(library), len(shown)
        window.import_action.trigger()  # a column or conflict dialog is declined
        QApplication.processEvents()  # the warning is shown from the event loop
        if len(shown) > warned:
            refused += 1
            assert "\n" not in shown[-1], case.name
            assert shown[-1].startswith(str(path)) or str(path) in shown[-1], case.name
        if stack.count() == steps:
            assert digest(library) == before, case.name
        path.unlink()
    decline.stop()
    window.session.close()
    assert refused > len(cases) * 0.6

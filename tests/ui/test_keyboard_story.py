"""The seller's session with the keyboard alone: no mouse event at all. Every field is
reached with Tab (the test proves it is in the tab chain), every command by its key or the
menu's mnemonics, every choice with the arrow keys — and the library checked after each step.

New deal (Ctrl+N); people added (Ctrl+Shift+N) under the manager chosen in the people table
(Ctrl+2, arrows); scores typed, one made unknown with Space; influence chosen with the arrow
keys; an influence line added from the inspector (Add line…); an action added for a person
from the inspector, another in the Plan tab (Ctrl+5, Enter, typed, Enter) and completed
(Ctrl+Enter); a card moved on the map with the arrow keys (Ctrl+4); undo and redo; a snapshot
(Ctrl+Alt+S); a score raised (End on the slider); what changed (Alt+D, N); print preview
(Ctrl+Shift+P); export as PDF (Ctrl+Shift+E).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.actions import ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence, RelationKind
from desktop.domain.person import Person
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.people_model import Column
from desktop.ui.relation_dialog import RelationDialog
from tests.helpers.pdf import pdftext
from tests.helpers.ui import activate, answer_next_dialog, main_window, shown_preview

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
TEAM = [("Dana Whitfield", "Chief Operating Officer", ""),
        ("Ravi Menon", "Chief Information Officer", "Dana Whitfield"),
        ("Mia Chen", "Enterprise Architect", "Ravi Menon"),
        ("Tom Berger", "Procurement Lead", "Dana Whitfield")]


def key(window: QWidget, which: Qt.Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is (the window's shortcuts answer from anywhere)."""
    QTest.keyClick(QApplication.focusWidget() or window, which, modifiers)


def arrived(dialog: QWidget) -> None:
    """A dialog that opened is the active window (a window manager does this; the offscreen
    platform has none), so keys go to its focused field."""
    dialog.activateWindow()
    for _ in range(100):
        if dialog.isActiveWindow():
            return
        QTest.qWait(10)
    raise AssertionError(f"{dialog!r} never became active")


def tab_to(target: QWidget, *, limit: int = 120) -> None:
    """Tab until ``target`` has the focus: it must be reachable by the keyboard."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        focused = QApplication.focusWidget()
        assert focused is not None, "nothing has the focus"
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"{target!r} is not in the tab chain "
                         f"(focus is on {QApplication.focusWidget()!r})")


def type_here(text: str) -> None:
    """Select what the focused field holds and type over it."""
    field = QApplication.focusWidget()
    assert field is not None
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)


def stored(window: MainWindow) -> Deal:
    assert window.session.deal is not None
    return window.session.library.get_deal(window.session.deal.id)


def person(window: MainWindow, name: str) -> Person:
    return next(p for p in stored(window).people if p.name == name)


def choose_row(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Ctrl+2 puts the cursor in the people table; Up to the first row, then Down to the
    person's (Ctrl+Home would move the cursor without selecting)."""
    key(window, Qt.Key.Key_2, CTRL)
    table = window.people.table
    assert QApplication.focusWidget() is table
    for _ in range(window.people.filter.rowCount()):  # up to the first row
        QTest.keyClick(table, Qt.Key.Key_Up)
    for _ in range(window.people.filter.rowCount()):
        if table.currentIndex().siblingAtColumn(Column.NAME).data() == name:
            break
        QTest.keyClick(table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: [p.name for p in window.selected_people()] == [name])


def choose_by_arrows(box: QWidget, text: str) -> None:
    """In a focused combo box: Home, then Down until it shows ``text``."""
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(12):
        if box.currentText().startswith(text):  # type: ignore[attr-defined]
            return
        QTest.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"no {text!r}")


def new_deal(qtbot: QtBot, window: MainWindow) -> None:
    def fill(dialog: QDialog) -> None:
        arrived(dialog)
        assert isinstance(dialog, DealDialog)
        assert QApplication.focusWidget() is dialog.name
        QTest.keyClicks(dialog.name, "Contoso warehouse rollout")
        tab_to(dialog.account)
        QTest.keyClicks(dialog.account, "Contoso Logistics")
        QTest.keyClick(dialog.account, Qt.Key.Key_Return)

    answer_next_dialog(fill)
    key(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name == "Contoso warehouse rollout")
    activate(qtbot, window)
    assert stored(window).account == "Contoso Logistics"


def add_people(qtbot: QtBot, window: MainWindow) -> None:
    for name, title, manager in TEAM:
        if manager:
            choose_row(qtbot, window, manager)
        before = len(stored(window).people)
        key(window, Qt.Key.Key_N, CTRL | SHIFT)
        qtbot.waitUntil(lambda: len(stored(window).people) == before + 1)  # noqa: B023
        assert QApplication.focusWidget() is window.inspector.texts["name"]
        QTest.keyClicks(window.inspector.texts["name"], name)  # replaces the selected text
        tab_to(window.inspector.texts["title"])
        type_here(title)
        QTest.keyClick(window.inspector.texts["title"], Qt.Key.Key_Tab)
        assert (person(window, name).title) == title
    deal = stored(window)
    names = {p.id: p.name for p in deal.people}
    assert {(names[r.source], names[r.target]) for r in deal.relations
            if r.kind is RelationKind.REPORTS_TO} == {
        (name, manager) for name, _title, manager in TEAM if manager}


def scores_and_stance(qtbot: QtBot, window: MainWindow) -> None:
    choose_row(qtbot, window, "Tom Berger")
    key(window, Qt.Key.Key_3, CTRL)  # the inspector
    editors = window.inspector.scores
    tab_to(editors[Axis.PERSONAL].spin)
    type_here("3")
    tab_to(editors[Axis.BUSINESS].spin)
    type_here("6")
    tab_to(editors[Axis.TECHNICAL].unknown)
    if not editors[Axis.TECHNICAL].unknown.isChecked():
        QTest.keyClick(editors[Axis.TECHNICAL].unknown, Qt.Key.Key_Space)
    tab_to(window.inspector.influence)
    choose_by_arrows(window.inspector.influence, "High")
    tom = person(window, "Tom Berger")
    assert (tom.scores.personal.value, tom.scores.business.value,
            tom.scores.technical.value) == (3, 6, None)
    assert tom.influence is Influence.HIGH


def influence_line(qtbot: QtBot, window: MainWindow) -> None:
    choose_row(qtbot, window, "Mia Chen")

    def fill(dialog: QDialog) -> None:
        arrived(dialog)
        assert isinstance(dialog, RelationDialog)
        tab_to(dialog.phrase)
        choose_by_arrows(dialog.phrase, "Mia Chen influences")
        tab_to(dialog.other)
        choose_by_arrows(dialog.other, "Tom Berger")
        QTest.keyClick(dialog.other, Qt.Key.Key_Return)

    key(window, Qt.Key.Key_3, CTRL)
    tab_to(window.inspector.add_line)
    answer_next_dialog(fill)
    QTest.keyClick(window.inspector.add_line, Qt.Key.Key_Space)
    mia, tom = person(window, "Mia Chen").id, person(window, "Tom Berger").id
    qtbot.waitUntil(lambda: stored(window).has_line(mia, tom, RelationKind.INFLUENCE))
    activate(qtbot, window)


def plan(qtbot: QtBot, window: MainWindow) -> None:
    """Tom's next step from the inspector (Add action for Tom Berger…, typed, Return); then
    the Plan tab (Ctrl+5): Enter, a second action typed, Enter; Ctrl+Enter completes it."""
    choose_row(qtbot, window, "Tom Berger")
    soon = (date.today() + timedelta(days=2)).isoformat()

    def fill(dialog: QDialog) -> None:
        arrived(dialog)
        assert isinstance(dialog, ActionDialog)
        assert QApplication.focusWidget() is dialog.text
        type_here("Walk Tom through the price list")
        tab_to(dialog.due.edit)
        type_here(soon)
        QTest.keyClick(dialog.due.edit, Qt.Key.Key_Return)

    key(window, Qt.Key.Key_3, CTRL)
    tab_to(window.inspector.person_plan.add_button)
    answer_next_dialog(fill)
    QTest.keyClick(window.inspector.person_plan.add_button, Qt.Key.Key_Space)
    tom = person(window, "Tom Berger").id
    qtbot.waitUntil(lambda: stored(window).next_action(tom) is not None)
    walk = stored(window).next_action(tom)
    assert walk is not None
    assert (walk.text, walk.due.isoformat() if walk.due else "") == (
        "Walk Tom through the price list", soon)
    activate(qtbot, window)
    key(window, Qt.Key.Key_5, CTRL)  # the Plan tab, its list focused
    tree = window.plan.tree
    assert QApplication.focusWidget() is tree
    key(window, Qt.Key.Key_Return)
    type_here("Send Ravi the integration notes")
    key(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored(window).actions) == 2)
    notes = next(a for a in stored(window).actions if a.id != walk.id)
    qtbot.waitUntil(lambda: window.plan.current_action() == notes)
    assert QApplication.focusWidget() is tree
    key(window, Qt.Key.Key_Return, CTRL)
    done = next(a for a in stored(window).actions if a.id == notes.id)
    assert (done.text, done.status) == ("Send Ravi the integration notes", ActionStatus.DONE)


def move_a_card(qtbot: QtBot, window: MainWindow) -> tuple[float, float]:
    choose_row(qtbot, window, "Tom Berger")
    before = person(window, "Tom Berger").position
    count = window.session.undo_stack.count()
    key(window, Qt.Key.Key_4, CTRL)  # the map
    assert QApplication.focusWidget() is window.map_page.view
    for _ in range(3):
        key(window, Qt.Key.Key_Right)
    key(window, Qt.Key.Key_Down, SHIFT)
    after = person(window, "Tom Berger").position
    assert (after.x - before.x, after.y - before.y) == (30.0, 50.0)
    assert window.session.undo_stack.count() == count + 1  # one step for the burst
    key(window, Qt.Key.Key_Z, CTRL)
    assert person(window, "Tom Berger").position == before
    key(window, Qt.Key.Key_Y, CTRL)
    assert person(window, "Tom Berger").position == after
    return after.x, after.y


def snapshot_and_score(qtbot: QtBot, window: MainWindow) -> None:
    def name_it(dialog: QDialog) -> None:
        arrived(dialog)
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        assert field is not None
        assert QApplication.focusWidget() is field
        QTest.keyClicks(field, "Before the workshop")
        QTest.keyClick(field, Qt.Key.Key_Return)

    answer_next_dialog(name_it)
    key(window, Qt.Key.Key_S, CTRL | ALT)
    deal_id = stored(window).id
    qtbot.waitUntil(lambda: [s.name for s in window.session.library.list_snapshots(deal_id)]
                    == ["Before the workshop"])
    activate(qtbot, window)
    choose_row(qtbot, window, "Dana Whitfield")
    key(window, Qt.Key.Key_3, CTRL)
    slider = window.inspector.scores[Axis.PERSONAL].slider
    tab_to(slider)
    QTest.keyClick(slider, Qt.Key.Key_End)
    assert person(window, "Dana Whitfield").scores.personal.value == 10


def what_changed(qtbot: QtBot, window: MainWindow) -> list[str]:
    seen: list[str] = []

    def read_diff(dialog: QDialog) -> None:
        arrived(dialog)
        text = dialog.findChild(QPlainTextEdit, "diff_text")
        assert text is not None
        seen.extend(text.toPlainText().splitlines())
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    def in_snapshots(dialog: QDialog) -> None:
        arrived(dialog)
        listing = dialog.findChild(QListWidget)
        assert listing is not None
        tab_to(listing)
        QTest.keyClick(listing, Qt.Key.Key_Home)
        button = next(b for b in dialog.findChildren(QPushButton)
                      if b.text().replace("&", "").startswith("What changed"))
        tab_to(button)
        answer_next_dialog(read_diff)
        QTest.keyClick(button, Qt.Key.Key_Space)
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    answer_next_dialog(in_snapshots)
    key(window, Qt.Key.Key_D, ALT)  # the Deal menu
    deal_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Deal")
    assert isinstance(deal_menu, QMenu)
    qtbot.waitUntil(deal_menu.isVisible, timeout=2000)
    QTest.keyClick(deal_menu, Qt.Key.Key_H)  # Snaps&hots…
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    activate(qtbot, window)
    return seen


def print_and_export(qtbot: QtBot, window: MainWindow, out: Path) -> None:
    key(window, Qt.Key.Key_P, CTRL | SHIFT)
    options = window.printing.options_dialog
    assert options is not None
    qtbot.waitUntil(options.isVisible)
    arrived(options)
    tab_to(options.layout_box)
    choose_by_arrows(options.layout_box, "Deal brief")
    QTest.keyClick(options.layout_box, Qt.Key.Key_Return)
    widget = shown_preview(qtbot, window)
    preview = window.printing.preview_dialog
    assert preview is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 1, timeout=10000)
    QTest.keyClick(QApplication.focusWidget() or preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=5000)
    activate(qtbot, window)

    def save_here(dialog: QDialog) -> None:
        arrived(dialog)
        assert isinstance(dialog, QFileDialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        assert QApplication.focusWidget() is field
        QTest.keyClick(field, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(field, str(out), Qt.KeyboardModifier.NoModifier, 20)  # a person's pace
        QTest.keyClick(field, Qt.Key.Key_Return)

    key(window, Qt.Key.Key_E, CTRL | SHIFT)
    options = window.printing.options_dialog
    assert options is not None
    qtbot.waitUntil(options.isVisible)
    arrived(options)
    answer_next_dialog(save_here)
    QTest.keyClick(QApplication.focusWidget() or options, Qt.Key.Key_Return)  # OK: the brief
    qtbot.waitUntil(out.exists, timeout=20000)


def test_the_session_with_the_keyboard_alone(qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 728)
        activate(qtbot, window)
        new_deal(qtbot, window)
        add_people(qtbot, window)
        scores_and_stance(qtbot, window)
        influence_line(qtbot, window)
        plan(qtbot, window)
        move_a_card(qtbot, window)
        snapshot_and_score(qtbot, window)
        changes = what_changed(qtbot, window)
        assert any("Dana Whitfield" in line and "10" in line for line in changes), changes
        out = tmp_path / "contoso.pdf"
        print_and_export(qtbot, window, out)
        text = pdftext(out)
        assert "Contoso warehouse rollout" in text
        assert "Tom Berger" in text  # the brief shows the key players: he has high influence

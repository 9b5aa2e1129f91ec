"""Driving the window in tests: open it on a throwaway library, and answer the next modal
dialog that opens, as a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QRadioButton,
    QSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.plain import deal_to_plain
from desktop.store.library import Library
from desktop.ui.application import open_library
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import pages_installed
from desktop.ui.people_model import Column
from desktop.ui.settings import Settings


def make_settings(folder: Path) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def open_window(qtbot: QtBot, path: Path, folder: Path) -> MainWindow:
    window = MainWindow(open_library(path), make_settings(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: pages_installed(window))  # right after the first paint
    return window


@contextmanager
def main_window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    """The window on a new library (with the demo deals) in ``folder``; closed after."""
    opened = open_window(qtbot, folder / "library.sqlite", folder)
    try:
        yield opened
    finally:
        if opened.session is not None:
            opened.session.close()


def answer_next_dialog(fill: Callable[[QDialog], None], *, timeout_ms: int = 5000) -> None:
    """When the next modal dialog opens, call ``fill(dialog)`` (which should accept or
    reject it). Gives up after ``timeout_ms`` so a test never hangs."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        widget: QWidget | None = QApplication.activeModalWidget()
        if isinstance(widget, QDialog):
            try:
                fill(widget)
            except BaseException:
                widget.reject()  # a failed check must fail the test, not hang it in exec()
                raise
            return
        waited += 20
        if waited < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def answer_text_dialog(text: str) -> None:
    """When the next text question opens (a QInputDialog: a snapshot's name …), type
    ``text`` into it and press Return."""
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        assert field is not None
        type_into(field, text, finish=False)
        QTest.keyClick(field, Qt.Key.Key_Return)

    answer_next_dialog(fill)


def click_in_next_message(button: QMessageBox.StandardButton, seen: list[str],
                          then: Callable[[], None] | None = None) -> None:
    """When the next message box opens, note its text in ``seen`` and click ``button``
    with the mouse; ``then`` arms the answer to the question that follows it."""
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        target = dialog.button(button)
        assert target is not None, f"no {button} in {dialog.text()!r}"
        if then is not None:
            then()
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)

    answer_next_dialog(fill)


def library_state(library: Library) -> list[dict[str, Any]]:
    """Everything the library holds, as comparable plain data (without change times).

    Sorted by id: the deal list is ordered by last change, which undo/redo moves around."""
    state = []
    for summary in sorted(library.list_deals(), key=lambda s: s.id):
        plain = deal_to_plain(library.get_deal(summary.id), include_private=True)
        plain.pop("updated_at")
        state.append(plain)
    return state


def fill_new_deal(name: str, account: str) -> Any:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DealDialog)
        type_into(dialog.name, name)
        type_into(dialog.account, account)
        QTest.keyClick(dialog.account, Qt.Key.Key_Return)
    return fill


def stored_deal(window: MainWindow) -> Deal:
    """The shown deal as the library holds it (what a test checks after a gesture)."""
    assert window.session.deal is not None
    return window.session.library.get_deal(window.session.deal.id, snapshots=False)


def choose_by_keys(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose the item whose text starts with ``text`` as a person does with the keyboard:
    focus the box, Home, then Down until it shows."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no item {text!r} in {[combo.itemText(i) for i in range(combo.count())]}")


def choose_in_popup(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose the item whose text starts with ``text`` with the mouse: click the box, then
    the item in the list that pops up."""
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    # Qt ignores a release just after the popup opened (the click that opened it): wait.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    row = next((i for i in range(combo.count()) if combo.itemText(i).startswith(text)), None)
    assert row is not None, f"no item {text!r}"
    index = view.model().index(row, combo.modelColumn())
    view.scrollTo(index)
    rect = view.visualRect(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def wheel_over(widget: QWidget, notches: int = -1) -> None:
    """A mouse wheel turned over ``widget`` (which does not have the focus)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def click(widget: QWidget) -> None:
    """Click ``widget`` where a person would: a check box on its box, anything else in its
    middle."""
    where = widget.rect().center()
    if isinstance(widget, QCheckBox | QRadioButton):
        where = QPoint(8, widget.height() // 2)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def type_into(widget: QWidget, text: str, *, replace: bool = True, finish: bool = True) -> None:
    """Click into a text field, select what is there (when ``replace``), type, press Tab
    (the edit is finished when focus leaves, as it is for a person)."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    if replace:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if not text:
            QTest.keyClick(widget, Qt.Key.Key_Delete)
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(widget, Qt.Key.Key_Return)  # a new line in a multi-line field
        if line:
            QTest.keyClicks(widget, line)
    if finish:
        QTest.keyClick(widget, Qt.Key.Key_Tab)


def menu_text(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def choose_menu(qtbot: QtBot, window: MainWindow, *path: str) -> None:
    """Click a menu of the menu bar, then down ``path`` (submenus open on a click), then the
    last item — each matched by the start of its text."""
    bar = window.menuBar()
    entry = next(a for a in bar.actions() if menu_text(a) == path[0])
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(entry).center())
    menu = entry.menu()
    for item in path[1:]:
        assert isinstance(menu, QMenu)
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        action = next((a for a in menu.actions() if menu_text(a).startswith(item)), None)
        assert action is not None, f"no {item!r} in {[menu_text(a) for a in menu.actions()]}"
        assert action.isEnabled(), item
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         menu.actionGeometry(action).center())
        menu = action.menu()


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """The window is active (a window manager does this after a dialog closed; the offscreen
    platform has none): keys reach its focused widget and its shortcuts."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def press_shortcut(qtbot: QtBot, window: MainWindow, action: QAction) -> None:
    """Press ``action``'s first key sequence where the focus is, as a person does."""
    activate(qtbot, window)
    keys = action.shortcut()
    assert not keys.isEmpty(), f"{menu_text(action)} has no key"
    QTest.keySequence(QApplication.focusWidget() or window, keys)


def click_row(qtbot: QtBot, window: MainWindow, name: str,
              column: Column = Column.NAME, *,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Click a person's row in the people table (a cell of ``column``)."""
    table = window.people.table
    source = window.people.model
    row = next((r for r in range(source.rowCount())
                if source.index(r, Column.NAME).data() == name), None)
    assert row is not None, f"no row for {name!r}"
    index = window.people.filter.mapFromSource(source.index(row, column))
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier,
                     table.visualRect(index).center())


def drag_slider(qtbot: QtBot, slider: QSlider, values: list[int]) -> None:
    """Press the slider's handle, move through ``values`` (one mouse move each), release."""
    def at(value: int) -> QPoint:
        span = slider.maximum() - slider.minimum()
        handle = 10  # about half a handle at each end of the groove
        x = handle + round((slider.width() - 2 * handle) * (value - slider.minimum()) / span)
        return QPoint(x, slider.height() // 2)

    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     at(slider.value()))
    for value in values:
        QTest.mouseMove(slider, at(value))
        qtbot.wait(5)
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       at(values[-1]))


def open_deal(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Click the deal whose name starts with ``name`` in the deal list, as a seller opens it."""
    view = window.deal_list.list
    model = view.model()
    index = next(model.index(row, 0) for row in range(model.rowCount())
                 if str(model.index(row, 0).data()).startswith(name))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.visualRect(index).center())
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name.startswith(name))


def shown_preview(qtbot: QtBot, window: MainWindow) -> QPrintPreviewWidget:
    """The print preview the window opened, once it shows; its page widget."""
    qtbot.waitUntil(lambda: window.printing.preview_dialog is not None
                    and window.printing.preview_dialog.isVisible(), timeout=10000)
    preview = window.printing.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    return widget


def choose_analysis_tab(qtbot: QtBot, window: MainWindow, title: str) -> None:
    """Click the analysis panel's tab whose title starts with ``title`` ("Red flags",
    "Triangle", "Questions"), as a seller does."""
    views = window.analysis_panel.views
    bar = views.tabBar()
    index = next(i for i in range(views.count()) if views.tabText(i).startswith(title))
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: views.currentIndex() == index, timeout=2000)

"""Every control of the window has a name a screen reader says (Qt's accessibility interface,
which also reads button texts and the labels that are a field's buddy), and no two Alt keys of
what is on screen clash (a clash makes Qt ignore both: Alt+D opened nothing while the
inspector showed "&Department")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.helpers.ui import click_row, main_window

CONTROLS = (QGraphicsView, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox,
            QAbstractSlider, QPlainTextEdit, QTextEdit, QAbstractItemView, QTabBar)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The laptop-size window with a person selected and their contact details unfolded:
    every control of the inspector on screen."""
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        assert opened.session.deal is not None
        click_row(qtbot, opened, opened.session.deal.people[0].name)
        opened.inspector.contact_section.set_expanded(True)
        qtbot.wait(20)
        yield opened


def controls(window: MainWindow) -> Iterator[QWidget]:
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar | QHeaderView):
            continue
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(),
                                                        QComboBox | QAbstractSpinBox):
            continue  # the box's own editor: the box has the name
        yield widget


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip()


def test_every_control_has_a_name_a_screen_reader_says(window: MainWindow) -> None:
    nameless = [f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
                for w in controls(window) if not spoken_name(w)]
    assert not nameless
    assert spoken_name(window.map_page.view) == "Map of the deal"
    assert spoken_name(window.inspector.texts["email"]) == "E-mail"  # from its label


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_no_two_alt_keys_clash(window: MainWindow) -> None:
    keys: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        keys.setdefault(mnemonic(action.text()) or "", []).append(action.text())
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            keys.setdefault(mnemonic(label.text()) or "", []).append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            keys.setdefault(mnemonic(button.text()) or "", []).append(button.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            keys.setdefault(mnemonic(box.title()) or "", []).append(box.title())
    keys.pop("", None)
    assert {key: texts for key, texts in keys.items() if len(texts) > 1} == {}
    assert set("fedvh") <= keys.keys()  # the menus


def test_every_menu_item_has_its_own_key(window: MainWindow) -> None:
    """In an open menu a letter runs its item at once only when no other item has it (two
    items with "n" — New deal, Snapshots — only moved the highlight between them)."""
    from PySide6.QtWidgets import QMenu

    def clashes(menu: QMenu, path: str) -> Iterator[str]:
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            key = mnemonic(action.text())
            if key is None:
                yield f"{path} ▸ {action.text()}: no key"
            elif key in seen:
                yield f"{path}: {seen[key]} and {action.text()}"
            else:
                seen[key] = action.text()
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                yield from clashes(submenu, f"{path} ▸ {action.text()}")

    menus = [(top.menu(), top.text()) for top in window.menuBar().actions()]
    found = [problem for menu, text in menus if isinstance(menu, QMenu)
             for problem in clashes(menu, text)]
    assert found == []

"""Inputs that a mouse wheel passing over them does not change.

Qt's combo boxes, spin boxes and sliders take wheel events whenever the pointer is over them,
focused or not: scrolling down the inspector's form changed a person's influence, coverage and
scores on the way (and each change was an undo step and a store write). These take the wheel
only when focused — the user clicked or tabbed into them — and otherwise pass it on, so the
form scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QProxyStyle,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)


def _calm(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus


def _wheel(widget: QWidget, event: QWheelEvent) -> bool:
    """True when ``widget`` may handle the wheel; otherwise the event goes to the parent."""
    if widget.hasFocus():
        return True
    event.ignore()
    return False


class CalmComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _wheel(self, event):
            super().wheelEvent(event)


class CalmSpinBox(QSpinBox):
    """``window_undo``: Ctrl+Z and Ctrl+Shift+Z (the platform's undo and redo keys) undo
    and redo the window's last edit, not the box's own typing. Each value is stored the
    moment it changes, so the box has nothing of its own to undo — yet its line edit claimed
    the keys, and a seller's Ctrl+Z after typing a score did nothing (found by a fresh-eyes
    tester)."""

    def __init__(self, parent: QWidget | None = None, *, window_undo: bool = False) -> None:
        super().__init__(parent)
        _calm(self)
        self.window_undo = window_undo

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _wheel(self, event):
            super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if self.window_undo and event.type() is QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent) and (
                    event.matches(QKeySequence.StandardKey.Undo)
                    or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()  # not ours: the window's Undo or Redo action takes the key
            return True
        return super().event(event)


class _ClickSetsValue(QProxyStyle):
    """A click on a slider's groove puts the handle there (and a drag goes on from it), as
    a seller expects of a 0–10 score; Qt's default moves it one page step toward the click
    (clicking at 8 gave 1)."""

    def styleHint(self, hint: QStyle.StyleHint, option: QStyleOption | None = None,
                  widget: QWidget | None = None,
                  returnData: QStyleHintReturn | None = None) -> int:
        if hint is QStyle.StyleHint.SH_Slider_AbsoluteSetButtons:
            return Qt.MouseButton.LeftButton.value
        return super().styleHint(hint, option, widget, returnData)


class CalmSlider(QSlider):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        _calm(self)
        self._style = _ClickSetsValue()  # the application's style, one hint changed
        self.setStyle(self._style)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _wheel(self, event):
            super().wheelEvent(event)


class CalmDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _wheel(self, event):
            super().wheelEvent(event)

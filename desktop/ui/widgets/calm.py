"""Inputs that a mouse wheel passing over them does not change.

Qt's combo boxes, spin boxes and sliders take wheel events whenever the pointer is over them,
focused or not: scrolling down the inspector's form changed a person's influence, coverage and
scores on the way (and each change was an undo step and a store write). These take the wheel
only when focused — the user clicked or tabbed into them — and otherwise pass it on, so the
form scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _calm(self)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if _wheel(self, event):
            super().wheelEvent(event)


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

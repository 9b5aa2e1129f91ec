"""PySide6 6.12.0 on Python 3.11 crashed the interpreter (``Fatal Python error:
none_dealloc``) after a few thousand calls of methods returning None; pyproject pins
``<6.12`` there. If this test dies with a fatal error, the pin has been lost."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene


def test_many_calls_returning_none_do_not_crash(qapp: QApplication) -> None:
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 10, 10)
    scene.addItem(item)
    for i in range(100_000):
        item.setPos(i, i)
    assert item.pos().x() == 99_999

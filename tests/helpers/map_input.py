"""Mouse input on the map as the platform sends it (the scene finds items by the global
position, so events carry the real one): press, move in steps, release."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.render.map.cards import PersonCard
from desktop.ui.main_window import MainWindow


def mouse(kind: QEvent.Type, at: QPointF, button: Qt.MouseButton,
          buttons: Qt.MouseButton, viewport: QWidget) -> QMouseEvent:
    return QMouseEvent(kind, at, QPointF(viewport.mapToGlobal(at.toPoint())), button,
                       buttons, Qt.KeyboardModifier.NoModifier)


def drag(window: MainWindow, start: QPointF, end: QPointF, steps: int = 8) -> None:
    """Press, move in steps and release the left button on the map's viewport."""
    viewport = window.map_page.view.viewport()
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(viewport, mouse(QEvent.Type.MouseButtonPress, start, left, left,
                                           viewport))
    for step in range(1, steps + 1):
        here = start + (end - start) * (step / steps)
        QApplication.sendEvent(viewport, mouse(QEvent.Type.MouseMove, here,
                                               Qt.MouseButton.NoButton, left, viewport))
    QApplication.sendEvent(viewport, mouse(QEvent.Type.MouseButtonRelease, end, left,
                                           Qt.MouseButton.NoButton, viewport))


def on_screen(window: MainWindow, card: PersonCard) -> QPointF:
    """The card's centre in the map viewport's coordinates."""
    return QPointF(window.map_page.view.mapFromScene(card.pos()))


def click_at(window: MainWindow, at: QPointF) -> None:
    """A left click on the map's viewport at ``at``."""
    viewport = window.map_page.view.viewport()
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(viewport, mouse(QEvent.Type.MouseButtonPress, at, left, left,
                                           viewport))
    QApplication.sendEvent(viewport, mouse(QEvent.Type.MouseButtonRelease, at, left,
                                           Qt.MouseButton.NoButton, viewport))


def double_click_card(window: MainWindow, card: PersonCard) -> None:
    """Double-click a card's name (what opens its details in the inspector)."""
    view = window.map_page.view
    view.ensureVisible(card, 20, 20)
    at = view.mapFromScene(card.pos() + QPointF(-10, -card.boundingRect().height() / 4))
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, at)

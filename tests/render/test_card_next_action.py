"""A card on the map shows the person's next action: dated when it is on time, red with a
warning sign when it is overdue — and a plan edit alone repaints it."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.domain.actions import Action
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.palette import OVERDUE
from desktop.render.map.scene import MapScene


def overdue_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 3]
    pixels = rows.reshape(image.height(), image.width(), 3).astype(int)
    red = QColor(OVERDUE)
    target = np.array([red.red(), red.green(), red.blue()])
    return int((np.abs(pixels - target).sum(axis=2) < 60).sum())


def test_an_overdue_next_action_is_red_on_the_card_and_follows_the_plan(
        qtbot: QtBot) -> None:
    person = Person("Chen Wei", title="Director of Nursing")  # neutral: a grey card
    today = date.today()
    late = Action("Book the ward visit", due=today - timedelta(days=3),
                  for_people=(person.id,))
    deal = Deal(name="D", people=(person,), actions=(late,))
    scene = MapScene(indexed=False)
    scene.set_full_detail(True)
    scene.show_deal(deal)
    card = scene.cards[person.id]
    assert card.step == late
    assert "Next action: Book the ward visit" in card.tooltip_text()
    assert "overdue" in card.tooltip_text()
    assert overdue_pixels(scene.render_image(600, 300)) > 20

    on_time = deal.with_plan(actions=(Action("Book the ward visit", due=today + timedelta(
        days=3), for_people=(person.id,), id=late.id),))
    scene.apply_changes(on_time, ChangeSet(plans=frozenset({deal.id})))
    assert card.step is not None
    assert card.step.due == today + timedelta(days=3)
    assert "overdue" not in card.tooltip_text()
    assert overdue_pixels(scene.render_image(600, 300)) == 0

"""Pictures are never empty: the map renders every card, the legend paints, and the
triangle charts draw unknown scores as gaps and rings, never as 0."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import NDArray
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.influence import influence_weights
from desktop.domain.person import Person
from desktop.domain.scores import Score, Triangle
from desktop.domain.triangle_math import deal_triangle
from desktop.palette import HIGHLIGHT, SUPPORT_COLOURS
from desktop.render.map.legend import legend_size, paint_legend
from desktop.render.map.scene import MapScene
from desktop.render.triangle_figure import (
    barycentre,
    draw_balance_map,
    draw_decision_triangle,
    score_point,
    vertex,
)
from desktop.synthetic import arranged, synthetic_deal


def rgb(image: QImage) -> NDArray[np.uint8]:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine())
    return data[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def person(name: str, b: int | None, t: int | None, p: int | None) -> Person:
    return Person(name=name, scores=Triangle(Score(b), Score(t), Score(p)))


@pytest.mark.parametrize("which", ["Northwind", "Helix", "synthetic"])
def test_the_map_renders_every_card(qtbot: QtBot, demos: list[Deal], which: str) -> None:
    if which == "synthetic":
        deal = arranged(synthetic_deal(300, seed=3))
    else:
        deal = next(d for d in demos if d.name.startswith(which))
    scene = MapScene(indexed=False)
    scene.set_full_detail(True)
    scene.show_deal(deal)
    image = scene.render_image(1600, 1000)
    pixels = rgb(image)
    assert (pixels < 250).any(axis=2).mean() > 0.05  # ink on a good part of the page
    # Every card is there: the support strip's colour shows at each card's place.
    content = scene.content_rect()
    scale = min(1600 / content.width(), 1000 / content.height())
    left = (1600 - content.width() * scale) / 2
    top = (1000 - content.height() * scale) / 2
    for card in scene.cards.values():
        box = card.sceneBoundingRect()
        x0 = int(left + (box.left() - content.left()) * scale)
        y0 = int(top + (box.top() - content.top()) * scale)
        x1 = max(x0 + 1, int(left + (box.right() - content.left()) * scale))
        y1 = max(y0 + 1, int(top + (box.bottom() - content.top()) * scale))
        patch = pixels[y0:y1 + 1, x0:x1 + 1].reshape(-1, 3).astype(int)
        strip = QColor(SUPPORT_COLOURS[card.person.support])
        target = np.array([strip.red(), strip.green(), strip.blue()])
        assert (np.abs(patch - target).sum(axis=1) < 40).any(), card.person.name


def test_an_empty_deal_renders_a_blank_image_without_error(qtbot: QtBot) -> None:
    scene = MapScene(indexed=False)
    scene.show_deal(Deal(name="Empty"))
    image = scene.render_image(200, 100)
    assert image.width() == 200
    assert image.height() == 100


def test_the_legend_paints_inside_its_size(qtbot: QtBot) -> None:
    font = QFont()
    font.setPointSizeF(8.0)
    size = legend_size(font)
    image = QImage(int(size.width()) + 20, int(size.height()) + 20,
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painted = paint_legend(painter, QPointF(10, 10), font)
    painter.end()
    pixels = rgb(image)
    ink = (pixels < 200).any(axis=2)
    assert ink.mean() > 0.02
    ys, xs = np.nonzero(ink)
    assert xs.min() >= 9
    assert ys.min() >= 9
    assert xs.max() <= 10 + painted.width() + 1
    assert ys.max() <= 10 + painted.height() + 1


def test_barycentre() -> None:
    assert barycentre(person("B", 10, 0, 0)) == pytest.approx(vertex(Axis.BUSINESS))
    assert barycentre(person("Even", 5, 5, 5)) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert barycentre(person("Nothing", None, None, None)) is None
    assert barycentre(person("Zero", 0, 0, 0)) is None
    two = barycentre(person("Two", 6, 6, None))  # halfway between two vertices
    b, t = vertex(Axis.BUSINESS), vertex(Axis.TECHNICAL)
    assert two == pytest.approx(((b[0] + t[0]) / 2, (b[1] + t[1]) / 2))


def points(line: Line2D) -> list[tuple[float, float]]:
    xs = np.asarray(line.get_xdata(), dtype=float)
    ys = np.asarray(line.get_ydata(), dtype=float)
    return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


def segments(figure: Figure, colour: str) -> list[list[tuple[float, float]]]:
    return [points(line) for line in figure.axes[0].lines
            if to_hex(line.get_color()) == to_hex(colour) and len(points(line)) == 2]


def test_an_unknown_axis_is_a_gap_and_a_ring_never_zero() -> None:
    known = person("Known", 7, 7, 7)
    partly = person("Partly", 8, 6, None)
    people = [known, partly]
    figure = Figure()
    ax = figure.add_subplot()
    weights = influence_weights(people, [])
    draw_decision_triangle(ax, people, deal_triangle(people, weights), selected=partly.id)
    sides = segments(figure, HIGHLIGHT)
    assert len(sides) == 1  # business–technical only: the personal sides are left out
    side = sides[0]
    assert side[0] == pytest.approx(score_point(Axis.BUSINESS, 8))
    assert side[1] == pytest.approx(score_point(Axis.TECHNICAL, 6))
    rings = [line for line in ax.lines if line.get_marker() == "o"
             and line.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
             and to_hex(line.get_markeredgecolor()) == to_hex(HIGHLIGHT)]
    assert len(rings) == 1
    assert points(rings[0])[0] == pytest.approx(vertex(Axis.PERSONAL))
    centre_points = [line for line in ax.lines if to_hex(line.get_color()) == to_hex(HIGHLIGHT)
                     and any(math.hypot(x, y) < 1e-9 for x, y in points(line))]
    assert centre_points == []  # nothing drawn at 0 for the unknown axis


def test_balance_map_places_the_known_and_lists_the_unplaceable() -> None:
    people = [person("Business", 10, 2, 2), person("Nobody knows", None, None, None)]
    figure = Figure()
    ax = figure.add_subplot()
    weights = influence_weights(people, [])
    missing = draw_balance_map(ax, people, weights)
    assert [p.name for p in missing] == ["Nobody knows"]
    texts = {t.get_text() for t in ax.texts}
    assert "Business" in texts
    assert "Nobody knows" not in texts

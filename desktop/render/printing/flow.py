"""Text broken into lines before anything is painted: a layout then knows exactly how tall a
block is (nothing is cut to a box guessed in advance) and may turn the page between any two
lines. Each line is painted on its own, unwrapped, so the device's own measuring cannot
wrap it differently from what was measured."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextLayout, QTextOption

from desktop.palette import INK


@dataclass(frozen=True, slots=True, eq=False)
class Span:
    """Text at ``x`` (points from the block's left) on a line's baseline."""

    x: float
    text: str
    font: QFont
    colour: str = INK


@dataclass(frozen=True, slots=True, eq=False)
class Line:
    """One printed line: its spans share a baseline; ``dot``: the colour of a dot before it
    (the score axes); ``space_before``: room left above it, which a page break drops."""

    spans: tuple[Span, ...]
    height: float
    ascent: float
    dot: str = ""
    space_before: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(span.text for span in self.spans)


def wrap(text: str, font: QFont, width: float) -> list[tuple[str, float, float]]:
    """``text`` broken into lines ``width`` points wide — at word boundaries, or inside a
    word longer than a line — each with its height and ascent; a newline starts a new
    line. An empty text is one empty line."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    result: list[tuple[str, float, float]] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1.0, width))
            start = line.textStart()
            result.append((paragraph[start:start + line.textLength()].rstrip(), line.height(),
                           line.ascent()))
        layout.endLayout()
    return result


def lines_of(text: str, font: QFont, width: float, *, x: float = 0.0, colour: str = INK,
             space_before: float = 0.0) -> list[Line]:
    """A paragraph as lines, the first with ``space_before`` above it."""
    return [Line((Span(x, part, font, colour),), height, ascent,
                 space_before=space_before if number == 0 else 0.0)
            for number, (part, height, ascent) in enumerate(wrap(text, font, width))]


def side_by_side(left: Sequence[Line], right: Sequence[Line], *, dot: str = "",
                 space_before: float = 0.0) -> list[Line]:
    """Two columns of lines joined row by row (a label beside its wrapped text), so the
    pair can still break across pages between any two rows."""
    joined: list[Line] = []
    for number in range(max(len(left), len(right))):
        pair = [column[number] for column in (left, right) if number < len(column)]
        joined.append(Line(tuple(span for line in pair for span in line.spans),
                           max(line.height for line in pair),
                           max(line.ascent for line in pair),
                           dot=dot if number == 0 else "",
                           space_before=space_before if number == 0 else 0.0))
    return joined


def height_of(lines: Sequence[Line]) -> float:
    """The height ``lines`` take painted together (as ``paint_lines`` paints them: the
    first line's space above is dropped)."""
    return sum(line.height for line in lines) + sum(line.space_before for line in lines[1:])


def paint_lines(painter: QPainter, lines: Sequence[Line], left: float, top: float) -> float:
    """Paint ``lines`` from (left, top); a line's space above is dropped at the very top.
    Returns the bottom."""
    y = top
    for number, line in enumerate(lines):
        if number:
            y += line.space_before
        baseline = y + line.ascent
        if line.dot:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(line.dot))
            painter.drawEllipse(QPointF(left + 4, y + line.height / 2), 4, 4)
        for span in line.spans:
            painter.setFont(span.font)
            painter.setPen(QColor(span.colour))
            painter.drawText(QPointF(left + span.x, baseline), span.text)
        y += line.height
    return y

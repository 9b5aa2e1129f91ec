"""The decision process as a timeline: each dated step a dot on a line of dates, today and
the close date marked, the steps after the close date in red and the undated ones named at
the end — so a seller sees at a glance whether the customer's process reaches the signature
before the date in the forecast.

Painted from the shown deal; it edits nothing (the steps table below it does).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.domain.deal import Deal
from desktop.domain.decision import ProcessStep, StepStatus, steps_after, undated_steps
from desktop.ui.process_model import LATE, STATUS_LABELS, UNDATED

LINE = QColor("#5F6B7A")
PLANNED = QColor("#1F5FAD")
DONE = QColor("#8C8C8C")
TODAY = QColor("#3A3A3A")
MARGIN = 14
DOT = 5


class ProcessTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("process_timeline")
        self.setAccessibleName("Decision process timeline")
        self.deal: Deal | None = None
        self.today = date.today()
        self._dots: list[tuple[QPointF, str]] = []  # where each dated step is drawn, and it said
        self.labels: list[QRectF] = []  # where each step's label was drawn (never overlapping)
        lines = QFontMetrics(self.font()).lineSpacing()
        self.setMinimumHeight(lines * 3 + 2 * DOT + 22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_deal(self, deal: Deal | None) -> None:
        self.deal = deal
        self.today = date.today()
        self.setToolTip(self._summary())
        self.update()

    def _summary(self) -> str:
        deal = self.deal
        if deal is None or not deal.process:
            return ""
        late = steps_after(deal.process, deal.close_date)
        undated = undated_steps(deal.process)
        parts = []
        if late:
            parts.append("After the close date: " + ", ".join(s.name for s in late))
        if undated:
            parts.append("No date: " + ", ".join(s.name for s in undated))
        return "\n".join(parts) or "Every remaining step is dated before the close date."

    def event(self, event: QEvent) -> bool:
        """The tool tip over a dot names its step in full; elsewhere, the summary."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            near = [(abs(dot.x() - event.pos().x()), text) for dot, text in self._dots
                    if abs(dot.x() - event.pos().x()) <= DOT + 3]
            if near:
                QToolTip.showText(event.globalPos(), min(near)[1], self)
                return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._dots = []
        self.labels = []
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # also when painting failed: an open painter crashes Qt

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        deal = self.deal
        if deal is None or not deal.process:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No decision process yet: add the customer's steps below "
                             "(evaluation, security review, legal, procurement, signature).")
            return
        metrics = QFontMetrics(self.font())
        undated = undated_steps(deal.process)
        right = self.width() - MARGIN
        if undated:
            label = "No date: " + ", ".join(s.name for s in undated)
            room = min(metrics.horizontalAdvance(label) + 8, self.width() // 4)
            box = QRectF(right - room, 4, room, self.height() - 8)
            painter.setPen(UNDATED)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                             label)
            self.labels.append(box)
            right -= room + MARGIN
        dated = [s for s in deal.process if s.planned is not None]
        dates = [s.planned for s in dated if s.planned is not None] + [self.today]
        if deal.close_date is not None:
            dates.append(deal.close_date)
        first, last = min(dates), max(dates)
        span = max((last - first).days, 1)
        left = MARGIN + 4
        # Room at the right end for the last label (the signature, usually).
        width = float(max(right - left - 12 * metrics.averageCharWidth(), 40))

        def x_of(day: date) -> float:
            return left + width * (day - first).days / span

        line = metrics.lineSpacing()
        # Two rows of step labels above the line, the markers' labels below it.
        y = 4 + 2 * line + DOT + 6
        painter.setPen(QPen(LINE, 2))
        painter.drawLine(QPointF(left, y), QPointF(left + width, y))
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6))
        self._marker(painter, x_of(self.today), "Today", TODAY, small, y)
        if deal.close_date is not None:
            self._marker(painter, x_of(deal.close_date), f"Close {deal.close_date:%d %b}",
                         LATE, small, y)
        late = {s.id for s in steps_after(deal.process, deal.close_date)}
        ordered = sorted(dated, key=lambda s: (s.planned, s.name))
        xs = [x_of(s.planned) for s in ordered if s.planned is not None]
        order = {s.id: number for number, s in enumerate(deal.process, start=1)}
        row_end = [0.0, 0.0]  # where each row of labels is free again
        for number, step in enumerate(ordered):
            x = xs[number]
            # A label runs right from its dot and must end before the next label of its row
            # (two steps on) starts; the last of a row may run leftwards instead of off the
            # widget. What does not fit is said shorter (the name cut, then the number and
            # date, then the number alone) and never drawn over another label.
            assert step.planned is not None
            row = number % 2
            full = metrics.horizontalAdvance(_label(order[step.id], step.name, step.planned))
            at_end = number + 2 >= len(xs)
            limit = xs[number + 2] - 8 if not at_end else float(right)
            start = max(x - 2, row_end[row] + 8, 2.0)
            if at_end and start + full > limit:
                start = max(row_end[row] + 8, limit - full, 2.0)
            drawn = self._step(painter, step, order[step.id], x, y, row=row,
                               late=step.id in late, start=start, room=limit - start,
                               metrics=metrics)
            if drawn:
                row_end[row] = start + drawn

    def _marker(self, painter: QPainter, x: float, text: str, colour: QColor, font: QFont,
                y: float) -> None:
        """A date that matters (today, the close date): a dashed line and its name below
        the time line."""
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, 2), QPointF(x, self.height() - 2))
        painter.save()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        text_width = metrics.horizontalAdvance(text)
        start = min(max(x + 3, 2), self.width() - text_width - 2)
        painter.setPen(colour)
        painter.drawText(QPointF(start, y + DOT + 4 + metrics.ascent()), text)
        painter.restore()

    def _step(self, painter: QPainter, step: ProcessStep, number: int, x: float, y: float,
              *, row: int, late: bool, start: float, room: float,
              metrics: QFontMetrics) -> float:
        """A dot on the line and, in one of the two rows above it, "2 Security review ·
        15 Dec" — the number is the step's row in the table, so a label cut short for room
        is still found there. Returns how wide the label was drawn (0: none)."""
        colour = LATE if late else DONE if not step.remaining else PLANNED
        assert step.planned is not None
        approver = self.deal.person(step.approver).name if self.deal and step.approver \
            and self.deal.has_person(step.approver) else ""
        self._dots.append((QPointF(x, y), " — ".join(part for part in (
            f"{number}. {step.name}", f"{step.planned:%d %b %Y}", STATUS_LABELS[step.status],
            approver, "after the close date" if late else "") if part)))
        line = metrics.lineSpacing()
        top = 4 + row * line
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, top + line), QPointF(x, y - DOT))
        painter.setPen(QPen(colour, 2))
        filled = step.status in (StepStatus.DONE, StepStatus.UNDER_WAY)
        painter.setBrush(colour if filled else self.palette().base().color())
        painter.drawEllipse(QPointF(x, y), DOT, DOT)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        head, name, when = _fitted(metrics, number, step, room)
        if not head:
            return 0.0  # no room even for the number: the dot's tool tip names it
        painter.setPen(colour if late else self.palette().text().color())
        baseline = top + metrics.ascent()
        painter.drawText(QPointF(start, baseline), head + name)
        painter.setPen(colour)
        painter.drawText(QPointF(start + metrics.horizontalAdvance(head + name), baseline),
                         when)
        width = float(metrics.horizontalAdvance(head + name + when))
        self.labels.append(QRectF(start, top, width, line))
        return width


def _fitted(metrics: QFontMetrics, number: int, step: ProcessStep,
            room: float) -> tuple[str, str, str]:
    """The longest of "3 Business case · 28 Jan", "3 Business c… · 28 Jan", "3 28 Jan" and
    "3" that fits in ``room`` (the number, the name, the date); empty when none does."""
    assert step.planned is not None
    head, when = f"{number} ", f" · {step.planned:%d %b}"
    name_room = int(room - metrics.horizontalAdvance(head + when))
    if name_room > 0:
        name = metrics.elidedText(step.name, Qt.TextElideMode.ElideRight, name_room)
        if len(name) >= 4:  # "…" alone says nothing
            return head, name, when
    for head, when in ((f"{number} ", f"{step.planned:%d %b}"), (str(number), "")):
        if metrics.horizontalAdvance(head + when) <= room:
            return head, "", when
    return "", "", ""


def _label(number: int, name: str, planned: date) -> str:
    return f"{number} {name} · {planned:%d %b}"

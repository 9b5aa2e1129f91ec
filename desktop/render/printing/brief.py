"""The one-page deal brief: where the deal stands, its top red flags and the next steps."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.wording import average_text, money, people_count, plural
from desktop.palette import MUTED_INK, SEVERITY_COLOURS
from desktop.render.chart_svg import paint_chart
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect, font
from desktop.render.printing.key_players import KeyMap, key_player_map
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.table import Column, Table
from desktop.render.printing.text import heading, paragraph
from desktop.render.triangle_figure import draw_decision_triangle

MAP_HEIGHT = 260.0  # points: the most the key players' map may take of the page


def brief_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.BRIEF)
    body = body_rect(options.paper, orientation)
    key = key_player_map(deal, analysis, QSizeF(body.width(), MAP_HEIGHT))
    names = {p.id: p.name for p in deal.people}
    flags = sorted(analysis.flags, key=lambda f: f.severity.rank)[:6]
    steps = next_step_people(deal, analysis, set(key.shown))
    steps_table = Table([Column("Person", 1.8), Column("Support", 1.0),
                         Column("Personal win", 0.9), Column("What they need next", 6.3)],
                        [[p.name, p.support.label, _score(p.scores.personal.value),
                          _next(deal, p)] for p in steps], body.width())

    def paint(painter: QPainter, rect: QRectF) -> None:
        width = rect.width()
        y = 0.0
        facts = [deal.stage, _money(deal), f"closes {deal.close_date.isoformat()}"
                 if deal.close_date else "", people_count(len(deal.people))]
        painter.setFont(font(9))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(0, y, width, 12), Qt.AlignmentFlag.AlignLeft,
                         " · ".join(f for f in facts if f))
        y += 14
        if deal.objective:
            y = paragraph(painter, QRectF(0, y, width, 40), f"“{deal.objective}”", 9,
                           italic=True) + 4
        y = _key_players(painter, QRectF(0, y, width, MAP_HEIGHT), key, len(deal.people))
        y += 8
        chart = QRectF(0, y, width * 0.42, 190.0)
        paint_chart(painter, chart, lambda ax: draw_decision_triangle(
            ax, deal.people, analysis.triangle, font_size=7.0))
        text_left = chart.right() + 10
        text_width = width - text_left
        ty = heading(painter, y, width, "Where the deal stands", left=text_left)
        legs = []
        for axis in Axis:
            result = analysis.triangle[axis]
            legs.append(f"{axis.label}: {average_text(result.value)} "
                        f"({result.coverage:.0%} of influence known)")
        lines = ["Deal triangle (influence-weighted):", *legs]
        if analysis.tipping_point is not None:
            lines.append(f"Tipping point: {names[analysis.tipping_point.person]} — a personal "
                         f"win of 10 would lift the deal's personal win by "
                         f"+{analysis.tipping_point.gain:.1f}")
        if analysis.path_to_power:
            lines.append("Path to power: " + " → ".join(names[i]
                                                        for i in analysis.path_to_power))
        for line in lines:
            ty = paragraph(painter, QRectF(text_left, ty, text_width, 30), line, 9) + 3
        y = max(chart.bottom(), ty)
        y += 6
        y = heading(painter, y, width, f"Top red flags ({len(analysis.flags)} in all)")
        if not flags:
            y = paragraph(painter, QRectF(0, y, width, 14), "None.", 9) + 2
        for flag in flags:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(SEVERITY_COLOURS[flag.severity]))
            painter.drawRect(QRectF(0, y + 3, 5, 5))
            y = paragraph(painter, QRectF(10, y, width - 10, 28),
                           f"[{flag.severity.value}] {flag.message}", 9) + 2
        y += 6
        y = heading(painter, y, width, "Next steps")
        if steps:
            shown = steps_table.fitting(rect.height() - y - 14)
            y = steps_table.paint(painter, 0, y, shown)
            if len(shown) < len(steps):
                paragraph(painter, QRectF(0, y + 2, width, 14),
                          f"… and {len(steps) - len(shown)} more: see the people table.", 8)
        else:
            paragraph(painter, QRectF(0, y, width, 14), "No next steps written yet.", 9)

    return [Page(orientation, paint, "Deal brief")]


def next_step_people(deal: Deal, analysis: DealAnalysis, key_players: set[str]) -> list[Person]:
    """Whose next step the brief lists, the most pressing first: everybody with a next step
    and every key player (a key player without one is a gap worth seeing). Pressing = weight
    in the decision × how far their personal win is from won (unknown counts as half way),
    more when they are against us — the people who need something to move forward."""

    def pressing(person: Person) -> float:
        win = person.scores.personal.value
        need = 0.5 if win is None else (10 - win) / 10
        against = 0.5 if person.support < 0 else 0.0
        return analysis.weights.get(person.id, 0.0) * (1.0 + need + against)

    chosen = [p for p in deal.people
              if deal.next_action(p.id) is not None or p.id in key_players]
    return sorted(chosen, key=lambda p: (-pressing(p), p.name))


def _next(deal: Deal, person: Person) -> str:
    action = deal.next_action(person.id)
    if action is None:
        return "— no open action —"
    return action.text + (f" (due {action.due:%d %b})" if action.due else "")


def _score(value: int | None) -> str:
    return "?" if value is None else str(value)


def _money(deal: Deal) -> str:
    return money(deal.amount, deal.currency)


def _key_players(painter: QPainter, box: QRectF, key: KeyMap, people: int) -> float:
    """The key players' map centred in ``box`` (as tall as it needs), a line saying who is
    on it below; returns the bottom."""
    content = key.content
    if key.shown:
        size = content.size() * key.scale
        target = QRectF(box.left() + (box.width() - size.width()) / 2, box.top(),
                        size.width(), size.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        key.scene.render(painter, target, content, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.restore()
        y = target.bottom() + 2
        caption = (f"Key players: {len(key.shown)} of {people_count(people)} — economic "
                   f"buyer, champions, high influence, against us, and the path to power "
                   f"(outlined).")
        if key.left_out:
            caption += (f" {plural(key.left_out, 'more key player')} did not fit here; the "
                        f"map layout prints everybody.")
    else:
        y = box.top()
        caption = ("No key players marked yet: no economic buyer, champion, high-influence "
                   "person or opponent." if people else "Nobody is on the map yet.")
    return paragraph(painter, QRectF(box.left(), y, box.width(), 30), caption, 8,
                     colour=MUTED_INK)

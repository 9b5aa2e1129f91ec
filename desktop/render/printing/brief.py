"""The deal brief: where the deal stands, its top red flags, what is overdue and due in the
next 14 days, the decision process, and what each person needs next — a review's two
pages at most (long lists are cut and counted, the plan's own print has them all)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPicture

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.decision_test import key_tests, verdict_line
from desktop.domain.enums import Axis
from desktop.domain.outlook import Outlook, outlook
from desktop.domain.person import Person
from desktop.domain.plan_reading import (
    UPCOMING_DAYS,
    day_text,
    overdue,
    upcoming,
)
from desktop.domain.what_if import what_if
from desktop.domain.what_if_text import short_projection_line
from desktop.domain.wording import average_text, money, people_count, plural
from desktop.palette import MUTED_INK, OVERDUE, SEVERITY_COLOURS
from desktop.render.chart_svg import paint_chart
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect, font
from desktop.render.printing.key_players import KeyMap, key_player_map
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.plan_tables import actions_section, process_section
from desktop.render.printing.sections import (
    SECTION_GAP,
    Section,
    flow,
    section_pages,
    text_lines,
)
from desktop.render.printing.table import Column, Table
from desktop.render.printing.text import heading, paragraph
from desktop.render.triangle_figure import draw_decision_triangle

MAP_HEIGHT = 260.0  # points: the most the key players' map may take of the page
# At most this many rows per plan section on the brief; the rest are counted (the Plan tab
# and the mutual action plan list them all): the brief stays a review's two pages.
MAX_OVERDUE = 8
MAX_UPCOMING = 8
MAX_STEPS = 12
MAX_PEOPLE = 12
MIN_PEOPLE = 4  # listed even if it takes a third page
PAGE_BUDGET = 2
MAX_DECISION_TESTS = 3  # key people's decision-test verdicts beside the triangle
# What the lean is, said where it is printed (docs/triangle-math.md § The lean).
LEAN_MEANS = "the influence-weighted share of the buying group for us"
QUESTIONS_HEADING = "Questions worth asking — each answer narrows the lean's range by:"


def brief_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    """The brief: where the deal stands (key players, triangle, red flags) on the first
    page, then what is overdue, what is due in the next 14 days, the decision process and
    what each person needs next, flowing onto a second page when the first is full."""
    orientation = options.page_orientation(PrintLayout.BRIEF)
    body = body_rect(options.paper, orientation)
    today = options.today or date.today()
    key = key_player_map(deal, analysis, QSizeF(body.width(), MAP_HEIGHT))
    figures = outlook(deal, analysis.weights, today=today)  # once: the top is painted twice

    def top(painter: QPainter, rect: QRectF) -> None:
        _paint_top(painter, rect, deal, analysis, key, draw_map=True, figures=figures)

    measure = QPicture()
    painter = QPainter(measure)
    top_height = _paint_top(painter, body, deal, analysis, key, draw_map=False,
                            figures=figures)
    painter.end()
    # The people's list is ranked: when it would start a third page it is cut to what the
    # second holds (a few rows at least), the rest counted.
    for most in range(MAX_PEOPLE, MIN_PEOPLE - 1, -1):
        sections = plan_sections(deal, analysis, set(key.shown), body.width(), today, most)
        placed = flow(sections, body.height(), top_height + SECTION_GAP)
        if len(placed) <= PAGE_BUDGET:
            break
    return section_pages(placed, orientation, "Deal brief", top)


def plan_sections(deal: Deal, analysis: DealAnalysis, key_players: set[str], width: float,
                  today: date, most_people: int = MAX_PEOPLE) -> list[Section]:
    """Overdue, the next 14 days, the decision process, and what each person needs next
    (the ``most_people`` most pressing)."""
    late = overdue(deal.actions, today)
    soon = upcoming(deal.actions, today)
    end = today + timedelta(days=UPCOMING_DAYS)
    sections = [
        actions_section(deal, f"Overdue ({len(late)})", late, MAX_OVERDUE, width, today,
                        "Nothing overdue.", late=True),
        actions_section(deal, f"Next {UPCOMING_DAYS} days (to {day_text(end)})", soon,
                        MAX_UPCOMING, width, today,
                        f"Nothing due in the next {UPCOMING_DAYS} days."),
        process_section(deal, width, today, MAX_STEPS),
    ]
    people = next_step_people(deal, analysis, key_players)
    shown = people[:most_people]
    needs = Section("What they need next")
    if shown:
        needs.table = Table(
            [Column("Person", 1.8), Column("Support", 1.0), Column("Personal win", 0.9),
             Column("What they need next", 6.3)],
            [[p.name, p.support.label, _score(p.scores.personal.value), _next(deal, p)]
             for p in shown], width,
            colours=[OVERDUE if (a := deal.next_action(p.id)) is not None
                     and a.is_overdue(today) else "" for p in shown])
        if len(people) > len(shown):
            needs.after = text_lines(f"… and {len(people) - len(shown)} more: see the "
                                     "people table.", width, 8, colour=MUTED_INK)
    else:
        needs.lines = text_lines("No open actions for anybody yet.", width)
    sections.append(needs)
    return sections


def _paint_top(painter: QPainter, rect: QRectF, deal: Deal, analysis: DealAnalysis,
               key: KeyMap, *, draw_map: bool, figures: Outlook | None = None) -> float:
    """The first page's top: facts, objective, the key players, the triangle (with the
    lean and the questions worth asking, from ``figures``) and the red flags; returns the
    bottom. ``draw_map`` False measures without rendering the map."""
    names = {p.id: p.name for p in deal.people}
    flags = sorted(analysis.flags, key=lambda f: f.severity.rank)[:6]
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
    y = _key_players(painter, QRectF(0, y, width, MAP_HEIGHT), key, len(deal.people),
                     draw=draw_map)
    y += 8
    chart = QRectF(0, y, width * 0.42, 190.0)
    plan = what_if(deal, analysis.weights, flags_now=analysis.flags,
                   path=list(analysis.path_to_power) if analysis.path_to_power else None)
    if draw_map:
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
    if plan.changes:  # the plan's expected effect (the chart is too small for it dashed)
        lines.append(short_projection_line(analysis.triangle, plan))
    if figures is not None and figures.lean is not None:
        lines.append(f"Lean to us: {figures.lean.text()} — {LEAN_MEANS}; in brackets the "
                     "range our evidence allows")
        if figures.questions:  # headed, or "−2 points" reads like lowering their score
            lines.append(QUESTIONS_HEADING)
            lines += [f"• {q.text(names[q.person])}" for q in figures.questions[:3]]
    tests = key_tests(deal, analysis.decision_tests, analysis.weights)
    if tests:  # which corner decides for the key people, against their alternative
        lines.append("Decision test against the alternative:")
        lines += [f"• {verdict_line(deal, t)}" for t in tests[:MAX_DECISION_TESTS]]
        if len(tests) > MAX_DECISION_TESTS:
            lines.append(f"  … and {len(tests) - MAX_DECISION_TESTS} more (show --json)")
    for line in lines:
        # up to four lines: the lean with its meaning and a verdict naming both sides
        # take three, and a line cut at two was overprinted by the next
        ty = paragraph(painter, QRectF(text_left, ty, text_width, 48), line, 9) + 3
    y = max(chart.bottom(), ty)
    y += 6
    y = heading(painter, y, width, f"Top red flags ({len(analysis.flags)} in all)")
    if not flags:
        y = paragraph(painter, QRectF(0, y, width, 14), "None.", 9) + 2
    for flag in flags:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLOURS[flag.severity]))
        painter.drawRect(QRectF(0, y + 3, 5, 5))
        y = paragraph(painter, QRectF(10, y, width - 10, 40),
                      f"[{flag.severity.value}] {flag.message}", 9) + 2
    return y


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
    return action.text + (f" (due {action.due.day} {action.due:%b})" if action.due else "")


def _score(value: int | None) -> str:
    return "?" if value is None else str(value)


def _money(deal: Deal) -> str:
    return money(deal.amount, deal.currency)


def _key_players(painter: QPainter, box: QRectF, key: KeyMap, people: int, *,
                 draw: bool = True) -> float:
    """The key players' map centred in ``box`` (as tall as it needs), a line saying who is
    on it below; returns the bottom. ``draw`` False: measured only."""
    content = key.content
    if key.shown:
        size = content.size() * key.scale
        target = QRectF(box.left() + (box.width() - size.width()) / 2, box.top(),
                        size.width(), size.height())
        if draw:
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

"""The account org chart: the union of the reports-to lines of an account's deals, laid out
by the compact org chart (``org_chart_layout``, run by the caller: render does not import
layout) and painted as simple cards (name, title, how many deals).

The same ``paint_chart`` paints the window's page and the printed sheet. An account may
hold 10,000 people, so the cards are kept in square buckets and a paint touches only the
buckets the exposed rectangle meets; under a few pixels per card the names are left out
(they could not be read) and the cards become plain boxes.

Lines never run through a card: a line whose straight way down would cross another card
takes the gap beside that card's column and turns in above its report. A person who
reports to different managers in different deals (``ManagerConflict``) has those lines
dashed in the conflict colour, "2 managers" on the card, and a sentence in the note under
the chart ("Kevin Liu reports to Amelia Novak in Helix renewal, Fatima Haddad in Helix
pilot"). Titles too long for a card end in "…"; the window's tooltip has them whole.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.accounts import AccountGrid
from desktop.domain.manager_conflicts import ManagerConflict
from desktop.palette import INK, MUTED_INK

BUCKET = 2_000.0  # scene units per side of a bucket
CARD_W = 210.0  # a little narrower and lower than the org chart's slot (226 × 74)
CARD_H = 64.0
BUS_DROP = 28.0  # the line to a manager's reports runs across just below them
SIDE_GAP = 12.0  # a stacked team's line runs this far left of its cards
STACK_STEP = CARD_H + 40.0  # cards a team's stack apart at most (the layout's is 86)
READABLE = 0.12  # below this scale (device pixels per scene unit) names are left out
_LINE = QColor("#8C8C8C")
_BORDER = QColor("#7A7A7A")
_FILL = QColor("#FFFFFF")
_CONFLICT = QColor("#D55E00")  # the map's conflict colour (orange-red, colour-blind safe)
CLEAR = 8.0  # a detour keeps this far from a card's side, and turns in this far above it
NOTE_LINE = 26.0  # a line of the note under the chart
NOTES_SHOWN = 12  # more conflicts than this: "and N more" (the tooltips have each)


@dataclass(frozen=True, slots=True)
class ChartCard:
    person_id: str
    centre: tuple[float, float]
    name: str
    title: str
    deals: str  # "2 deals": in how many of the account's deals they take part
    conflict: str = ""  # "… reports to X in deal A, Y in deal B" (empty: one manager)


@dataclass(frozen=True, slots=True)
class AccountChart:
    """The laid-out chart: cards, lines (report centre → manager centre) and buckets."""

    cards: tuple[ChartCard, ...]
    lines: tuple[tuple[int, int], ...]  # indexes into cards: (report, manager)
    paths: tuple[tuple[tuple[float, float], ...], ...]  # each line's polyline, in order
    bounds: QRectF
    buckets: dict[tuple[int, int], tuple[int, ...]]
    conflicted: frozenset[int] = frozenset()  # lines (indexes) drawn as conflicting
    notes: tuple[str, ...] = ()  # under the chart, from ``notes_top``
    notes_top: float = 0.0

    def visible(self, rect: QRectF) -> list[int]:
        """The cards whose bucket meets ``rect`` (a few more than meet it: cheap to skip)."""
        left, top = int(rect.left() // BUCKET), int(rect.top() // BUCKET)
        right, bottom = int(rect.right() // BUCKET), int(rect.bottom() // BUCKET)
        found: list[int] = []
        for bx in range(left, right + 1):
            for by in range(top, bottom + 1):
                found.extend(self.buckets.get((bx, by), ()))
        return found

    def card_at(self, x: float, y: float) -> int | None:
        """The card under the scene point (x, y), if any: the window's tooltip."""
        for i in self.visible(QRectF(x - CARD_W, y - CARD_H, 2 * CARD_W, 2 * CARD_H)):
            cx, cy = self.cards[i].centre
            if abs(cx - x) <= CARD_W / 2 and abs(cy - y) <= CARD_H / 2:
                return i
        return None

    def tooltip(self, i: int) -> str:
        card = self.cards[i]
        return "\n".join(t for t in (card.name, card.title, card.deals, card.conflict) if t)


def account_chart(grid: AccountGrid,
                  places: Mapping[Hashable, tuple[float, float]],
                  conflicts: Sequence[ManagerConflict] = ()) -> AccountChart:
    """``grid``'s people as cards at ``places`` (card centres from
    ``desktop.layout.org_chart.org_chart_layout`` over the grid's reports-to lines);
    ``conflicts``: the people with different managers in different deals
    (``desktop.account_conflicts.read_manager_conflicts``)."""
    deals_of: dict[str, int] = defaultdict(int)
    for person_id, _deal_id in grid.cells:
        deals_of[person_id] += 1
    conflict_of = {c.person_id: c for c in conflicts}
    cards = tuple(
        ChartCard(p.id, places[p.id], p.name, p.title,
                  _deals(deals_of[p.id]) + (f" · {len(conflict_of[p.id].managers)} managers"
                                            if p.id in conflict_of else ""),
                  conflict_of[p.id].text + "." if p.id in conflict_of else "")
        for p in grid.people)
    index = {card.person_id: i for i, card in enumerate(cards)}
    lines = tuple((index[a], index[b]) for a, b in grid.reports if a in index and b in index
                  and a != b)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, card in enumerate(cards):
        x, y = card.centre
        buckets[(int(x // BUCKET), int(y // BUCKET))].append(i)
    if cards:
        xs = [c.centre[0] for c in cards]
        ys = [c.centre[1] for c in cards]
        bounds = QRectF(min(xs) - CARD_W / 2 - 20, min(ys) - CARD_H / 2 - 20,
                        max(xs) - min(xs) + CARD_W + 40, max(ys) - min(ys) + CARD_H + 40)
    else:
        bounds = QRectF(0, 0, CARD_W, CARD_H)
    conflicted = frozenset(n for n, (report, manager) in enumerate(lines)
                           if cards[report].person_id in conflict_of
                           and cards[manager].person_id
                           in conflict_of[cards[report].person_id].managers)
    notes = _notes([c for c in conflicts if c.person_id in index])
    notes_top = bounds.bottom()
    if notes:
        bounds = bounds.adjusted(0, 0, 0, NOTE_LINE * len(notes) + 12)
        bounds.setWidth(max(bounds.width(), 900.0))
    return AccountChart(cards, lines, tuple(_paths(cards, lines)), bounds,
                        {key: tuple(value) for key, value in buckets.items()},
                        conflicted, notes, notes_top)


def _notes(conflicts: Sequence[ManagerConflict]) -> tuple[str, ...]:
    if not conflicts:
        return ()
    shown = [f"- {c.text}." for c in conflicts[:NOTES_SHOWN]]
    if len(conflicts) > NOTES_SHOWN:
        shown.append(f"… and {len(conflicts) - NOTES_SHOWN} more (each card's tooltip says)")
    return ("Dashed: reports to different managers in different deals —", *shown)


class _Cards:
    """Where the cards are, for asking whether a straight segment meets one: cards by
    column (centre x) and by row (centre y), each sorted, so a question is a few bisects
    (10,000 cards, 10,000 lines: well under a second)."""

    def __init__(self, cards: Sequence[ChartCard]) -> None:
        columns: dict[float, list[tuple[float, int]]] = defaultdict(list)
        rows: dict[float, list[tuple[float, int]]] = defaultdict(list)
        for i, card in enumerate(cards):
            x, y = card.centre
            columns[x].append((y, i))
            rows[y].append((x, i))
        self.column_x = sorted(columns)
        self.columns = {x: sorted(v) for x, v in columns.items()}
        self.column_ys = {x: [y for y, _ in v] for x, v in self.columns.items()}
        self.row_y = sorted(rows)
        self.rows = {y: sorted(v) for y, v in rows.items()}
        self.row_xs = {y: [x for x, _ in v] for y, v in self.rows.items()}

    def down(self, x: float, y0: float, y1: float, skip: tuple[int, ...]) -> list[float]:
        """The centres x of the columns whose cards the vertical segment meets."""
        found: list[float] = []
        reach = CARD_W / 2 + 1
        low, high = min(y0, y1), max(y0, y1)
        for cx in self.column_x[bisect_right(self.column_x, x - reach):
                                bisect_left(self.column_x, x + reach)]:
            ys, cards = self.column_ys[cx], self.columns[cx]
            for _y, i in cards[bisect_right(ys, low - CARD_H / 2 + 1):
                               bisect_left(ys, high + CARD_H / 2 - 1)]:
                if i not in skip:
                    found.append(cx)
                    break
        return found

    def first_below(self, x: float, y0: float, y1: float,
                    skip: tuple[int, ...]) -> tuple[float, float] | None:
        """The highest card the vertical segment meets: (its top, its column's x)."""
        best: tuple[float, float] | None = None
        reach = CARD_W / 2 + 1
        for cx in self.column_x[bisect_right(self.column_x, x - reach):
                                bisect_left(self.column_x, x + reach)]:
            ys, cards = self.column_ys[cx], self.columns[cx]
            for y, i in cards[bisect_right(ys, y0 - CARD_H / 2 + 1):
                              bisect_left(ys, y1 + CARD_H / 2 - 1)]:
                if i not in skip:
                    if best is None or y - CARD_H / 2 < best[0]:
                        best = (y - CARD_H / 2, cx)
                    break
        return best

    def across(self, y: float, x0: float, x1: float, skip: tuple[int, ...]) -> bool:
        """Whether the horizontal segment meets a card."""
        reach = CARD_H / 2 + 1
        low, high = min(x0, x1), max(x0, x1)
        for cy in self.row_y[bisect_right(self.row_y, y - reach):
                             bisect_left(self.row_y, y + reach)]:
            xs, cards = self.row_xs[cy], self.rows[cy]
            if any(i not in skip for _x, i in cards[bisect_right(xs, low - CARD_W / 2 + 1):
                                                     bisect_left(xs, high + CARD_W / 2 - 1)]):
                return True
        return False


def _paths(cards: tuple[ChartCard, ...],
           lines: tuple[tuple[int, int], ...]) -> list[tuple[tuple[float, float], ...]]:
    """Elbows from a manager down to each report. A report stacked under a colleague
    (a team in a column) is reached from the side, along the column's left edge, so the
    line does not run through the cards above it and read as their report. A line whose
    way down meets another card goes down the gap beside it and turns in above its end."""
    columns: dict[tuple[int, float], list[float]] = defaultdict(list)
    for report, manager in lines:
        x, y = cards[report].centre
        columns[(manager, round(x, 1))].append(y)
    where = _Cards(cards)
    result: list[tuple[tuple[float, float], ...]] = []
    for report, manager in lines:
        (x1, y1), (x2, y2) = cards[report].centre, cards[manager].centre
        top = y2 + CARD_H / 2
        if y1 - CARD_H / 2 < top + 4:  # not below the manager (a second manager's line):
            low = max(top, y1 + CARD_H / 2) + BUS_DROP / 2  # under both, up into the card
            result.append(((x2, top), (x2, low), (x1, low), (x1, y1 + CARD_H / 2)))
            continue
        bus = top + min(BUS_DROP, max((y1 - CARD_H / 2 - top) / 2, 0.0))
        stack = _stack_top(columns[(manager, round(x1, 1))], y1)
        if stack is not None:  # stacked: down the column's left side, in from the left
            goal = x1 - CARD_W / 2 - SIDE_GAP
            end: tuple[tuple[float, float], ...] = ((goal, y1), (x1 - CARD_W / 2, y1))
            turn = stack - CARD_H / 2 - CLEAR
        else:
            goal, end = x1, ((x1, y1 - CARD_H / 2),)
            turn = y1 - CARD_H / 2 - CLEAR
        start = ((x2, top), (x2, bus))
        skip = (report, manager)
        if turn > bus and where.down(goal, bus, turn, skip):
            side = _free_side(where, x2, goal, bus, turn, skip)
            if side is not None:
                result.append((*start, (side, bus), (side, turn), (goal, turn), *end))
                continue
            steps = _staircase(where, goal, bus, turn, skip)
            if steps is not None and not where.across(bus, x2, goal, skip):
                result.append((*start, (goal, bus), *steps, *end))
                continue
        result.append((*start, (goal, bus), *end))
    return result


def _staircase(where: _Cards, goal: float, bus: float, turn: float,
               skip: tuple[int, ...]) -> list[tuple[float, float]] | None:
    """A long way down past several rows (a report in a row wrapped far below its manager):
    down from (goal, bus) until just above the first card in the way, aside into the gap
    beside it, down again … then back to ``goal`` just above the report."""
    points: list[tuple[float, float]] = []
    x, y = goal, bus
    for _ in range(60):
        if not where.down(x, y, turn, skip) and (
                x == goal or not where.across(turn, x, goal, skip)):
            return [*points, (x, turn), (goal, turn)] if x != goal else points
        blocker = where.first_below(x, y, turn, skip)
        if blocker is None:
            return None
        top, cx = blocker
        level = top - CLEAR
        if level <= y:
            return None
        sides = sorted((cx - CARD_W / 2 - CLEAR, cx + CARD_W / 2 + CLEAR),
                       key=lambda c: abs(c - goal))
        side = next((c for c in sides if not where.across(level, x, c, skip)), None)
        if side is None:
            return None
        points += [(x, level), (side, level)]
        x, y = side, level
    return None


def _stack_top(ys: list[float], y: float) -> float | None:
    """The top card's centre y of the stacked team the card at ``y`` is in: its manager's
    reports in that column, one right under the other (a manager's reports in one column
    but in wrapped rows, with other blocks between, are no stack); None: not stacked."""
    ordered = sorted(ys)
    at = ordered.index(y)
    first = at
    while first > 0 and ordered[first] - ordered[first - 1] <= STACK_STEP:
        first -= 1
    last = at
    while last + 1 < len(ordered) and ordered[last + 1] - ordered[last] <= STACK_STEP:
        last += 1
    return ordered[first] if last > first else None


def _free_side(where: _Cards, x2: float, goal: float, bus: float, turn: float,
               skip: tuple[int, ...]) -> float | None:
    """The x nearest ``goal`` of a gap beside the cards in the way down from ``bus`` to
    ``turn``, reached along ``bus`` and left along ``turn`` without meeting a card."""
    tried: set[float] = set()
    waiting = [goal]
    found: list[float] = []
    while waiting and len(tried) < 64:
        x = waiting.pop(0)
        blockers = where.down(x, bus, turn, skip)
        if x != goal and not blockers and not where.across(bus, x2, x, skip) \
                and not where.across(turn, x, goal, skip):
            found.append(x)
            continue
        for cx in blockers:
            for side in (cx - CARD_W / 2 - CLEAR, cx + CARD_W / 2 + CLEAR):
                side = round(side, 1)
                if side not in tried:
                    tried.add(side)
                    waiting.append(side)
        waiting.sort(key=lambda c: abs(c - goal))
    return min(found, key=lambda c: abs(c - goal)) if found else None


def _deals(count: int) -> str:
    return "" if count == 0 else ("1 deal" if count == 1 else f"{count} deals")


def paint_chart(painter: QPainter, chart: AccountChart, exposed: QRectF, *,
                name_font: QFont, detail_font: QFont, labels: bool | None = None) -> None:
    """Paint the lines and cards of ``chart`` that meet ``exposed`` (scene units).
    ``labels``: whether names are painted; None decides by the painter's scale on screen
    (paper decides by the printed size of a name, which a 1,200 dpi scale hides)."""
    scale = painter.worldTransform().m11()
    shown = chart.visible(exposed.adjusted(-CARD_W, -CARD_H, CARD_W, CARD_H))
    shown_set = set(shown)
    width = 1.2 / max(scale, 1e-6) if scale < 1 else 1.2
    plain, dashed = QPen(_LINE, width), QPen(_CONFLICT, width * 1.6, Qt.PenStyle.DashLine)
    for n, ((report, manager), path) in enumerate(zip(chart.lines, chart.paths, strict=True)):
        if report in shown_set or manager in shown_set:
            painter.setPen(dashed if n in chart.conflicted else plain)
            painter.drawPolyline([QPointF(x, y) for x, y in path])
    readable = scale >= READABLE if labels is None else labels
    painter.setBrush(_FILL)
    painter.setPen(QPen(_BORDER, 1.0))
    for i in shown:
        x, y = chart.cards[i].centre
        painter.drawRoundedRect(QRectF(x - CARD_W / 2, y - CARD_H / 2, CARD_W, CARD_H), 6, 6)
    if not readable:
        return
    name_metrics = QFontMetricsF(name_font)
    detail_metrics = QFontMetricsF(detail_font)
    for i in shown:
        card = chart.cards[i]
        x, y = card.centre
        left, width = x - CARD_W / 2 + 10, CARD_W - 20
        painter.setFont(name_font)
        painter.setPen(QColor(INK))
        painter.drawText(QPointF(left, y - 11), name_metrics.elidedText(
            card.name, Qt.TextElideMode.ElideRight, width))
        painter.setFont(detail_font)
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QPointF(left, y + 8), detail_metrics.elidedText(
            card.title, Qt.TextElideMode.ElideRight, width))
        if card.conflict:
            painter.setPen(_CONFLICT)
        painter.drawText(QPointF(left, y + 25), detail_metrics.elidedText(
            card.deals, Qt.TextElideMode.ElideRight, width))
    if chart.notes and exposed.bottom() >= chart.notes_top:
        painter.setFont(detail_font)
        for number, note in enumerate(chart.notes):
            painter.setPen(QColor(INK) if number else _CONFLICT)
            painter.drawText(QPointF(chart.bounds.left() + 20,
                                     chart.notes_top + NOTE_LINE * (number + 1) - 6),
                             detail_metrics.elidedText(note, Qt.TextElideMode.ElideRight,
                                                       chart.bounds.width() - 40))

"""Cards for people a file brings without a place on the map.

A CSV of contacts, or a graph written by networkx or igraph, carries no positions: every
person would land at (0, 0) and the map — and its print — would be one pile of cards. A new
deal whose people have no places is arranged as an org chart when it has reports-to lines,
else by influence; people added to a deal the seller already arranged go to free places
below it, so nothing the seller placed moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.position import POSITION_LIMIT, Position
from desktop.layout.free_spot import free_spot

ORIGIN = Position()
LAYOUT_LIMIT = 3_000  # bigger imports (a company directory) go in a plain grid: the influence
# layout is O(n²), and an org chart of thousands is no map a seller reads — the import stays
# within twice the time of a bare CSV-to-SQLite copy (benchmarks/csv_import.py)
GRID_COLUMNS = 40
FREE_SPOT_LIMIT = 60  # newcomers placed one by one in free places; more go in a grid


def unplaced(deal: Deal) -> bool:
    """True when nobody of the deal has a place (all at the origin)."""
    return bool(deal.people) and all(p.position == ORIGIN for p in deal.people)


def arrange_new_deal(deal: Deal) -> Deal:
    """``deal`` with its people arranged, when none of them had a place."""
    if not unplaced(deal):
        return deal
    ids = [p.id for p in deal.people]
    reports = [(r.source, r.target) for r in deal.relations if r.kind is RelationKind.REPORTS_TO]
    if reports and len(ids) <= LAYOUT_LIMIT:
        from desktop.layout.org_chart import org_chart_layout

        spread = org_chart_layout(ids, reports)
    elif len(ids) <= LAYOUT_LIMIT and deal.relations:
        from desktop.layout.auto_layout import influence_layout

        spread = influence_layout(ids, [(r.source, r.target) for r in deal.relations])
    else:
        spread = {person_id: (250.0 * (i % GRID_COLUMNS), 110.0 * (i // GRID_COLUMNS))
                  for i, person_id in enumerate(ids)}
    return replace(deal, people=tuple(p.at(_clamped(*spread[p.id])) for p in deal.people))


# A card on the map, with a little air around it (render/map/cards.py: 200–236 wide, 74 high).
CARD_ROOM = (250.0, 95.0)
SPREAD_LIMIT = 600  # the check compares every pair: bigger drawings keep their places
MAX_SPREAD = 4.0


def spread_to_fit(people: Sequence[Person]) -> tuple[Person, ...]:
    """People placed by another tool's drawing (yEd's boxes are 30 × 120, ours 74 × 236),
    moved apart — the whole drawing scaled from its top-left corner, so its shape stays —
    until no two cards overlap (at most four times as wide and high). Two people drawn on
    the same spot cannot be parted by scaling and are left as they are."""
    if not 1 < len(people) <= SPREAD_LIMIT:
        return tuple(people)
    points = [(p.position.x, p.position.y) for p in people]
    width, height = CARD_ROOM
    factor = 1.0
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            dx, dy = abs(x1 - x2), abs(y1 - y2)
            if dx >= width or dy >= height or (dx == 0 and dy == 0):
                continue
            # Enough when either distance, scaled, reaches a card's room.
            needed = min(width / dx if dx else MAX_SPREAD, height / dy if dy else MAX_SPREAD)
            factor = max(factor, min(needed, MAX_SPREAD))
    if factor == 1.0:
        return tuple(people)
    left = min(x for x, _ in points)
    top = min(y for _, y in points)
    return tuple(p.at(_clamped(left + (p.position.x - left) * factor,
                               top + (p.position.y - top) * factor)) for p in people)


def place_beside(mine: Deal, newcomers: Sequence[Person]) -> tuple[Person, ...]:
    """``newcomers`` to ``mine``, those without a place put in free places below the cards
    already there (nothing the seller placed moves); those with a place keep it."""
    lost = [p for p in newcomers if p.position == ORIGIN]
    if not lost:
        return tuple(newcomers)
    taken = [(p.position.x, p.position.y) for p in mine.people]
    taken += [(p.position.x, p.position.y) for p in newcomers if p.position != ORIGIN]
    if not taken:
        arranged = arrange_new_deal(replace(mine, people=tuple(newcomers)))
        return arranged.people
    left = min(x for x, _ in taken)
    bottom = max(y for _, y in taken) + 130.0
    placed: dict[str, Position] = {}
    if len(lost) > FREE_SPOT_LIMIT:  # a search per card would be slow: a grid below all
        for i, person in enumerate(lost):
            placed[person.id] = _clamped(left + 250.0 * (i % GRID_COLUMNS),
                                         bottom + 110.0 * (i // GRID_COLUMNS))
    else:
        for person in lost:
            x, y = free_spot(taken, (left, bottom))
            taken.append((x, y))
            placed[person.id] = _clamped(x, y)
    return tuple(p.at(placed[p.id]) if p.id in placed else p for p in newcomers)


def _clamped(x: float, y: float) -> Position:
    limit = POSITION_LIMIT * 0.9
    return Position(round(max(-limit, min(limit, x)), 1), round(max(-limit, min(limit, y)), 1))

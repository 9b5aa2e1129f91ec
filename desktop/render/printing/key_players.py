"""The brief's map: the key players only, with the lines among them.

A deal review talks about a handful of people — whoever signs (the economic buyer), our
champions, the people of high influence, the people against us and the path to power
between them. The whole org chart shrunk onto a third of a page is wallpaper with names
too small to read, so the brief shows these people alone, laid out afresh in rows by rank
(a boss above their reports, left to right as on the seller's map), at a scale where every
name prints at least ``MIN_NAME_PT``. Who does not fit is counted, never squeezed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QColor

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, RelationKind, Role, Support
from desktop.domain.plan_references import forget_people
from desktop.domain.position import Position
from desktop.palette import INFLUENCE_CARD_WIDTH
from desktop.render.map.cards import CARD_HEIGHT
from desktop.render.map.scene import MapScene
from desktop.render.printing.document import searchable

MIN_NAME_PT = 7.0  # a name on the brief's map is at least this tall on paper
MAX_SCALE = 0.8  # points per scene unit: a few key players are not blown up past this
GAP_X = 24.0  # scene units between two cards of a row
GAP_Y = 30.0  # between rows: room for the lines and their arrowheads
MARGIN = 8.0  # around the cards: the path's highlight and the borders
CANDIDATES = 40  # more than a page holds at 7 pt: the rest are never measured


@dataclass(frozen=True, slots=True)
class KeyMap:
    """The key players as laid out for the brief."""

    scene: MapScene
    scale: float  # points per scene unit
    content: QRectF  # the scene rectangle to print
    shown: tuple[str, ...]  # person ids, most important first
    key_players: int  # how many key players the deal has (shown or not)

    @property
    def left_out(self) -> int:
        return self.key_players - len(self.shown)


def key_players(deal: Deal, analysis: DealAnalysis) -> list[str]:
    """The key players' ids, most important first: the economic buyers and the path to
    power always lead (the story of the deal), then champions, high-influence people and
    opponents, by their influence weight."""
    path = analysis.path_to_power or ()
    first = [p.id for p in deal.people if Role.ECONOMIC_BUYER in p.roles]
    first += [i for i in path if i not in first]
    leading = set(first)
    rest = [p for p in deal.people if p.id not in leading and (
        Role.COACH in p.roles or p.influence is Influence.HIGH
        or p.support < Support.NEUTRAL)]
    rest.sort(key=lambda p: (-analysis.weights.get(p.id, 0.0), p.name))
    return first + [p.id for p in rest]


def key_player_map(deal: Deal, analysis: DealAnalysis, room: QSizeF) -> KeyMap:
    """As many key players as fit ``room`` (points) with every name at least
    ``MIN_NAME_PT``; the most important are kept when some must go."""
    ranked = key_players(deal, analysis)
    candidates = ranked[:CANDIDATES]
    scene = MapScene(indexed=False, font=searchable())
    scene.set_full_detail(True)
    scene.setBackgroundBrush(QColor("#FFFFFF"))
    scene.show_deal(_among(deal, candidates, {}))
    name_px = {i: scene.cards[i].name_px for i in candidates}
    chosen: list[str] = []
    positions: dict[str, Position] = {}
    scale = MAX_SCALE
    fitted = False
    for count in range(len(candidates), 0, -1):
        chosen = candidates[:count]
        scale = MIN_NAME_PT / min(name_px[i] for i in chosen)
        for banded in (True, False):  # a row per rank if that fits, else rows that flow
            positions, size = _rows(deal, chosen, room.width() / scale, banded=banded)
            fitted = size.height() * scale <= room.height()
            if fitted:
                break
        if fitted:
            break
    if not fitted:
        chosen, positions = [], {}
    scene.show_deal(_among(deal, chosen, positions))
    scene.set_path(tuple(i for i in analysis.path_to_power or () if i in positions))
    content = scene.cards_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if chosen:  # larger where there is room; never below the names' minimum
        fit = min(room.width() / content.width(), room.height() / content.height())
        scale = max(scale, min(fit, MAX_SCALE))
    return KeyMap(scene, scale, content, tuple(chosen), len(ranked))


def _among(deal: Deal, ids: Sequence[str], positions: dict[str, Position]) -> Deal:
    """The deal with only these people (moved to ``positions``) and the lines among them;
    its plan forgets the people left out, so each card still shows its next action."""
    wanted = set(ids)
    people = tuple(replace(p, position=positions[p.id]) if p.id in positions else p
                   for p in deal.people if p.id in wanted)
    relations = tuple(r for r in deal.relations if r.source in wanted and r.target in wanted)
    gone = {p.id for p in deal.people} - wanted
    return replace(deal, people=people, relations=relations, snapshots=(),
                   **forget_people(deal, gone))


def _rows(deal: Deal, ids: Sequence[str], width: float, *,
          banded: bool) -> tuple[dict[str, Position], QSizeF]:
    """Card centres for ``ids`` in rows ``width`` scene units wide, each row centred, and
    the size used. Ordered by rank in the org chart (bosses first), then left to right as
    on the seller's map; ``banded``: each rank starts a row of its own (bosses on top)."""
    depth = _depths(deal)
    people = sorted((deal.person(i) for i in ids),
                    key=lambda p: (depth.get(p.id, 0), p.position.x, p.name))
    bands = sorted({depth.get(p.id, 0) for p in people}) if banded else [None]
    rows: list[list[tuple[str, float]]] = []
    for band in bands:
        row: list[tuple[str, float]] = []
        used = 0.0
        members = [p for p in people if band is None or depth.get(p.id, 0) == band]
        for person in members:
            card = INFLUENCE_CARD_WIDTH[person.influence]
            if row and used + GAP_X + card > width:
                rows.append(row)
                row, used = [], 0.0
            used += (GAP_X if row else 0.0) + card
            row.append((person.id, card))
        if row:
            rows.append(row)
    positions: dict[str, Position] = {}
    widest = 0.0
    for number, row in enumerate(rows):
        total = sum(w for _, w in row) + GAP_X * (len(row) - 1)
        widest = max(widest, total)
        x = -total / 2
        y = number * (CARD_HEIGHT + GAP_Y) + CARD_HEIGHT / 2
        for person_id, card in row:
            positions[person_id] = Position(x + card / 2, y)
            x += card + GAP_X
    height = len(rows) * CARD_HEIGHT + max(0, len(rows) - 1) * GAP_Y
    return positions, QSizeF(widest + 2 * MARGIN + 6, height + 2 * MARGIN + 6)


def _depths(deal: Deal) -> dict[str, int]:
    """Each person's rank in the org chart: 0 for someone who reports to nobody, else one
    more than their (first) manager's; a loop of reporting lines is cut where it closes."""
    manager: dict[str, str] = {}
    for relation in deal.relations:
        if relation.kind is RelationKind.REPORTS_TO:
            manager.setdefault(relation.source, relation.target)
    depth: dict[str, int] = {}
    for person in deal.people:
        chain: list[str] = []
        current: str | None = person.id
        while current is not None and current not in depth and current not in chain:
            chain.append(current)
            current = manager.get(current)
        base = depth.get(current, -1) if current is not None else -1
        for offset, member in enumerate(reversed(chain), start=1):
            depth[member] = base + offset
    return depth

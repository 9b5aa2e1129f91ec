"""The org chart from reports-to lines, compact: a map a seller can read on a laptop.

A classic tidy tree puts every level on one row, so a deal with a dozen managers under the CEO
is one wide, shallow strip: fitted to a laptop's map, its names shrink to a few pixels and most
of the height stays empty. Here each manager's part of the chart is a block:

- a manager whose reports manage nobody gets them as a stacked team under them (in columns
  of at most ``TEAM_ROWS`` when the team is big);
- a manager's sub-blocks are laid out in rows that wrap at a width, their manager centred
  above the first row;
- the width is chosen by trying several and keeping the one whose whole chart fits a map of
  the wanted shape (``aspect``, width ÷ height) at the largest scale.

People outside every hierarchy go in rows below. Positions are card centres in scene units.
Pure computation: no Qt, run on a worker by the window.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

CARD_WIDTH = 226.0  # the widest card (high influence)
CARD_HEIGHT = 74.0
SLOT = CARD_WIDTH + 18.0  # a column of cards, with room between them
LEVEL = CARD_HEIGHT + 46.0  # a manager above the first row of their reports
TEAM_STEP = CARD_HEIGHT + 12.0  # stacked team members
TEAM_INDENT = 26.0  # a team sits a little right of its manager: the line to it shows
TEAM_ROWS = (3, 4, 6)  # a team taller than this is split into columns (the best is kept)
ROW_GAP = 30.0  # between wrapped rows of sub-blocks
MANY = 500  # above this many people (an imported directory) fewer shapes are tried
DEFAULT_ASPECT = 2.0  # a laptop's map area is about twice as wide as tall

Positions = dict[Hashable, tuple[float, float]]
Edge = tuple[Hashable, Hashable]


@dataclass
class _Block:
    """A manager's part of the chart: card centres relative to the block's top-left."""

    width: float
    height: float
    places: dict[Hashable, tuple[float, float]] = field(default_factory=dict)

    def shifted(self, dx: float, dy: float) -> dict[Hashable, tuple[float, float]]:
        return {node: (x + dx, y + dy) for node, (x, y) in self.places.items()}


def org_chart_layout(nodes: Sequence[Hashable], reports_to: Iterable[Edge], *,
                     aspect: float = DEFAULT_ASPECT) -> Positions:
    """Place ``nodes`` as a compact org chart. ``reports_to`` pairs are (report, manager); a
    second manager (matrix reporting) and any line closing a cycle are ignored for placement.
    ``aspect`` is the map's width ÷ height that the chart should fill."""
    manager = _managers(nodes, reports_to)
    children: dict[Hashable, list[Hashable]] = {node: [] for node in nodes}
    for node in nodes:  # keep the deal's order among siblings
        if node in manager:
            children[manager[node]].append(node)
    roots = [n for n in nodes if n not in manager and children[n]]
    loose = [n for n in nodes if n not in manager and not children[n]]
    if not nodes:
        return {}
    best: Positions = {}
    best_scale = -1.0
    many = len(nodes) > MANY  # a directory, not a deal: a few shapes tried, not 48
    for wrap in _widths(len(nodes), coarse=many):
        for team_rows in (TEAM_ROWS[1:2] if many else TEAM_ROWS):
            placed = _chart(roots, loose, children, wrap, team_rows)
            width, height = _extent(placed)
            scale = min(aspect / width, 1.0 / height)  # the chart fitted to an aspect × 1 map
            if scale > best_scale * 1.0001:
                best, best_scale = placed, scale
    return best


def _managers(nodes: Sequence[Hashable], reports_to: Iterable[Edge]) -> dict[Hashable, Hashable]:
    known = set(nodes)
    manager: dict[Hashable, Hashable] = {}
    for report, boss in reports_to:
        if report in known and boss in known and report != boss and report not in manager \
                and not _leads_to(manager, boss, report):
            manager[report] = boss
    return manager


def _leads_to(manager: dict[Hashable, Hashable], start: Hashable, goal: Hashable) -> bool:
    node: Hashable | None = start
    steps = 0
    while node is not None and steps <= len(manager):
        if node == goal:
            return True
        node = manager.get(node)
        steps += 1
    return False


def _widths(count: int, *, coarse: bool = False) -> list[float]:
    """The wrap widths worth trying: from a few columns to one long row."""
    factors = (0.8, 1.25, 2.0, 3.0) if coarse else (0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0,
                                                    4.0)
    columns = sorted({max(2, round(count ** 0.5 * f)) for f in factors}
                     | ({count} if coarse else {2, 3, 4, 6, 8, 12, count}))
    return [c * SLOT for c in columns if c <= max(count, 2)]


def _chart(roots: list[Hashable], loose: list[Hashable],
           children: dict[Hashable, list[Hashable]], wrap: float,
           team_rows: int) -> Positions:
    blocks = [_block(root, children, wrap, team_rows) for root in roots]
    blocks += [_leaf(node) for node in loose]
    placed: Positions = {}
    for block, (dx, dy) in _rows(blocks, wrap):
        placed.update(block.shifted(dx, dy))
    return placed


def _leaf(node: Hashable) -> _Block:
    return _Block(SLOT, CARD_HEIGHT, {node: (SLOT / 2, CARD_HEIGHT / 2)})


def _block(node: Hashable, children: dict[Hashable, list[Hashable]], wrap: float,
           team_rows: int) -> _Block:
    """``node``'s part of the chart. Recursion depth is the depth of the organisation; a
    reports-to chain a thousand levels deep is not an organisation."""
    kids = children[node]
    if not kids:
        return _leaf(node)
    team = [k for k in kids if not children[k]]
    managers = [k for k in kids if children[k]]
    parts: list[_Block] = []
    if team:
        parts.append(_team(team, team_rows))
    parts += [_block(k, children, wrap, team_rows) for k in managers]
    arranged = _rows(parts, max(wrap, max(p.width for p in parts)))
    width = max(dx + p.width for p, (dx, _dy) in arranged)
    height = max(dy + p.height for p, (_dx, dy) in arranged)
    places: dict[Hashable, tuple[float, float]] = {}
    for part, (dx, dy) in arranged:
        places.update(part.shifted(dx, dy + LEVEL))
    first_row = [(p, dx) for p, (dx, dy) in arranged if dy == 0.0]
    row_width = max(dx + p.width for p, dx in first_row)
    if len(parts) == 1 and team:  # a manager over one team: above it, a little left
        centre = SLOT / 2
        width = max(width, SLOT)
    else:
        centre = max(SLOT / 2, row_width / 2)
    places[node] = (centre, CARD_HEIGHT / 2)
    return _Block(max(width, SLOT), height + LEVEL, places)


def _team(members: list[Hashable], team_rows: int) -> _Block:
    """Reports who manage nobody, stacked under their manager in columns of ``team_rows``."""
    columns = (len(members) + team_rows - 1) // team_rows
    rows = (len(members) + columns - 1) // columns
    places = {member: (TEAM_INDENT + SLOT / 2 + (i // rows) * SLOT,
                       CARD_HEIGHT / 2 + (i % rows) * TEAM_STEP)
              for i, member in enumerate(members)}
    return _Block(TEAM_INDENT + columns * SLOT, CARD_HEIGHT + (rows - 1) * TEAM_STEP, places)


def _rows(blocks: list[_Block], wrap: float) -> list[tuple[_Block, tuple[float, float]]]:
    """Blocks left to right, wrapping into a new row at ``wrap``; each row's top is below the
    tallest block of the row before."""
    placed: list[tuple[_Block, tuple[float, float]]] = []
    x = y = row_height = 0.0
    for block in blocks:
        if x > 0.0 and x + block.width > wrap:
            x, y = 0.0, y + row_height + ROW_GAP
            row_height = 0.0
        placed.append((block, (x, y)))
        x += block.width
        row_height = max(row_height, block.height)
    return placed


def _extent(placed: Positions) -> tuple[float, float]:
    xs = [x for x, _ in placed.values()]
    ys = [y for _, y in placed.values()]
    return (max(xs) - min(xs) + CARD_WIDTH, max(ys) - min(ys) + CARD_HEIGHT)

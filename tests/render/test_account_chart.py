"""The account org chart's lines: a line runs from a manager to each report and never
through another person's card (a team stacked in a column is reached from the side, or
the stack would read as a chain of managers)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from desktop.domain.accounts import Account, AccountGrid, AccountPerson
from desktop.layout.org_chart import org_chart_layout
from desktop.render.account_chart import CARD_H, CARD_W, AccountChart, account_chart
from desktop.synthetic_account import synthetic_account


def chart_of(grid: AccountGrid) -> AccountChart:
    return account_chart(grid, org_chart_layout([p.id for p in grid.people], grid.reports))


def team(size: int) -> AccountGrid:
    people = tuple(AccountPerson(f"00000000-0000-4000-8000-{i:012d}", f"Person {i}")
                   for i in range(size + 1))
    return AccountGrid(Account("Team AB"), people, (), {},
                       tuple((p.id, people[0].id) for p in people[1:]))


def crosses(segment: tuple[tuple[float, float], tuple[float, float]],
            centre: tuple[float, float]) -> bool:
    """An axis-parallel segment passes through the inside of the card at ``centre``."""
    (x1, y1), (x2, y2) = segment
    left, right = centre[0] - CARD_W / 2 + 1, centre[0] + CARD_W / 2 - 1
    top, bottom = centre[1] - CARD_H / 2 + 1, centre[1] + CARD_H / 2 - 1
    if x1 == x2:
        return left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top
    return top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left


def tree(levels: int, span: int) -> AccountGrid:
    """A manager over ``span`` managers, each over ``span`` … ``levels`` deep."""
    people = [AccountPerson("00000000-0000-4000-8000-000000000000", "Top")]
    reports: list[tuple[str, str]] = []
    layer = [people[0]]
    for _ in range(levels):
        below = []
        for boss in layer:
            for _ in range(span):
                person = AccountPerson(f"00000000-0000-4000-8000-{len(people):012d}",
                                       f"Person {len(people)}")
                people.append(person)
                below.append(person)
                reports.append((person.id, boss.id))
        layer = below
    return AccountGrid(Account("Tree AB"), tuple(people), (), {}, tuple(reports))


# The synthetic accounts have managers whose reports wrap into rows far below other
# blocks: their lines go down the gaps beside the cards in the way.
@pytest.mark.parametrize("grid", [team(4), team(9), tree(2, 3), tree(3, 2),
                                  synthetic_account(500, 6, seed=5)],
                         ids=["team of 4", "team of 9", "3 managers of 3", "3 levels of 2",
                              "500 people"])
def test_no_line_runs_through_someone_elses_card(grid: AccountGrid) -> None:
    chart = chart_of(grid)
    assert len(chart.paths) == len(chart.lines) == len(grid.reports)
    for (report, manager), path in zip(chart.lines, chart.paths, strict=True):
        others = [c.centre for i, c in enumerate(chart.cards) if i not in (report, manager)]
        for segment in pairwise(path):
            assert not any(crosses(segment, centre) for centre in others), \
                (chart.cards[report].name, chart.cards[manager].name)


def test_a_line_starts_under_the_manager_and_ends_at_the_reports_card() -> None:
    chart = chart_of(team(5))
    for (report, manager), path in zip(chart.lines, chart.paths, strict=True):
        (mx, my), (rx, ry) = chart.cards[manager].centre, chart.cards[report].centre
        assert path[0] == (mx, my + CARD_H / 2)
        end_x, end_y = path[-1]
        assert end_x in (rx, rx - CARD_W / 2)  # the top of the card or its left side
        assert end_y in (ry, ry - CARD_H / 2)

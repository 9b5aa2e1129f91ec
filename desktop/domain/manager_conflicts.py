"""A person who reports to different managers in different deals of one account: the
account org chart draws both lines, and without a mark it reads as two bosses at once.
Here each such person gets one sentence naming who in which deal — "Kevin Liu reports to
Amelia Novak in Helix renewal, Fatima Haddad in Helix pilot" — for the chart's note and the
tooltip of the card. Pure: the caller reads each deal's lines (only when the account's
union of lines gives somebody two managers, which is rare and cheap to find)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.domain.accounts import AccountGrid


@dataclass(frozen=True, slots=True)
class ManagerConflict:
    person_id: str
    managers: frozenset[str]
    text: str  # "Kevin Liu reports to Amelia Novak in Helix renewal, …"


def two_managers(reports: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The people the union of lines gives more than one manager."""
    managers: dict[str, set[str]] = defaultdict(set)
    for report, manager in reports:
        if report != manager:
            managers[report].add(manager)
    return frozenset(p for p, seen in managers.items() if len(seen) > 1)


def manager_conflicts(grid: AccountGrid,
                      lines_by_deal: Mapping[str, Iterable[tuple[str, str]]]
                      ) -> tuple[ManagerConflict, ...]:
    """One conflict per person with different managers in the account's deals, in the
    grid's order of people; ``lines_by_deal``: deal id → its (report, manager) lines."""
    wanted = two_managers(grid.reports)
    if not wanted:
        return ()
    names = {p.id: p.name for p in grid.people}
    deal_names = {d.id: d.name for d in grid.deals}
    where: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for deal in grid.deals:
        for report, manager in lines_by_deal.get(deal.id, ()):
            if report in wanted and manager != report \
                    and deal_names[deal.id] not in where[report][manager]:
                where[report][manager].append(deal_names[deal.id])
    found: list[ManagerConflict] = []
    for person in grid.people:
        managers = where.get(person.id, {})
        if len(managers) < 2:
            continue
        parts = [f"{names.get(manager, 'someone')} in {' and '.join(deals)}"
                 for manager, deals in managers.items()]
        found.append(ManagerConflict(person.id, frozenset(managers),
                                     f"{person.name} reports to {', '.join(parts)}"))
    return tuple(found)

"""What the deals of one account must agree on, checked before any of them is written.

Deals of an account share their people by id, so a set of deals (a file, or a file with
the library's other deals of the account) can contradict itself in ways one deal cannot:
the same person claimed by two accounts; more people than an account may hold; and
reports-to lines that, joined across deals, go round in a circle (Ana reports to Ben in one
deal, Ben to Ana in another) — an org chart no one can draw. A cycle inside one deal is
the deal's own affair (a red flag, ``rule_reporting_cycle``); one that only the account's
union makes is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind

MAX_ACCOUNT_PEOPLE = 20_000
MAX_CYCLES_LOOKED_AT = 1_000


def account_key(name: str) -> str:
    """What makes two account names one account: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def account_problem(deals: Sequence[Deal]) -> tuple[str, str] | None:
    """(place, problem) of the first disagreement among ``deals``, or None."""
    owner: dict[str, tuple[int, str]] = {}
    members: dict[str, set[str]] = {}
    for index, deal in enumerate(deals):
        account = account_key(deal.account) or f"(no account: {deal.id})"
        people = members.setdefault(account, set())
        for number, person in enumerate(deal.people):
            first = owner.setdefault(person.id, (index, account))
            if first[1] != account:
                claimed = deals[first[0]].account or "no account"
                return (f"deals[{index}].people[{number}].id",
                        f"{person.name} is also a person of deals[{first[0]}] "
                        f"({deals[first[0]].name}, account {claimed}): one person cannot "
                        "belong to two accounts")
            people.add(person.id)
            if len(people) > MAX_ACCOUNT_PEOPLE:
                return (f"deals[{index}].people[{number}]",
                        f"the account {deal.account or deal.name} has more than "
                        f"{MAX_ACCOUNT_PEOPLE:,} people in this file; the limit is "
                        f"{MAX_ACCOUNT_PEOPLE:,}")
    for account in members:
        cycle = cross_deal_cycle([d for d in deals if (
            account_key(d.account) or f"(no account: {d.id})") == account])
        if cycle is not None:
            return cycle
    return None


def cross_deal_cycle(deals: Sequence[Deal]) -> tuple[str, str] | None:
    """A circle of managers that the deals' reports-to lines make together but no one deal
    makes alone: (place, problem), or None."""
    if len(deals) < 2:
        return None
    import networkx as nx  # on use: start-up need not pay ~0.2 s for it

    union = nx.DiGraph()
    names: dict[str, str] = {}
    where: dict[tuple[str, str], str] = {}
    for index, deal in enumerate(deals):
        names.update((p.id, p.name) for p in deal.people)
        for number, line in enumerate(deal.relations):
            if line.kind is RelationKind.REPORTS_TO:
                union.add_edge(line.source, line.target)
                where.setdefault((line.source, line.target), f"deals[{index}].relations[{number}]")
    # Hostile files can hold very many circles: the first thousand are looked at.
    for cycle in islice(nx.simple_cycles(union), MAX_CYCLES_LOOKED_AT):
        start = min(range(len(cycle)), key=lambda i: (names.get(cycle[i], ""), cycle[i]))
        cycle = cycle[start:] + cycle[:start]  # told from the first name: the same each time
        edges = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        deals_in = {where[e].split("]")[0] for e in edges}
        if len(deals_in) > 1:
            circle = " → ".join(names.get(p, p) for p in [*cycle, cycle[0]])
            return (where[edges[-1]], f"the deals of one account put their managers in a "
                                       f"circle ({circle}): an org chart cannot have one")
    return None

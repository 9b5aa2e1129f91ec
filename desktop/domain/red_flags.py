"""Red flags: the warnings a sales manager raises in a deal review, each naming its people.

Each rule is a small function of the deal (and its analysis); ``red_flags`` runs them all.
Rules and thresholds are documented in ``docs/red-flags.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from desktop.domain.deal import Deal
from desktop.domain.enums import Coverage, Influence, RelationKind, Role, Support
from desktop.domain.person import Person

WEAK_PERSONAL_WIN = 3
EB_STRONG = 7
EB_WEAK_PERSONAL = 4
DEFAULT_STALE_DAYS = 30
KNOWN_WELL = (Coverage.GOOD, Coverage.IN_DEPTH)


class Severity(StrEnum):
    """How much a red flag matters; ``rank`` orders them, most severe first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return _RANKS[self]


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    severity: Severity
    message: str
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlagContext:
    deal: Deal
    weights: Mapping[str, float]
    today: date
    stale_days: int
    path: list[str] | None = None  # the path to power, worked out once for all rules


Rule = Callable[[FlagContext], list[RedFlag]]


def _with_role(deal: Deal, role: Role) -> list[Person]:
    return [p for p in deal.people if role in p.roles]


def _names(people: list[Person]) -> str:
    return ", ".join(p.name for p in people)


def positive_graph(deal: Deal) -> nx.DiGraph:
    """Who can carry our case to whom: influence, reports-to and dotted lines, through people
    who are not against us. Edge cost = 1 / strength, so strong lines make short paths."""
    import networkx as nx  # on use: start-up need not pay ~0.15 s for it

    friendly = {p.id for p in deal.people if p.support >= Support.NEUTRAL}
    graph = nx.DiGraph()
    graph.add_nodes_from(friendly)
    for relation in deal.relations:
        if relation.kind is RelationKind.CONFLICT:
            continue
        if relation.source in friendly and relation.target in friendly:
            strength = relation.strength if relation.kind is RelationKind.INFLUENCE else 2
            graph.add_edge(relation.source, relation.target, cost=1.0 / strength)
    return graph


def path_to_power(deal: Deal) -> list[str] | None:
    """The strongest positive path (person ids) from a coach/champion to an economic buyer."""
    import networkx as nx  # on use: start-up need not pay ~0.15 s for it

    champions = [p.id for p in _with_role(deal, Role.COACH) if p.support >= Support.NEUTRAL]
    buyers = [p.id for p in _with_role(deal, Role.ECONOMIC_BUYER)]
    both = set(champions) & set(buyers)
    if both:
        return [next(i for i in champions if i in both)]
    graph = positive_graph(deal)
    sources = [i for i in champions if i in graph]
    if not sources or not buyers:
        return None
    # One search from every champion at once (not one per champion and buyer): the nearest
    # champion to each person, and the cheapest path from it.
    costs, paths = nx.multi_source_dijkstra(graph, sources, weight="cost")
    reached = [b for b in buyers if b in costs]
    if not reached:
        return None
    buyer = min(reached, key=lambda b: costs[b])
    return list(paths[buyer])


def rule_economic_buyer(ctx: FlagContext) -> list[RedFlag]:
    buyers = _with_role(ctx.deal, Role.ECONOMIC_BUYER)
    if not buyers:
        return [RedFlag("no-economic-buyer", Severity.HIGH,
                        "Nobody is marked as the economic buyer: who signs?")]
    if len(buyers) > 1:
        return [RedFlag("several-economic-buyers", Severity.MEDIUM,
                        f"{len(buyers)} people are marked economic buyer ({_names(buyers)}); "
                        "usually one person has the final yes.", tuple(p.id for p in buyers))]
    return []


def rule_champion(ctx: FlagContext) -> list[RedFlag]:
    champions = _with_role(ctx.deal, Role.COACH)
    if not champions:
        return [RedFlag("no-champion", Severity.HIGH,
                        "No coach or champion: nobody inside guides us.")]
    flags = []
    weak = [p for p in champions if p.influence is Influence.LOW]
    if weak:
        flags.append(RedFlag("weak-champion", Severity.MEDIUM,
                             f"Champion with low influence: {_names(weak)}.",
                             tuple(p.id for p in weak)))
    if _with_role(ctx.deal, Role.ECONOMIC_BUYER) and ctx.path is None:
        flags.append(RedFlag("no-path-to-power", Severity.HIGH,
                             "No positive path from our champion to the economic buyer.",
                             tuple(p.id for p in champions)))
    return flags


def rule_blind_spot(ctx: FlagContext) -> list[RedFlag]:
    if len(ctx.deal.people) >= 3 and all(p.support >= Support.NEUTRAL for p in ctx.deal.people):
        return [RedFlag("no-opponent", Severity.LOW,
                        "Nobody is marked below neutral: a likely blind spot.")]
    return []


def rule_high_influence(ctx: FlagContext) -> list[RedFlag]:
    flags = []
    for person in ctx.deal.people:
        if person.influence is not Influence.HIGH:
            continue
        personal = person.scores.personal.value
        if personal is None:
            flags.append(RedFlag("unknown-personal-win", Severity.HIGH,
                                 f"{person.name} has high influence and we do not know their "
                                 "personal win.", (person.id,)))
        elif personal <= WEAK_PERSONAL_WIN:
            flags.append(RedFlag("weak-personal-win", Severity.HIGH,
                                 f"{person.name} has high influence and a personal win of "
                                 f"{personal}.", (person.id,)))
        if person.support < Support.NEUTRAL:
            flags.append(RedFlag("high-influence-opponent", Severity.HIGH,
                                 f"{person.name} has high influence and is against us "
                                 f"({person.support.label.lower()}).", (person.id,)))
    return flags


def rule_single_threaded(ctx: FlagContext) -> list[RedFlag]:
    known = [p for p in ctx.deal.people if p.coverage in KNOWN_WELL]
    if len(ctx.deal.people) >= 2 and len(known) <= 1:
        return [RedFlag("single-threaded", Severity.HIGH,
                        "Single-threaded: we really know at most one person.",
                        tuple(p.id for p in known))]
    return []


def rule_stale(ctx: FlagContext) -> list[RedFlag]:
    stale = [p for p in ctx.deal.people
             if p.last_contact is None or (ctx.today - p.last_contact).days > ctx.stale_days]
    if ctx.deal.people and len(stale) == len(ctx.deal.people):
        return [RedFlag("no-recent-contact", Severity.MEDIUM,
                        f"Nobody contacted in the last {ctx.stale_days} days.",
                        tuple(p.id for p in stale))]
    return []


def rule_unknown_roles(ctx: FlagContext) -> list[RedFlag]:
    unknown = [p for p in ctx.deal.people if not p.roles]
    if unknown:
        return [RedFlag("unknown-roles", Severity.LOW,
                        f"Role unknown for {_names(unknown)}.", tuple(p.id for p in unknown))]
    return []


def rule_eb_tipping(ctx: FlagContext) -> list[RedFlag]:
    flags = []
    for person in _with_role(ctx.deal, Role.ECONOMIC_BUYER):
        b, t, p = person.scores.values()
        if b is not None and t is not None and b >= EB_STRONG and t >= EB_STRONG and \
                p is not None and p <= EB_WEAK_PERSONAL:
            flags.append(RedFlag("eb-personal-win-gap", Severity.HIGH,
                                 f"{person.name} (economic buyer) is sold on business and "
                                 f"technical fit but their personal win is {p}: the classic "
                                 "tipping point.", (person.id,)))
    return flags


def rule_reporting_cycle(ctx: FlagContext) -> list[RedFlag]:
    import networkx as nx  # on use: start-up need not pay ~0.15 s for it

    graph = nx.DiGraph((r.source, r.target) for r in ctx.deal.relations
                       if r.kind is RelationKind.REPORTS_TO)
    # The common case, an org chart without a circle, is told in linear time; find_cycle's
    # edge search cost most of a 2,000-person analysis to prove the same.
    if nx.is_directed_acyclic_graph(graph):
        return []
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return []
    ids = tuple(dict.fromkeys(edge[0] for edge in cycle))
    names = {p.id: p.name for p in ctx.deal.people}
    return [RedFlag("reports-to-cycle", Severity.MEDIUM,
                    "Reporting lines go in a circle: " + " → ".join(names[i] for i in ids)
                    + ".", ids)]


RULES: tuple[Rule, ...] = (
    rule_economic_buyer, rule_champion, rule_high_influence, rule_eb_tipping,
    rule_single_threaded, rule_stale, rule_reporting_cycle, rule_blind_spot, rule_unknown_roles,
)
_RANKS = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


def red_flags(deal: Deal, weights: Mapping[str, float], *, today: date | None = None,
              stale_days: int = DEFAULT_STALE_DAYS,
              path: list[str] | bool | None = True) -> list[RedFlag]:
    """Every red flag of the deal, most severe first. ``path``: the path to power when the
    caller has worked it out (None: there is none); True: work it out here."""
    ctx = FlagContext(deal, weights, today or date.today(), stale_days,
                      path_to_power(deal) if path is True else path or None)
    flags = [flag for rule in RULES for flag in rule(ctx)]
    return sorted(flags, key=lambda f: f.severity.rank)

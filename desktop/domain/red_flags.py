"""Red flags: the warnings a sales manager raises in a deal review, each naming its people.

Each rule is a small function of the deal (and its analysis); ``red_flags`` runs them all.
The rules about people are here, those about the plan (actions, criteria, process,
alternatives, compelling event) in ``plan_flags``. Rules and thresholds are documented in
``docs/red-flags.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from desktop.domain.account_flags import rule_identity_changed
from desktop.domain.deal import Deal
from desktop.domain.decision_flags import rule_personal_win_decides_against_us
from desktop.domain.decision_test import DEFAULTS, DecisionSettings
from desktop.domain.enums import (
    Axis,
    Confidence,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.flag_types import (
    NAMES_SHOWN,
    FlagContext,
    RedFlag,
    Rule,
    Severity,
    name_list,
)
from desktop.domain.person import Person
from desktop.domain.plan_flags import PLAN_RULES

__all__ = ["CORE_RULES", "DEFAULT_STALE_DAYS", "RULES", "FlagContext", "RedFlag", "Rule",
           "Severity", "path_to_power", "positive_graph", "red_flags"]

WEAK_PERSONAL_WIN = 3
EB_STRONG = 7
EB_WEAK_PERSONAL = 4
DEFAULT_STALE_DAYS = 30
KNOWN_WELL = (Coverage.GOOD, Coverage.IN_DEPTH)


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


def rule_eb_no_urgency(ctx: FlagContext) -> list[RedFlag]:
    """Blue Sheet: a buyer in Even-keel or Over-confident mode sees no gap between results and
    wants, so nothing makes them change — whatever the scores say."""
    flags = []
    for person in _with_role(ctx.deal, Role.ECONOMIC_BUYER):
        if person.mode is ResponseMode.EVEN_KEEL:
            advice = ("they see no gap between what they have and what they want, so no "
                      "urgency to change. Show them the cost of doing nothing, or find who "
                      "does feel the pain.")
        elif person.mode is ResponseMode.OVERCONFIDENT:
            advice = ("they believe things are better than they need to be, so no urgency "
                      "to change. Do not push: qualify the timing honestly and look for the "
                      "gap they do not see yet.")
        else:
            continue
        flags.append(RedFlag("eb-no-urgency", Severity.HIGH,
                             f"{person.name} (economic buyer) is in {person.mode.label} "
                             f"mode: {advice}", (person.id,)))
    return flags


def rule_key_people_stale(ctx: FlagContext) -> list[RedFlag]:
    """Key people — high influence or any buying role: the decision is not made without
    them — not contacted for more than N days (or never). When nobody at all was contacted,
    ``no-recent-contact`` says it once and this rule stays quiet."""
    cutoff = ctx.today - timedelta(days=ctx.stale_days)  # contacted before it: stale
    stale: list[Person] = []
    everybody = bool(ctx.deal.people)
    high = Influence.HIGH
    for person in ctx.deal.people:
        contact = person.last_contact
        if contact is None or contact < cutoff:
            if person.roles or person.influence is high:
                stale.append(person)
        else:
            everybody = False
    if not stale or everybody:
        return []
    stale.sort(key=lambda p: (p.last_contact or date.min, p.name))
    described = [f"{p.name} ({_days_since(ctx.today, p.last_contact)})"
                 for p in stale[:NAMES_SHOWN]]  # the only ones name_list shows
    described += [p.name for p in stale[NAMES_SHOWN:]]
    who = "Key people" if len(stale) > 1 else "A key person"
    return [RedFlag("key-person-not-contacted", Severity.MEDIUM,
                    f"{who} not contacted for over {ctx.stale_days:,} "
                    f"day{'' if ctx.stale_days == 1 else 's'}: "
                    f"{name_list(described)}. Talk to them before they decide without you.",
                    tuple(p.id for p in stale))]


def _days_since(today: date, day: date | None) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    return f"{days:,} day{'' if days == 1 else 's'}"


def rule_assumed_scores(ctx: FlagContext) -> list[RedFlag]:
    """Scores the seller assumed, on the people who weigh most: the triangle rests on guesses
    exactly where it matters."""
    found: list[tuple[Person, list[str]]] = []
    assumed = Confidence.ASSUMED
    for person in ctx.deal.people:
        if person.influence is not Influence.HIGH:
            continue
        scores = person.scores
        axes = [axis.label.lower() for axis, score in
                ((Axis.BUSINESS, scores.business), (Axis.TECHNICAL, scores.technical),
                 (Axis.PERSONAL, scores.personal))
                if score.value is not None and score.confidence is assumed]
        if axes:
            found.append((person, axes))
    if not found:
        return []
    described = [f"{p.name} ({', '.join(axes)})" for p, axes in found]
    return [RedFlag("assumed-scores", Severity.MEDIUM,
                    "Assumed, not heard: scores of high-influence "
                    f"{'person' if len(found) == 1 else 'people'} {name_list(described)}."
                    " Confirm them in a conversation before you rely on them.",
                    tuple(p.id for p, _axes in found))]


CORE_RULES: tuple[Rule, ...] = (
    rule_economic_buyer, rule_champion, rule_high_influence, rule_eb_tipping,
    rule_single_threaded, rule_stale, rule_reporting_cycle, rule_blind_spot, rule_unknown_roles,
)
"""The rules before the plan existed: the benchmark's baseline for the full pass."""
PEOPLE_RULES: tuple[Rule, ...] = (rule_eb_no_urgency, rule_key_people_stale,
                                  rule_assumed_scores, rule_identity_changed,
                                  rule_personal_win_decides_against_us)
RULES: tuple[Rule, ...] = (*CORE_RULES, *PEOPLE_RULES, *PLAN_RULES)

def red_flags(deal: Deal, weights: Mapping[str, float], *, today: date | None = None,
              stale_days: int = DEFAULT_STALE_DAYS,
              path: list[str] | bool | None = True,
              rules: Sequence[Rule] = RULES,
              decision: DecisionSettings = DEFAULTS) -> list[RedFlag]:
    """Every red flag of the deal, most severe first (in rule order within a severity).
    ``path``: the path to power when the caller has worked it out (None: there is none);
    True: work it out here. ``today`` defaults to the clock's; ``rules`` to all of them;
    ``decision``: the decision test's bar and parity."""
    ctx = FlagContext(deal, weights, today or date.today(), stale_days,
                      path_to_power(deal) if path is True else path or None, decision)
    flags = [flag for rule in rules for flag in rule(ctx)]
    return sorted(flags, key=lambda f: f.severity.rank)

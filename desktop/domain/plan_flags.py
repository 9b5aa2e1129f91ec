"""Red flags about the plan: what the customer needs to move forward (actions), how they
decide (criteria, process, compelling event) and whom else they could choose (alternatives).

Each rule is one function of a ``FlagContext``, like the people rules in ``red_flags``; each
runs in time linear in the deal (people, lines, plan records), so the pass on a
2,000-person deal stays cheap (``python -m benchmarks red_flags``). Documented, with the
reasoning behind each, in ``docs/red-flags.md``.
"""

from __future__ import annotations

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.decision import AlternativeKind, ProcessStep, steps_after, undated_steps
from desktop.domain.enums import Influence, RelationKind, Role
from desktop.domain.flag_types import (
    FlagContext,
    RedFlag,
    Rule,
    Severity,
    day_text,
    name_list,
    with_role,
)
from desktop.domain.person import Person


def _people_of(action: Action) -> list[str]:
    """Everyone an action concerns: the people it is for, its owner, the person it should
    move (the same reading as ``Deal.next_action``)."""
    people = [*action.for_people, action.owner]
    if action.intended is not None:
        people.append(action.intended.person)
    return people


def rule_no_open_action(ctx: FlagContext) -> list[RedFlag]:
    """A high-influence person nobody plans anything for: the plan leaves out someone who
    can make or break the decision."""
    planned: set[str] = set()
    open_ = ActionStatus.OPEN
    for action in ctx.deal.actions:
        if action.status is open_:
            planned.update(action.for_people)
            planned.add(action.owner)
            if action.intended is not None:
                planned.add(action.intended.person)
    missing = [p for p in ctx.deal.people
               if p.influence is Influence.HIGH and p.id not in planned]
    if not missing:
        return []
    return [RedFlag("no-open-action", Severity.MEDIUM,
                    f"No open action for high-influence "
                    f"{'person' if len(missing) == 1 else 'people'} "
                    f"{name_list(p.name for p in missing)}: plan what each needs to move "
                    "forward, with a date.", tuple(p.id for p in missing))]


def rule_overdue_actions(ctx: FlagContext) -> list[RedFlag]:
    """Open actions past their due date: how many, and how late the oldest is."""
    today, open_ = ctx.today, ActionStatus.OPEN
    late = [a for a in ctx.deal.actions
            if a.due is not None and a.due < today and a.status is open_]
    if not late:
        return []
    oldest = min(late, key=lambda a: (a.due, a.text.casefold()))
    days = oldest.days_overdue(ctx.today)
    span = f"{days} day{'' if days == 1 else 's'}"
    if len(late) == 1:
        text = (f"1 action overdue by {span} (“{oldest.text}”): do it, or agree a new date "
                "with its owner.")
    else:
        text = (f"{len(late):,} actions overdue, the oldest by {span} (“{oldest.text}”): "
                "do them, or agree new dates with their owners.")
    people = dict.fromkeys(p for a in sorted(late, key=lambda a: (a.due, a.text.casefold()))
                           for p in _people_of(a) if ctx.deal.has_person(p))
    return [RedFlag("overdue-actions", Severity.MEDIUM, text, tuple(people))]


def rule_eb_criteria_unknown(ctx: FlagContext) -> list[RedFlag]:
    """MEDDPICC's decision criteria, where they count most: we must know what the economic
    buyer will judge, and how they rate us on it. Known means at least one criterion owned
    by the economic buyer with our rating filled in."""
    flags = []
    for buyer in with_role(ctx.deal, Role.ECONOMIC_BUYER):
        theirs = [c for c in ctx.deal.criteria if c.owner == buyer.id]
        if any(c.ours is not None for c in theirs):
            continue
        if not theirs:
            text = (f"We do not know what {buyer.name} (economic buyer) will judge the "
                    "decision on: no criterion is theirs. Ask them, and record it as a "
                    "decision criterion.")
        else:
            text = (f"{buyer.name}'s criteria (economic buyer: "
                    f"{name_list(c.text for c in theirs)}) are not rated for us: find out "
                    "how they see us on each.")
        flags.append(RedFlag("eb-criteria-unknown", Severity.MEDIUM, text, (buyer.id,)))
    return flags


def rule_process_dates(ctx: FlagContext) -> list[RedFlag]:
    """The decision process against the calendar: a remaining step after the close date means
    the close date is wrong; a remaining step without a date is one the customer has not
    committed to yet."""
    flags = []
    deal = ctx.deal
    close = deal.close_date
    late = steps_after(deal.process, close)
    if late and close is not None:
        described = [f"{s.name} ({day_text(s.planned)})" for s in late if s.planned]
        flags.append(RedFlag(
            "step-after-close", Severity.HIGH,
            f"{'A process step is' if len(late) == 1 else f'{len(late)} process steps are'}"
            f" planned after the close date ({day_text(close)}): {name_list(described)}. "
            "Move the close date, or agree a faster process with the customer.",
            _approvers(ctx, late)))
    undated = undated_steps(deal.process)
    if undated:
        flags.append(RedFlag(
            "step-undated", Severity.LOW,
            f"{'A process step has' if len(undated) == 1 else f'{len(undated)} process steps have'}"
            f" no date: {name_list(s.name for s in undated)}. Ask the customer when "
            f"{'it happens' if len(undated) == 1 else 'each happens'}.",
            _approvers(ctx, undated)))
    return flags


def _approvers(ctx: FlagContext, steps: list[ProcessStep]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.approver for s in steps
                               if s.approver is not None and ctx.deal.has_person(s.approver)))


def rule_compelling_event(ctx: FlagContext) -> list[RedFlag]:
    """Without a compelling event — what happens if the customer does nothing, and by
    when — the deal has no date of its own, and "do nothing" wins by default."""
    if ctx.deal.compelling_event is not None:
        return []
    return [RedFlag("no-compelling-event", Severity.MEDIUM,
                    "No compelling event: find out what happens to the customer if they do "
                    "nothing, and by when.")]


def rule_alternative_near_buyer(ctx: FlagContext) -> list[RedFlag]:
    """Someone who favours another option (or coaches a competitor) and has the economic
    buyer's ear: an influence line from them to the buyer, or a reports-to or dotted line
    between them either way. The economic buyer leaning elsewhere is flagged too."""
    deal = ctx.deal
    buyers = {p.id: p for p in with_role(deal, Role.ECONOMIC_BUYER)}
    if not buyers:
        return []
    leaning = {p.id: p for p in deal.people
               if p.leans_to is not None or p.coaches_competitor}
    if not leaning:
        return []
    ears: dict[str, list[str]] = {}  # a leaning person → the buyers they reach, in order
    conflict, influence = RelationKind.CONFLICT, RelationKind.INFLUENCE
    for relation in deal.relations:  # plain checks: this loop sees every line of the deal
        source, target = relation.source, relation.target
        if source in leaning and target in buyers and relation.kind is not conflict:
            who, buyer = source, target
        elif (target in leaning and source in buyers
              and relation.kind is not conflict and relation.kind is not influence):
            who, buyer = target, source  # the buyer reports to them (or a dotted line)
        else:
            continue
        heard_by = ears.setdefault(who, [])
        if buyer not in heard_by:
            heard_by.append(buyer)
    flags = []
    for person in deal.people:
        if person.id in buyers and person.id in leaning:
            flags.append(RedFlag(
                "alternative-near-economic-buyer", Severity.HIGH,
                f"{person.name}, the economic buyer, {_favours(ctx, person)}: learn what draws "
                "them, and show them what they would lose.", (person.id,)))
        elif person.id in ears:
            reached = [buyers[b] for b in ears[person.id]]
            flags.append(RedFlag(
                "alternative-near-economic-buyer", Severity.HIGH,
                f"{person.name} ({_favours(ctx, person)}) has a direct line to "
                f"{name_list(b.name for b in reached)}, the economic buyer: learn what "
                "draws them, and who can answer it with the buyer.",
                (person.id, *(b.id for b in reached))))
    return flags


_KIND_WORDS = {AlternativeKind.DO_NOTHING: "doing nothing",
               AlternativeKind.BUILD: "building it themselves"}


def _favours(ctx: FlagContext, person: Person) -> str:
    """"leans to Acme", "leans to doing nothing", "coaches a competitor", or both."""
    alternative = ctx.deal.alternative(person.leans_to) if person.leans_to else None
    parts = []
    if alternative is not None:
        words = _KIND_WORDS.get(alternative.kind)
        if words is None:
            parts.append(f"leans to {alternative.name}")
        elif alternative.name.casefold() == alternative.kind.label.casefold():
            parts.append(f"leans to {words}")
        else:
            parts.append(f"leans to {words} — “{alternative.name}”")
    if person.coaches_competitor:
        parts.append("coaches a competitor")
    return ", ".join(parts)


PLAN_RULES: tuple[Rule, ...] = (
    rule_alternative_near_buyer, rule_process_dates, rule_overdue_actions,
    rule_no_open_action, rule_eb_criteria_unknown, rule_compelling_event,
)

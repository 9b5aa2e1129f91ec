"""What an import did, in words a seller reads once: "New deal 'Acme Logistics' with 4 people
and 1 line", "Merged into 'Northwind': 2 people added, 1 updated, 1 conflict kept as yours".

The command line prints these sentences and the window shows them in its status bar, so both
say the same thing; counts of nothing are left out rather than printed as "0 merged".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from desktop.domain.deal import Deal
from desktop.domain.merge import MergePlan, Resolution, chooser
from desktop.domain.wording import people_count, plural
from desktop.exchange.importing import Decision, ImportPlan, ImportResult
from desktop.exchange.incoming import Incoming

_SETTLED = {Resolution.MINE: "kept as yours", Resolution.THEIRS: "taken from the file",
            Resolution.BOTH: "kept both ways"}


DealDecision = Resolution | Mapping[str, Resolution]  # one rule, or by deal id


def summary(plan: ImportPlan, result: ImportResult, decide: Decision = Resolution.MINE,
            deal_decision: DealDecision = Resolution.MINE) -> list[str]:
    """One sentence per deal the import added or changed, in the order of the plan, then
    per account it filled in, and per account detail of the seller's it kept although the
    file says otherwise ("Kept your industry of Helix Health Trust (Healthcare); the file
    says Hospitals")."""
    sentences = [_new_deal(deal, plan.renamed.get(deal.id)) for deal in result.added]
    after = {deal.id: deal for deal in result.after}
    for merge in plan.merges:
        merged = after.get(merge.mine.id)
        if merged is not None:
            sentences.append(_merged(merge, merged, decide, deal_decision))
    for change in result.accounts:
        if change.known and change.filled:  # a new account's details go without saying
            sentences.append(f"Filled the {_listed(change.filled)} of {change.after.name} "
                             "from the file")
        sentences.extend(kept.removesuffix(".") for kept in change.kept)
    return sentences


def summary_text(plan: ImportPlan, result: ImportResult, decide: Decision = Resolution.MINE,
                 deal_decision: DealDecision = Resolution.MINE) -> str:
    """The sentences joined, each ending with a full stop."""
    return " ".join(f"{sentence}." for sentence in summary(plan, result, decide,
                                                          deal_decision))


def missing_managers(incoming: Iterable[Incoming]) -> str:
    """A sentence naming the managers the files name who are not in them (no card, no
    line), or "": "2 managers named in the file have no card (Klaus Vorstand, Eva Chef):
    add them to draw the lines." """
    names = list(dict.fromkeys(name for item in incoming for name in item.missing_managers))
    if not names:
        return ""
    shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
    if len(names) == 1:
        return f"1 manager named in the file has no card ({shown}): add them to draw the line."
    return (f"{len(names):,} managers named in the file have no card ({shown}): add them to "
            "draw the lines.")


def _new_deal(deal: Deal, came_as: str | None) -> str:
    parts = [people_count(len(deal.people)), plural(len(deal.relations), "line")]
    planned = len(deal.actions) + len(deal.criteria) + len(deal.process)
    if planned:
        parts.append(plural(planned, "plan record"))
    sentence = f"New deal '{deal.name}' with {_listed(parts)}"
    if came_as is not None:
        sentence += f" (another deal is called '{came_as}' already)"
    return sentence


def _merged(merge: MergePlan, merged: Deal, decide: Decision,
            deal_decision: DealDecision) -> str:
    choose = chooser(decide)
    settled: Counter[Resolution] = Counter(choose(c) for c in merge.conflicts)
    mine = {person.id: person for person in merge.mine.people}
    updated = sum(1 for person in merged.people
                  if person.id in mine and person != mine[person.id])
    parts = []
    if merge.added:
        parts.append(f"{people_count(len(merge.added))} added")
    if updated:
        parts.append(f"{updated:,} updated")
    if merge.plan.added:
        parts.append(f"{plural(merge.plan.added, 'plan record')} added")
    added_lines = len(merged.relations) - len(merge.mine.relations)
    if added_lines > 0:
        parts.append(f"{plural(added_lines, 'line')} added")
    # The deal's own fields and its plan records that differ are settled together, one rule
    # for the deal; the seller counts them with the people's conflicts.
    deal_level = len(merge.deal_fields) + len(merge.plan.conflicts)
    if deal_level:
        chosen = deal_decision if isinstance(deal_decision, Resolution) else \
            deal_decision.get(merge.mine.id, Resolution.MINE)
        settled[Resolution.THEIRS if chosen is Resolution.THEIRS else Resolution.MINE] += \
            deal_level
    for resolution in Resolution:
        if settled[resolution]:
            parts.append(f"{plural(settled[resolution], 'conflict')} "
                         f"{_SETTLED[resolution]}")
    return f"Merged into '{merge.mine.name}': " + (_listed(parts) or "nothing new")


def _listed(parts: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]

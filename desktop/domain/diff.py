"""What changed between two states of a deal ("What changed since the QBR snapshot?"): its
fields, its people and lines, and its plan (``plan_diff``: actions, criteria, process)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.credit import NOBODY, Credit
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.plan_diff import (
    action_changes,
    criterion_changes,
    plan_deal_changes,
    step_changes,
)
from desktop.domain.relation import Relation
from desktop.domain.versus import versus_text
from desktop.domain.wording import score_text


@dataclass(frozen=True, slots=True)
class PersonChange:
    name: str
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DealDiff:
    people_added: tuple[str, ...] = ()
    people_removed: tuple[str, ...] = ()
    people_changed: tuple[PersonChange, ...] = ()
    relations_added: tuple[str, ...] = ()
    relations_removed: tuple[str, ...] = ()
    deal_changes: tuple[str, ...] = field(default_factory=tuple)
    actions: tuple[str, ...] = ()  # each a sentence: "Action slipped: …"
    criteria: tuple[str, ...] = ()
    process: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.people_added, self.people_removed, self.people_changed,
                    self.relations_added, self.relations_removed, self.deal_changes,
                    self.actions, self.criteria, self.process))

    def lines(self) -> list[str]:
        """The summary as sentences, most important first."""
        out = [f"Deal: {change}" for change in self.deal_changes]
        out += [f"Added: {name}" for name in self.people_added]
        out += [f"Removed: {name}" for name in self.people_removed]
        for person in self.people_changed:
            out += [f"{person.name}: {change}" for change in person.changes]
        out += [f"New line: {text}" for text in self.relations_added]
        out += [f"Line gone: {text}" for text in self.relations_removed]
        out += [*self.actions, *self.process, *self.criteria]
        return out or ["Nothing changed."]


def person_changes(before: Person, after: Person,
                   alternatives: Mapping[str, str] | None = None,
                   credit: Credit = NOBODY) -> tuple[str, ...]:
    """What changed about one person; ``alternatives`` names the options they may lean to
    (by id); ``credit`` says which colleague made each change, and when (a team's deal:
    each change is followed by ", by Anna, 2 Dec 2026")."""
    changes: list[str] = []

    def add(aspect: str, text: str) -> None:  # aspect: the value's path under the person
        changes.append(text + credit.person(after.id, aspect))

    for axis in Axis:
        old, new = before.scores[axis].value, after.scores[axis].value
        if old != new:
            add(f"scores/{axis.value}/value",
                f"{axis.label} {score_text(old)} → {score_text(new)}")
    for aspect in ("support", "influence", "roles", "coverage"):
        was, now = getattr(before, aspect), getattr(after, aspect)
        if was == now:
            continue
        if aspect != "roles":
            add(aspect, f"{aspect} {was.label} → {now.label}")
            continue
        gained = [r.label for r in now if r not in was]
        lost = [r.label for r in was if r not in now]
        if gained:
            add("roles", "now " + ", ".join(gained))
        if lost:
            add("roles", "no longer " + ", ".join(lost))
    if before.title != after.title:
        add("title", f"title {before.title or '—'} → {after.title or '—'}")
    if before.mode != after.mode:
        add("mode", f"mode {before.mode.label if before.mode else '—'} → "
                    f"{after.mode.label if after.mode else '—'}")
    known = alternatives or {}
    if before.leans_to != after.leans_to:
        add("leans_to", f"leans to {known.get(before.leans_to or '', '—')} → "
                        f"{known.get(after.leans_to or '', '—')}")
    if before.versus != after.versus:  # how they see the alternative (the decision test)
        add("versus", "against the alternative " + " → ".join(
            versus_text(v, known.get(v.alternative, "") if v else "")
            for v in (before.versus, after.versus)))
    if before.coaches_competitor != after.coaches_competitor:
        add("coaches_competitor", "now coaches a competitor" if after.coaches_competitor
            else "no longer coaches a competitor")
    return tuple(changes)


def _relation_text(relation: Relation, names: dict[str, str]) -> str:
    source = names.get(relation.source, "?")
    target = names.get(relation.target, "?")
    return f"{source} {relation.kind.label.lower()} {target}"


def diff_deals(before: Deal, after: Deal, *, today: date | None = None,
               since: date | None = None, credit: Credit = NOBODY) -> DealDiff:
    """``before`` → ``after``. ``today`` (the clock's by default) says which actions are
    overdue; ``since``, the day ``before`` was taken, which of them became so after it."""
    old_people = {p.id: p for p in before.people}
    new_people = {p.id: p for p in after.people}
    names = {**{p.id: p.name for p in before.people}, **{p.id: p.name for p in after.people}}
    alternatives = {**{a.id: a.name for a in before.alternatives},
                    **{a.id: a.name for a in after.alternatives}}
    changed = tuple(
        PersonChange(new_people[pid].name, found)
        for pid in new_people
        if pid in old_people and (found := person_changes(old_people[pid], new_people[pid],
                                                          alternatives, credit))
    )
    old_lines = {r.identity: r for r in before.relations}
    new_lines = {r.identity: r for r in after.relations}
    deal_changes = []
    for label, attr in (("stage", "stage"), ("amount", "amount"), ("close date", "close_date"),
                        ("name", "name")):
        if getattr(before, attr) != getattr(after, attr):
            deal_changes.append(f"{label} {getattr(before, attr) or '—'} → "
                                f"{getattr(after, attr) or '—'}")
    deal_changes += plan_deal_changes(before, after)
    return DealDiff(
        people_added=tuple(p.name + credit.record("people", pid)
                           for pid, p in new_people.items() if pid not in old_people),
        people_removed=tuple(p.name for pid, p in old_people.items() if pid not in new_people),
        people_changed=changed,
        relations_added=tuple(_relation_text(r, names) for key, r in new_lines.items()
                              if key not in old_lines),
        relations_removed=tuple(_relation_text(r, names) for key, r in old_lines.items()
                                if key not in new_lines),
        deal_changes=tuple(deal_changes),
        actions=action_changes(before, after, today=today or date.today(), since=since,
                               credit=credit),
        criteria=criterion_changes(before, after),
        process=step_changes(before, after),
    )

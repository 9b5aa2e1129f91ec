"""Merging an incoming copy of a deal into the library's, person by person.

Two laptops share a deal by files, without a server and without a common ancestor, so the
merge is two-way: it cannot know who changed what, only where the copies differ. It never
deletes anything; it adds what is new and lists every person whose fields differ as a
*conflict* for the seller to decide: keep mine, take theirs, or keep both.

A person from the file is matched to one of mine by id, then by e-mail, then by name and
title (case and spacing ignored) — the same person typed on two laptops has two ids.

What does not count as a difference: the card's position on the map (moving cards is not
news; taking theirs takes it), and evidence the other side withheld (an export without
private notes carries the personal-win evidence as empty: that is "not shared", not "erased").

``provided`` says which person fields the source really carries: a CSV of contacts has a
name, title and e-mail but no scores, and must not be read as "their scores are unknown".
A people table that has score columns carries ``SCORE_VALUES``: the numbers alone, compared
and taken axis by axis (an empty cell says nothing), my evidence and confidence kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from enum import Enum

from desktop.domain.deal import Deal, Snapshot
from desktop.domain.enums import Axis
from desktop.domain.ids import new_id
from desktop.domain.person import Person
from desktop.domain.plan_merge import (
    NO_PLAN_DIFFERENCES,
    PlanDifferences,
    align_actions,
    align_alternatives,
    merged_plan,
)
from desktop.domain.plan_merge import differences as plan_differences
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle

PERSON_FIELDS = tuple(f.name for f in fields(Person) if f.name != "id")
DEAL_FIELDS = ("name", "account", "stage", "amount", "currency", "close_date", "objective",
               "solution", "compelling_event")
# Differences here are never a conflict on their own.
QUIET_FIELDS = frozenset({"position"})
# In ``provided`` instead of "scores": the source has the score values but not their
# evidence, confidence or privacy (our people CSV), so only known values count.
SCORE_VALUES = "scores.value"


class Resolution(Enum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class PersonConflict:
    mine: Person
    theirs: Person
    matched_by: str  # "id", "e-mail" or "name and title"
    fields: tuple[str, ...]  # the fields that differ

    @property
    def key(self) -> str:
        return self.theirs.id


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What importing ``theirs`` into ``mine`` would do, before anybody decides."""

    mine: Deal
    theirs: Deal
    matches: Mapping[str, str]  # their person id → my person id
    matched_by: Mapping[str, str]  # their person id → how
    added: tuple[Person, ...]  # their people with no match
    conflicts: tuple[PersonConflict, ...]
    deal_fields: tuple[str, ...]  # the deal's own fields (name, stage, …) that differ
    provided: frozenset[str]
    plan: PlanDifferences = NO_PLAN_DIFFERENCES  # actions, criteria, steps, alternatives

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.deal_fields or self.plan.conflicts)

    def result(self, decide: Callable[[PersonConflict], Resolution]
               | Mapping[str, Resolution] | Resolution,
               deal: Resolution = Resolution.MINE) -> Deal:
        """The merged deal once every conflict has its resolution; ``deal`` decides the
        deal's own fields (keeping both is for people: there is one deal record)."""
        choose = chooser(decide)
        ids = dict(self.matches)  # their person id → id in the result
        replaced: dict[str, Person] = {}
        extra: list[Person] = []
        taken_ids = {p.id for p in self.mine.people}
        for conflict in self.conflicts:
            resolution = choose(conflict)
            if resolution is Resolution.THEIRS:
                replaced[conflict.mine.id] = _take(conflict.mine, conflict.theirs,
                                                   self.provided, positions=True)
            elif resolution is Resolution.BOTH:
                twin = replace(_take(_blank(conflict.theirs), conflict.theirs, self.provided,
                                     positions=True), id=new_id())
                ids[conflict.theirs.id] = twin.id
                extra.append(twin)
        for person in self.added:
            fresh = person if person.id not in taken_ids else replace(person, id=new_id())
            ids[person.id] = fresh.id
            taken_ids.add(fresh.id)
            extra.append(fresh)
        people = tuple(replaced.get(p.id, p) for p in self.mine.people) + tuple(extra)
        relations = _merge_relations(self.mine.relations, self.theirs.relations, ids)
        snapshots = _merge_snapshots(self.mine.snapshots, self.theirs.snapshots)
        deal_values: dict[str, object] = {}
        if deal is Resolution.THEIRS:
            deal_values = {name: getattr(self.theirs, name) for name in self.deal_fields}
        plan = merged_plan(self.mine, self.theirs, ids, take_theirs=deal is Resolution.THEIRS)
        return replace(self.mine, people=people, relations=relations, snapshots=snapshots,
                       **deal_values, **plan)  # type: ignore[arg-type]

    @property
    def changes_nothing(self) -> bool:
        """True when importing would leave my deal as it is, whatever is decided."""
        return not self.added and not self.has_conflicts and \
            self.result(Resolution.MINE) == self.mine


def plan_merge(mine: Deal, theirs: Deal, provided: Iterable[str] | None = None) -> MergePlan:
    provided_fields = frozenset(PERSON_FIELDS if provided is None else provided)
    theirs = align_alternatives(mine, theirs)
    matches: dict[str, str] = {}
    how: dict[str, str] = {}
    by_id = {p.id: p for p in mine.people}
    by_email = {p.email.casefold(): p for p in mine.people if p.email}
    by_name = {name_and_title(p): p for p in mine.people}
    used: set[str] = set()
    added: list[Person] = []
    conflicts: list[PersonConflict] = []
    for person in theirs.people:
        found, matched_by = _match(person, by_id, by_email, by_name, used)
        if found is None:
            added.append(person)
            continue
        used.add(found.id)
        matches[person.id] = found.id
        how[person.id] = matched_by
        differing = _differences(found, person, provided_fields)
        if differing:
            conflicts.append(PersonConflict(found, person, matched_by, differing))
    deal_fields = tuple(name for name in DEAL_FIELDS
                        if getattr(mine, name) != getattr(theirs, name))
    taken = {p.id for p in mine.people}
    people_map = {**{p.id: p.id for p in added if p.id not in taken}, **matches}
    theirs = align_actions(mine, theirs, matches)
    return MergePlan(mine, theirs, matches, how, tuple(added), tuple(conflicts), deal_fields,
                     provided_fields, plan_differences(mine, theirs, people_map))


def _match(person: Person, by_id: Mapping[str, Person], by_email: Mapping[str, Person],
           by_name: Mapping[tuple[str, str], Person],
           used: set[str]) -> tuple[Person | None, str]:
    candidates = ((by_id.get(person.id), "id"),
                  (by_email.get(person.email.casefold()) if person.email else None, "e-mail"),
                  (by_name.get(name_and_title(person)), "name and title"))
    for found, matched_by in candidates:
        if found is not None and found.id not in used:
            return found, matched_by
    return None, ""


def name_and_title(person: Person) -> tuple[str, str]:
    """How a person is matched when neither id nor e-mail does: name and title, case and
    spacing ignored (imports and the import question alike)."""
    return (" ".join(person.name.casefold().split()), " ".join(person.title.casefold().split()))


def _given(person: Person, name: str, provided: frozenset[str]) -> bool:
    """Does the source give this field for this person? A table of contacts (a partial
    source) with an empty cell says nothing — it does not say "erase it"."""
    if name not in provided:
        return False
    return len(provided) == len(PERSON_FIELDS) or getattr(person, name) not in ("", None, ())


def _differences(mine: Person, theirs: Person, provided: frozenset[str]) -> tuple[str, ...]:
    differing = []
    for name in PERSON_FIELDS:
        if name == "scores" and _values_only(provided):
            if _with_values(mine.scores, theirs.scores) != mine.scores:
                differing.append(name)
            continue
        if not _given(theirs, name, provided) or name in QUIET_FIELDS:
            continue
        if name == "scores":
            if _scores_as_shared(mine.scores, theirs.scores) != theirs.scores:
                differing.append(name)
        elif getattr(mine, name) != getattr(theirs, name):
            differing.append(name)
    return tuple(differing)


def _scores_as_shared(mine: Triangle, theirs: Triangle) -> Triangle:
    """My scores as the other side would see them: evidence they withheld, withheld."""
    result = mine
    for axis in Axis:
        if _withheld(theirs[axis]):
            result = result.with_score(axis, replace(mine[axis], evidence=""))
    return result


def _withheld(score: Score) -> bool:
    return score.private and not score.evidence


def _take(mine: Person, theirs: Person, provided: frozenset[str], *,
          positions: bool) -> Person:
    """My person with their values for every field their source provides."""
    values: dict[str, object] = {}
    for name in provided:
        if name == SCORE_VALUES or (name == "position" and not positions) \
                or not _given(theirs, name, provided):
            continue
        values[name] = getattr(theirs, name)
    if "scores" in values:
        scores = theirs.scores
        for axis in Axis:
            if _withheld(theirs.scores[axis]) and mine.scores[axis].evidence:
                scores = scores.with_score(axis, replace(scores[axis],
                                                         evidence=mine.scores[axis].evidence))
        values["scores"] = scores
    elif _values_only(provided):
        values["scores"] = _with_values(mine.scores, theirs.scores)
    return replace(mine, **values)  # type: ignore[arg-type]


def _values_only(provided: frozenset[str]) -> bool:
    return SCORE_VALUES in provided and "scores" not in provided


def _with_values(mine: Triangle, theirs: Triangle) -> Triangle:
    """My scores with each value they know (their unknown says nothing), my evidence kept."""
    result = mine
    for axis, score in theirs.items():
        if score.value is not None and score.value != mine[axis].value:
            result = result.with_score(axis, replace(mine[axis], value=score.value))
    return result


def _blank(person: Person) -> Person:
    return Person(name=person.name, id=person.id)


def _merge_relations(mine: tuple[Relation, ...], theirs: tuple[Relation, ...],
                     ids: Mapping[str, str]) -> tuple[Relation, ...]:
    """Their lines, with their people's ids mapped to mine, added where not drawn yet."""
    result = list(mine)
    seen_ids = {r.id for r in mine}
    seen_lines = {r.identity for r in mine}
    for relation in theirs:
        source, target = ids.get(relation.source), ids.get(relation.target)
        if source is None or target is None or source == target:
            continue
        mapped = replace(relation, source=source, target=target)
        if mapped.identity in seen_lines:
            continue
        if mapped.id in seen_ids:
            mapped = replace(mapped, id=new_id())
        seen_ids.add(mapped.id)
        seen_lines.add(mapped.identity)
        result.append(mapped)
    return tuple(result)


def _merge_snapshots(mine: tuple[Snapshot, ...],
                     theirs: tuple[Snapshot, ...]) -> tuple[Snapshot, ...]:
    known = {s.id for s in mine}
    return mine + tuple(s for s in theirs if s.id not in known)


def chooser(decide: Callable[[PersonConflict], Resolution] | Mapping[str, Resolution]
            | Resolution) -> Callable[[PersonConflict], Resolution]:
    """How each conflict was decided, whichever way the caller gave the decisions: one rule
    for all, a table by conflict key (the review dialog's), or a function."""
    if isinstance(decide, Resolution):
        return lambda _conflict: decide
    if isinstance(decide, Mapping):
        table = decide
        return lambda conflict: table.get(conflict.key, Resolution.MINE)
    return decide

"""Consensus and the win-win ledger: do the people who decide want the same thing, and does
each of them win something from what we ask of them?

A deal closes when the powerful agree; an aligned win — one outcome every key person
scores high — carries it. The index reads three signs of agreement, each 0 (apart) … 1
(together), and counts each a third (``docs/triangle-math.md``, "Consensus")::

    spread       = mean over axes of the influence-weighted standard deviation / 5
    disagreement = weighted share of pairs whose strongest axes differ (Jaccard distance)
    conflict     = weighted share of key-person pairs joined by a conflict line
    index        = 1 − (spread + disagreement + conflict) / 3

The ledger pairs what we need from each key person — their open actions, the process
steps they approve — with what they win (their personal win), and flags a one-sided ask:
we need something and their personal win is unknown or 3 or less.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person

SHARED = 7  # every key person scores the shared outcome at least this
ONE_SIDED = 3  # a personal win this low (or unknown) makes an ask one-sided
KEY_SHARE = 0.5  # key people: the heaviest who together hold half the influence


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """What we need from one key person, and what they win."""

    person: str
    asks: tuple[str, ...]  # open actions, then "approves <step>"
    win: int | None  # their personal win
    one_sided: bool  # we ask, and their win is unknown or ≤ 3


@dataclass(frozen=True, slots=True)
class Consensus:
    index: float  # 0 (apart) … 1 (together)
    spread: float
    disagreement: float
    conflict: float
    key_people: tuple[str, ...]  # the heaviest, who together hold half the influence
    shared_axis: Axis | None  # the axis every key person scores ≥ 7, if any
    conflicts: tuple[tuple[str, str], ...]  # conflict lines between key people
    strongest: Mapping[str, tuple[Axis, ...]]  # each scored person's strongest axis or axes
    ledger: tuple[LedgerRow, ...]

    @property
    def one_sided(self) -> tuple[str, ...]:
        return tuple(row.person for row in self.ledger if row.one_sided)

    def to_plain(self) -> dict[str, object]:
        return {"index": round(self.index, 2),
                "shared_axis": None if self.shared_axis is None else self.shared_axis.value,
                "key_people": list(self.key_people),
                "conflicts": [list(pair) for pair in self.conflicts],
                "one_sided": list(self.one_sided)}


def key_people(people: Sequence[Person], weights: Mapping[str, float]) -> tuple[str, ...]:
    """The heaviest people who together hold at least half the influence (two at least,
    when the deal has two): the ones whose agreement decides."""
    ranked = sorted(people, key=lambda p: (-weights.get(p.id, 0.0), p.name, p.id))
    total = sum(weights.get(p.id, 0.0) for p in people)
    chosen: list[str] = []
    held = 0.0
    for person in ranked:
        weight = weights.get(person.id, 0.0)
        if weight <= 0.0 or (held >= KEY_SHARE * total and len(chosen) >= 2):
            break
        chosen.append(person.id)
        held += weight
    return tuple(chosen)


def strongest_axes(person: Person) -> tuple[Axis, ...]:
    """The axis (or axes, tied) a person scores highest; none unless two are known — one
    known score says nothing about which matters most."""
    known = [(axis, score.value) for axis, score in person.scores.items()
             if score.value is not None]
    if len(known) < 2:
        return ()
    top = max(value for _axis, value in known)
    return tuple(axis for axis, value in known if value == top)


def consensus(deal: Deal, weights: Mapping[str, float]) -> Consensus:
    people = [p for p in deal.people if weights.get(p.id, 0.0) > 0.0]
    key = key_people(people, weights)
    strongest = {p.id: axes for p in people if (axes := strongest_axes(p))}
    spread = _spread(people, weights)
    disagreement = _disagreement(strongest, weights)
    conflicts = _conflicts(deal, key)
    conflict = _conflict_share(conflicts, key, weights)
    return Consensus(
        index=1.0 - (spread + disagreement + conflict) / 3.0,
        spread=spread, disagreement=disagreement, conflict=conflict, key_people=key,
        shared_axis=_shared_axis(deal, key), conflicts=conflicts, strongest=strongest,
        ledger=ledger(deal, key))


def _spread(people: Sequence[Person], weights: Mapping[str, float]) -> float:
    """Mean over the axes two or more people scored of the weighted standard deviation,
    over 5 (the most scores on 0–10 can be spread)."""
    parts = []
    for axis in Axis:
        known = [(weights[p.id], v) for p in people if (v := p.scores[axis].value) is not None]
        total = sum(w for w, _v in known)
        if len(known) < 2 or total <= 0.0:
            continue
        mean = sum(w * v for w, v in known) / total
        variance = sum(w * (v - mean) ** 2 for w, v in known) / total
        # Rounding leaves ~1e-16 where every score is the same: that is no spread at all.
        parts.append(min(1.0, variance ** 0.5 / 5.0) if variance > 1e-12 else 0.0)
    return sum(parts) / len(parts) if parts else 0.0


def _disagreement(strongest: Mapping[str, tuple[Axis, ...]],
                  weights: Mapping[str, float]) -> float:
    """Σ_{i<j} w_i w_j J(i, j) / Σ_{i<j} w_i w_j, J the Jaccard distance of the two
    strongest-axis sets — grouped by set (seven possible), so linear in people."""
    by_set: dict[frozenset[Axis], float] = {}
    squares = 0.0
    for pid, axes in strongest.items():
        weight = weights[pid]
        by_set[frozenset(axes)] = by_set.get(frozenset(axes), 0.0) + weight
        squares += weight * weight
    total = sum(by_set.values())
    pairs = (total * total - squares) / 2.0
    if pairs <= 1e-15:
        return 0.0
    groups = list(by_set.items())
    apart = 0.0
    for i, (one, w_one) in enumerate(groups):
        for other, w_other in groups[i + 1:]:
            apart += w_one * w_other * (1.0 - len(one & other) / len(one | other))
    return min(1.0, apart / pairs)


def _conflicts(deal: Deal, key: Sequence[str]) -> tuple[tuple[str, str], ...]:
    chosen = set(key)
    order = {pid: i for i, pid in enumerate(key)}
    found = []
    for relation in deal.relations:
        if (relation.kind is RelationKind.CONFLICT and relation.source in chosen
                and relation.target in chosen):
            a, b = sorted((relation.source, relation.target), key=order.__getitem__)
            found.append((a, b))
    return tuple(sorted(set(found), key=lambda pair: (order[pair[0]], order[pair[1]])))


def _conflict_share(conflicts: Sequence[tuple[str, str]], key: Sequence[str],
                    weights: Mapping[str, float]) -> float:
    total = sum(weights[pid] for pid in key)
    pairs = (total * total - sum(weights[pid] ** 2 for pid in key)) / 2.0
    if pairs <= 1e-15:
        return 0.0
    return min(1.0, sum(weights[a] * weights[b] for a, b in conflicts) / pairs)


def _shared_axis(deal: Deal, key: Sequence[str]) -> Axis | None:
    """The axis every key person scores 7 or more (unknown is not shared); the highest
    lowest score wins when several are."""
    if not key:
        return None
    chosen = set(key)
    members = [p for p in deal.people if p.id in chosen]
    best: tuple[int, Axis] | None = None
    for axis in Axis:
        values = [p.scores[axis].value for p in members]
        if all(v is not None and v >= SHARED for v in values):
            low = min(v for v in values if v is not None)
            if best is None or low > best[0]:
                best = (low, axis)
    return None if best is None else best[1]


def ledger(deal: Deal, key: Sequence[str]) -> tuple[LedgerRow, ...]:
    """For each key person and everybody we need something from (an open action that is
    for them, owned by them or meant to move them; a remaining process step they
    approve): the asks, their personal win, and whether the ask is one-sided. Key people
    first, in weight order, then the others in the deal's order."""
    asks: dict[str, list[str]] = {}
    for action in deal.actions:
        if not action.is_open:
            continue
        concerned = {*action.for_people, action.owner}
        if action.intended is not None:
            concerned.add(action.intended.person)
        for pid in concerned:
            asks.setdefault(pid, []).append(action.text)
    for step in deal.process:
        if step.remaining and step.approver is not None:
            asks.setdefault(step.approver, []).append(f"approves {step.name}")
    by_id = {p.id: p for p in deal.people}
    chosen = set(key)
    order = [*key, *(p.id for p in deal.people if p.id in asks and p.id not in chosen)]
    rows = []
    for pid in order:
        person = by_id.get(pid)
        if person is None:
            continue
        wanted = tuple(asks.get(pid, ()))
        win = person.scores.personal.value
        rows.append(LedgerRow(pid, wanted, win,
                              one_sided=bool(wanted) and (win is None or win <= ONE_SIDED)))
    return tuple(rows)

"""A deal review: what moved since a snapshot — the sales manager's "what changed since last
review, and is the deal safer or riskier?" — as one value the window's Review tab, the
``review`` command and its PDF all show.

The changes themselves come from :mod:`desktop.domain.diff` (people, lines, the deal's
fields) and :mod:`desktop.domain.plan_diff` (actions, criteria, process); this module adds
what a review needs beyond a diff: each changed score's evidence, the deal triangle over
every snapshot and now, and the red flags then and now (new, resolved, still open).
Qt-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.credit import NOBODY, Credit
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.diff import DealDiff, diff_deals, person_changes
from desktop.domain.enums import Axis
from desktop.domain.flag_types import RedFlag, day_text
from desktop.domain.influence import influence_weights
from desktop.domain.person import Person
from desktop.domain.red_flags import DEFAULT_STALE_DAYS, red_flags
from desktop.domain.triangle_math import deal_triangle
from desktop.domain.wording import score_text


class NoSnapshot(LookupError):
    """The review has nothing to compare with; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class PersonReview:
    """One person who changed: what changed (the diff's words) and, for each score that
    moved or whose evidence changed, the evidence the seller has now."""

    id: str
    name: str
    changes: tuple[str, ...]
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrianglePoint:
    """The deal triangle at one moment: a snapshot (``at`` its time) or now (``at`` None)."""

    label: str
    day: date
    values: tuple[float | None, float | None, float | None]  # business, technical, personal
    at: datetime | None = None

    def value(self, axis: Axis) -> float | None:
        return self.values[list(Axis).index(axis)]


@dataclass(frozen=True, slots=True)
class FlagReview:
    """The red flags then and now: raised since, resolved since, and still open (as they
    read now). A flag is the same flag when its rule and its people are the same, or,
    failing that, its rule alone ("overdue actions" naming other actions is still open)."""

    new: tuple[RedFlag, ...] = ()
    resolved: tuple[RedFlag, ...] = ()
    still_open: tuple[RedFlag, ...] = ()


@dataclass(frozen=True, slots=True)
class Review:
    deal: Deal  # as it is now
    since: Snapshot
    today: date
    diff: DealDiff
    people: tuple[PersonReview, ...]
    history: tuple[TrianglePoint, ...]  # every snapshot, oldest first, then now
    flags: FlagReview
    credit: Credit = NOBODY  # who made each change (a team's deal), for a redacted copy

    @property
    def since_text(self) -> str:
        """"“QBR” (taken 9 Nov 2026)"."""
        return f"“{self.since.name}” (taken {day_text(self.since.taken_at.date())})"

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def review(deal: Deal, since: Snapshot, *, today: date | None = None,
           snapshots: Sequence[Snapshot] | None = None,
           stale_days: int = DEFAULT_STALE_DAYS, credit: Credit = NOBODY) -> Review:
    """The review of ``deal`` (now) since ``since``; ``snapshots`` (the deal's own by
    default) make the triangle's history; ``credit`` names the colleague behind each change
    of a team's deal ("support −1 → +1, by Anna, 2 Dec 2026")."""
    today = today or date.today()
    then_day = since.taken_at.date()
    now = deal.without_snapshots()
    history = sorted(deal.snapshots if snapshots is None else snapshots,
                     key=lambda s: s.taken_at)
    return Review(
        deal=now, since=since, today=today,
        diff=diff_deals(since.deal, now, today=today, since=then_day, credit=credit),
        people=people_reviews(since.deal, now, credit),
        history=(*(point(s.deal, s.name, s.taken_at.date(), s.taken_at) for s in history),
                 point(now, "Now", today)),
        flags=flag_review(red_flags(since.deal, influence_weights(since.deal.people,
                                                                  since.deal.relations),
                                    today=then_day, stale_days=stale_days),
                          red_flags(now, influence_weights(now.people, now.relations),
                                    today=today, stale_days=stale_days)),
        credit=credit,
    )


def point(deal: Deal, label: str, day: date, at: datetime | None = None) -> TrianglePoint:
    weights = influence_weights(deal.people, deal.relations)
    return TrianglePoint(label, day, deal_triangle(deal.people, weights).values(), at)


def people_reviews(before: Deal, after: Deal,
                   credit: Credit = NOBODY) -> tuple[PersonReview, ...]:
    """The people of both who changed, in today's order, with the evidence behind each
    score that moved (or whose evidence was rewritten)."""
    old = {p.id: p for p in before.people}
    names = {a.id: a.name for a in (*before.alternatives, *after.alternatives)}
    found = []
    for person in after.people:
        was = old.get(person.id)
        if was is None:
            continue
        changes = person_changes(was, person, names, credit)
        evidence = evidence_changes(was, person)
        if changes or evidence:
            found.append(PersonReview(person.id, person.name, changes, evidence))
    return tuple(found)


def evidence_changes(before: Person, after: Person) -> tuple[str, ...]:
    """For each axis whose score or evidence changed: the evidence now, with its score
    and confidence ("Business outcome 7, heard directly: “asked for the pilot report”")."""
    out = []
    for axis in Axis:
        was, now = before.scores[axis], after.scores[axis]
        if (was.value, was.evidence) == (now.value, now.evidence) or not now.evidence:
            continue
        out.append(f"{axis.label} {score_text(now.value)}, {now.confidence.label.lower()}: "
                   f"“{now.evidence}”")
    return tuple(out)


def flag_review(then: Sequence[RedFlag], now: Sequence[RedFlag]) -> FlagReview:
    """Match today's flags with those of the snapshot: first by rule and people, then the
    flags left over by rule alone."""
    left = list(then)
    matched: dict[int, RedFlag] = {}
    for exact in (True, False):
        for index, flag in enumerate(now):
            if index in matched:
                continue
            found = next((old for old in left if old.code == flag.code and (
                not exact or set(old.people) == set(flag.people))), None)
            if found is not None:
                left.remove(found)
                matched[index] = found
    return FlagReview(new=tuple(f for i, f in enumerate(now) if i not in matched),
                      resolved=tuple(left),
                      still_open=tuple(f for i, f in enumerate(now) if i in matched))


# -- which snapshot ---------------------------------------------------------------------------


def default_since(ordered: Sequence[Snapshot], now: Deal | None) -> Snapshot:
    """The newest snapshot the deal ``now`` has moved from. Printing a brief takes one
    (the offer), so the newest is often today's copy of the deal: a review from it would say
    "nothing changed" to the manager who asks what moved since the last review."""
    if now is not None:
        for snapshot in reversed(ordered[1:]):
            if diff_deals(snapshot.deal, now, since=snapshot.taken_at.date()):
                return snapshot
        return ordered[0]
    return ordered[-1]


def find_since(snapshots: Sequence[Snapshot], reference: str | None, *,
               deal_name: str = "the deal", now: Deal | None = None) -> Snapshot:
    """The snapshot a review starts from: ``reference`` is a snapshot id, a unique id
    prefix (four characters at least), its name, or a day YYYY-MM-DD (the newest snapshot
    taken on or before it; none that early: the oldest); None: the newest snapshot — past
    those the deal ``now`` has not moved from (see :func:`default_since`)."""
    ordered = sorted(snapshots, key=lambda s: s.taken_at)
    if not ordered:
        raise NoSnapshot(f"{deal_name} has no snapshot to review from; take one first: "
                         "Deal ▸ Take snapshot in the window")
    if reference is None:
        return default_since(ordered, now)
    text = reference.strip()
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is not None:
        earlier = [s for s in ordered if s.taken_at.date() <= day]
        return earlier[-1] if earlier else ordered[0]
    for match in ([s for s in ordered if s.id == text],
                  [s for s in ordered if s.name == text],
                  [s for s in ordered if s.name.casefold() == text.casefold()],
                  [s for s in ordered if len(text) >= 4 and s.id.startswith(text.lower())]):
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            raise NoSnapshot(f"{len(match)} snapshots of {deal_name} are called "
                             f"{reference!r}; name one by its id")
    names = ", ".join(f"“{s.name}”" for s in ordered[-5:])
    raise NoSnapshot(f"{deal_name} has no snapshot {reference!r} (its snapshots: {names})")

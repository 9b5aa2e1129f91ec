"""Intended against actual: at a review, what each action of the plan meant to move and what
the person's score did ("Chen Wei's technical fit: meant 7 → 9, now 8 — part way").

The what-if (:mod:`desktop.domain.what_if`) says what the plan should bring; this says, at
the next snapshot or now, whether it did — so a seller learns which kind of action moves
people. The baseline is the action's ``before`` (the score when it was planned), the
actual is the person's score in the later state. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.actions import Action, ActionStatus, IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.wording import score_text


class Outcome(StrEnum):
    REACHED = "reached"  # at the target or past it
    PART_WAY = "part-way"  # moved toward the target, not there yet
    NOT_MOVED = "not-moved"
    WRONG_WAY = "wrong-way"  # moved away from the target
    UNKNOWN = "unknown"  # the score is still unknown (or the person left the deal)


@dataclass(frozen=True, slots=True)
class IntendedOutcome:
    action: Action  # as it is in the later state (or at the snapshot, when removed since)
    person_name: str
    change: IntendedChange
    actual: int | None  # the person's score in the later state
    outcome: Outcome
    removed: bool = False  # the action is no longer in the plan

    @property
    def text(self) -> str:
        """"“Demo for the ward teams” (done): Chen Wei's technical fit, meant 7 → 9, now 8 —
        part way (+1 of +2)"."""
        change = self.change
        state = "removed" if self.removed else self.action.status.label.lower()
        return (f"“{self.action.text}” ({state}): {self.person_name}'s "
                f"{change.axis.label.lower()}, meant {score_text(change.before)} → "
                f"{change.target}, now {score_text(self.actual)} — {self._verdict()}")

    def _verdict(self) -> str:
        change, actual = self.change, self.actual
        if self.outcome is Outcome.REACHED:
            return "reached"
        if self.outcome is Outcome.UNKNOWN:
            return "still unknown"
        if self.outcome is Outcome.NOT_MOVED:
            return "not moved yet"
        assert actual is not None
        assert change.before is not None
        moved = actual - change.before
        if self.outcome is Outcome.WRONG_WAY:
            return f"moved the other way ({moved:+d})"
        return f"part way ({moved:+d} of {change.target - change.before:+d})"


def judge(change: IntendedChange, actual: int | None) -> Outcome:
    """Where ``actual`` stands between the planned ``before`` and the target. Without a
    ``before``, any known score short of the target counts as part way (it was unknown)."""
    if actual is None:
        return Outcome.UNKNOWN
    rising = change.before is None or change.target >= change.before
    if (actual >= change.target) if rising else (actual <= change.target):
        return Outcome.REACHED
    if change.before is None:
        return Outcome.PART_WAY
    if actual == change.before:
        return Outcome.NOT_MOVED
    toward = actual > change.before if rising else actual < change.before
    return Outcome.PART_WAY if toward else Outcome.WRONG_WAY


def intended_outcomes(then: Deal, now: Deal) -> tuple[IntendedOutcome, ...]:
    """Each action with an intended change that was open at ``then`` (the snapshot) or is new
    since, judged on ``now``; in today's plan order, removed ones last."""
    old = {a.id: a for a in then.actions}
    out = []
    for action in now.actions:
        was = old.get(action.id)
        if action.intended is None or (was is not None and was.status is not
                                       ActionStatus.OPEN):
            continue
        out.append(_outcome(action, action.intended, now, removed=False))
    kept = {a.id for a in now.actions}
    for action in then.actions:
        if action.id not in kept and action.intended is not None and action.is_open:
            out.append(_outcome(action, action.intended, now, removed=True))
    return tuple(out)


def _outcome(action: Action, change: IntendedChange, now: Deal, *,
             removed: bool) -> IntendedOutcome:
    if now.has_person(change.person):
        person = now.person(change.person)
        actual = person.scores[change.axis].value
        name = person.name
    else:
        actual, name = None, "someone removed"
    return IntendedOutcome(action, name, change, actual, judge(change, actual), removed)

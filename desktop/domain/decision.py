"""How the customer decides, and between what: the alternatives (competitors, doing
nothing, building it themselves), the ranked decision criteria with our rating and each
alternative's, the ordered decision process, and the compelling event.

A deal moves when each decision maker sees a business outcome, a technical fit and a
personal win — *against the alternative they could choose instead*. These records let the
seller see what the customer will judge, who owns each judgement, which steps remain before
a signature, and what happens if the customer does nothing. Qt-free and SQL-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.scores import check_score_value
from desktop.domain.text import MEDIUM_TEXT, clean_name, clean_text

WEIGHT_MIN = 1
WEIGHT_MAX = 5


class AlternativeKind(StrEnum):
    COMPETITOR = "competitor"
    DO_NOTHING = "do-nothing"
    BUILD = "build"  # the customer builds it themselves

    @property
    def label(self) -> str:
        return {"competitor": "Competitor", "do-nothing": "Do nothing",
                "build": "Build it themselves"}[self.value]


class StepStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under-way"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Alternative:
    """What the customer could choose instead of us."""

    name: str
    kind: AlternativeKind = AlternativeKind.COMPETITOR
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "name", clean_name(self.name, "name"))
        if not isinstance(self.kind, AlternativeKind):
            raise ValidationError("kind", f"{self.kind!r} is not competitor, do-nothing or "
                                          "build")


@dataclass(frozen=True, slots=True)
class Criterion:
    """One thing the customer will judge (ranked by its place in the deal's list).
    ``ours`` and ``theirs`` (by alternative id) are 0–10 or unknown (None)."""

    text: str
    weight: int = 3
    owner: str | None = None  # the person of the deal who owns this judgement
    ours: int | None = None
    theirs: Mapping[str, int | None] = field(default_factory=dict)
    evidence: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "text", clean_name(self.text, "text"))
        if (isinstance(self.weight, bool) or not isinstance(self.weight, int)
                or not WEIGHT_MIN <= self.weight <= WEIGHT_MAX):
            raise ValidationError("weight", f"{self.weight!r} is not a whole number from "
                                            f"{WEIGHT_MIN} to {WEIGHT_MAX}")
        if self.owner is not None:
            object.__setattr__(self, "owner", check_id(self.owner, "owner"))
        check_score_value(self.ours, "ours")
        ratings: dict[str, int | None] = {}
        for key, value in dict(self.theirs).items():
            alternative = check_id(key, "theirs")
            check_score_value(value, f"theirs.{alternative}")
            ratings[alternative] = value
        object.__setattr__(self, "theirs", MappingProxyType(ratings))
        object.__setattr__(self, "evidence",
                           clean_text(self.evidence, "evidence", limit=MEDIUM_TEXT,
                                      multiline=True))

    def gap(self, alternative_id: str) -> int | None:
        """Our rating minus the alternative's; None when either is unknown."""
        theirs = self.theirs.get(alternative_id)
        return None if self.ours is None or theirs is None else self.ours - theirs


@dataclass(frozen=True, slots=True)
class ProcessStep:
    """One step of the customer's decision process (evaluation, security review, legal,
    procurement, signature …), in the deal's order."""

    name: str
    approver: str | None = None  # a person of the deal
    planned: date | None = None
    status: StepStatus = StepStatus.PLANNED
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "name", clean_name(self.name, "name"))
        if self.approver is not None:
            object.__setattr__(self, "approver", check_id(self.approver, "approver"))
        if self.planned is not None and not isinstance(self.planned, date):
            raise ValidationError("planned", f"{self.planned!r} is not a date")
        if not isinstance(self.status, StepStatus):
            raise ValidationError("status", f"{self.status!r} is not planned, under-way, "
                                            "done or skipped")

    @property
    def remaining(self) -> bool:
        return self.status in (StepStatus.PLANNED, StepStatus.UNDER_WAY)


@dataclass(frozen=True, slots=True)
class CompellingEvent:
    """What happens if the customer does nothing, and by when."""

    text: str
    by: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text, "text", limit=MEDIUM_TEXT))
        if not self.text:
            raise ValidationError("text", "must not be empty")
        if self.by is not None and not isinstance(self.by, date):
            raise ValidationError("by", f"{self.by!r} is not a date")


def weighted_standing(criteria: Sequence[Criterion], alternative_id: str) -> float | None:
    """Our weighted lead over one alternative on the criteria both are rated on, in rating
    points (positive: we lead); None when no criterion has both ratings."""
    rated = [(c.weight, gap) for c in criteria if (gap := c.gap(alternative_id)) is not None]
    if not rated:
        return None
    return sum(weight * gap for weight, gap in rated) / sum(weight for weight, _gap in rated)


def steps_after(steps: Sequence[ProcessStep], close: date | None) -> list[ProcessStep]:
    """Remaining steps planned after the close date: the deal cannot close when it says."""
    if close is None:
        return []
    return [s for s in steps if s.remaining and s.planned is not None and s.planned > close]


def undated_steps(steps: Sequence[ProcessStep]) -> list[ProcessStep]:
    return [s for s in steps if s.remaining and s.planned is None]

"""How one person sees the alternative they could choose instead of us, on the three axes.

A person's triangle says what they think of *us*; a decision is a comparison. The seller may
score, as the person sees it, the alternative's business outcome, technical fit and personal
win (0–10 or unknown each), for one alternative of the deal: the one the person leans to
when known, else the deal's strongest (``strongest_alternative``), or another the seller
picks. It is part of the person's stance in one deal, like their leaning. The decision test
(``desktop.domain.decision_test``) compares the two triangles. Qt-free and SQL-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    Criterion,
    weighted_standing,
)
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id
from desktop.domain.scores import check_score_value
from desktop.domain.wording import scores_text


@dataclass(frozen=True, slots=True)
class Versus:
    """The alternative ``alternative`` (an id of the deal's alternatives) as one person sees
    it: its business outcome, technical fit and personal win for them, 0–10 or unknown."""

    alternative: str
    business: int | None = None
    technical: int | None = None
    personal: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "alternative", check_id(self.alternative, "alternative"))
        for axis in Axis:
            check_score_value(getattr(self, axis.value), axis.value)

    def __getitem__(self, axis: Axis) -> int | None:
        value: int | None = getattr(self, axis.value)
        return value

    def with_value(self, axis: Axis, value: int | None) -> Versus:
        values = dict(zip(Axis, self.values(), strict=True))
        values[axis] = value
        return Versus(self.alternative, *values.values())

    def values(self) -> tuple[int | None, int | None, int | None]:
        return (self.business, self.technical, self.personal)

    def to_plain(self) -> dict[str, str | int | None]:
        """Its shape in a deal file (a person's ``versus``, docs/deal-file.md): written only
        when the seller scored one, so a deal without it is what older readers of version
        3 read."""
        return {"alternative": self.alternative, "business": self.business,
                "technical": self.technical, "personal": self.personal}

    @property
    def scored(self) -> bool:
        """Whether any axis is known (an alternative picked but not scored says nothing)."""
        return any(value is not None for value in self.values())


def versus_text(versus: Versus | None, name: str = "") -> str:
    """"MedBridge 7/7/8" (business/technical/personal, ? unknown), "none" when not scored:
    for a review's change line and a merge's conflict."""
    if versus is None:
        return "none"
    return f"{name} {scores_text(versus.values())}".strip()


def check_versus(value: object, path: str) -> None:
    if value is not None and not isinstance(value, Versus):
        raise ValidationError(path, "must be the alternative's three scores or nothing")


def strongest_alternative(alternatives: Sequence[Alternative],
                          criteria: Sequence[Criterion] = ()) -> Alternative | None:
    """The deal's strongest alternative: the one furthest ahead of us on the weighted
    criteria (``weighted_standing`` lowest); when no criterion rates any, the first
    competitor listed (the seller lists the main one first), else the first alternative."""
    if not alternatives:
        return None
    standings = [(standing, index, a) for index, a in enumerate(alternatives)
                 if (standing := weighted_standing(criteria, a.id)) is not None]
    if standings:
        return min(standings, key=lambda found: (found[0], found[1]))[2]
    competitors = [a for a in alternatives if a.kind is AlternativeKind.COMPETITOR]
    return competitors[0] if competitors else alternatives[0]

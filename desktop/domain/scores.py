"""Triangle scores: 0–10 **or unknown**, each with its evidence and where it came from.

Unknown is ``None``, never 0: a seller who has not asked does not know, and every
calculation downstream must leave the axis out rather than count it as a bad score.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from desktop.domain.enums import Axis, Confidence
from desktop.domain.errors import ValidationError
from desktop.domain.text import MEDIUM_TEXT, clean_text

SCORE_MIN = 0
SCORE_MAX = 10


@dataclass(frozen=True, slots=True)
class Score:
    """One axis of one person's triangle."""

    value: int | None = None
    evidence: str = ""
    confidence: Confidence = Confidence.ASSUMED
    private: bool = False

    def __post_init__(self) -> None:
        check_score_value(self.value, "value")
        object.__setattr__(self, "evidence", clean_text(self.evidence, "evidence",
                                                        limit=MEDIUM_TEXT, multiline=True))
        if not isinstance(self.confidence, Confidence):
            raise ValidationError("confidence", f"{self.confidence!r} is not a confidence")
        if not isinstance(self.private, bool):
            raise ValidationError("private", "must be true or false")

    @property
    def known(self) -> bool:
        return self.value is not None


def check_score_value(value: object, path: str) -> None:
    """Raise unless ``value`` is a whole number from 0 to 10 or ``None`` (unknown)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(path, f"{value!r} is not a whole number from 0 to 10 or unknown")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(path, f"{value} is out of range (0 to 10, or unknown)")


def _personal_default() -> Score:
    # Personal-win notes are private by default: they are the seller's read of a person's
    # motives and must not leave the laptop unless the seller says so.
    return Score(private=True)


@dataclass(frozen=True, slots=True)
class Triangle:
    """A person's three scores, in the fixed axis order."""

    business: Score = field(default_factory=Score)
    technical: Score = field(default_factory=Score)
    personal: Score = field(default_factory=_personal_default)

    def __getitem__(self, axis: Axis) -> Score:
        return getattr(self, axis.value)  # type: ignore[no-any-return]

    def with_score(self, axis: Axis, score: Score) -> Triangle:
        return replace(self, **{axis.value: score})

    def values(self) -> tuple[int | None, int | None, int | None]:
        return (self.business.value, self.technical.value, self.personal.value)

    def items(self) -> Iterator[tuple[Axis, Score]]:
        for axis in Axis:
            yield axis, self[axis]

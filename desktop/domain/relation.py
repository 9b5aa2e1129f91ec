"""A line between two people of one deal: formal or informal reporting, influence, conflict."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.text import MEDIUM_TEXT, clean_text

STRENGTH_MIN = 1
STRENGTH_MAX = 3


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` → ``target``: for reports-to and dotted-line the report → the manager;
    for influence the influencer → the influenced; conflict is symmetric."""

    source: str
    target: str
    kind: RelationKind
    strength: int = 1
    note: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "source", check_id(self.source, "source"))
        object.__setattr__(self, "target", check_id(self.target, "target"))
        if not isinstance(self.kind, RelationKind):
            raise ValidationError("kind", f"{self.kind!r} is not a relation kind")
        if self.source == self.target:
            raise ValidationError("target", "a person cannot be related to themselves")
        if (
            isinstance(self.strength, bool)
            or not isinstance(self.strength, int)
            or not STRENGTH_MIN <= self.strength <= STRENGTH_MAX
        ):
            raise ValidationError("strength", f"{self.strength!r} is not 1, 2 or 3")
        object.__setattr__(self, "note", clean_text(self.note, "note", limit=MEDIUM_TEXT))

    @property
    def identity(self) -> tuple[str, str, RelationKind]:
        """What makes two relations the same line: conflict has no direction."""
        return line_identity(self.source, self.target, self.kind)

    def touches(self, person_id: str) -> bool:
        return person_id in (self.source, self.target)


def line_identity(source: str, target: str, kind: RelationKind) -> tuple[str, str, RelationKind]:
    """What makes two lines the same: their ends and kind; a conflict has no direction."""
    if kind is RelationKind.CONFLICT and target < source:
        return (target, source, kind)
    return (source, target, kind)

"""The closed vocabularies of a stakeholder map, each value with the label a person reads.

String values are what the library and the deal file store, so they never change once
released; labels may be reworded freely.
"""

from __future__ import annotations

from enum import Enum, IntEnum, StrEnum
from typing import TypeVar

from desktop.domain.errors import ValidationError

E = TypeVar("E", bound=Enum)


class Axis(StrEnum):
    """The three legs of the decision triangle, in the one order used everywhere."""

    BUSINESS = "business"
    TECHNICAL = "technical"
    PERSONAL = "personal"

    @property
    def label(self) -> str:
        return _AXIS_LABELS[self]


_AXIS_LABELS = {
    Axis.BUSINESS: "Business outcome",
    Axis.TECHNICAL: "Technical fit",
    Axis.PERSONAL: "Personal win",
}


class Role(StrEnum):
    """Buying roles (Miller Heiman buying influences plus MEDDPICC's); a person may hold several."""

    ECONOMIC_BUYER = "economic-buyer"
    TECHNICAL_BUYER = "technical-buyer"
    USER_BUYER = "user-buyer"
    COACH = "coach"
    DECISION_MAKER = "decision-maker"
    APPROVER = "approver"
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"
    PROCUREMENT = "procurement"
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def abbreviation(self) -> str:
        """A two-letter badge for cards and narrow table columns."""
        return _ROLE_ABBREVIATIONS[self]


_ROLE_LABELS = {
    Role.ECONOMIC_BUYER: "Economic buyer",
    Role.TECHNICAL_BUYER: "Technical buyer",
    Role.USER_BUYER: "User buyer",
    Role.COACH: "Coach / champion",
    Role.DECISION_MAKER: "Decision maker",
    Role.APPROVER: "Approver",
    Role.INFLUENCER: "Influencer",
    Role.GATEKEEPER: "Gatekeeper",
    Role.PROCUREMENT: "Procurement",
    Role.LEGAL: "Legal",
}
_ROLE_ABBREVIATIONS = {
    Role.ECONOMIC_BUYER: "EB",
    Role.TECHNICAL_BUYER: "TB",
    Role.USER_BUYER: "UB",
    Role.COACH: "CO",
    Role.DECISION_MAKER: "DM",
    Role.APPROVER: "AP",
    Role.INFLUENCER: "IN",
    Role.GATEKEEPER: "GK",
    Role.PROCUREMENT: "PR",
    Role.LEGAL: "LG",
}
ROLE_ORDER: tuple[Role, ...] = tuple(Role)


class Support(IntEnum):
    """Where a person stands on us, from enemy (−2) to mentor (+2), as in Altify maps."""

    ENEMY = -2
    OPPONENT = -1
    NEUTRAL = 0
    SUPPORTER = 1
    MENTOR = 2

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Influence(StrEnum):
    """The seller's judgement of a person's weight in the decision."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def level(self) -> int:
        """1, 2 or 3: the stated weight that the influence analysis starts from."""
        return {Influence.LOW: 1, Influence.MEDIUM: 2, Influence.HIGH: 3}[self]


class Coverage(StrEnum):
    """How well we know the person (Blue Sheet's "how well is base covered")."""

    NONE = "none"
    LIGHT = "light"
    GOOD = "good"
    IN_DEPTH = "in-depth"

    @property
    def label(self) -> str:
        return {"none": "None", "light": "Light", "good": "Good", "in-depth": "In depth"}[
            self.value
        ]


class ResponseMode(StrEnum):
    """Miller Heiman response modes: how receptive the person is to change right now."""

    GROWTH = "growth"
    TROUBLE = "trouble"
    EVEN_KEEL = "even-keel"
    OVERCONFIDENT = "overconfident"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class Confidence(StrEnum):
    """Where a score comes from: it matters as much as the score itself."""

    HEARD = "heard"
    SECOND_HAND = "second-hand"
    ASSUMED = "assumed"

    @property
    def label(self) -> str:
        return {
            "heard": "Heard directly",
            "second-hand": "Second-hand",
            "assumed": "Assumed",
        }[self.value]


class RelationKind(StrEnum):
    """Lines on the map. Reports-to and dotted-line point from the report to the manager;
    influence points from the influencer to the influenced; conflict has no direction."""

    REPORTS_TO = "reports-to"
    DOTTED_LINE = "dotted-line"
    INFLUENCE = "influence"
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @property
    def has_strength(self) -> bool:
        return self is RelationKind.INFLUENCE


SUGGESTED_STAGES: tuple[str, ...] = (
    "Qualify",
    "Discover",
    "Solution",
    "Proposal",
    "Negotiate",
    "Closed won",
    "Closed lost",
)


def parse_enum(kind: type[E], value: object, path: str) -> E:
    """``kind(value)`` with a sentence that lists the allowed values when it fails."""
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ValidationError(path, f"{value!r} is not one of {allowed}") from None

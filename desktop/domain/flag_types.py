"""What a red-flag rule receives and returns, shared by the people rules (``red_flags``) and
the plan rules (``plan_flags``) so that neither module imports the other's rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.deal import Deal
from desktop.domain.decision_test import DEFAULTS, DecisionSettings
from desktop.domain.enums import Role
from desktop.domain.person import Person

NAMES_SHOWN = 5  # a flag names this many people, then "and N more" (its ids carry them all)


class Severity(StrEnum):
    """How much a red flag matters; ``rank`` orders them, most severe first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    severity: Severity
    message: str
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlagContext:
    """The deal and what every rule may need, worked out once: "today" is a parameter so a
    test (or a printed brief dated yesterday) gets the same flags every time."""

    deal: Deal
    weights: Mapping[str, float]
    today: date
    stale_days: int
    path: list[str] | None = None  # the path to power, worked out once for all rules
    decision: DecisionSettings = DEFAULTS  # the decision test's bar and parity


Rule = Callable[[FlagContext], list[RedFlag]]


def with_role(deal: Deal, role: Role) -> list[Person]:
    return [p for p in deal.people if role in p.roles]


def name_list(names: Iterable[str], shown: int = NAMES_SHOWN) -> str:
    """"Ann, Ben and Cy"; past ``shown`` names, "Ann, Ben, … and 12 more": a flag stays one
    readable line on a 2,000-person deal while its ids still select everyone it is about."""
    names = list(names)
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown:,} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def day_text(day: date) -> str:
    """A date as any reader takes it the same way: "8 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"

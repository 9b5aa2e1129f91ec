"""The portfolio: where each deal stands, and which deals are most at risk.

A sales manager's question at a pipeline review — "which deals are at risk?" — is answered
per deal by a :class:`DealStanding`: the deal triangle, coverage of influence, high red
flags, silence from the key people, overdue actions, and one RISK score 0–100 made of six
capped terms that add up to at most 100 (``docs/portfolio.md`` says why each term is there):

=====================  ====  ======================================================
term                   max   points
=====================  ====  ======================================================
high red flags          30   10 per high flag, three or more count 30
key-contact silence     15   0 up to 14 days, then linear to 15 at 45 days; never: 15
overdue actions         12   4 per overdue open action, three or more count 12
low coverage            13   13 × (1 − coverage of influence)
weak triangle           15   8 × (1 − personal/10) + 7 × (1 − min(business, technical)/10);
                             an unknown leg counts as 0 (not knowing is the risk)
close near, no backing  15   15 × urgency × (1 − backing); urgency 1 within 14 days of
                             the close date (or past it), falling to 0 at 60 days
=====================  ====  ======================================================

Pure: no Qt, no SQL. ``today`` is always passed in, so the same deals give the same
figures in a test, on paper and on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from desktop.domain.analysis import DealAnalysis, analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Coverage, Influence, Role, Support
from desktop.domain.flag_types import Severity
from desktop.domain.person import Person
from desktop.domain.triangle_math import AxisResult, DealTriangle

# What makes a person "key": their word carries the decision.
KEY_ROLES: frozenset[Role] = frozenset({Role.ECONOMIC_BUYER, Role.DECISION_MAKER})
WELL_COVERED: frozenset[Coverage] = frozenset({Coverage.GOOD, Coverage.IN_DEPTH})
BACKING: Support = Support.SUPPORTER  # supporters and mentors back us
CLOSED_STAGES: frozenset[str] = frozenset({"closed won", "closed lost", "won", "lost",
                                           "closed"})

FLAG_POINTS, FLAG_MAX = 10.0, 30.0
SILENCE_FREE_DAYS, SILENCE_FULL_DAYS, SILENCE_MAX = 14, 45, 15.0
OVERDUE_POINTS, OVERDUE_MAX = 4.0, 12.0
COVERAGE_MAX = 13.0
PERSONAL_MAX, WEAKEST_MAX = 8.0, 7.0
URGENT_DAYS, CALM_DAYS, CLOSING_MAX = 14, 60, 15.0


def is_open_stage(stage: str) -> bool:
    """A deal still to win: its stage is not "Closed won" / "Closed lost" (nor a bare
    "won", "lost" or "closed" a seller typed)."""
    return stage.strip().casefold() not in CLOSED_STAGES


def is_key(person: Person) -> bool:
    """Key: high influence, or the economic buyer or a decision maker."""
    return person.influence is Influence.HIGH or not KEY_ROLES.isdisjoint(person.roles)


@dataclass(frozen=True, slots=True)
class RiskTerms:
    """The six parts of the risk score, in points (each within its cap)."""

    flags: float = 0.0
    silence: float = 0.0
    overdue: float = 0.0
    coverage: float = 0.0
    triangle: float = 0.0
    closing: float = 0.0

    @property
    def total(self) -> int:
        """The score: the sum, rounded, 0–100 (the caps add up to 100)."""
        raw = (self.flags + self.silence + self.overdue + self.coverage + self.triangle
               + self.closing)
        return max(0, min(100, round(raw)))


@dataclass(frozen=True, slots=True)
class DealStanding:
    """One deal at a glance: what the portfolio page, its print and ``list --json`` show."""

    deal_id: str
    name: str
    account: str
    stage: str
    amount: float | None
    currency: str
    close_date: date | None
    triangle: DealTriangle
    coverage: float  # share of influence weight on people known well (good or in depth)
    backing: float  # share of influence weight on supporters and mentors
    high_flags: int
    days_since_key_contact: int | None  # None: no contact with a key person on record
    overdue_actions: int
    terms: RiskTerms
    people: int = 0

    @property
    def risk(self) -> int:
        return self.terms.total

    @property
    def is_open(self) -> bool:
        return is_open_stage(self.stage)

    def to_plain(self) -> dict[str, object]:
        """The figures ``list --json`` adds to each deal."""
        return {"risk": self.risk, "high_flags": self.high_flags,
                "overdue_actions": self.overdue_actions,
                "days_since_key_contact": self.days_since_key_contact}


class DealHeading(Protocol):
    """What the deal list already says of a deal (a ``Deal`` or the store's summary)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def amount(self) -> float | None: ...
    @property
    def currency(self) -> str: ...
    @property
    def close_date(self) -> date | None: ...


# The number of the recipe below: a cached DealFigures of another recipe is worked out again.
# Bump it whenever what DealFigures holds, or how any of it is worked out (the triangle, the
# weights, a high red flag's rule), changes.
FIGURES_RECIPE = 1


@dataclass(frozen=True, slots=True)
class DealFigures:
    """What a deal's standing is made of that does not depend on the day — the costly part
    (the deal read whole, PageRank, the red flags), kept per deal by the library
    (``deal_figures``, emptied by triggers on any write to the deal) so that the portfolio
    of 1,000 deals opens without reading them."""

    triangle: DealTriangle
    coverage: float
    backing: float
    high_flags: int
    key_contact: date | None  # the latest contact with a key person
    open_due: tuple[date, ...]  # the due dates of the open actions, earliest first
    people: int

    def to_plain(self) -> dict[str, object]:
        return {"triangle": [[r.value, r.coverage, r.known_people]
                             for r in (self.triangle.business, self.triangle.technical,
                                       self.triangle.personal)],
                "coverage": self.coverage, "backing": self.backing,
                "high_flags": self.high_flags,
                "key_contact": None if self.key_contact is None
                else self.key_contact.isoformat(),
                "open_due": [d.isoformat() for d in self.open_due], "people": self.people}

    @classmethod
    def from_plain(cls, data: object) -> DealFigures:
        """The figures of :meth:`to_plain`; ValueError for anything else (a cache row is
        read from a file that may have been tampered with: never trusted blindly)."""
        try:
            if not isinstance(data, dict):
                raise ValueError("not an object")
            legs = [AxisResult(value=_number_or_none(v), coverage=_fraction(c),
                               known_people=_count(k)) for v, c, k in data["triangle"]]
            if len(legs) != 3:
                raise ValueError("not three axes")
            key = data["key_contact"]
            return cls(triangle=DealTriangle(*legs), coverage=_fraction(data["coverage"]),
                       backing=_fraction(data["backing"]), high_flags=_count(data["high_flags"]),
                       key_contact=None if key is None else date.fromisoformat(key),
                       open_due=tuple(date.fromisoformat(d) for d in data["open_due"]),
                       people=_count(data["people"]))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not portfolio figures: {error}") from None


def _number_or_none(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise ValueError(f"{value!r} is not a score")
    return float(value)


def _fraction(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{value!r} is not a share")
    return float(value)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def standing(deal: Deal, today: date, analysis: DealAnalysis | None = None) -> DealStanding:
    """``deal``'s standing on ``today`` (``analysis``: the deal's, if already made)."""
    return standing_on(deal, deal_figures(deal, today, analysis), today)


def deal_figures(deal: Deal, today: date, analysis: DealAnalysis | None = None) -> DealFigures:
    """What ``deal``'s standing is made of, apart from the day (``today`` is only passed on
    to the analysis, whose high red flags do not depend on it: tests/domain hold to that)."""
    analysis = analysis or analyse(deal, today=today)
    weights = analysis.weights
    return DealFigures(
        triangle=analysis.triangle,
        coverage=_share(deal.people, weights, lambda p: p.coverage in WELL_COVERED),
        backing=_share(deal.people, weights, lambda p: p.support >= BACKING),
        high_flags=sum(1 for flag in analysis.flags if flag.severity is Severity.HIGH),
        key_contact=latest_key_contact(deal.people),
        open_due=tuple(sorted(a.due for a in deal.actions if a.is_open and a.due is not None)),
        people=len(deal.people))


def standing_on(heading: DealHeading, figures: DealFigures, today: date) -> DealStanding:
    """The standing on ``today`` of the deal ``heading`` names, from its ``figures`` (read
    from the library's cache or just worked out): the day-dependent terms — silence,
    overdue actions, the nearness of the close date — are worked out here, so figures
    made yesterday serve today."""
    silence = None if figures.key_contact is None else max(0, (today - figures.key_contact).days)
    overdue = sum(1 for due in figures.open_due if due < today)
    terms = risk_terms(high_flags=figures.high_flags, days_since_key_contact=silence,
                       overdue_actions=overdue, coverage=figures.coverage,
                       triangle=figures.triangle, backing=figures.backing,
                       days_to_close=None if heading.close_date is None
                       else (heading.close_date - today).days)
    return DealStanding(
        deal_id=heading.id, name=heading.name, account=heading.account, stage=heading.stage,
        amount=heading.amount, currency=heading.currency, close_date=heading.close_date,
        triangle=figures.triangle, coverage=figures.coverage, backing=figures.backing,
        high_flags=figures.high_flags, days_since_key_contact=silence,
        overdue_actions=overdue, terms=terms, people=figures.people)


def latest_key_contact(people: Iterable[Person]) -> date | None:
    """The latest contact with any key person; None when none is on record."""
    return max((p.last_contact for p in people if is_key(p) and p.last_contact is not None),
               default=None)


def days_since_key_contact(people: Iterable[Person], today: date) -> int | None:
    """Days since the latest contact with any key person (0 if it is dated in the future);
    None when no key person has a contact on record (or nobody is key)."""
    latest = max((p.last_contact for p in people if is_key(p) and p.last_contact is not None),
                 default=None)
    return None if latest is None else max(0, (today - latest).days)


def risk_terms(*, high_flags: int, days_since_key_contact: int | None, overdue_actions: int,
               coverage: float, triangle: DealTriangle, backing: float,
               days_to_close: int | None) -> RiskTerms:
    """The formula of the module docstring, term by term."""
    if days_since_key_contact is None:
        silence = SILENCE_MAX
    else:
        late = days_since_key_contact - SILENCE_FREE_DAYS
        silence = SILENCE_MAX * _clamp(late / (SILENCE_FULL_DAYS - SILENCE_FREE_DAYS))
    personal = triangle.personal.value
    weakest = min((v for v in (triangle.business.value, triangle.technical.value)
                   if v is not None), default=0.0)
    if triangle.business.value is None or triangle.technical.value is None:
        weakest = 0.0  # an unknown leg is the weakest there is
    shape = (PERSONAL_MAX * (1 - (personal or 0.0) / 10)
             + WEAKEST_MAX * (1 - weakest / 10))
    if days_to_close is None:
        urgency = 0.0
    else:
        urgency = _clamp((CALM_DAYS - days_to_close) / (CALM_DAYS - URGENT_DAYS))
    return RiskTerms(
        flags=min(FLAG_MAX, FLAG_POINTS * high_flags),
        silence=silence,
        overdue=min(OVERDUE_MAX, OVERDUE_POINTS * overdue_actions),
        coverage=COVERAGE_MAX * (1 - _clamp(coverage)),
        triangle=shape,
        closing=CLOSING_MAX * urgency * (1 - _clamp(backing)),
    )


def by_risk(standings: Iterable[DealStanding]) -> list[DealStanding]:
    """Highest risk first; ties by the nearer close date (none last), then by name."""
    return sorted(standings, key=lambda s: (-s.risk, s.close_date or date.max,
                                            s.name.casefold(), s.deal_id))


def chosen(standings: Iterable[DealStanding], *, account: str | None = None,
           stage: str | None = None, open_only: bool = True) -> list[DealStanding]:
    """The standings of one account and/or stage (either ignoring case), open deals only
    unless ``open_only`` is False; in risk order."""
    wanted_account = account.strip().casefold() if account else None
    wanted_stage = stage.strip().casefold() if stage else None
    return by_risk(
        s for s in standings
        if (not open_only or s.is_open)
        and (wanted_account is None or s.account.strip().casefold() == wanted_account)
        and (wanted_stage is None or s.stage.strip().casefold() == wanted_stage))


def _share(people: Sequence[Person], weights: Mapping[str, float],
           accept: Callable[[Person], bool]) -> float:
    """The share of the deal's influence weight on the people ``accept`` accepts."""
    total = sum(weights.get(p.id, 0.0) for p in people)
    if total <= 0.0:
        return 0.0
    return sum(weights.get(p.id, 0.0) for p in people if accept(p)) / total


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))

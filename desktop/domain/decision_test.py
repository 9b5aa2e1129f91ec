"""The decision test against the alternative: which corner of the triangle decides.

The founding essay's rule, per person: when the business outcomes are defined and both
options meet the technical bar, a business gap within parity leaves the *personal* win to
decide. So, comparing how the person sees us (their triangle) with how they see the
alternative (``Person.versus``):

1. outcome defined?  both business outcomes known — else the test cannot run;
2. technical bar?    both technical fits known and ≥ the bar (default 6) — an option under
                     the bar is out, and the other is favoured on technical fit;
3. parity?           |business gap| ≤ parity (default 1) → the personal win decides
                     (higher wins; equal: a tie), else the business outcome decides.

Formulas and examples: docs/triangle-math.md § "The decision test". Pure domain code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative
from desktop.domain.enums import Influence
from desktop.domain.person import Person
from desktop.domain.versus import Versus, strongest_alternative

HIGH_WEIGHT_FACTOR = 1.5  # a weight this many times the deal's average makes a person weigh


@dataclass(frozen=True, slots=True)
class DecisionSettings:
    """The test's two thresholds (the window reads them from its settings; the command line
    uses these defaults)."""

    technical_bar: int = 6
    parity: int = 1


DEFAULTS = DecisionSettings()


class Decides(StrEnum):
    """Which corner of the triangle decides, or that the test cannot run yet."""

    PERSONAL = "personal"  # business at parity, both over the bar: the personal win decides
    BUSINESS = "business"
    TECHNICAL = "technical"  # an option is under the technical bar
    UNKNOWN = "unknown"  # a score the test needs is unknown


class Favours(StrEnum):
    US = "us"
    ALTERNATIVE = "alternative"
    NEITHER = "neither"  # a tie, both under the bar, or the test cannot run


@dataclass(frozen=True, slots=True)
class DecisionTest:
    """One person's test: who is favoured, by which corner, and the sentence that says so."""

    person: str
    alternative: str  # the alternative's id
    decides: Decides
    favours: Favours
    verdict: str

    @property
    def parity(self) -> bool:
        return self.decides is Decides.PERSONAL


def default_alternative(deal: Deal, person: Person) -> Alternative | None:
    """The alternative a person's scores are against: the one already scored, else the one
    they lean to, else the deal's strongest (``strongest_alternative``)."""
    for chosen in (person.versus.alternative if person.versus else None, person.leans_to):
        if chosen is not None and (found := deal.alternative(chosen)) is not None:
            return found
    return strongest_alternative(deal.alternatives, deal.criteria)


def run_test(person: Person, versus: Versus, rival: str,
             settings: DecisionSettings = DEFAULTS) -> tuple[Decides, Favours, str]:
    """The test for ``person`` against the alternative named ``rival`` as they see it:
    (what decides, who it favours, the verdict in words)."""
    ours = person.scores
    business, technical = (ours.business.value, versus.business), \
        (ours.technical.value, versus.technical)
    if business[0] is None or business[1] is None:
        return Decides.UNKNOWN, Favours.NEITHER, "cannot run: the business outcome is not " \
            f"defined ({_unknown(business, technical, rival)})"
    if technical[0] is None or technical[1] is None:
        return Decides.UNKNOWN, Favours.NEITHER, \
            f"cannot run: {_unknown(business, technical, rival)}"
    bar = settings.technical_bar
    we_pass, they_pass = technical[0] >= bar, technical[1] >= bar
    if not (we_pass and they_pass):
        if not we_pass and not they_pass:
            return Decides.TECHNICAL, Favours.NEITHER, \
                f"neither meets the technical bar {_pair(technical, Favours.NEITHER, rival, bar)}"
        favoured = Favours.US if we_pass else Favours.ALTERNATIVE
        loser = rival if we_pass else "we"
        return Decides.TECHNICAL, favoured, \
            f"technical fit decides — {loser} {'is' if we_pass else 'are'} under the bar: " \
            f"favours {_side(favoured, rival)} {_pair(technical, favoured, rival, bar)}"
    gap = business[0] - business[1]
    if abs(gap) > settings.parity:
        favoured = Favours.US if gap > 0 else Favours.ALTERNATIVE
        return Decides.BUSINESS, favoured, \
            f"business outcome decides — favours {_side(favoured, rival)} " \
            f"{_pair(business, favoured, rival)}"
    personal = (ours.personal.value, versus.personal)
    if personal[0] is None or personal[1] is None:
        sides = [side for side, value in (("us", personal[0]), (rival, personal[1]))
                 if value is None]
        return Decides.PERSONAL, Favours.NEITHER, \
            f"parity: personal win decides — unknown for {' and '.join(sides)}: ask"
    if personal[0] == personal[1]:
        return Decides.PERSONAL, Favours.NEITHER, \
            f"parity: personal win decides — a tie {_pair(personal, Favours.NEITHER, rival)}"
    favoured = Favours.US if personal[0] > personal[1] else Favours.ALTERNATIVE
    return Decides.PERSONAL, favoured, \
        f"parity: personal win decides — favours {_side(favoured, rival)} " \
        f"{_pair(personal, favoured, rival)}"


def decision_tests(deal: Deal, settings: DecisionSettings = DEFAULTS,
                   people: Iterable[Person] | None = None) -> list[DecisionTest]:
    """The test of every person the seller scored an alternative for, in the deal's order
    (of ``people`` only, when given: the red flag tests those who weigh)."""
    found = []
    alternatives = {a.id: a for a in deal.alternatives}
    for person in deal.people if people is None else people:
        versus = person.versus
        if versus is None or not versus.scored:
            continue
        rival = alternatives.get(versus.alternative)
        if rival is None:  # not in a valid deal; kept safe for a hand-built one
            continue
        decides, favours, verdict = run_test(person, versus, rival.name, settings)
        found.append(DecisionTest(person.id, rival.id, decides, favours, verdict))
    return found


def key_tests(deal: Deal, tests: Sequence[DecisionTest], weights: Mapping[str, float],
              most: int | None = None) -> list[DecisionTest]:
    """The tests of the key people — who weighs (``high_weight``) or has a buying role —
    those whose test runs first, those favouring the alternative (what to act on) before
    the rest, then by weight: what a panel or a brief has room for."""
    chosen = [t for t in tests if (p := deal.person(t.person)).roles
              or high_weight(p, weights, len(deal.people))]
    chosen.sort(key=lambda t: (t.decides is Decides.UNKNOWN,
                               t.favours is not Favours.ALTERNATIVE,
                               -weights.get(t.person, 0.0), deal.person(t.person).name))
    return chosen if most is None else chosen[:most]


def verdict_line(deal: Deal, test: DecisionTest) -> str:
    """"Dana Whitfield, us against Epic: parity: personal win decides — favours Epic (Epic 8,
    us 4)": whose test, and the two sides it weighs."""
    rival = deal.alternative(test.alternative)
    return (f"{deal.person(test.person).name}, us against {rival.name if rival else '?'}: "
            f"{test.verdict}")


def decision_tests_to_plain(tests: Sequence[DecisionTest]) -> list[dict[str, Any]]:
    """``analysis.decision_tests`` of ``show --json`` (docs/deal-file.md): ``favours`` is
    "us", "alternative" or "neither"; ``decides`` the corner that decides ("unknown": the
    test cannot run, the verdict says what is missing)."""
    return [{"person": t.person, "verdict": t.verdict, "favours": t.favours.value,
             "alternative": t.alternative, "decides": t.decides.value} for t in tests]


def high_weight(person: Person, weights: Mapping[str, float], people: int) -> bool:
    """Whether a person weighs in the decision: high influence, or an influence weight at
    least ``HIGH_WEIGHT_FACTOR`` times the deal's average (1 / people)."""
    if person.influence is Influence.HIGH:
        return True
    return people > 0 and weights.get(person.id, 0.0) >= HIGH_WEIGHT_FACTOR / people


def _side(favours: Favours, rival: str) -> str:
    return "us" if favours is Favours.US else rival


def _pair(values: tuple[int | None, int | None], favours: Favours, rival: str,
          bar: int | None = None) -> str:
    """"(MedBridge 8, us 4)": both sides named, the favoured one first (us first when
    neither is). A bare "(8 vs 4)" read us-then-them in one sentence and them-then-us in
    the next (found by a fresh-eyes tester)."""
    ours, theirs = values
    sides = [f"us {ours}", f"{rival} {theirs}"]
    if favours is Favours.ALTERNATIVE:
        sides.reverse()
    return "(" + ", ".join(sides + ([f"bar {bar}"] if bar is not None else [])) + ")"


def _unknown(business: tuple[int | None, int | None],
             technical: tuple[int | None, int | None], rival: str) -> str:
    """"business outcome for us, technical fit for Epic unknown": what the test lacks."""
    missing = [f"{axis} for {side}" for axis, pair in
               (("business outcome", business), ("technical fit", technical))
               for side, value in (("us", pair[0]), (rival, pair[1])) if value is None]
    return ", ".join(missing) + " unknown"

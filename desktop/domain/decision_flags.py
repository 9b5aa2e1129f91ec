"""The red flag of the decision test: a person who weighs is at parity with the alternative
on business outcome, both meet the technical bar, and their personal win favours the
alternative — the deal is decided on the corner we are losing (docs/red-flags.md)."""

from __future__ import annotations

from desktop.domain.decision_test import Favours, decision_tests, high_weight
from desktop.domain.flag_types import FlagContext, RedFlag, Severity

CODE = "personal-win-favours-alternative"


def rule_personal_win_decides_against_us(ctx: FlagContext) -> list[RedFlag]:
    deal = ctx.deal
    flags = []
    count = len(deal.people)
    weighing = [p for p in deal.people if p.versus is not None
                and high_weight(p, ctx.weights, count)]  # the test only for those who weigh
    for test in decision_tests(deal, ctx.decision, weighing):
        if not test.parity or test.favours is not Favours.ALTERNATIVE:
            continue
        person = deal.person(test.person)
        rival = deal.alternative(test.alternative)
        versus = person.versus
        if rival is None or versus is None:
            continue
        flags.append(RedFlag(
            CODE, Severity.HIGH,
            f"{person.name} sees us and {rival.name} at parity on business outcome "
            f"(us {person.scores.business.value}, {rival.name} {versus.business}), both at "
            f"or over the technical bar ({ctx.decision.technical_bar}), and their personal "
            f"win favours {rival.name} ({rival.name} {versus.personal}, us "
            f"{person.scores.personal.value}): the personal win decides. Find them a win "
            "with us, or they choose the alternative.",
            (person.id,)))
    return flags

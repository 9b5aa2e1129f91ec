"""The red flags of issue 16: each rule raised by a deal that has the problem and quiet on one
that does not, with "today" fixed so the answers never depend on the clock."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.domain.actions import Action, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.enums import (
    Axis,
    Confidence,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.person import Person
from desktop.domain.red_flags import CORE_RULES, RedFlag, Severity, red_flags
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle


def uid(name: str) -> str:
    """A fixed id per name (ids are UUIDs), so tests can name people in assertions."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"red-flags-plan/{name}"))


EVE, CARL, FRED, DANA = uid("eve"), uid("carl"), uid("fred"), uid("dana")
TODAY = date(2026, 11, 23)
CLOSE = date(2026, 12, 31)
ACME = Alternative("Acme", AlternativeKind.COMPETITOR, id=uid("acme"))
NOTHING = Alternative("Do nothing", AlternativeKind.DO_NOTHING, id=uid("nothing"))


def heard(value: int | None) -> Score:
    return Score(value, confidence=Confidence.HEARD)


def someone(name: str, *roles: Role, influence: Influence = Influence.MEDIUM,
            support: Support = Support.NEUTRAL, mode: ResponseMode | None = None,
            contact: date | None = TODAY) -> Person:
    return Person(name=name, id=uid(name.lower()), roles=roles, influence=influence,
                  support=support, coverage=Coverage.GOOD, mode=mode, last_contact=contact,
                  scores=Triangle(heard(6), heard(6), heard(6)))


def calm() -> Deal:
    """A deal with a sound plan: no flag at all, old or new."""
    eve = someone("Eve", Role.ECONOMIC_BUYER, influence=Influence.HIGH,
                  support=Support.SUPPORTER, mode=ResponseMode.TROUBLE)
    carl = someone("Carl", Role.COACH, support=Support.MENTOR)
    fred = someone("Fred", Role.TECHNICAL_BUYER, support=Support.OPPONENT)
    dana = someone("Dana", Role.USER_BUYER)
    return Deal(
        name="Calm", close_date=CLOSE,
        people=(eve, carl, fred, dana),
        relations=(Relation(carl.id, eve.id, RelationKind.INFLUENCE, 3),
                   Relation(dana.id, fred.id, RelationKind.REPORTS_TO)),
        alternatives=(ACME, NOTHING),
        compelling_event=CompellingEvent("Ward system support ends", date(2027, 3, 31)),
        actions=(Action("Business case review with Eve", due=TODAY + timedelta(days=3),
                        for_people=(eve.id,), id=uid("a-review")),),
        criteria=(Criterion("Total cost", weight=5, owner=eve.id, ours=7,
                            theirs={ACME.id: 6}, id=uid("c-cost")),),
        process=(ProcessStep("Security review", approver=fred.id,
                             planned=date(2026, 12, 4), id=uid("s-security")),
                 ProcessStep("Signature", approver=eve.id, planned=CLOSE, id=uid("s-sign"))),
    )


def flags(deal: Deal, *, today: date = TODAY, stale_days: int = 30) -> list[RedFlag]:
    return red_flags(deal, {}, today=today, stale_days=stale_days)


def flag(deal: Deal, code: str, **options: object) -> RedFlag:
    found = [f for f in flags(deal, **options) if f.code == code]  # type: ignore[arg-type]
    assert len(found) == 1, [f.code for f in flags(deal, **options)]  # type: ignore[arg-type]
    return found[0]


def codes(deal: Deal, **options: object) -> set[str]:
    return {f.code for f in flags(deal, **options)}  # type: ignore[arg-type]


def changed(deal: Deal, name: str, **fields: object) -> Deal:
    person = next(p for p in deal.people if p.name == name)
    return deal.with_people_replaced([replace(person, **fields)])  # type: ignore[arg-type]


def test_the_calm_deal_raises_nothing() -> None:
    assert codes(calm()) == set()


# -- a high-influence person with no open action ------------------------------------------------

def test_a_high_influence_person_without_an_open_action_is_flagged_by_name() -> None:
    deal = calm()
    deal = deal.with_plan(actions=[deal.actions[0].done(TODAY)])
    raised = flag(deal, "no-open-action")
    assert raised.people == (EVE,)
    assert "Eve" in raised.message
    assert raised.severity is Severity.MEDIUM


@pytest.mark.parametrize("action", [
    Action("Eve sends the budget", owner_side=OwnerSide.CUSTOMER, owner=EVE),
    Action("Pilot results", intended=IntendedChange(EVE, Axis.BUSINESS, 9, 6)),
])
def test_owning_or_being_moved_by_an_open_action_counts(action: Action) -> None:
    deal = calm().with_plan(actions=[action])
    assert "no-open-action" not in codes(deal)


def test_medium_influence_people_need_no_action() -> None:
    deal = calm()  # Carl, Fred and Dana have none
    assert "no-open-action" not in codes(deal)


# -- overdue actions ---------------------------------------------------------------------------

def test_overdue_actions_say_how_many_and_the_oldest() -> None:
    deal = calm().with_plan(actions=[
        *calm().actions,
        Action("Send the pricing", due=TODAY - timedelta(days=12), for_people=(CARL,)),
        Action("Book the demo", due=TODAY - timedelta(days=3), owner_side=OwnerSide.CUSTOMER,
               owner=FRED),
        Action("Due today is not late", due=TODAY, for_people=(DANA,)),
    ])
    raised = flag(deal, "overdue-actions")
    assert raised.message.startswith("2 actions overdue, the oldest by 12 days (“Send the "
                                     "pricing”)")
    assert raised.people == (CARL, FRED)


def test_one_overdue_action_is_worded_in_the_singular() -> None:
    deal = calm().with_plan(actions=[*calm().actions, Action(
        "Send the pricing", due=TODAY - timedelta(days=1))])
    assert flag(deal, "overdue-actions").message.startswith("1 action overdue by 1 day ")


def test_done_or_dropped_actions_past_their_date_are_not_overdue() -> None:
    late = Action("Send the pricing", due=TODAY - timedelta(days=30))
    deal = calm().with_plan(actions=[*calm().actions, late.done(TODAY),
                                     replace(late, id=uid("other")).dropped(TODAY)])
    assert "overdue-actions" not in codes(deal)


def test_today_is_a_parameter() -> None:
    deal = calm().with_plan(actions=[Action("Send the pricing", due=TODAY,
                                            for_people=(EVE,))])
    assert "overdue-actions" not in codes(deal)
    later = flag(deal, "overdue-actions", today=TODAY + timedelta(days=5))
    assert "by 5 days" in later.message


# -- the economic buyer's criteria -------------------------------------------------------------

def test_no_criterion_of_the_economic_buyer_is_flagged() -> None:
    deal = calm().with_plan(criteria=[Criterion("Uptime", owner=FRED, ours=8)])
    raised = flag(deal, "eb-criteria-unknown")
    assert raised.people == (EVE,)
    assert "Eve" in raised.message
    assert "no criterion is theirs" in raised.message


def test_the_economic_buyers_criteria_unrated_for_us_are_flagged() -> None:
    deal = calm().with_plan(criteria=[Criterion("Total cost", owner=EVE,
                                                theirs={ACME.id: 7})])
    raised = flag(deal, "eb-criteria-unknown")
    assert "Total cost" in raised.message
    assert "not rated for us" in raised.message


def test_one_rated_criterion_of_the_economic_buyer_is_enough() -> None:
    deal = calm().with_plan(criteria=[Criterion("Risk", owner=EVE),
                                      Criterion("Total cost", owner=EVE, ours=4)])
    assert "eb-criteria-unknown" not in codes(deal)


def test_without_an_economic_buyer_the_criteria_rule_is_silent() -> None:
    deal = changed(calm(), "Eve", roles=())
    assert "eb-criteria-unknown" not in codes(deal)
    assert "no-economic-buyer" in codes(deal)


# -- the decision process -----------------------------------------------------------------------

def test_a_step_after_the_close_date_is_flagged_with_its_date_and_approver() -> None:
    deal = calm().with_plan(process=[*calm().process, ProcessStep(
        "Procurement", approver=DANA, planned=date(2027, 1, 15))])
    raised = flag(deal, "step-after-close")
    assert raised.severity is Severity.HIGH
    assert "Procurement (15 Jan 2027)" in raised.message
    assert "31 Dec 2026" in raised.message
    assert raised.people == (DANA,)


def test_a_finished_step_after_the_close_date_or_a_deal_without_one_is_not() -> None:
    done = ProcessStep("Procurement", planned=date(2027, 1, 15), status=StepStatus.DONE)
    assert "step-after-close" not in codes(calm().with_plan(process=[done]))
    late = replace(done, status=StepStatus.PLANNED)
    undated_close = replace(calm().with_plan(process=[late]), close_date=None)
    assert "step-after-close" not in codes(undated_close)


def test_a_remaining_step_without_a_date_is_flagged() -> None:
    deal = calm().with_plan(process=[*calm().process,
                                     ProcessStep("Legal", approver=FRED),
                                     ProcessStep("Board", status=StepStatus.UNDER_WAY)])
    raised = flag(deal, "step-undated")
    assert raised.message.startswith("2 process steps have no date: Legal and Board.")
    assert raised.people == (FRED,)


def test_a_skipped_step_needs_no_date() -> None:
    deal = calm().with_plan(process=[ProcessStep("Legal", status=StepStatus.SKIPPED)])
    assert "step-undated" not in codes(deal)


# -- the compelling event -----------------------------------------------------------------------

def test_no_compelling_event_is_flagged_and_one_is_enough() -> None:
    assert "no-compelling-event" in codes(calm().with_plan(compelling_event=None))
    assert "no-compelling-event" not in codes(calm())


# -- someone leaning to an alternative, close to the economic buyer ------------------------------

def test_a_person_leaning_to_a_competitor_who_influences_the_buyer_is_flagged() -> None:
    deal = changed(calm(), "Dana", leans_to=ACME.id)
    deal = replace(deal, relations=(*deal.relations,
                                    Relation(DANA, EVE, RelationKind.INFLUENCE, 2)))
    raised = flag(deal, "alternative-near-economic-buyer")
    assert raised.severity is Severity.HIGH
    assert raised.message.startswith("Dana (leans to Acme) has a direct line to Eve, the "
                                     "economic buyer")
    assert raised.people == (DANA, EVE)


@pytest.mark.parametrize("line", [
    Relation(EVE, DANA, RelationKind.REPORTS_TO),  # the buyer reports to them
    Relation(DANA, EVE, RelationKind.REPORTS_TO),  # they report to the buyer
    Relation(EVE, DANA, RelationKind.DOTTED_LINE),
])
def test_a_reporting_line_either_way_is_a_line_to_the_buyer(line: Relation) -> None:
    deal = changed(calm(), "Dana", leans_to=NOTHING.id)
    deal = replace(deal, relations=(*deal.relations, line))
    raised = flag(deal, "alternative-near-economic-buyer")
    assert raised.message.startswith("Dana (leans to doing nothing) has")


def test_someone_who_coaches_a_competitor_counts_too() -> None:
    deal = changed(calm(), "Dana", coaches_competitor=True)
    deal = replace(deal, relations=(*deal.relations,
                                    Relation(DANA, EVE, RelationKind.REPORTS_TO)))
    raised = flag(deal, "alternative-near-economic-buyer")
    assert raised.message.startswith("Dana (coaches a competitor) has")


def test_a_named_build_option_is_worded_with_its_name() -> None:
    build = Alternative("In-house data platform", AlternativeKind.BUILD, id=uid("build"))
    deal = calm().with_plan(alternatives=[ACME, NOTHING, build])
    deal = changed(deal, "Eve", leans_to=build.id)
    assert flag(deal, "alternative-near-economic-buyer").message.startswith(
        "Eve, the economic buyer, leans to building it themselves — “In-house data platform”: "
        "learn")


def test_the_buyer_leaning_elsewhere_is_flagged() -> None:
    deal = changed(calm(), "Eve", leans_to=ACME.id)
    raised = flag(deal, "alternative-near-economic-buyer")
    assert raised.message.startswith("Eve, the economic buyer, leans to Acme")


@pytest.mark.parametrize("line", [
    None,  # leaning, but no line to the buyer
    Relation(EVE, DANA, RelationKind.INFLUENCE, 3),  # the buyer influences them
    Relation(DANA, EVE, RelationKind.CONFLICT),
])
def test_leaning_without_the_buyers_ear_is_not_flagged(line: Relation | None) -> None:
    deal = changed(calm(), "Dana", leans_to=ACME.id)
    if line is not None:
        deal = replace(deal, relations=(*deal.relations, line))
    assert "alternative-near-economic-buyer" not in codes(deal)


def test_a_line_to_the_buyer_without_leaning_is_not_flagged() -> None:
    deal = replace(calm(), relations=(*calm().relations,
                                      Relation(DANA, EVE, RelationKind.INFLUENCE, 3)))
    assert "alternative-near-economic-buyer" not in codes(deal)


# -- the economic buyer's response mode ----------------------------------------------------------

@pytest.mark.parametrize("mode", [ResponseMode.EVEN_KEEL, ResponseMode.OVERCONFIDENT])
def test_a_buyer_with_no_urgency_to_change_is_flagged(mode: ResponseMode) -> None:
    raised = flag(changed(calm(), "Eve", mode=mode), "eb-no-urgency")
    assert raised.severity is Severity.HIGH
    assert raised.people == (EVE,)
    assert raised.message.startswith(f"Eve (economic buyer) is in {mode.label} mode")
    assert "no urgency to change" in raised.message


@pytest.mark.parametrize("mode", [ResponseMode.GROWTH, ResponseMode.TROUBLE, None])
def test_a_buyer_in_growth_or_trouble_mode_is_not(mode: ResponseMode | None) -> None:
    assert "eb-no-urgency" not in codes(changed(calm(), "Eve", mode=mode))


def test_someone_else_on_an_even_keel_is_not_the_buyers_problem() -> None:
    deal = changed(calm(), "Fred", mode=ResponseMode.EVEN_KEEL)
    assert "eb-no-urgency" not in codes(deal)


# -- key people not contacted --------------------------------------------------------------------

def test_key_people_not_contacted_for_n_days_are_named_longest_first() -> None:
    deal = changed(changed(calm(), "Carl", last_contact=TODAY - timedelta(days=45)),
                   "Fred", last_contact=None)
    raised = flag(deal, "key-person-not-contacted")
    assert raised.message.startswith("Key people not contacted for over 30 days: Fred (never) "
                                     "and Carl (45 days).")
    assert raised.people == (FRED, CARL)


def test_the_number_of_days_is_a_setting() -> None:
    deal = changed(calm(), "Carl", last_contact=TODAY - timedelta(days=45))
    assert "key-person-not-contacted" not in codes(deal, stale_days=60)
    assert flag(deal, "key-person-not-contacted", stale_days=40).message.startswith(
        "A key person not contacted for over 40 days: Carl (45 days).")


def test_someone_without_a_role_or_high_influence_is_not_a_key_person() -> None:
    deal = changed(calm(), "Dana", roles=(), last_contact=None)
    assert "key-person-not-contacted" not in codes(deal)
    assert "key-person-not-contacted" in codes(changed(calm(), "Dana", last_contact=None))


def test_when_nobody_was_contacted_the_deal_wide_flag_says_it_once() -> None:
    deal = calm()
    deal = deal.with_people_replaced(replace(p, last_contact=None) for p in deal.people)
    found = codes(deal)
    assert "no-recent-contact" in found
    assert "key-person-not-contacted" not in found


# -- assumed scores on high-influence people -----------------------------------------------------

def test_assumed_scores_of_high_influence_people_are_flagged_with_their_axes() -> None:
    deal = changed(calm(), "Eve", scores=Triangle(Score(8), heard(7), Score(5)))
    raised = flag(deal, "assumed-scores")
    assert "Eve (business outcome, personal win)" in raised.message
    assert raised.people == (EVE,)


def test_heard_scores_unknown_scores_and_medium_influence_are_not() -> None:
    assert "assumed-scores" not in codes(calm())  # Eve's scores were heard
    unknown = changed(calm(), "Eve", scores=Triangle(heard(8), heard(7), Score(None)))
    assert "assumed-scores" not in codes(unknown)
    guessed = changed(calm(), "Carl", scores=Triangle(Score(8), Score(8), Score(8)))
    assert "assumed-scores" not in codes(guessed)


# -- the pass ------------------------------------------------------------------------------------

def test_the_old_rules_alone_leave_the_new_flags_out() -> None:
    deal = calm().with_plan(compelling_event=None)
    assert "no-compelling-event" not in {
        f.code for f in red_flags(deal, {}, today=TODAY, rules=CORE_RULES)}


def test_a_long_list_of_names_is_cut_but_every_id_is_kept() -> None:
    crowd = [someone(f"P{i}", influence=Influence.HIGH) for i in range(12)]
    deal = replace(calm(), people=(*calm().people, *crowd))
    raised = flag(deal, "no-open-action")
    assert raised.message.endswith("P0, P1, P2, P3, P4 and 7 more: plan what each needs to "
                                   "move forward, with a date.")
    assert len(raised.people) == 12


def test_demo_deals_flags_name_their_people(demos: list[Deal]) -> None:
    for deal in demos:
        ids = {p.id for p in deal.people}
        for raised in red_flags(deal, {}, today=TODAY):
            assert set(raised.people) <= ids
            assert raised.message.endswith((".", "?")), raised.message


def test_the_synthetic_plan_keeps_the_map_and_exercises_the_plan_rules() -> None:
    from desktop.synthetic import synthetic_deal
    from desktop.synthetic_plan import TODAY as SYNTHETIC_TODAY
    from desktop.synthetic_plan import with_synthetic_plan

    bare = synthetic_deal(120, seed=3)
    planned = with_synthetic_plan(bare, seed=3)
    assert [p.name for p in planned.people] == [p.name for p in bare.people]
    assert planned.relations == bare.relations
    assert (len(planned.actions), len(planned.criteria), len(planned.process)) == (120, 50, 8)
    found = {f.code for f in red_flags(planned, {}, today=SYNTHETIC_TODAY)}
    assert {"overdue-actions", "step-after-close", "step-undated"} <= found
    assert "no-compelling-event" not in found

"""The decision records of a deal (issue 16, the domain first): alternatives, weighted
criteria rated for us and each alternative, the process and the compelling event."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
    steps_after,
    undated_steps,
    weighted_standing,
)
from desktop.domain.errors import ValidationError
from desktop.domain.ids import new_id


def test_criteria_rate_us_against_an_alternative_by_weight() -> None:
    rival = Alternative("Epic Systems")
    nothing = Alternative("Do nothing", AlternativeKind.DO_NOTHING)
    criteria = [
        Criterion("Clinician adoption", weight=5, ours=8, theirs={rival.id: 6}),
        Criterion("Integration with the EHR", weight=3, ours=5, theirs={rival.id: 9}),
        Criterion("Price", weight=2, ours=None, theirs={rival.id: 7}),  # ours unknown
    ]
    assert criteria[0].gap(rival.id) == 2
    assert criteria[2].gap(rival.id) is None
    assert weighted_standing(criteria, rival.id) == pytest.approx((5 * 2 + 3 * -4) / 8)
    assert weighted_standing(criteria, nothing.id) is None


@pytest.mark.parametrize(("fields", "place"), [
    ({"text": "x", "weight": 0}, "weight"),
    ({"text": "x", "weight": True}, "weight"),
    ({"text": "x", "weight": 2.0}, "weight"),
    ({"text": "x", "ours": 11}, "ours"),
    ({"text": "x", "theirs": {"not-an-id": 3}}, "theirs"),
    ({"text": "x", "owner": "nobody"}, "owner"),
    ({"text": " "}, "text"),
])
def test_a_bad_criterion_names_the_field(fields: dict[str, object], place: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Criterion(**fields)  # type: ignore[arg-type]
    assert refused.value.path == place


def test_a_criterion_cannot_be_changed_through_its_ratings() -> None:
    rival = new_id()
    ratings = {rival: 4}
    criterion = Criterion("Security", theirs=ratings)
    ratings[rival] = 9
    assert criterion.theirs[rival] == 4
    with pytest.raises(TypeError):
        criterion.theirs[rival] = 1  # type: ignore[index]


def test_the_process_steps_that_threaten_the_close_date() -> None:
    close = date(2027, 3, 31)
    steps = [ProcessStep("Evaluation", planned=date(2027, 1, 15), status=StepStatus.DONE),
             ProcessStep("Security review", planned=date(2027, 2, 20)),
             ProcessStep("Legal"),
             ProcessStep("Board approval", planned=date(2027, 4, 12)),
             ProcessStep("Skipped pilot", planned=date(2027, 5, 1), status=StepStatus.SKIPPED)]
    assert [s.name for s in steps_after(steps, close)] == ["Board approval"]
    assert [s.name for s in undated_steps(steps)] == ["Legal"]
    assert steps_after(steps, None) == []


def test_alternatives_steps_and_the_compelling_event_refuse_nonsense() -> None:
    with pytest.raises(ValidationError, match="kind"):
        Alternative("Rival", "vendor")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="status"):
        ProcessStep("Legal", status="waiting")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="planned"):
        ProcessStep("Legal", planned="2026-02-30")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="text"):
        CompellingEvent("")
    event = CompellingEvent("The old system's support ends;\nno patches after March",
                            by=date(2027, 3, 31))
    assert event.text == "The old system's support ends; no patches after March"

"""A clash in the seller's words: whose value, which field, what it is here and what the
colleague made it (``desktop/team_questions.py``)."""

from __future__ import annotations

from desktop.exchange.stamped_merge import Rebased
from desktop.team_questions import clash_lines

MINE = {"id": "d", "name": "Helix",
        "people": [{"id": "p" * 36, "name": "Jonas Berg"}],
        "actions": [{"id": "a" * 36, "text": "Send the storage cost model"}]}


def _line(path: tuple[str, ...], theirs: object, ours: object) -> str:
    where = ("deals", "d", *path)
    (line,) = clash_lines("Helix", Rebased({}, [where], {where: (theirs, ours)}), MINE, "Ben")
    return line


def test_each_clash_names_the_record_the_field_and_both_values() -> None:
    person = ("people", "p" * 36)
    assert _line((*person, "title"), "CMO", "CMIO") == \
        "Helix: Jonas Berg's title: “CMIO” here, “CMO” from Ben"
    assert _line((*person, "support"), 2, -1) == \
        "Helix: Jonas Berg's support: Opponent here, Mentor from Ben"
    assert _line((*person, "scores", "personal", "value"), None, 4) == \
        "Helix: Jonas Berg's personal win score: 4 here, empty from Ben"
    assert _line(("actions", "a" * 36, "due"), "2027-01-15", "2027-02-01") == \
        ("Helix: the action “Send the storage cost model”'s due: “2027-02-01” here, "
         "“2027-01-15” from Ben")
    assert _line(("close_date",), "2027-03-31", "2027-06-30") == \
        "Helix: the deal's close date: “2027-06-30” here, “2027-03-31” from Ben"


def test_a_long_or_odd_value_is_shown_short_and_printable() -> None:
    line = _line(("people", "p" * 36, "notes"), "x" * 500, "a\x1b[31m\nb")
    assert "“a[31m b” here" in line
    assert len(line) < 160

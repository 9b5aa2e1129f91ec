"""The what-if's words count the plan once: the number in "If the open plan succeeds (…)"
and the actions listed plus "… and N more" add up to the same open actions, and an action
whose target is reached already is said to be so in both (a fresh-eyes tester read "6
intended changes" above three listed actions "and 4 more": 7)."""

from __future__ import annotations

import re

from desktop.domain.actions import IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.influence import stated_weights
from desktop.domain.triangle_math import deal_triangle
from desktop.domain.what_if import what_if
from desktop.domain.what_if_text import more_line, projection_line
from tests.domain.test_what_if import plan, scored


def reached_plan() -> Deal:
    """Five open actions with an intended change; A's business is 9 already, past its 8."""
    a, b, c = scored("A", 9, 5, 5), scored("B", 4, 5, 5), scored("C", 3, 3, 3)
    return plan(Deal("D", people=(a, b, c)),
                IntendedChange(a.id, Axis.BUSINESS, 8, before=6),
                IntendedChange(b.id, Axis.BUSINESS, 6, before=4),
                IntendedChange(c.id, Axis.TECHNICAL, 6, before=3),
                IntendedChange(c.id, Axis.PERSONAL, 7, before=3),
                IntendedChange(b.id, Axis.PERSONAL, 8, before=5))


def test_the_heading_count_and_the_listed_count_agree_and_name_the_reached_one() -> None:
    deal = reached_plan()
    weights = stated_weights(deal.people)
    result = what_if(deal, weights)
    assert result.changes == 4
    assert result.reached == 1
    assert len(result.effects) == 5
    line = projection_line(deal_triangle(deal.people, weights), result)
    assert line.startswith("If the open plan succeeds (5 open actions with an intended "
                           "change, 1 of them reached already): ")
    shown = 3  # what the window lists under the chart
    more = more_line(result, shown)
    assert more == "… and 2 more open actions with an intended change (1 reached already)"
    said = re.search(r"\((\d+) open actions", line)
    rest = re.search(r"and (\d+) more", more)
    assert said is not None
    assert rest is not None
    assert shown + int(rest.group(1)) == int(said.group(1))


def test_nothing_reached_says_no_reached_and_a_whole_list_has_no_more_line() -> None:
    whole = reached_plan()
    deal = whole.with_plan(actions=whole.actions[1:])  # A's reached action is gone
    result = what_if(deal, stated_weights(deal.people))
    line = projection_line(deal_triangle(deal.people, stated_weights(deal.people)), result)
    assert "(4 open actions with an intended change): " in line
    assert "reached" not in line
    assert more_line(result, 3) == "… and 1 more open action with an intended change"
    assert more_line(result, 4) == ""

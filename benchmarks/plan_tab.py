"""The Plan tab on a deal with 2,000 actions and 50 criteria: a click on the Due header (sort,
the other way each run) and a filter typed (two texts in turn), through the real panel — the
model's sort and filter, the groups laid out again, the tree's persistent indexes moved.
Goal ≤ 50 ms for sort + filter. Baseline, in the same run: a plain ``sorted()`` of the same
rows by due date and a list comprehension keeping those that hold the same words."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.harness import Result, format_seconds
from benchmarks.qt_app import application
from desktop.domain.actions import (
    Action,
    ActionStatus,
    IntendedChange,
    OwnerSide,
)
from desktop.domain.deal import Deal
from desktop.domain.decision import Criterion
from desktop.domain.enums import Axis
from desktop.store.library import Library

ACTIONS = 2_000
CRITERIA = 50
REPEAT = 7
GOAL = "≤ 50 ms"
FILTERS = ("review", "security answers")
_VERBS = ("Send", "Book", "Review", "Agree", "Prepare", "Call", "Share", "Confirm")
_THINGS = ("the security answers", "the pricing outline", "a reference call",
           "the pilot's success measures", "the ward-team demo", "the board paper",
           "the procurement forms", "the DPIA template")


def planned_deal(actions: int = ACTIONS, criteria: int = CRITERIA) -> Deal:
    """Helix (25 people) with ``actions`` actions — dated around today, every status, owners
    on both sides, one to three people each, some with an intended change — and
    ``criteria`` weighted criteria."""
    from desktop.demo import demo_deals

    helix = next(d for d in demo_deals() if d.name.startswith("Helix"))
    people = [p.id for p in helix.people]
    draw = random.Random(16)
    today = date.today()
    made = []
    for number in range(actions):
        status = draw.choices(list(ActionStatus), weights=(7, 2, 1))[0]
        due = today + timedelta(days=draw.randint(-40, 120)) if draw.random() < 0.85 else None
        side = draw.choice(list(OwnerSide))
        owner = draw.choice(people) if side is not OwnerSide.US else "Anna Keller"
        intended = IntendedChange(draw.choice(people), draw.choice(list(Axis)),
                                  draw.randint(5, 10), draw.randint(0, 5)) \
            if draw.random() < 0.3 else None
        made.append(Action(f"{draw.choice(_VERBS)} {draw.choice(_THINGS)} #{number}", due,
                           side, owner, status, today if status is not ActionStatus.OPEN
                           else None, tuple(draw.sample(people, draw.randint(1, 3))),
                           intended))
    rated = [Criterion(f"Criterion {n}", draw.randint(1, 5), draw.choice(people),
                       draw.randint(0, 10)) for n in range(criteria)]
    return helix.with_plan(actions=made, criteria=rated)


def run() -> list[Result]:
    from PySide6.QtCore import Qt

    from desktop.ui.panels.plan_panel import PlanPanel
    from desktop.ui.plan_model import PlanColumn, plan_rows
    from desktop.ui.session import LibrarySession

    app = application()
    deal = planned_deal()
    folder = Path(tempfile.mkdtemp(prefix="bench-plan-"))
    with Library.open(folder / "library.sqlite") as library:
        library.add_deals([deal])
    session = LibrarySession()
    session.open(Library.open(folder / "library.sqlite"))
    panel = PlanPanel(session)
    panel.resize(900, 500)
    panel.show()
    session.show_deal(deal.id)
    app.processEvents()
    start = time.perf_counter()
    panel.model.set_deal(session.deal)
    build = time.perf_counter() - start

    rows = plan_rows(deal, date.today())
    results = []
    for label, filters in (("sort + filter", FILTERS), ("sort, every row shown", ("", ""))):
        ours, baseline = [], []
        for run_number in range(REPEAT):
            order = Qt.SortOrder.AscendingOrder if run_number % 2 else \
                Qt.SortOrder.DescendingOrder
            text = filters[run_number % 2]
            start = time.perf_counter()
            panel.tree.sortByColumn(PlanColumn.DUE, order)  # what a header click does
            panel.filter.setText(text)  # what typing does, a word at a time or pasted
            ours.append(time.perf_counter() - start)
            app.processEvents()

            start = time.perf_counter()
            words = text.casefold().split()
            ordered = sorted(rows, key=lambda row: row.action.due or date.max,
                             reverse=order == Qt.SortOrder.DescendingOrder)
            [row for row in ordered if all(word in row.haystack for word in words)]
            baseline.append(time.perf_counter() - start)
        shown = sum(len(group_rows) for _, group_rows in panel.model.groups())
        results.append(Result(
            f"plan tab {label}, {ACTIONS:,} actions", statistics.median(ours),
            statistics.median(baseline), goal=GOAL,
            note=f"{CRITERIA} criteria; {shown:,} rows shown; rows built once per change "
                 f"of the deal in {format_seconds(build)}; baseline: sorted() and a "
                 "comprehension over the same rows"))
    panel.close()
    session.close()
    return results


if __name__ == "__main__":
    for result in run():
        print(result.line())

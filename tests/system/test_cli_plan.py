"""The plan on the command line, as a user runs it (real subprocesses): ``actions`` as a
table grouped like the Plan tab and as JSON in the deal file's shape, ``--overdue``,
``--today``; ``show`` with the plan in brief; ``export -o plan.ics`` and the workbook's plan
sheets, read back by icalendar and openpyxl."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from desktop.demo import demo_deals
from desktop.domain.plain import action_to_plain
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.pdf import pdftext
from tests.helpers.plans import (
    CRITERION_EVIDENCE,
    PRIVATE_EVIDENCE,
    PRIVATE_NOTE,
    TODAY,
    ident,
    planned,
)

DEAL = "Northwind fleet telematics"


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.sqlite"
    northwind = next(d for d in demo_deals() if d.name == DEAL)
    with Library.open(path) as library:
        library.add_deal(planned(northwind))
    return path


def actions(db: Path, *extra: str) -> list[dict[str, object]]:
    result = run("--db", db, "actions", DEAL, "--json", "--today", TODAY.isoformat(), *extra)
    assert result.returncode == 0, result.stderr
    listed: list[dict[str, object]] = json.loads(result.stdout)
    return listed


def test_actions_json_has_the_deal_files_shape_plus_group_and_days(plan_db: Path) -> None:
    listed = actions(plan_db)
    with Library.open(plan_db) as library:
        deal = library.get_deal(library.find_deal(DEAL))
    assert len(listed) == len(deal.actions) == 6
    by_id = {a.id: a for a in deal.actions}
    for entry in listed:
        action = by_id[str(entry["id"])]
        assert {k: entry[k] for k in action_to_plain(action)} == action_to_plain(action)
        assert entry["owner_name"] == deal.owner_name(action)
    groups = [(e["id"], e["group"], e["overdue_days"]) for e in listed]
    assert groups[0] == (ident("act-late"), "overdue", 5)  # the Plan tab's order
    assert (ident("act-demo"), "this-week", 0) in groups
    assert (ident("act-reference"), "later", 0) in groups
    assert (ident("act-undated"), "undated", 0) in groups
    assert [g for _i, g, _d in groups][-2:] == ["closed", "closed"]
    demo = next(e for e in listed if e["id"] == ident("act-demo"))
    assert demo["intended"] == {"person": deal.people[1].id, "axis": "technical",
                                "target": 9, "before": 7}
    assert demo["due"] == "2026-12-04"
    assert demo["people"] == [deal.people[1].id, deal.people[2].id]


def test_actions_overdue_lists_only_the_late_ones(plan_db: Path) -> None:
    listed = actions(plan_db, "--overdue")
    assert [e["id"] for e in listed] == [ident("act-late")]
    later = run("--db", plan_db, "actions", DEAL, "--overdue", "--json", "--today",
                "2027-01-01")
    assert {e["id"] for e in json.loads(later.stdout)} == {
        ident("act-late"), ident("act-demo"), ident("act-reference")}


def test_actions_as_a_table_grouped_like_the_plan_tab(plan_db: Path) -> None:
    result = run("--db", plan_db, "actions", DEAL, "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == (f"{DEAL}: 6 actions, 4 open, 1 overdue (the oldest by "
                                   "5 days)")
    titles = [line for line in out.splitlines() if line.endswith("):")]
    assert titles == ["Overdue (1):", "This week (1):", "Later (1):", "No date yet (1):",
                      "Done or dropped (2):"]
    late = out[out.index("Overdue (1):"):out.index("This week")]
    assert "2026-11-28" in late
    assert "5 days late" in late
    assert "Send the security questionnaire answers" in late
    assert "Us: Sam Ortiz" in late
    assert "Partner: Acme Consulting" in out
    none = run("--db", plan_db, "actions", DEAL, "--overdue", "--today", "2026-01-01")
    assert none.returncode == 0
    assert "Nothing overdue." in none.stdout


def test_actions_bad_input(plan_db: Path) -> None:
    assert_one_clear_line(run("--db", plan_db, "actions", "No such deal"))
    wrong_day = run("--db", plan_db, "actions", DEAL, "--today", "2026-02-30")
    assert wrong_day.returncode == 2
    assert "is not a date" in wrong_day.stderr
    assert "Traceback" not in wrong_day.stderr


def test_show_lists_the_plan_in_brief(plan_db: Path) -> None:
    result = run("--db", plan_db, "show", DEAL)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Plan: 6 actions, 4 open" in out
    assert "Compelling event: The old fleet contract ends (by 2027-03-03)" in out
    process = next(line for line in out.splitlines() if line.startswith("Process: "))
    assert "Technical evaluation 2026-12-10 under way" in process
    # (Read against the real today: later, "date passed" joins the note.)
    assert "Board approval 2027-02-16 planned (after the close date" in process


# -- iCalendar ---------------------------------------------------------------------------


def test_the_plan_exports_as_icalendar_to_dos(plan_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = run("--db", plan_db, "export", DEAL, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "iCalendar" in result.stdout
    calendar = Calendar.from_ical(out.read_bytes())
    todos = {str(t["UID"]): t for t in calendar.walk("VTODO")}
    with Library.open(plan_db) as library:
        deal = library.get_deal(library.find_deal(DEAL))
    assert set(todos) == {f"{a.id}@deal-triangle" for a in deal.actions}
    statuses = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
    for action in deal.actions:
        todo = todos[f"{action.id}@deal-triangle"]
        assert str(todo["SUMMARY"]) == action.text
        assert str(todo["STATUS"]) == statuses[action.status.value]
        if action.due is None:
            assert "DUE" not in todo
        else:
            assert todo.decoded("DUE") == action.due
            assert isinstance(todo.decoded("DUE"), date)
        assert "DTSTAMP" in todo
    demo = todos[f"{ident('act-demo')}@deal-triangle"]
    description = str(demo["DESCRIPTION"])
    assert f"Owner: Customer: {deal.people[1].name}" in description
    assert f"For: {deal.people[1].name}, {deal.people[2].name}" in description
    text = out.read_text(encoding="utf-8")
    for secret in (PRIVATE_NOTE, PRIVATE_EVIDENCE, CRITERION_EVIDENCE, "→"):
        assert secret not in text
    private = tmp_path / "private.ics"
    assert run("--db", plan_db, "export", DEAL, "-o", private,
               "--include-private").returncode == 0
    assert PRIVATE_NOTE not in private.read_text(encoding="utf-8")


def test_both_demo_plans_in_one_calendar(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert run("--db", db, "demo").returncode == 0
    out = tmp_path / "all.ics"
    assert run("--db", db, "export", "--all", "-o", out).returncode == 0
    calendar = Calendar.from_ical(out.read_bytes())
    expected = sum(len(d.actions) for d in demo_deals())
    assert expected > 0
    assert len(calendar.walk("VTODO")) == expected


def test_an_ics_export_that_cannot_be_written_leaves_nothing(plan_db: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "kept.ics"
    out.write_bytes(b"old")
    before = digest(out)
    assert_one_clear_line(run("--db", plan_db, "export", "No such deal", "-o", out))
    assert digest(out) == before
    assert_one_clear_line(run("--db", plan_db, "export", DEAL, "-o",
                              tmp_path / "missing" / "plan.ics"))


# -- the workbook ------------------------------------------------------------------------


def test_the_workbook_has_plan_criteria_and_process_sheets(plan_db: Path,
                                                           tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "deal.xlsx"
    assert run("--db", plan_db, "export", DEAL, "-o", out).returncode == 0
    book = load_workbook(out, read_only=True)
    assert {"Plan", "Criteria", "Process"} <= set(book.sheetnames)
    plan = list(book["Plan"].iter_rows(values_only=True))
    header = plan[0]
    assert header[:6] == ("Deal", "Action", "Owner side", "Owner", "Due", "Status")
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in plan[1:]}
    assert len(rows) == 6
    demo = rows["Book the ward-team demo"]
    assert demo["Owner side"] == "Customer"
    assert demo["Status"] == "Open"
    due = demo["Due"]
    assert isinstance(due, datetime)
    assert due.date() == date(2026, 12, 4)
    assert str(demo["Intended change"]).endswith("7 → 9")  # the seller's own workbook
    assert rows["Share the pricing outline"]["Status"] == "Done"
    assert rows["Workshop with the drivers' union"]["Status"] == "Dropped"
    criteria = list(book["Criteria"].iter_rows(values_only=True))
    assert criteria[0][:6] == ("Deal", "Rank", "Criterion", "Weight", "Owner", "Ours")
    cost = dict(zip(criteria[0], criteria[1], strict=True))
    assert cost["Criterion"] == "Total cost over five years"
    assert cost["Weight"] == 5
    assert cost["Ours"] == 7
    assert cost["Do nothing"] == 9
    process = list(book["Process"].iter_rows(values_only=True))
    assert [row[2] for row in process[1:]] == ["Technical evaluation", "Security review",
                                               "Board approval"]
    assert str(process[3][6]).startswith("after the close date")


def test_print_layout_plan_names_our_company(plan_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "mutual.pdf"
    result = run("--db", plan_db, "print", DEAL, "--layout", "plan", "-o", out,
                 "--our-company", "Acme Telematics")
    assert result.returncode == 0, result.stderr
    text = pdftext(out)
    assert "Mutual action plan" in text
    assert "Acme Telematics: " in text
    assert "Supplier" not in text

"""The portfolio's figures cache (schema 5): kept after a portfolio read, emptied by the
database itself whenever a deal is written — whoever writes it — and never trusted when it
is not figures. The standings read through it are the standings worked out from scratch."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind, Support
from desktop.domain.portfolio import FIGURES_RECIPE, standing
from desktop.domain.relation import Relation
from desktop.portfolio_reading import read_standings
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS
from desktop.store.opening import open_connection, open_read_only

TODAY = date(2026, 12, 3)


def _kept(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT deal_id, figures FROM deal_figures"))
    finally:
        connection.close()


def _fresh(library: Library, today: date = TODAY) -> dict[str, object]:
    return {s.id: standing(library.get_deal(s.id, snapshots=False), today)
            for s in library.list_deals()}


@pytest.fixture
def filled(library: Library, demos: list[Deal]) -> Library:
    library.add_deals(demos)
    return library


def test_a_portfolio_read_keeps_every_deals_figures_and_gives_the_fresh_standings(
        filled: Library, library_path: Path) -> None:
    assert _kept(library_path) == {}
    first = read_standings(filled, TODAY, keep=True)
    kept = _kept(library_path)
    assert set(kept) == set(first) == {s.id for s in filled.list_deals()}
    assert first == _fresh(filled)
    # Read again through the cache, on other days too: the day-dependent terms are worked
    # out on the day, so figures kept yesterday give today's standing.
    for day in (TODAY, TODAY + timedelta(days=40), TODAY - timedelta(days=400)):
        assert read_standings(filled, day, keep=True) == _fresh(filled, day)


def test_the_high_red_flags_do_not_depend_on_the_day(demos: list[Deal]) -> None:
    """What makes cached figures valid on another day: every rule that reads the day is of
    medium or low severity (a new high rule that reads it must bump FIGURES_RECIPE and move
    its term out of DealFigures)."""
    from desktop.domain.analysis import analyse
    from desktop.domain.flag_types import Severity

    for deal in demos:
        highs = {(f.code, f.people) for f in analyse(deal, today=TODAY).flags
                 if f.severity is Severity.HIGH}
        for offset in (-3650, -60, -1, 1, 31, 365, 3650):
            later = analyse(deal, today=TODAY + timedelta(days=offset))
            assert {(f.code, f.people) for f in later.flags
                    if f.severity is Severity.HIGH} == highs, (deal.name, offset)


def _edit_each_way(library: Library, deal: Deal) -> list[tuple[str, object]]:
    person = deal.people[0]
    other = deal.people[1]
    return [
        ("support", lambda: library.update_people([replace(person, support=Support.MENTOR)])),
        ("last contact", lambda: library.update_people(
            [replace(person, last_contact=TODAY)])),
        ("a line", lambda: library.add_relation(
            deal.id, Relation(person.id, other.id, RelationKind.INFLUENCE))),
        ("the stage", lambda: library.update_deal(replace(
            library.get_deal_fields(deal.id), stage="Negotiate"))),
        ("an action", lambda: library.update_plan(deal.with_plan(
            actions=(Action("Call them", due=TODAY - timedelta(days=3)),)))),
        ("a person removed", lambda: library.remove_people([other.id], deal_id=deal.id)),
    ]


@pytest.mark.parametrize("how", range(6))
def test_any_write_to_a_deal_forgets_its_figures_and_only_its(
        filled: Library, library_path: Path, how: int) -> None:
    read_standings(filled, TODAY, keep=True)
    deals = {s.id for s in filled.list_deals()}
    target = filled.get_deal(next(s.id for s in filled.list_deals()
                                  if s.name.startswith("Northwind")))
    what, edit = _edit_each_way(filled, target)[how]
    edit()  # type: ignore[operator]
    assert set(_kept(library_path)) == deals - {target.id}, what
    assert read_standings(filled, TODAY, keep=True) == _fresh(filled), what


def test_a_shared_persons_new_contact_forgets_every_deal_of_theirs(
        filled: Library, library_path: Path) -> None:
    read_standings(filled, TODAY, keep=True)
    shared: dict[str, list[str]] = {}
    for summary in filled.list_deals():
        for person in filled.get_deal(summary.id).people:
            shared.setdefault(person.id, []).append(summary.id)
    person_id, deal_ids = next((p, d) for p, d in shared.items() if len(d) == 2)
    person = filled.get_deal(deal_ids[0]).person(person_id)
    filled.update_people([replace(person, last_contact=TODAY)], deal_id=deal_ids[0])
    assert not set(deal_ids) & set(_kept(library_path))
    assert read_standings(filled, TODAY, keep=True) == _fresh(filled)


def test_another_program_writing_meanwhile_keeps_nothing(
        filled: Library, library_path: Path) -> None:
    """Figures worked out from reads made before another connection's commit may be of the
    old deal: they are not kept (the next read works them out again)."""
    as_of = filled.data_version()
    other = Library.open(library_path)
    try:
        deal = other.get_deal(other.list_deals()[0].id)
        other.update_deal(replace(deal, stage="Proposal"))
    finally:
        other.close()
    assert not filled.keep_figures(FIGURES_RECIPE, {deal.id: "{}"}, as_of)
    assert _kept(library_path) == {}
    assert filled.keep_figures(FIGURES_RECIPE, {deal.id: "{}"}, filled.data_version())


@pytest.mark.parametrize("planted", [
    "not json", "[]", '{"triangle": 3}', json.dumps({
        "triangle": [[11, 0.5, 1], [5, 0.5, 1], [5, 0.5, 1]], "coverage": 0.5,
        "backing": 0.5, "high_flags": 0, "key_contact": None, "open_due": [], "people": 3}),
    json.dumps({"triangle": [[5, 0.5, 1]] * 3, "coverage": 0.5, "backing": 0.5,
                "high_flags": -1, "key_contact": "yesterday", "open_due": [], "people": 3}),
])
def test_a_cache_row_that_is_not_figures_is_worked_out_again(
        filled: Library, library_path: Path, planted: str) -> None:
    read_standings(filled, TODAY, keep=True)
    victim = filled.list_deals()[0].id
    connection = sqlite3.connect(library_path)
    with connection:
        connection.execute("UPDATE deal_figures SET figures = ? WHERE deal_id = ?",
                           [planted, victim])
    connection.close()
    assert read_standings(filled, TODAY, keep=True) == _fresh(filled)
    assert json.loads(_kept(library_path)[victim])["people"] > 0  # kept right this time


def test_figures_of_another_recipe_are_not_used(filled: Library, library_path: Path) -> None:
    read_standings(filled, TODAY, keep=True)
    connection = sqlite3.connect(library_path)
    with connection:  # as an older app would have left them, with a lie in them
        connection.execute("UPDATE deal_figures SET recipe = recipe - 1, "
                           "figures = json_set(figures, '$.high_flags', 99)")
    connection.close()
    assert read_standings(filled, TODAY, keep=True) == _fresh(filled)


def test_a_read_only_library_reads_the_portfolio_and_keeps_nothing(
        filled: Library, library_path: Path) -> None:
    expected = _fresh(filled)
    filled.close()
    # As Library.open opens a file it may not write (the tests run as root here, for whom
    # no file is read-only).
    with Library(library_path, open_read_only(library_path), read_only=True) as read_only:
        assert read_standings(read_only, TODAY, keep=True) == expected
    assert _kept(library_path) == {}


def test_a_version_4_library_is_upgraded_with_an_empty_cache(
        tmp_path: Path, demos: list[Deal]) -> None:
    path = tmp_path / "v4.sqlite"
    connection = open_connection(path, migrations={k: MIGRATIONS[k] for k in range(1, 5)})
    connection.close()
    with Library.open(path) as library:
        library.add_deals(demos[:1])
        assert read_standings(library, TODAY, keep=True) == _fresh(library)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] >= 5  # later ones too
    connection.close()


def test_the_command_lines_reading_keeps_nothing(filled: Library, library_path: Path) -> None:
    """``list --json`` and ``portfolio`` read the kept figures but keep none: a reading
    command leaves the library's bytes as they were."""
    assert read_standings(filled, TODAY) == _fresh(filled)
    assert _kept(library_path) == {}

"""Deal files between laptops: export → import round trips, merging person by person, the
same file twice, concurrent edits, all-or-nothing writes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Support
from desktop.domain.merge import Resolution, plan_merge
from desktop.domain.person import Person
from desktop.domain.plain import deal_to_plain
from desktop.domain.scores import Score
from desktop.exchange import dealfile
from desktop.exchange.exporting import export_deals
from desktop.exchange.formats import dealtri
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import ReadOptions
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.helpers.cli import digest, run
from tests.helpers.strategies import deals


def plain_without_times(deal: Deal) -> dict[str, object]:
    plain = deal_to_plain(deal, include_private=True)
    plain.pop("updated_at")
    plain.pop("created_at")
    return plain


def import_file(library: Library, path: Path, resolution: Resolution = Resolution.MINE,
                into: str | None = None) -> None:
    plan = plan_import(library, read_files([path]), into)
    apply_import(library, plan, resolution, resolution)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deal=deals())
def test_export_import_export_gives_the_same_document(tmp_path: Path, deal: Deal) -> None:
    folder = tmp_path / deal.id
    folder.mkdir()
    with Library.open(folder / "a.sqlite") as first:
        first.add_deal(deal)
        export_deals(first, [deal.id], folder / "a.dealtri", include_private=True)
    with Library.open(folder / "b.sqlite") as second:
        import_file(second, folder / "a.dealtri")
        export_deals(second, [deal.id], folder / "b.dealtri", include_private=True)
    assert (folder / "a.dealtri").read_text() == (folder / "b.dealtri").read_text()


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, library: Library,
                                                       demos: list[Deal]) -> None:
    for deal in demos:
        library.add_deal(deal)
    export_deals(library, [d.id for d in demos], tmp_path / "all.dealtri")  # no private
    before = digest(library.path)
    plan = plan_import(library, read_files([tmp_path / "all.dealtri"]))
    assert plan.changes_nothing
    assert not plan.has_conflicts
    apply_import(library, plan)
    assert digest(library.path) == before


def test_a_new_person_and_a_changed_person(tmp_path: Path, library: Library,
                                           small_demo: Deal) -> None:
    library.add_deal(small_demo)
    theirs = replace(small_demo, people=(
        replace(small_demo.people[0], title="Chief Executive"),
        *small_demo.people[1:], Person(name="Ada Newcomer", title="CFO")))
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs], include_private=True))
    plan = plan_import(library, read_files([path]))
    (merge,) = plan.merges
    assert [p.name for p in merge.added] == ["Ada Newcomer"]
    (conflict,) = merge.conflicts
    assert conflict.fields == ("title",)
    assert conflict.matched_by == "id"

    kept = merge.result(Resolution.MINE)
    assert kept.people[0].title == small_demo.people[0].title
    assert any(p.name == "Ada Newcomer" for p in kept.people)
    taken = merge.result(Resolution.THEIRS)
    assert taken.people[0].title == "Chief Executive"
    both = merge.result(Resolution.BOTH)
    twins = [p for p in both.people if p.name == small_demo.people[0].name]
    assert sorted(p.title for p in twins) == sorted([small_demo.people[0].title,
                                                    "Chief Executive"])
    assert len({p.id for p in twins}) == 2

    apply_import(library, plan, Resolution.THEIRS)
    stored = library.get_deal(small_demo.id)
    assert stored.people[0].title == "Chief Executive"
    assert stored.people[-1].name == "Ada Newcomer"


def test_people_match_by_email_then_name_and_title(small_demo: Deal) -> None:
    mine = replace(small_demo, relations=(), actions=(), criteria=(), process=(), people=(
        Person(name="Lena Vogt", title="CIO", email="lena@example.com"),
        Person(name="Tom Reyes", title="Head of IT")))
    theirs = replace(mine, people=(
        Person(name="Lena Vogt-Berg", title="CIO", email="LENA@example.com"),
        Person(name="tom  reyes", title="head of it", phone="+1 555 0100")))
    plan = plan_merge(mine, theirs)
    assert not plan.added
    assert sorted(c.matched_by for c in plan.conflicts) == ["e-mail", "name and title"]


def test_withheld_private_evidence_is_not_a_difference(small_demo: Deal) -> None:
    person = small_demo.people[0].with_score(
        Axis.PERSONAL, Score(7, "wants the promotion", private=True))
    mine = replace(small_demo, people=(person, *small_demo.people[1:]))
    mine = replace(mine, people=(replace(mine.people[0], notes="Plays golf with the CFO"),
                                 *mine.people[1:]))
    (incoming,) = dealtri.read(dealfile.dumps([mine]).encode(), Path("shared.dealtri"),
                                 ReadOptions())
    shared = incoming.deal
    assert shared.people[0].scores[Axis.PERSONAL].evidence == ""
    assert shared.people[0].notes == ""
    plan = plan_merge(mine, shared, incoming.provided)
    assert plan.changes_nothing
    # Taking theirs for another reason keeps my private evidence and my notes.
    theirs = replace(shared, people=(replace(shared.people[0], title="New title"),
                                     *shared.people[1:]))
    merged = plan_merge(mine, theirs, incoming.provided).result(Resolution.THEIRS)
    assert merged.people[0].title == "New title"
    assert merged.people[0].scores[Axis.PERSONAL].evidence == "wants the promotion"
    assert merged.people[0].notes == "Plays golf with the CFO"


def test_moving_cards_is_not_a_conflict(small_demo: Deal) -> None:
    from desktop.domain.position import Position

    theirs = replace(small_demo, people=tuple(replace(p, position=Position(1.0, 2.0))
                                              for p in small_demo.people))
    plan = plan_merge(small_demo, theirs)
    assert not plan.conflicts


def test_concurrent_edits_on_two_laptops(tmp_path: Path, small_demo: Deal) -> None:
    """Both laptops start from one file; each edits; B's file comes back to A."""
    shared = tmp_path / "shared.dealtri"
    shared.write_text(dealfile.dumps([small_demo], include_private=True))
    laptops = {}
    for name in ("a", "b"):
        laptops[name] = Library.open(tmp_path / f"{name}.sqlite")
        import_file(laptops[name], shared)
    a, b = laptops["a"], laptops["b"]
    first, second = small_demo.people[0], small_demo.people[1]
    a.update_people([replace(first, support=Support.MENTOR)])  # A's edit
    b.update_people([replace(second, notes="Call after the board meeting")])  # B's edit
    b.add_people(small_demo.id, [Person(name="Grace Hopper", title="CTO")])
    export_deals(b, [small_demo.id], tmp_path / "from-b.dealtri", include_private=True)

    plan = plan_import(a, read_files([tmp_path / "from-b.dealtri"]))
    (merge,) = plan.merges
    assert [p.name for p in merge.added] == ["Grace Hopper"]
    conflicts = {c.mine.id: c.fields for c in merge.conflicts}
    assert conflicts == {first.id: ("support",), second.id: ("notes",)}
    # The seller keeps their own edit and takes B's.
    apply_import(a, plan, {first.id: Resolution.MINE, second.id: Resolution.THEIRS})
    merged = a.get_deal(small_demo.id)
    assert merged.person(first.id).support is Support.MENTOR
    assert merged.person(second.id).notes == "Call after the board meeting"
    assert any(p.name == "Grace Hopper" for p in merged.people)
    for library in laptops.values():
        library.close()


def test_a_bad_file_among_good_ones_writes_nothing(tmp_path: Path, library: Library,
                                                   demos: list[Deal]) -> None:
    good = tmp_path / "good.dealtri"
    good.write_text(dealfile.dumps(demos))
    bad = tmp_path / "bad.dealtri"
    bad.write_text(dealfile.dumps(demos)[:-40])
    before = digest(library.path)
    with pytest.raises(ImportProblem, match=r"bad\.dealtri at line"):
        read_files([good, bad])
    assert digest(library.path) == before


def test_snapshots_travel_with_the_deal(tmp_path: Path, library: Library,
                                       small_demo: Deal) -> None:
    library.add_deal(small_demo)
    library.take_snapshot(small_demo.id, "Before the review")
    export_deals(library, [small_demo.id], tmp_path / "d.dealtri")
    with Library.open(tmp_path / "other.sqlite") as other:
        import_file(other, tmp_path / "d.dealtri")
        assert [s.name for s in other.list_snapshots(small_demo.id)] == [
            *(s.name for s in small_demo.snapshots), "Before the review"]


def test_undo_of_an_import_restores_the_library(tmp_path: Path, library: Library,
                                                small_demo: Deal) -> None:
    library.add_deal(small_demo)
    before = plain_without_times(library.get_deal(small_demo.id))
    theirs = replace(small_demo, people=(*small_demo.people, Person(name="New Person")))
    path = tmp_path / "t.dealtri"
    path.write_text(dealfile.dumps([theirs]))
    plan = plan_import(library, read_files([path]))
    result = apply_import(library, plan)
    assert len(library.get_deal(small_demo.id).people) == len(small_demo.people) + 1
    library.write_deals(replace_with=result.before, delete=[d.id for d in result.added])
    assert plain_without_times(library.get_deal(small_demo.id)) == before


def test_a_copy_in_the_same_account_shares_its_people(library: Library,
                                                     small_demo: Deal) -> None:
    """A second deal of the account naming the same people by id takes part with them:
    one identity, a stance in each deal (the plan's records still get new ids)."""
    library.add_deal(small_demo)
    copy = replace(small_demo, id="6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11", name="Copy")
    apply_import(library, plan_import(library, [Incoming(copy)]))
    stored = library.get_deal(copy.id)
    assert [p.id for p in stored.people] == [p.id for p in small_demo.people]
    assert not {a.id for a in stored.actions} & {a.id for a in small_demo.actions}
    grid = library.account_grid(library.find_account(small_demo.account))
    assert len(grid.people) == len(small_demo.people)
    assert len(grid.cells) == 2 * len(small_demo.people)


def test_ids_used_by_another_deal_are_renewed(library: Library, small_demo: Deal) -> None:
    """The same ids in a deal of another account are another company's people: renewed."""
    library.add_deal(small_demo)
    copy = replace(small_demo, id="6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11", name="Copy",
                   account="Another Company Ltd")
    plan = plan_import(library, [Incoming(copy)])
    apply_import(library, plan)
    stored = library.get_deal(copy.id)
    assert not {p.id for p in stored.people} & {p.id for p in small_demo.people}
    assert len(stored.relations) == len(small_demo.relations)
    # The plan comes along under new ids, naming the copy's people and alternatives.
    for field in ("actions", "criteria", "process", "alternatives"):
        records = getattr(stored, field)
        assert records, field
        assert len(records) == len(getattr(small_demo, field)), field
        assert not {r.id for r in records} & {r.id for r in getattr(small_demo, field)}, field
    by_name = {p.name: p.id for p in stored.people}
    original = {p.id: p.name for p in small_demo.people}
    for before, after in zip(small_demo.actions, stored.actions, strict=True):
        assert after.for_people == tuple(by_name[original[p]] for p in before.for_people)
        assert after.owner == by_name.get(original.get(before.owner, ""), before.owner)
    assert [stored.person(by_name[p.name]).leans_to is not None for p in small_demo.people] \
        == [p.leans_to is not None for p in small_demo.people]
    assert {stored.person(by_name[p.name]).leans_to for p in small_demo.people} <= \
        {a.id for a in stored.alternatives} | {None}


def test_import_command_lists_conflicts_and_writes_nothing(tmp_path: Path,
                                                           small_demo: Deal) -> None:
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(small_demo)
    theirs = replace(small_demo, people=(replace(small_demo.people[0], title="Changed"),
                                         *small_demo.people[1:]))
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs]))
    before = digest(db)
    listed = run("--db", db, "import", path)
    assert listed.returncode == 1
    assert "conflict:" in listed.stdout
    assert "differs in title" in listed.stdout
    assert digest(db) == before
    taken = run("--db", db, "import", path, "--on-conflict", "theirs")
    assert taken.returncode == 0, taken.stderr
    with Library.open(db) as library:
        assert library.get_deal(small_demo.id).people[0].title == "Changed"
    again = run("--db", db, "import", path)
    assert again.returncode == 0
    assert "Nothing to import" in again.stdout


def test_export_command_writes_several_deals(tmp_path: Path, demos: list[Deal]) -> None:
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deals(demos)
    out = tmp_path / "two.dealtri"
    result = run("--db", db, "export", demos[0].id[:8], demos[1].id[:8], "-o", out)
    assert result.returncode == 0, result.stderr
    assert {d.id for d in dealfile.read_file(out)} == {d.id for d in demos[:2]}


def test_deal_fields_differ_even_in_a_file_without_private_fields(small_demo: Deal) -> None:
    theirs = replace(small_demo, stage="Negotiate")
    (incoming,) = dealtri.read(dealfile.dumps([theirs]).encode(), Path("t.dealtri"), ReadOptions())
    plan = plan_merge(small_demo, incoming.deal, incoming.provided)
    assert plan.deal_fields == ("stage",)
    assert plan.result(Resolution.MINE, Resolution.THEIRS).stage == "Negotiate"

"""Comments in deal files (version 3): a hand-written file reads as its writer meant, an
export comes back equal and byte for byte the same, two copies with different comments merge
to the union (the later words win, never a conflict), a version-2 file leaves them out and
says so, and ``show --json`` carries them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema

from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library
from tests.helpers.cli import digest, run
from tests.helpers.paths import DATA, ROOT

SAMPLE = DATA / "dealfiles" / "comments.dealtri"
SCHEMA = json.loads((ROOT / "docs" / "deal-file.schema.json").read_text(encoding="utf-8"))
AT = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def commented(deal: Deal) -> Deal:
    """``deal`` with a comment on its first person, its first action and a red flag."""
    first = deal.people[0]
    return deal.with_plan(comments=(
        Comment(CommentTarget.PERSON, first.id, "Maria Manager", AT, f"Ask {first.name} "
                "about the budget"),
        Comment(CommentTarget.ACTION, deal.actions[0].id, "Maria Manager", AT,
                "Slipped twice — why?\nCall me."),
        Comment(CommentTarget.FLAG, f"single-threaded:{first.id}", "Sam Seller",
                AT + timedelta(hours=2), "Second contact by Friday"),
    ))


def test_a_hand_written_file_reads_as_meant() -> None:
    (deal,) = dealfile.read_file(SAMPLE)
    greta, _pavel = deal.people
    on_greta, on_visit, on_flag = deal.comments
    assert (on_greta.target_kind, on_greta.target, on_greta.author) == (
        CommentTarget.PERSON, greta.id, "Maria Manager")
    assert on_visit.target == deal.actions[0].id
    assert on_visit.at == datetime(2026, 11, 30, 8, 20, tzinfo=UTC)  # +01:00 kept as UTC
    assert on_flag.target == "no-economic-buyer:"
    assert on_flag.text == "Pavel signs, but nobody has met him yet.\nBooking lunch."
    jsonschema.validate(json.loads(SAMPLE.read_text(encoding="utf-8")), SCHEMA)


def test_export_then_import_gives_the_same_comments(tmp_path: Path, northwind: Deal) -> None:
    deal = commented(northwind)
    first = tmp_path / "first.sqlite"
    with Library.open(first) as library:
        library.add_deal(deal)
    out = tmp_path / "deal.dealtri"
    assert run("--db", first, "export", deal.id, "-o", out).returncode == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["version"] == 3
    assert document["deals"][0]["comments"][1] == {
        "id": deal.comments[1].id, "about": "action", "target": deal.actions[0].id,
        "author": "Maria Manager", "at": "2026-11-30T09:15:00Z",
        "text": "Slipped twice — why?\nCall me."}
    second = tmp_path / "second.sqlite"
    result = run("--db", second, "import", out)
    assert result.returncode == 0, result.stderr
    with Library.open(second) as library:
        assert library.get_deal(deal.id).comments == deal.comments
    again = tmp_path / "again.dealtri"
    assert run("--db", second, "export", deal.id, "-o", again).returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_two_copies_with_different_comments_merge_to_the_union(tmp_path: Path,
                                                               northwind: Deal) -> None:
    base = commented(northwind)
    shared = base.comments[0]
    mine = base.with_plan(comments=(
        *base.comments, Comment(CommentTarget.PERSON, northwind.people[1].id, "Maria Manager",
                                AT, "Mine only")))
    edited = replace(shared, text="Budget confirmed: 2.4 M", at=AT + timedelta(days=1))
    theirs_only = Comment(CommentTarget.ACTION, northwind.actions[0].id, "Sam Seller", AT,
                          "Theirs only")
    theirs = base.with_plan(comments=(edited, *base.comments[1:], theirs_only))
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(mine)
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs], include_private=True), encoding="utf-8")
    result = run("--db", db, "import", path)  # no --on-conflict: there is nothing to decide
    assert result.returncode == 0, result.stderr + result.stdout
    assert "1 plan record added" in result.stdout
    with Library.open(db) as library:
        merged = library.get_deal(northwind.id).comments
    assert merged == (edited, *mine.comments[1:], theirs_only)
    # Importing the same file again changes nothing.
    before = digest(db)
    with Library.open(db) as library:
        assert plan_import(library, read_files([path])).changes_nothing
    assert digest(db) == before


def test_a_comment_on_their_newcomer_comes_in_with_them(tmp_path: Path,
                                                        northwind: Deal) -> None:
    from desktop.domain.person import Person

    newcomer = Person(name="Ada Newcomer", title="Ward manager")
    theirs = replace(northwind, people=(*northwind.people, newcomer)).with_plan(comments=(
        Comment(CommentTarget.PERSON, newcomer.id, "Sam Seller", AT, "Met her at the fair"),))
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(northwind)
        path = tmp_path / "theirs.dealtri"
        path.write_text(dealfile.dumps([theirs]), encoding="utf-8")
        apply_import(library, plan_import(library, read_files([path])))
        stored = library.get_deal(northwind.id)
    assert stored.comments[:-1] == northwind.comments  # mine, then theirs
    comment = stored.comments[-1]
    assert comment.text == "Met her at the fair"
    assert stored.person(comment.target).name == "Ada Newcomer"


def test_version_2_leaves_the_comments_out_and_says_so(tmp_path: Path,
                                                       northwind: Deal) -> None:
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(commented(northwind))
    out = tmp_path / "old.dealtri"
    result = run("--db", db, "export", northwind.id, "-o", out, "--format-version", "2")
    assert result.returncode == 0, result.stderr
    assert "Version 2 leaves out 3 comments; the library keeps them." in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["version"] == 2
    assert "comments" not in document["deals"][0]
    (back,) = dealfile.read_file(out)
    assert back.comments == ()


def test_show_json_carries_the_comments(tmp_path: Path, northwind: Deal) -> None:
    db = tmp_path / "lib.sqlite"
    deal = commented(northwind)
    with Library.open(db) as library:
        library.add_deal(deal)
    result = run("--db", db, "show", deal.id, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    shown = document["deals"][0]["comments"]
    assert [(c["about"], c["target"], c["text"]) for c in shown] == [
        (c.target_kind.value, c.target, c.text) for c in deal.comments]


def test_a_copy_saved_as_another_deal_gets_its_own_comment_ids(tmp_path: Path,
                                                               northwind: Deal) -> None:
    """The same people, actions and comments under a new deal id, in another account: every
    id the library already uses is renewed, and each comment still names its person, action
    and flag."""
    from desktop.domain.ids import new_id

    deal = commented(northwind)
    # In another account: a copy in the same account would share its people (accounts.md).
    copy = replace(deal, id=new_id(), name="Northwind (copy)", account="Southwind Freight",
                   snapshots=())
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(deal)
        path = tmp_path / "copy.dealtri"
        path.write_text(dealfile.dumps([copy], include_private=True), encoding="utf-8")
        apply_import(library, plan_import(library, read_files([path])))
        stored = library.get_deal(copy.id)
        assert library.get_deal(deal.id).comments == deal.comments
    assert {c.id for c in stored.comments}.isdisjoint({c.id for c in deal.comments})
    on_person, on_action, on_flag = stored.comments
    assert stored.person(on_person.target).name == deal.people[0].name
    assert on_person.target != deal.people[0].id
    assert next(a for a in stored.actions if a.id == on_action.target).text == \
        deal.actions[0].text
    assert on_flag.target == f"single-threaded:{on_person.target}"

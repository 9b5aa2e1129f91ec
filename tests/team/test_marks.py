"""Marks (who last changed each value, with a Lamport number) and the merge by them: the
rules of ``desktop/domain/marks.py`` and ``desktop/exchange/stamped_merge.py`` one by one
(the five-laptop property is in test_team_convergence.py)."""

from __future__ import annotations

import copy
from typing import Any

from desktop.domain.marks import DELETED, Mark, decode, decode_seen, encode, leaves, stamp
from desktop.exchange.stamped_merge import Side, marks_after, merge_deal

A, B = "a" * 36, "b" * 36


def _deal() -> dict[str, Any]:
    return {"id": "d", "name": "Contoso", "updated_at": "2026-12-01T00:00:00Z",
            "people": [{"id": "p1", "name": "Kevin", "title": "CIO", "notes": "secret",
                        "position": {"x": 1, "y": 2},
                        "scores": {"business": {"value": 7, "evidence": ""}}},
                       {"id": "p2", "name": "Ava", "title": "", "notes": "",
                        "scores": {"business": {"value": None, "evidence": ""}}}],
            "actions": []}


def _marks(stamped: dict[str, tuple[str, Mark]]) -> dict[str, Mark]:
    return {path: mark for path, (_d, mark) in stamped.items()}


def test_a_first_look_marks_every_value_once_and_an_edit_only_what_changed() -> None:
    deal = _deal()
    first = stamp(deal, {}, A, "t1")
    assert {m.n for _d, m in first.marks.values()} == {1}
    assert "people/p1/scores/business/value" in first.marks
    assert not any("position" in p or "updated_at" in p for p in first.marks)  # never marked
    deal["people"][0]["title"] = "CTO"
    second = stamp(deal, first.marks, A, "t2")
    assert set(second.changed) == {"people/p1/title"}
    assert second.marks["people/p1/title"][1] == Mark(2, A, "t2")
    assert stamp(deal, second.marks, A, "t3").changed == {}  # nothing new: nothing marked


def test_a_deleted_record_leaves_a_tombstone_and_coming_back_drops_it() -> None:
    deal = _deal()
    kept = stamp(deal, {}, A, "t1").marks
    gone = copy.deepcopy(deal)
    del gone["people"][1]
    after = stamp(gone, kept, A, "t2")
    assert after.marks["people/p2"][0] == DELETED
    assert not any(p.startswith("people/p2/") for p in after.marks)
    back = stamp(deal, after.marks, A, "t3")
    assert "people/p2" not in back.marks
    assert back.marks["people/p2/name"][1].n == 3


def test_marks_travel_compactly_and_come_back_the_same() -> None:
    deal = _deal()
    kept = stamp(deal, {}, A, "t1").marks
    deal["people"][0]["title"] = "CTO"
    kept = stamp(deal, kept, A, "t2").marks
    carried = encode(_marks(kept), deal)
    paths = [path for _n, _a, _t, found in carried["changes"] for path in found]
    assert {"people/p2/*", "*", "people/p1/title"} <= set(paths)
    assert decode(carried, deal) == {p: m for p, m in _marks(kept).items() if p in leaves(deal)}


def test_a_hostile_header_gives_no_marks_and_no_error() -> None:
    odd = [[1, A, "t"], ["x", A, "t", []], [True, A, "t", ["name"]], [-1, A, "t", ["name"]],
           [2**63 - 1, A, "t", ["name"]]]
    headers: tuple[Any, ...] = (None, [], {"changes": 5}, {"changes": odd})
    for header in headers:
        assert decode(header, _deal()) == {}
    assert decode_seen({"a": 1, "b": "2", 3: 4, "c": -1, "d": True, "e": 2**63}) == {"a": 1}


def _sides(theirs: dict[str, Any], mine: dict[str, Any], their_marks: dict[str, Mark],
           my_marks: dict[str, Mark], their_seen: dict[str, int],
           my_seen: dict[str, int], **how: Any) -> tuple[Side, Side]:
    return (Side(theirs, their_marks, their_seen, private=how.get("private", True),
                 anonymised=how.get("anonymised", False)),
            Side(mine, my_marks, my_seen, deleted=how.get("deleted", frozenset())))


def _start() -> tuple[dict[str, Any], dict[str, Mark]]:
    deal = _deal()
    return deal, _marks(stamp(deal, {}, A, "t1").marks)


def test_the_side_that_saw_the_other_wins_whoever_merges() -> None:
    base, marks = _start()
    theirs = copy.deepcopy(base)
    theirs["people"][0]["title"] = "CTO"  # B changed it after seeing A's n=1
    their_marks = {**marks, "people/p1/title": Mark(2, B, "t2")}
    for their, mine in (_sides(theirs, base, their_marks, marks, {A: 1, B: 2}, {A: 1}),
                        _sides(base, theirs, marks, their_marks, {A: 1}, {A: 1, B: 2})):
        merged = merge_deal(their, mine)
        assert merged.document["people"][0]["title"] == "CTO"
        assert merged.clashes == []


def test_changes_neither_saw_are_a_clash_for_the_seller() -> None:
    base, marks = _start()
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["people"][0]["title"] = "CTO"
    mine["people"][0]["title"] = "CIO and CDO"
    merged = merge_deal(*_sides(theirs, mine, {**marks, "people/p1/title": Mark(2, B, "t")},
                                {**marks, "people/p1/title": Mark(2, A, "t")},
                                {A: 1, B: 2}, {A: 2}))
    assert merged.clashes == [("deals", "d", "people", "p1", "title")]
    assert merged.clashing_records("people") == {"p1"}


def test_one_change_shown_differently_and_left_out_notes_keep_ours() -> None:
    base, marks = _start()
    theirs = copy.deepcopy(base)
    theirs["people"][0]["name"] = "K. L."  # anonymised there: the same mark
    theirs["people"][0]["notes"] = ""  # not shared
    merged = merge_deal(*_sides(theirs, base, marks, marks, {A: 1}, {A: 1}, private=False,
                                anonymised=True))
    assert merged.document["people"][0]["name"] == "Kevin"
    assert merged.document["people"][0]["notes"] == "secret"
    assert merged.clashes == []
    # The same change shown as it is there (shared again with private notes, no longer
    # anonymised) while ours is the redacted copy: theirs, the real one.
    merged = merge_deal(*_sides(base, theirs, marks, marks, {A: 1}, {A: 1}))
    assert merged.document["people"][0]["name"] == "Kevin"
    assert merged.document["people"][0]["notes"] == "secret"


def test_a_record_deleted_here_stays_deleted_unless_changed_there_since() -> None:
    base, marks = _start()
    mine = copy.deepcopy(base)
    del mine["people"][1]
    deleted = frozenset({"people/p2"})
    my_marks = {**marks, "people/p2": Mark(2, A, "t")}
    untouched = merge_deal(*_sides(base, mine, marks, my_marks, {A: 1}, {A: 2},
                                   deleted=deleted))
    assert [p["id"] for p in untouched.document["people"]] == ["p1"]
    changed = copy.deepcopy(base)
    changed["people"][1]["title"] = "CNO"
    came_back = merge_deal(*_sides(changed, mine, {**marks, "people/p2/title": Mark(2, B, "t")},
                                   my_marks, {A: 1, B: 2}, {A: 2}, deleted=deleted))
    assert [p["id"] for p in came_back.document["people"]] == ["p1", "p2"]


def test_after_a_merge_each_value_keeps_the_newest_mark_of_a_side_holding_it() -> None:
    base, marks = _start()
    theirs = copy.deepcopy(base)
    theirs["people"][0]["title"] = "CTO"
    their_marks = {**marks, "people/p1/title": Mark(2, B, "t2")}
    their, mine = _sides(theirs, base, their_marks, marks, {A: 1, B: 2}, {A: 1})
    final = copy.deepcopy(theirs)
    final["people"][1]["title"] = "settled here"  # neither side holds it: ours, new
    kept = marks_after(final, their, mine, Mark(3, A, "t3"))
    assert kept["people/p1/title"][1] == Mark(2, B, "t2")
    assert kept["people/p2/title"][1] == Mark(3, A, "t3")
    assert kept["name"][1] == Mark(1, A, "t1")

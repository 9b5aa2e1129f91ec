"""Merge a colleague's version of a deal into this library's by the marks on each value
(``desktop/domain/marks.py``), for the team folder.

For a value the two versions hold differently:

* if their file had seen our value (its version vector covers our mark) and we had not seen
  theirs, they changed it after us: theirs;
* if we had seen theirs and they had not seen ours: ours;
* the same mark on both, different values: one change, shown differently (their file leaves
  out what a deal shares privately, or names people by initials): ours;
* otherwise neither had seen the other's change — or both had, and settled it differently:
  a **clash**, the seller's to decide (or a rule's). Without marks (a first contact between
  two copies of a deal) every difference is such a question, as an import asks.

Because the outcome depends only on the marks and the version vectors, not on the order the
files are read, the libraries of any number of laptops that read each other's files end
with the same deal (tests/team/test_team_convergence.py, five laptops). File times are
never used.

Records are matched by id. A record only they have is added — unless we deleted it and
they had not changed it since (we hold its tombstone and have seen every mark on it). A
record only we have stays: a merge never deletes. A non-private file (``"private": false``)
cannot change a person's free notes: they were left out of it, not emptied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.marks import (
    DELETED,
    RECORD_LISTS,
    STAMPS,
    Mark,
    digest,
    is_record_list,
    leaves,
    records,
)

_PRIVATE_KEYS = frozenset({"notes"})
# What an anonymised file replaces by stand-ins (``domain/redaction.py``): never taken over a
# value this library has (a record only they have comes in as it is).
_ANONYMISED_PERSON_KEYS = frozenset({"name", "title", "department", "email", "phone",
                                     "organisation"})
_ANONYMISED_KEYS = frozenset({"notes", "evidence", "note", "text", "owner", "objective"})
Path = tuple[str, ...]


@dataclass
class Rebased:
    """Their version of the deal as it should become here, and where both sides changed a
    value differently: each such place as its path (``("deals", deal id, "people", person
    id, "title")``), for the seller's questions."""

    document: Any
    clashes: list[Path] = field(default_factory=list)
    values: dict[Path, tuple[Any, Any]] = field(default_factory=dict)  # clash → (theirs, ours)

    def clashing_records(self, kind: str) -> set[str]:
        """The ids of the records of ``kind`` ("people", "actions" …) with a clash."""
        return {path[index + 1] for path in self.clashes
                for index in range(len(path) - 1) if path[index] == kind}


@dataclass(frozen=True, slots=True)
class Side:
    """One version of a deal: its document (the deal object), the mark on each value (and
    the tombstones, as marks whose digest is ``DELETED``), and its version vector."""

    deal: Mapping[str, Any]
    marks: Mapping[str, Mark]
    seen: Mapping[str, int]
    deleted: frozenset[str] = frozenset()
    private: bool = True
    # Changes this side has read but not accepted: a clash the seller has not settled yet
    # (path → the colleague's mark). Its version vector covers them, its value does not.
    unseen: Mapping[str, Mark] = field(default_factory=dict)
    anonymised: bool = False  # names, titles, contacts and free texts are stand-ins


@dataclass
class _Merge:
    theirs: Side
    mine: Side
    prefix: tuple[str, ...]
    clashes: list[Path] = field(default_factory=list)
    values: dict[Path, tuple[Any, Any]] = field(default_factory=dict)


def merge_deal(theirs: Side, mine: Side) -> Rebased:
    """The deal as it should be after reading their version, and the clashes (each as the
    path ``("deals", deal id, …)`` the three-way rebase used, for the same questions)."""
    work = _Merge(theirs, mine, ("deals", str(mine.deal.get("id", ""))))
    merged = _merge_objects(theirs.deal, mine.deal, "", work)
    return Rebased(merged, work.clashes, work.values)


def _merge_objects(theirs: Mapping[str, Any], mine: Mapping[str, Any], path: str,
                   work: _Merge) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, ours in mine.items():
        if key == "snapshots" and is_record_list(theirs.get(key)) and is_record_list(ours):
            have = {snapshot["id"] for snapshot in ours}
            merged[key] = [*ours, *(s for s in theirs[key] if s["id"] not in have)]
            continue
        if key not in theirs or key in STAMPS:
            merged[key] = ours
            continue
        merged[key] = _merge(theirs[key], ours, f"{path}{key}", key, work)
    for key, value in theirs.items():
        if key not in mine:
            merged[key] = value  # a field we never had (a newer app's): theirs
    return merged


def _merge(theirs: Any, ours: Any, path: str, key: str, work: _Merge) -> Any:
    if theirs == ours:
        return ours
    if key in RECORD_LISTS and is_record_list(theirs) and is_record_list(ours):
        return _merge_records(theirs, ours, path, work)
    if isinstance(theirs, Mapping) and isinstance(ours, Mapping) and theirs and ours:
        return _merge_objects(theirs, ours, f"{path}/", work)
    return _merge_value(theirs, ours, path, key, work)


def _merge_value(theirs: Any, ours: Any, path: str, key: str, work: _Merge) -> Any:
    if key in _PRIVATE_KEYS and not work.theirs.private:
        return ours  # left out of their file, not emptied there
    if key == "evidence" and theirs == "" and not work.theirs.private:
        return ours  # withheld there (a private score's evidence), not erased
    if work.theirs.anonymised and (key in _ANONYMISED_KEYS or (
            key in _ANONYMISED_PERSON_KEYS and path.startswith("people/"))):
        return ours  # a stand-in there ("K. L.", the roles for a title), not a change
    their_mark = work.theirs.marks.get(path)
    our_mark = work.mine.marks.get(path)
    if their_mark is not None and their_mark == our_mark:
        # One change, shown differently: one side has it redacted (emptied as private, or
        # a stand-in of an anonymised file). The real one wins — theirs, when their file
        # shows it as it is (a deal shared again with private notes, or no longer anonymised).
        redacted_there = work.theirs.anonymised or (
            not work.theirs.private and key in _PRIVATE_KEYS | {"evidence"})
        return ours if redacted_there else theirs
    they_saw = our_mark is not None and our_mark.seen_by(work.theirs.seen) \
        and not _same(work.theirs.unseen.get(path), our_mark)
    we_saw = their_mark is not None and their_mark.seen_by(work.mine.seen) \
        and not _same(work.mine.unseen.get(path), their_mark)
    if they_saw and not we_saw:
        return theirs
    if we_saw and not they_saw:
        return ours
    where = (*work.prefix, *path.split("/"))
    work.clashes.append(where)
    work.values[where] = (theirs, ours)
    return theirs  # the seller's rule decides between the two (team_sync._decisions)


def _same(unsettled: Mark | None, mark: Mark) -> bool:
    """Whether a clash read and not settled was about this very change (its time aside)."""
    return unsettled is not None and (unsettled.n, unsettled.author) == (mark.n, mark.author)


def _merge_records(theirs: list[Mapping[str, Any]], ours: list[Mapping[str, Any]], path: str,
                   work: _Merge) -> list[Any]:
    their_by_id = {record["id"]: record for record in theirs}
    our_ids = {record["id"] for record in ours}
    merged: list[Any] = []
    for record in ours:
        other = their_by_id.get(record["id"])
        merged.append(record if other is None else
                      _merge_objects(other, record, f"{path}/{record['id']}/", work))
    for record in theirs:
        if record["id"] in our_ids:
            continue
        here = f"{path}/{record['id']}"
        if here in work.mine.deleted and not _changed_since(record, here, work):
            continue  # deleted here, untouched there: it stays deleted
        merged.append(record)
    return merged


def _changed_since(record: Mapping[str, Any], here: str, work: _Merge) -> bool:
    """Whether they changed a deleted record after we last saw it (then it comes back)."""
    for inner in leaves(record):
        mark = work.theirs.marks.get(f"{here}/{inner}")
        if mark is not None and not mark.seen_by(work.mine.seen):
            return True
    return False


def marks_after(final: Mapping[str, Any], theirs: Side, mine: Side, mark: Mark
                ) -> dict[str, tuple[str, Mark]]:
    """The marks of the deal as merged: each value keeps the newest mark of a side that
    holds that very value; a value neither holds (a settled clash, a repair) is ``mark``,
    a change of this laptop. Tombstones of records still gone are kept."""
    their_values = leaves(theirs.deal)
    our_values = leaves(mine.deal)
    kept: dict[str, tuple[str, Mark]] = {}
    for path, value in leaves(final).items():
        candidates = [side_mark for values, marks in ((their_values, theirs.marks),
                                                      (our_values, mine.marks))
                      if path in values and values[path] == value
                      and (side_mark := marks.get(path)) is not None]
        kept[path] = (digest(value), max(candidates) if candidates else mark)
    alive = records(final)
    for path in mine.deleted:
        if path not in alive:
            tombstone = mine.marks.get(path)
            if tombstone is not None:
                kept[path] = (DELETED, tombstone)
    return kept


def settled(rebased: Rebased, keep_ours: bool) -> dict[str, Any]:
    """The merged deal with each clash settled at its value: ours (``keep_ours``) or theirs
    — so the seller's choice about one field never takes or drops the colleague's other
    changes of the same person."""
    document = rebased.document
    if not keep_ours:
        return dict(document)
    settled_document: dict[str, Any] = _copied(document)
    for path in rebased.clashes:
        _put(settled_document, path[2:], rebased.values[path][1])
    return settled_document


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def _put(document: Any, parts: Path, value: Any) -> None:
    """Set the value at ``parts`` (keys, and record ids in record lists)."""
    here = document
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(here, list):
            found = next((r for r in here if isinstance(r, dict) and r.get("id") == part), None)
            if found is None:
                return
            here = found
            continue
        if not isinstance(here, dict):
            return
        if last:
            here[part] = value
            return
        here = here.get(part)

"""A three-way rebase of a deal file on this library, for the team folder: what the other
author *changed* since the version of theirs we last merged (the base) is kept, and
everything they did not change takes this library's value.

Without it, a merge of two copies cannot tell "they changed Ava's title" from "we changed
Kevin's support": both are just differences, and every one of them would be a conflict for
the seller — two laptops editing different people of one deal would never meet. With the
base, only a value both sides changed, differently, is still a difference when the import's
merge rules see it (``desktop/exchange/importing.py``), so the usual review and
``--on-conflict`` rules apply to real conflicts alone. Clocks and file times play no part.

It works on the deal file's JSON document, generically:

* objects are rebased key by key;
* lists of records with ids (deals, people, lines, actions, criteria, steps, alternatives,
  comments, snapshots) are matched by id; a record they left as it was in the base but that
  this library no longer has was deleted here, and stays deleted;
* any other value is taken whole: theirs if they changed it, ours if not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_ABSENT: Any = object()
Path = tuple[str, ...]
# When a copy was written, not what it says: differing stamps are no question for anyone.
STAMPS = frozenset({"updated_at", "created_at"})  # keys and record ids from the document's top


@dataclass
class Rebased:
    """The rebased document, and where both sides changed a value differently: each such
    place as its path (``("deals", deal id, "people", person id, "title")``)."""

    document: Any
    clashes: list[Path] = field(default_factory=list)

    def clashing_records(self, kind: str) -> set[str]:
        """The ids of the records of ``kind`` ("people", "actions" …) with a clash."""
        return {path[index + 1] for path in self.clashes
                for index in range(len(path) - 1) if path[index] == kind}


def three_way(theirs: Any, base: Any, mine: Any) -> Rebased:
    """Rebase ``theirs`` on ``mine`` with ``base`` as the common ancestor."""
    rebased = Rebased(None)
    rebased.document = _rebase(theirs, base, mine, (), rebased.clashes)
    return rebased


def rebase(theirs: Any, base: Any, mine: Any) -> Any:
    """``theirs`` with every part equal to ``base`` replaced by ``mine``'s."""
    return three_way(theirs, base, mine).document


def _rebase(theirs: Any, base: Any, mine: Any, path: Path, clashes: list[Path]) -> Any:
    if theirs == base:
        return mine
    if isinstance(theirs, dict) and isinstance(base, dict) and isinstance(mine, dict):
        rebased = {}
        for key, value in theirs.items():
            merged = _rebase(value, base.get(key, _ABSENT), mine.get(key, _ABSENT),
                             (*path, key), clashes)
            if merged is not _ABSENT:
                rebased[key] = merged
        for key, value in mine.items():  # what they never had: a newer field of ours
            if key not in theirs and key not in base:
                rebased[key] = value
        return rebased
    if _records(theirs) and _records(base) and _records(mine):
        return _rebase_records(theirs, base, mine, path, clashes)
    if mine != base and mine != theirs and not (path and path[-1] in STAMPS):
        clashes.append(path)  # both changed it, differently: the seller decides
    return theirs


def _records(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)


def _rebase_records(theirs: list[dict[str, Any]], base: list[dict[str, Any]],
                    mine: list[dict[str, Any]], path: Path,
                    clashes: list[Path]) -> list[dict[str, Any]]:
    base_by_id = {item["id"]: item for item in base}
    mine_by_id = {item["id"]: item for item in mine}
    rebased = []
    for item in theirs:
        before = base_by_id.get(item["id"])
        ours = mine_by_id.get(item["id"])
        if before is not None and ours is None:
            if item == before:
                continue  # deleted here, untouched there: it stays deleted
            rebased.append(item)  # deleted here, changed there: theirs comes back
        elif before is not None and ours is not None:
            rebased.append(_rebase(item, before, ours, (*path, item["id"]), clashes))
        else:
            rebased.append(item)  # new there (or new on both sides: the merge decides)
    return rebased

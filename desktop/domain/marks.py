"""Who last changed each value of a deal, and when: the marks a team file carries.

A *mark* is put on every value of a shared deal (a person's title, a score's value, an
action's due date …) when this laptop finds it changed: a Lamport number ``n`` — one more
than any number this laptop has seen for the deal, so a change made after seeing another
always carries a higher one — the author's id, and the time (for people to read; never to
order anything, because laptops' clocks differ). Each team file also says, per author, the
highest number it has *seen* (its version vector). Together they tell, for a value two files
hold differently, whether one side had seen the other's value when it wrote its own (then
the later one wins, whoever merges in whatever order) or neither had (a real conflict, for
the seller): ``desktop/exchange/stamped_merge.py``.

Values are addressed by their path in the deal's JSON document: object keys, and record ids
for the lists of records (``people/<id>/scores/business/value``). A record deleted here keeps
a *tombstone* mark at its own path, so that a colleague's unchanged copy of it does not bring
it back.

Pure: no Qt, no SQL; the store keeps the marks (``desktop/store/stamps.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# The lists of a deal document whose items are records with ids, matched by id (any other
# list — roles, the people an action is for — is one value).
RECORD_LISTS = frozenset({"people", "relations", "alternatives", "actions", "criteria",
                          "process", "snapshots", "comments"})
# Never marked, never a question: when a copy was written (not what it says), where this
# laptop put a card on its map (each seller arranges their own map; moving a card is not news,
# as for an import: ``desktop/domain/merge.py``), and the snapshots — a snapshot never changes
# once taken: the merge adds those it has not got (``stamped_merge``), nothing to mark.
STAMPS = frozenset({"updated_at", "created_at", "position", "snapshots",
                    # the library's own id for the account (matched by name on reading)
                    "account_id"})
DELETED = "-"  # the digest of a tombstone
# The largest number a file may carry: far beyond any count of changes, and room to count on
# in SQLite's 64-bit integers (a hostile file's 2**63 − 1 would overflow the next change).
MAX_NUMBER = 2**48


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """One change: ordered by ``n``, then author (a deterministic tie-break)."""

    n: int
    author: str
    at: str = ""  # ISO UTC time of the change, as its laptop's clock said (shown, not used)

    def seen_by(self, seen: Mapping[str, int]) -> bool:
        """Whether a side with version vector ``seen`` had seen this change."""
        return seen.get(self.author, 0) >= self.n


def leaves(deal: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a deal document by its path (stamps left out)."""
    return dict(_walk(deal, ""))


def records(deal: Mapping[str, Any]) -> set[str]:
    """The paths of every record in a deal document (``people/<id>`` …)."""
    found: set[str] = set()
    _records_of(deal, "", found)
    return found


def digest(value: Any) -> str:
    """A short fingerprint of a value, to notice when it changes: a short scalar is its own
    (typed, so 1, 1.0, True and "1" differ), anything else a hash of its JSON."""
    if value is None or isinstance(value, (bool, int, float)):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, str) and len(value) <= 24:
        return f"str:{value}"
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in STAMPS:
                continue
            inner = f"{path}{key}"
            if key in RECORD_LISTS and is_record_list(item):
                for record in item:
                    yield from _walk(record, f"{inner}/{record['id']}/")
            elif isinstance(item, Mapping) and item:
                yield from _walk(item, f"{inner}/")
            else:
                yield inner, item
    else:  # pragma: no cover - a deal document is an object
        yield path.rstrip("/"), value


def _records_of(value: Mapping[str, Any], path: str, found: set[str]) -> None:
    for key, item in value.items():
        if key in RECORD_LISTS and is_record_list(item):
            for record in item:
                here = f"{path}{key}/{record['id']}"
                found.add(here)
                _records_of(record, f"{here}/", found)
        elif isinstance(item, Mapping):
            _records_of(item, f"{path}{key}/", found)


def is_record_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, Mapping) and isinstance(item.get("id"), str) for item in value)


@dataclass(frozen=True, slots=True)
class Stamped:
    """A deal's marks after looking at it: what to keep (path → digest, mark), and the
    paths of marks that no longer apply (a value gone from a record that is still there)."""

    marks: dict[str, tuple[str, Mark]]
    changed: dict[str, tuple[str, Mark]]
    dropped: frozenset[str]


def stamp(deal: Mapping[str, Any], kept: Mapping[str, tuple[str, Mark]], author: str,
          at: str, floor: int = 0) -> Stamped:
    """Mark what changed in ``deal`` since ``kept`` was written, as one change by ``author``
    (one number for the lot: they were seen together), numbered above every mark kept and
    above ``floor`` (the highest number the deal has seen). Records gone get a tombstone."""
    now = leaves(deal)
    n = max(clock(kept.values()), floor) + 1
    marks = dict(kept)
    changed: dict[str, tuple[str, Mark]] = {}
    for path, value in now.items():
        fingerprint = digest(value)
        before = kept.get(path)
        if before is None or before[0] != fingerprint:
            changed[path] = (fingerprint, Mark(n, author, at))
    alive = records(deal)
    dropped = set()
    for path, (fingerprint, _mark) in kept.items():
        if path in now or fingerprint == DELETED:
            continue
        record = _record_of(path, alive)
        if record is None:  # its record is gone: a tombstone at the outermost gone record
            gone = _outermost_gone(path, alive, kept)
            if gone not in kept or kept[gone][0] != DELETED:
                changed[gone] = (DELETED, Mark(n, author, at))
        dropped.add(path)
    for path in alive:  # a record back (undo of a delete): its tombstone goes
        if kept.get(path, ("",))[0] == DELETED:
            dropped.add(path)
    marks.update(changed)
    for path in dropped:
        marks.pop(path, None)
    return Stamped(marks, changed, frozenset(dropped))


def clock(marks: Any) -> int:
    """The highest number among ``(digest, mark)`` pairs (0 when none)."""
    return max((mark.n for _digest, mark in marks), default=0)


def _record_of(path: str, alive: set[str]) -> str | None:
    """The innermost record a value path belongs to, if still there (deal fields: "")."""
    parts = path.split("/")
    for end in range(len(parts) - 1, 1, -1):
        if parts[end - 2] in RECORD_LISTS:
            candidate = "/".join(parts[:end])
            return candidate if candidate in alive else None
    return ""


def _outermost_gone(path: str, alive: set[str], kept: Mapping[str, Any]) -> str:
    parts = path.split("/")
    for end in range(2, len(parts)):
        if parts[end - 2] in RECORD_LISTS:
            candidate = "/".join(parts[:end])
            if candidate not in alive:
                return candidate
    return path


def encode(marks: Mapping[str, Mark], deal: Mapping[str, Any]) -> dict[str, Any]:
    """The marks of a deal document's values for a team file, compactly: each distinct mark
    once with the paths it is on, and a record whose values all carry one mark named once
    (``people/<id>/*``; ``*`` for the deal's own fields) — a first publish is one mark."""
    alive = records(deal)
    by_record: dict[str, list[str]] = {}
    for path in leaves(deal):
        by_record.setdefault(_record_of(path, alive) or "", []).append(path)
    table: dict[Mark, list[str]] = {}
    for record, paths in by_record.items():
        found = {marks.get(path) for path in paths}
        single = next(iter(found)) if len(found) == 1 else None
        if single is not None:
            table.setdefault(single, []).append(f"{record}/*" if record else "*")
            continue
        for path in paths:
            mark = marks.get(path)
            if mark is not None:
                table.setdefault(mark, []).append(path)
    return {"changes": [[m.n, m.author, m.at, sorted(table[m])] for m in sorted(table)]}


def decode(header: Any, deal: Mapping[str, Any]) -> dict[str, Mark]:
    """The mark on each value of ``deal`` that a colleague's team file carries (untrusted:
    anything odd is left out; a value without a mark is as if never changed)."""
    named: dict[str, Mark] = {}
    changes = header.get("changes") if isinstance(header, Mapping) else None
    for entry in changes if isinstance(changes, list) else ():
        if not (isinstance(entry, list) and len(entry) == 4):
            continue
        n, author, at, paths = entry
        if not (isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_NUMBER
                and isinstance(author, str) and isinstance(at, str)
                and isinstance(paths, list)):
            continue
        mark = Mark(n, author[:64], at[:40])
        for path in paths:
            if isinstance(path, str):
                named[path] = mark
    if not named:
        return {}
    alive = records(deal)
    found: dict[str, Mark] = {}
    for path in leaves(deal):
        record = _record_of(path, alive) or ""
        chosen = named.get(path) or named.get(f"{record}/*" if record else "*")
        if chosen is not None:
            found[path] = chosen
    return found


def decode_unseen(value: Any) -> dict[str, Mark]:
    """A team file's clashes read and not settled: path → [number, author] (untrusted)."""
    if not isinstance(value, Mapping):
        return {}
    found = {}
    for path, entry in value.items():
        if isinstance(path, str) and isinstance(entry, list) and len(entry) == 2:
            n, author = entry
            if isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_NUMBER \
                    and isinstance(author, str):
                found[path] = Mark(n, author[:64])
    return found


def decode_seen(value: Any) -> dict[str, int]:
    """A team file's version vector (untrusted)."""
    if not isinstance(value, Mapping):
        return {}
    return {k[:64]: v for k, v in value.items() if isinstance(k, str) and isinstance(v, int)
            and not isinstance(v, bool) and 0 <= v <= MAX_NUMBER}

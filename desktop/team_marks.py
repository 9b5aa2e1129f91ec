"""The marks of a shared deal between the library and the team files: put on this laptop's
changes before a publish or a merge, written into a published file's header, read from a
colleague's, and kept after a merge (``desktop/domain/marks.py`` for what they mean,
``desktop/exchange/stamped_merge.py`` for how a merge uses them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from desktop.domain.credit import NOBODY, Credit
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal
from desktop.domain.marks import (
    DELETED,
    Mark,
    clock,
    decode,
    decode_seen,
    decode_unseen,
    digest,
    encode,
    leaves,
    stamp,
)
from desktop.domain.text import one_line
from desktop.exchange import dealfile
from desktop.exchange.stamped_merge import Rebased, Side, marks_after
from desktop.store import stamps, team
from desktop.store.library import Library


def now_text() -> str:
    return utc_now().isoformat()


def stamped(library: Library, deal_id: str, author_id: str) -> Side:
    """This library's version of the deal, with a mark on every change made here since the
    last look (one transaction)."""
    document = dealfile.to_document([library.get_deal(deal_id, snapshots=False)],
                                    include_private=True)
    deal: dict[str, Any] = document["deals"][0]
    kept = stamps.marks(library, deal_id)
    vector = stamps.seen(library, deal_id)
    looked = stamp(deal, kept, author_id, now_text(), floor=max(vector.values(), default=0))
    if looked.changed or looked.dropped:
        with library.transaction():
            stamps.write_marks(library, deal_id, looked.changed, looked.dropped)
            stamps.note_seen(library, deal_id, {author_id: clock(looked.marks.values())})
        vector = stamps.seen(library, deal_id)
    return Side(deal, {path: mark for path, (_d, mark) in looked.marks.items()}, vector,
                deleted=frozenset(path for path, (fingerprint, _m) in looked.marks.items()
                                  if fingerprint == DELETED),
                unseen=stamps.pending(library, deal_id))


def reading_state(library: Library, deal_id: str) -> str:
    """What the deal's file says it has read: its version vector and its clashes waiting
    (a publish is due when these change, even with no value changed)."""
    unsettled = {path: [mark.n, mark.author]
                 for path, mark in stamps.pending(library, deal_id).items()}
    return json.dumps([stamps.seen(library, deal_id), unsettled], sort_keys=True)


def header(library: Library, side: Side, published: Mapping[str, Any], *,
           anonymised: bool = False) -> dict[str, Any]:
    """What a published file says besides its deal: the marks of the values it shows, the
    deal's version vector, the clashes read here and not settled (so that a reader does
    not take this laptop's value for a choice made after seeing theirs), whether names are
    stand-ins, and the names of the authors of those marks."""
    known = stamps.authors(library)
    carried = encode(side.marks, published)
    names = {author: known[author] for _n, author, _at, _paths in carried["changes"]
             if author in known}
    return {"marks": carried, "seen": dict(side.seen), "authors": names,
            "unseen": {path: [mark.n, mark.author] for path, mark in side.unseen.items()},
            "anonymised": anonymised}


def theirs(document: Mapping[str, Any], team_header: Any) -> Side:
    """A colleague's version of the deal from their file (untrusted header)."""
    deal = document["deals"][0]
    header_map = team_header if isinstance(team_header, Mapping) else {}
    return Side(deal, decode(header_map.get("marks"), deal), decode_seen(header_map.get("seen")),
                private=bool(document.get("private", True)),
                unseen=decode_unseen(header_map.get("unseen")),
                anonymised=header_map.get("anonymised") is True)


EMPTY = Side({}, {}, {})
NAME_LIMIT = 80  # characters of a colleague's name kept and shown


def keep_after_merge(library: Library, deal_id: str, author_id: str, their_side: Side,
                     my_side: Side, team_header: Any) -> None:
    """After a merge (inside its transaction): the deal's marks as merged, its version
    vector raised to both sides', and the names of the authors the file brought."""
    final = dealfile.to_document([library.get_deal(deal_id, snapshots=False)],
                                 include_private=True)["deals"][0]
    number = max(clock(("", m) for m in my_side.marks.values()),
                 clock(("", m) for m in their_side.marks.values()),
                 max(my_side.seen.values(), default=0),
                 max(their_side.seen.values(), default=0)) + 1
    kept = marks_after(final, their_side, my_side, Mark(number, author_id, now_text()))
    vector = dict(their_side.seen)
    for author, n in my_side.seen.items():
        vector[author] = max(n, vector.get(author, 0))
    vector[author_id] = max(vector.get(author_id, 0),
                            max((m.n for _d, m in kept.values() if m.author == author_id),
                                default=0))
    with library.transaction():
        stamps.replace_marks(library, deal_id, kept)
        stamps.note_seen(library, deal_id, vector)
        names = team_header.get("authors") if isinstance(team_header, Mapping) else None
        for author, name in (names.items() if isinstance(names, Mapping) else ()):
            if isinstance(author, str) and isinstance(name, str) and name.strip():
                shown = one_line(name, NAME_LIMIT)
                if shown:
                    stamps.note_author(library, author[:64], shown)


def credit(library: Library, deal: Deal) -> Credit:
    """Who last changed each value of ``deal`` as it is now, for the review and what came in:
    a mark counts only while the value is still the one it marked (a later edit here, not
    marked yet, is this laptop's own)."""
    kept = stamps.marks(library, deal.id)
    if not kept:
        return NOBODY  # not a shared deal: nothing to credit, nothing to compute
    values = leaves(dealfile.to_document([deal.without_snapshots()],
                                         include_private=True)["deals"][0])
    changes = {path: (mark.author, mark.at) for path, (fingerprint, mark) in kept.items()
               if path in values and digest(values[path]) == fingerprint}
    chosen = team.settings(library)
    return Credit(changes, stamps.authors(library), chosen.author_id if chosen else "")


def note_clashes(library: Library, deal_id: str, rebased: Rebased, their_side: Side, *,
                 waiting: bool, author: str) -> None:
    """Remember the clashes of a merge the seller has not settled (``waiting``), or forget
    them once settled — and forget those this colleague's file no longer clashes on (they
    took our value, or changed it again: then it is read afresh)."""
    clashing = {"/".join(path[2:]): path for path in rebased.clashes}
    now = {path: mark for path in clashing
           if (mark := their_side.marks.get(path)) is not None} if waiting else {}
    before = stamps.pending(library, deal_id)
    gone = [path for path, mark in before.items()
            if path not in now and (mark.author == author or path in clashing)]
    stamps.note_pending(library, deal_id, now, settled=gone)

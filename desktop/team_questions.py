"""A team merge's questions in the seller's words: which value both laptops changed at the
same time, what it is here and what the colleague made it — "Helix …: Jonas Berg's title:
“CMIO” here, “Chief Medical Officer” from Ben Okafor" — so Keep mine / Take theirs is a
choice between two things the seller can see (``desktop/team_sync.py`` asks them)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.domain.enums import Support
from desktop.domain.text import one_line
from desktop.exchange.stamped_merge import Rebased

# What a value's path under its record is called (the rest: its keys, in words).
_WORDS = {("scores", "business", "value"): "business outcome score",
          ("scores", "technical", "value"): "technical fit score",
          ("scores", "personal", "value"): "personal win score",
          ("scores", "business", "evidence"): "business outcome evidence",
          ("scores", "technical", "evidence"): "technical fit evidence",
          ("scores", "personal", "evidence"): "personal win evidence",
          ("leans_to",): "leaning", ("last_contact",): "last contact",
          ("close_date",): "close date", ("owner_side",): "owner's side"}
_RECORDS = {"people": "name", "actions": "text", "criteria": "text", "process": "name",
            "alternatives": "name", "relations": "kind", "comments": "text"}
_KINDS = {"actions": "action", "criteria": "criterion", "process": "process step",
          "alternatives": "alternative", "relations": "line", "comments": "comment"}
LONGEST = 60


def clash_lines(deal_name: str, rebased: Rebased, mine: Mapping[str, Any],
                author: str) -> list[str]:
    """One line per value both changed differently; ``mine`` is this library's deal
    document (for the names of the records)."""
    lines = []
    for path in rebased.clashes:
        theirs, ours = rebased.values.get(path, (None, None))
        parts = path[2:]  # ("deals", deal id, …)
        lines.append(f"{deal_name}: {_subject(parts, mine)}: {_shown(parts, ours)} here, "
                     f"{_shown(parts, theirs)} from {author}")
    return lines


def _subject(parts: Sequence[str], mine: Mapping[str, Any]) -> str:
    if len(parts) >= 3 and parts[0] in _RECORDS:
        found = mine.get(parts[0])
        records = found if isinstance(found, list) else []
        record = next((r for r in records if isinstance(r, dict) and r.get("id") == parts[1]),
                      {})
        label = _short(str(record.get(_RECORDS[parts[0]], "")))
        what = _words(parts[2:])
        if parts[0] == "people":
            return f"{label or 'a person'}'s {what}"
        return f"the {_KINDS[parts[0]]} “{label}”'s {what}" if label else \
            f"an {_KINDS[parts[0]]}'s {what}"
    return f"the deal's {_words(parts)}"


def _words(parts: Sequence[str]) -> str:
    key = tuple(parts)
    return _WORDS.get(key) or " ".join(part.replace("_", " ") for part in key
                                       if len(part) != 36)


def _shown(parts: Sequence[str], value: Any) -> str:
    if value is None or value == "":
        return "empty"
    if parts and parts[-1] == "support" and isinstance(value, int) \
            and not isinstance(value, bool) and -2 <= value <= 2:
        return Support(value).label
    if isinstance(value, str):
        return f"“{_short(value)}”"
    return _short(json.dumps(value, ensure_ascii=False))


def _short(text: str) -> str:
    return one_line(text, LONGEST)

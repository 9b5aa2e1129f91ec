"""Who made a change, in words: "by Anna, 2 Dec" after a line of a review or of what came in
from the team folder — the issue's "Kevin Liu's support: −1 → +1, by Anna, 2 Dec".

Built from the marks of a shared deal (``desktop/domain/marks.py``): each value's author and
time. Only a colleague's change is credited; this laptop's own edits read as they always
did (the seller knows what they did). Qt-free and SQL-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from desktop.domain.flag_types import day_text


@dataclass(frozen=True, slots=True)
class Credit:
    """The author and time of the last change of each value (path → (author id, ISO
    time)), the authors' names, and this laptop's author id (never credited)."""

    changes: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    me: str = ""

    def value(self, path: str) -> str:
        """", by Anna, 2 Dec" for the value at ``path`` (or the latest change of the values
        under it: ``people/<id>/versus``); "" when it is ours or unknown."""
        found = self.changes.get(path)
        if found is None:
            prefix = f"{path}/"
            under = [change for key, change in self.changes.items() if key.startswith(prefix)]
            found = max(under, key=lambda change: change[1]) if under else None
        if found is None or found[0] == self.me:
            return ""
        author, at = found
        name = self.names.get(author) or f"author {author[:8]}"
        try:
            when = f", {day_text(datetime.fromisoformat(at).astimezone().date())}"  # local
        except ValueError:
            when = ""
        return f", by {name}{when}"

    def person(self, person_id: str, aspect: str) -> str:
        return self.value(f"people/{person_id}/{aspect}")

    def record(self, kind: str, record_id: str) -> str:
        return self.value(f"{kind}/{record_id}")


NOBODY = Credit()

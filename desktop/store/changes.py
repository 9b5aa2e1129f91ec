"""What one store operation changed, so each view refreshes only its part (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Ids touched by one operation. ``*_removed`` ids no longer exist after it."""

    deals: frozenset[str] = field(default_factory=frozenset)
    deals_removed: frozenset[str] = field(default_factory=frozenset)
    people: frozenset[str] = field(default_factory=frozenset)
    people_removed: frozenset[str] = field(default_factory=frozenset)
    relations: frozenset[str] = field(default_factory=frozenset)
    relations_removed: frozenset[str] = field(default_factory=frozenset)
    snapshots: frozenset[str] = field(default_factory=frozenset)
    snapshots_removed: frozenset[str] = field(default_factory=frozenset)
    positions_only: bool = False
    """True when the only change is where cards sit: tables and charts can skip refreshing."""

    def __bool__(self) -> bool:
        return any(
            (self.deals, self.deals_removed, self.people, self.people_removed, self.relations,
             self.relations_removed, self.snapshots, self.snapshots_removed)
        )

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            deals=self.deals | other.deals,
            deals_removed=self.deals_removed | other.deals_removed,
            people=self.people | other.people,
            people_removed=self.people_removed | other.people_removed,
            relations=self.relations | other.relations,
            relations_removed=self.relations_removed | other.relations_removed,
            snapshots=self.snapshots | other.snapshots,
            snapshots_removed=self.snapshots_removed | other.snapshots_removed,
            positions_only=self.positions_only and other.positions_only,
        )

"""Light read models for lists: what the deal list shows without loading whole deals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class DealSummary:
    id: str
    name: str
    account: str
    stage: str
    amount: float | None
    currency: str
    close_date: date | None
    updated_at: datetime
    people: int
    overdue: int = 0  # open actions due before today: what the deal list warns of

    def to_plain(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "account": self.account,
            "stage": self.stage,
            "amount": self.amount,
            "currency": self.currency,
            "close_date": self.close_date.isoformat() if self.close_date else None,
            "updated_at": self.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "people": self.people,
            "overdue_actions": self.overdue,
        }


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    id: str
    deal_id: str
    name: str
    taken_at: datetime

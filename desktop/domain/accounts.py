"""Accounts: the customer company whose people several deals share.

A person belongs to the account — one identity (name, title, department, organisation,
contacts, notes, last contact) — and has a *stance* in each deal they take part in (roles,
support, influence, coverage, mode, scores, place on the map). ``Person`` stays the deal's
view of both (identity and that deal's stance), so the editor, the map and every analysis
read one value; the store keeps identity once per account and stances per deal.

The account view is a grid: the account's people down, its deals across, a person's stance
in a deal per cell (blank where not involved). :class:`AccountGrid` is that grid as one
immutable value, read in one query per table, so 10,000 people across 50 deals open at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from desktop.domain.enums import Role, Support
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.text import MEDIUM_TEXT, SHORT_TEXT, clean_name, clean_text


@dataclass(frozen=True, slots=True)
class Account:
    """A customer company. Its name is unique in a library, ignoring case."""

    name: str
    id: str = field(default_factory=new_id)
    industry: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "id", check_id(self.id, "id"))
        fix(self, "name", clean_name(self.name, "name"))
        fix(self, "industry", clean_text(self.industry, "industry", limit=SHORT_TEXT))
        fix(self, "notes", clean_text(self.notes, "notes", limit=MEDIUM_TEXT, multiline=True))


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """One line of ``accounts``: how many people and deals the account has."""

    account: Account
    people: int
    deals: int

    def to_plain(self) -> dict[str, object]:
        return {"id": self.account.id, "name": self.account.name,
                "industry": self.account.industry, "notes": self.account.notes,
                "people": self.people, "deals": self.deals}


@dataclass(frozen=True, slots=True)
class AccountPerson:
    """A person's identity in the account (what every deal shows alike)."""

    id: str
    name: str
    title: str = ""
    department: str = ""
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class AccountDeal:
    id: str
    name: str
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Stance:
    """A person's position in one deal, as the account view shows it per cell."""

    support: Support
    personal: int | None  # the personal-win score, None when unknown
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountGrid:
    """The account view: people (by name) × deals (by name), stance per cell.

    ``reports``: the union of reports-to lines from all the account's deals, as
    (person id, manager id) pairs — the account org chart.
    """

    account: Account
    people: tuple[AccountPerson, ...]
    deals: tuple[AccountDeal, ...]
    cells: Mapping[tuple[str, str], Stance]  # (person id, deal id) → stance
    reports: tuple[tuple[str, str], ...] = ()

    def stance(self, person_id: str, deal_id: str) -> Stance | None:
        return self.cells.get((person_id, deal_id))

    def to_plain(self) -> dict[str, object]:
        """``account ACCOUNT --json``: the account, its deals, and per person a stance per
        deal they take part in (documented in docs/accounts.md)."""
        return {
            "account": {"id": self.account.id, "name": self.account.name,
                        "industry": self.account.industry, "notes": self.account.notes},
            "deals": [{"id": d.id, "name": d.name, "stage": d.stage} for d in self.deals],
            "people": [
                {"id": p.id, "name": p.name, "title": p.title, "department": p.department,
                 "organisation": p.organisation,
                 "deals": {d.id: {"support": int(s.support), "personal": s.personal,
                                  "roles": [r.value for r in s.roles]}
                           for d in self.deals if (s := self.cells.get((p.id, d.id)))}}
                for p in self.people],
            "reports_to": [{"person": a, "manager": b} for a, b in self.reports],
        }


def check_account_name(name: str) -> str:
    """The account's name as stored (cleaned); raise ValidationError when empty."""
    cleaned = clean_text(name, "account", limit=SHORT_TEXT)
    if not cleaned:
        raise ValidationError("account", "an account needs a name")
    return cleaned


class NoticeKind(StrEnum):
    TITLE = "title"
    MANAGER = "manager"


@dataclass(frozen=True, slots=True)
class IdentityNotice:
    """Something about a person changed in another deal of the account since this deal's
    stance was last edited: their title, or who they report to."""

    person: str
    what: NoticeKind
    was: str
    now: str
    at: datetime

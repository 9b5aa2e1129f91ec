"""What importing and exporting need from the library — a Protocol, so the exchange layer
stays independent of the store (``desktop.store.library.Library`` satisfies it)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, Protocol

from desktop.domain.accounts import Account, AccountPerson, AccountSummary
from desktop.domain.deal import Deal


class DealSummaryLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


class DealStore(Protocol):
    def list_deals(self) -> Sequence[DealSummaryLike]: ...

    def get_deal(self, deal_id: str, *, snapshots: bool = True) -> Deal: ...

    def ids_in_use(self) -> set[str]: ...

    def incoming_account(self, deal: Deal) -> str | None: ...

    def account_people(self, account_id: str, text: str = "",
                       limit: int = 50) -> Sequence[AccountPerson]: ...

    def account_summary(self, account_id: str | None) -> AccountSummary | None: ...

    def write_deals(self, *, add: Sequence[Deal] = (), replace_with: Sequence[Deal] = (),
                    delete: Sequence[str] = (),
                    account_details: Sequence[Account] = ()) -> object: ...

    def backup(self, reason: str, keep: int | None = ...) -> object: ...

    def transaction(self) -> contextlib.AbstractContextManager[Any]: ...

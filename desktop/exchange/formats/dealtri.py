"""The ``.dealtri`` deal file: several whole deals, with snapshots (see dealfile.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.domain.account_rules import account_key
from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.domain.merge import PERSON_FIELDS
from desktop.exchange import dealfile
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import write_bytes


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    deals, private, accounts = dealfile.parse_with_accounts(data, path)
    # Written without private fields: their empty notes say "not shared", not "erased".
    provided = None if private else frozenset(PERSON_FIELDS) - {"notes"}
    return [Incoming(deal, provided, account=accounts.get(account_key(deal.account)))
            for deal in deals]


def write(deals: Sequence[Deal], path: Path, include_private: bool, *,
          accounts: Mapping[str, Account] | None = None) -> list[Path]:
    """``accounts``: the deals' accounts by id (their industry and notes are written)."""
    write_bytes(path, dealfile.dumps(deals, include_private=include_private,
                                     accounts=accounts).encode())
    return [path]


def write_version_1(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    """The shape an older release reads: the plan left out but each person's next open
    action, as their next step (``dealfile.left_out_of_version_1`` says what is lost)."""
    write_bytes(path, dealfile.dumps(deals, include_private=include_private,
                                     version=1).encode())
    return [path]


def write_version_2(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    """The shape the release before comments reads: everything but the comments."""
    write_bytes(path, dealfile.dumps(deals, include_private=include_private,
                                     version=2).encode())
    return [path]


def sniff(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and b'"deal-triangle"' in head


FORMAT = Format("dealtri", "Deal Triangle deal files", (dealfile.EXTENSION,), read=read,
                write=write, sniff=sniff, keeps_snapshots=True,
                versions=((1, write_version_1), (2, write_version_2),
                          (dealfile.FORMAT_VERSION, write)))

"""Exporting deals: the format from the file's extension (or its name), each deal read whole
(with its snapshots where the format keeps them), written atomically by the format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.domain.accounts import Account
from desktop.domain.deal import Deal
from desktop.exchange import registry
from desktop.exchange.deal_store import DealStore
from desktop.exchange.dealfile import version_1_note, version_2_note
from desktop.exchange.formats import dealtri


def export_deals(library: DealStore, deal_ids: Sequence[str], path: Path,
                 format_name: str | None = None, *, include_private: bool = False,
                 format_version: int | None = None,
                 note: Callable[[str], object] | None = None) -> list[Path]:
    """Write deals to ``path`` in the format its extension (or ``format_name``) names —
    in ``format_version`` of it when asked (a deal file for an older release); ``note``
    is told, in one sentence, what that version leaves out."""
    fmt = registry.for_output(path, format_name)
    write = fmt.write
    if format_version is not None:
        versions = dict(fmt.versions)
        if not versions:
            raise ValueError(f"{fmt.label} come in one version only; a version is chosen "
                             "for deal files")
        if format_version not in versions:
            numbers = [str(v) for v in versions]
            known = " or ".join(numbers) if len(numbers) < 3 else \
                ", ".join(numbers[:-1]) + " or " + numbers[-1]
            raise ValueError(f"{fmt.label} have no format version {format_version}; "
                             f"choose {known}")
        write = versions[format_version]
    deals = [library.get_deal(deal_id, snapshots=fmt.keeps_snapshots) for deal_id in deal_ids]
    if fmt.one_deal_only and len(deals) != 1:
        raise ValueError(f"{fmt.label} hold one deal each; export one deal at a time")
    assert write is not None
    if write is dealtri.write:  # the current deal file: the accounts' details too
        written = dealtri.write(deals, path, include_private,
                                accounts=accounts_of(library, deals))
    else:
        written = write(deals, path, include_private)
    if format_version in (1, 2) and note is not None and fmt.keeps_snapshots:
        left_out = version_1_note(deals) if format_version == 1 else version_2_note(deals)
        if left_out:
            note(left_out)
    return written


def accounts_of(library: DealStore, deals: Sequence[Deal]) -> dict[str, Account]:
    """The deals' accounts by id (their industry and notes go into a deal file)."""
    found: dict[str, Account] = {}
    for account_id in dict.fromkeys(d.account_id for d in deals if d.account_id):
        summary = library.account_summary(account_id)
        if summary is not None:
            found[summary.account.id] = summary.account
    return found

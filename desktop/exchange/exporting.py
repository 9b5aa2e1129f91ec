"""Exporting deals: the format from the file's extension (or its name), each deal read whole
(with its snapshots where the format keeps them), written atomically by the format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.exchange import registry
from desktop.exchange.deal_store import DealStore


def export_deals(library: DealStore, deal_ids: Sequence[str], path: Path,
                 format_name: str | None = None, *, include_private: bool = False
                 ) -> list[Path]:
    """Write deals to ``path`` in the format its extension (or ``format_name``) names."""
    fmt = registry.for_output(path, format_name)
    deals = [library.get_deal(deal_id, snapshots=fmt.keeps_snapshots) for deal_id in deal_ids]
    if fmt.one_deal_only and len(deals) != 1:
        raise ValueError(f"{fmt.label} hold one deal each; export one deal at a time")
    assert fmt.write is not None
    return fmt.write(deals, path, include_private)

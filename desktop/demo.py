"""The demo deals: loaded on first start and by ``deal-triangle demo``.

They are ordinary deal files in ``resources/demo/`` with fixed ids, so adding them twice
adds nothing: a deal whose id is already in the library is left as it is.
"""

from __future__ import annotations

from desktop.demo_history import with_history
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from desktop.resource_paths import demo_files
from desktop.store.library import Library


def demo_deals() -> list[Deal]:
    deals: list[Deal] = []
    for path in demo_files():
        deals.extend(dealfile.read_file(path))
    return [with_history(deal) for deal in deals]  # two snapshots each: a review to show


def add_demo_deals(library: Library) -> tuple[list[Deal], ChangeSet]:
    """Add the demo deals the library does not have yet; return those added."""
    present = {summary.id for summary in library.list_deals()}
    added = [deal for deal in demo_deals() if deal.id not in present]
    return added, library.add_deals(added)

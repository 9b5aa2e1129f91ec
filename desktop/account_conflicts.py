"""Reading what ``manager_conflicts`` needs from the library: each deal's reports-to lines,
read only when the account's union of lines gives somebody two managers (otherwise no
query at all — a 10,000-person account without conflicts pays nothing)."""

from __future__ import annotations

from desktop.domain.accounts import AccountGrid
from desktop.domain.enums import RelationKind
from desktop.domain.manager_conflicts import ManagerConflict, manager_conflicts, two_managers
from desktop.store.library import Library


def read_manager_conflicts(library: Library, grid: AccountGrid) -> tuple[ManagerConflict, ...]:
    wanted = two_managers(grid.reports)
    if not wanted:
        return ()
    lines: dict[str, list[tuple[str, str]]] = {}
    for deal in grid.deals:
        _people, line_ids = library.deal_order(deal.id)
        lines[deal.id] = [(r.source, r.target) for r in library.get_relations(deal.id, line_ids)
                          if r.kind is RelationKind.REPORTS_TO and r.source in wanted]
    return manager_conflicts(grid, lines)

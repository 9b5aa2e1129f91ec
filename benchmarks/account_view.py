"""The account view of 10,000 people across 50 deals (issue 18's "speed and scale"):

- **open**: the grid value turned into the window's table (model made, view shown and
  painted) — goal ≤ 1 s. Baseline: the same cells read from raw sqlite3 into a dict, the
  least any view of them could cost. A second line opens it from a real library file
  (``Library.account_grid`` + the view) against the grid's own four queries in raw sqlite3.
- **scroll**: a frame of the table, from a wheel notch or a scroll-bar step until the
  viewport has repainted — goal ≤ 16 ms (mean and p95 reported). Baseline: the same table
  over a model that answers nothing (Qt's own cost for a grid of that size).
- **org chart**: the compact org chart of all 10,000 people — goal ≤ 3 s. Baseline:
  ``networkx.spring_layout`` on ``SPRING_PEOPLE`` of them (on all 10,000 it takes minutes).
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    Qt,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.harness import Result, median_time
from benchmarks.qt_app import application
from desktop.domain.accounts import AccountGrid
from desktop.synthetic_account import synthetic_account

PEOPLE = 10_000
DEALS = 50
FRAMES = 60
SPRING_PEOPLE = 2_000


class _Empty(QAbstractTableModel):
    """A table of the same size that answers nothing: what Qt's grid costs by itself."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None


def run() -> list[Result]:
    app = application()
    grid = synthetic_account(PEOPLE, DEALS, seed=18)
    return [_open(app, grid), *_library_open(app, grid), _scroll(app, grid), _chart(grid)]


def _raw_sqlite(grid: AccountGrid) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE stance (person TEXT, deal TEXT, support INTEGER, "
                       "personal INTEGER)")
    connection.executemany("INSERT INTO stance VALUES (?, ?, ?, ?)",
                           [(p, d, int(s.support), s.personal)
                            for (p, d), s in grid.cells.items()])
    connection.execute("CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT, title TEXT)")
    connection.executemany("INSERT INTO person VALUES (?, ?, ?)",
                           [(p.id, p.name, p.title) for p in grid.people])
    connection.commit()
    return connection


def _open(app: QApplication, grid: AccountGrid) -> Result:
    from desktop.ui.account_view import AccountView

    connection = _raw_sqlite(grid)

    def raw() -> object:
        people = {row[0]: row[1:] for row in connection.execute(
            "SELECT id, name, title FROM person ORDER BY name")}
        cells = {(p, d): (s, w) for p, d, s, w in connection.execute(
            "SELECT person, deal, support, personal FROM stance")}
        return people, cells

    def ours() -> None:
        view = AccountView()
        view.resize(1366, 768)
        view.set_grid(grid)
        view.show()
        app.processEvents()
        view.table.viewport().repaint()
        view.close()
        view.deleteLater()
        app.processEvents()

    ours_time = median_time(ours, repeat=3)
    baseline = median_time(raw, repeat=3)
    return Result(f"account view opens, {PEOPLE:,} × {DEALS} (vs raw sqlite3)", ours_time,
                  baseline, goal="≤ 1 s",
                  note=f"{len(grid.cells):,} cells; model + view shown and painted")


def _library_open(app: QApplication, grid: AccountGrid) -> list[Result]:
    """The same, read from a real library file: ``Library.account_grid`` and the view,
    against the grid's four queries run in raw sqlite3 and fetched as tuples."""
    import tempfile
    from pathlib import Path

    from desktop.store.library import Library
    from desktop.ui.account_view import AccountView

    with tempfile.TemporaryDirectory() as folder, \
            Library.open(Path(folder) / "bench.sqlite") as library:
        account_id = write_to_library(library, grid)
        read = median_time(lambda: library.account_grid(account_id), repeat=3)

        def ours() -> None:
            view = AccountView()
            view.resize(1366, 768)
            view.set_grid(library.account_grid(account_id))
            view.show()
            app.processEvents()
            view.table.viewport().repaint()
            view.close()
            view.deleteLater()
            app.processEvents()

        ours_time = median_time(ours, repeat=3)
        connection = sqlite3.connect(library.path)
        try:
            baseline = median_time(lambda: [connection.execute(query, [account_id]).fetchall()
                                            for query in _GRID_QUERIES], repeat=3)
        finally:
            connection.close()
    return [Result(f"account view from a library, {PEOPLE:,} × {DEALS}", ours_time,
                   baseline, goal="≤ 1 s",
                   note=f"Library.account_grid {read * 1e3:.0f} ms of it + view shown and "
                        "painted; baseline: the same 4 queries, raw sqlite3 tuples")]


_GRID_QUERIES = (  # what desktop/store/accounts.py:grid asks, row for row
    "SELECT id, name, title, department, organisation, email FROM identities "
    "WHERE account_id = ? ORDER BY name COLLATE NOCASE, id",
    "SELECT id, name, stage FROM deals WHERE account_id = ? ORDER BY name COLLATE NOCASE, id",
    "SELECT p.id, p.deal_id, p.support, p.roles, s.value FROM people AS p "
    "JOIN deals AS d ON d.id = p.deal_id LEFT JOIN scores AS s ON s.deal_id = p.deal_id "
    "AND s.person_id = p.id AND s.axis = 'personal' WHERE d.account_id = ?",
    "SELECT r.source, r.target FROM relations AS r JOIN deals AS d ON d.id = r.deal_id "
    "WHERE d.account_id = ? AND r.kind = 'reports-to' ORDER BY r.deal_id, r.ordinal",
)


def write_to_library(library: Any, grid: AccountGrid) -> str:
    """``grid`` as deals of one account in ``library``: each deal holds the people with a
    stance in it (the same ids across deals) and the reports-to lines among them."""
    from desktop.domain.deal import Deal
    from desktop.domain.enums import RelationKind
    from desktop.domain.person import Person
    from desktop.domain.relation import Relation
    from desktop.domain.scores import Score, Triangle

    manager = dict(grid.reports)
    deals = []
    for deal in grid.deals:
        people = [Person(name=p.name, id=p.id, title=p.title, email=p.email,
                         support=stance.support, roles=stance.roles,
                         scores=Triangle(personal=Score(stance.personal)))
                  for p in grid.people
                  if (stance := grid.stance(p.id, deal.id)) is not None]
        inside = {p.id for p in people}
        lines = tuple(Relation(p.id, manager[p.id], RelationKind.REPORTS_TO) for p in people
                      if manager.get(p.id) in inside)
        deals.append(Deal(name=deal.name, id=deal.id, account=grid.account.name,
                          stage=deal.stage, people=tuple(people), relations=lines))
    library.add_deals(deals)
    return str(library.find_account(grid.account.name))


def _scroll(app: QApplication, grid: AccountGrid) -> Result:
    from desktop.ui.account_view import AccountView

    view = AccountView()
    view.resize(1366, 768)
    view.set_grid(grid)
    view.show()
    app.processEvents()
    ours = _frames(app, view.table)
    view.close()
    empty = QTableView()
    empty.resize(1366, 700)
    empty.setModel(_Empty(len(grid.people), len(grid.deals) + 2))
    empty.verticalHeader().setDefaultSectionSize(22)
    empty.show()
    app.processEvents()
    floor = _frames(app, empty)
    empty.close()
    ordered = sorted(ours)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return Result(f"account view scroll frame, {PEOPLE:,} × {DEALS}", statistics.mean(ours),
                  statistics.mean(floor), goal="≤ 16 ms",
                  note=f"mean; p95 {p95 * 1e3:.1f} ms, worst {max(ours) * 1e3:.1f} ms; "
                       "baseline: the same table answering nothing")


def _frames(app: QApplication, table: QTableView) -> list[float]:
    viewport = table.viewport()
    bar = table.verticalScrollBar()
    across = table.horizontalScrollBar()
    times = []
    for step in range(FRAMES):
        start = time.perf_counter()
        if step % 3 == 0:
            centre = QPointF(viewport.width() / 2, viewport.height() / 2)
            QApplication.sendEvent(viewport, QWheelEvent(
                centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase, False))
        elif step % 3 == 1:
            bar.setValue(bar.value() + bar.pageStep())
        else:
            across.setValue(across.value() + (120 if step % 2 else -60))
        viewport.repaint()
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def _chart(grid: AccountGrid) -> Result:
    import networkx as nx

    from desktop.layout.org_chart import org_chart_layout
    from desktop.render.account_chart import account_chart

    ids = [p.id for p in grid.people]
    start = time.perf_counter()
    account_chart(grid, org_chart_layout(ids, grid.reports))
    ours = time.perf_counter() - start
    few = set(ids[:SPRING_PEOPLE])
    graph = nx.Graph()
    graph.add_nodes_from(few)
    graph.add_edges_from((a, b) for a, b in grid.reports if a in few and b in few)
    start = time.perf_counter()
    nx.spring_layout(graph, seed=18)
    spring = time.perf_counter() - start
    return Result(f"account org chart of {PEOPLE:,} people (vs spring)", ours, spring,
                  goal="≤ 3 s",
                  note=f"baseline: nx.spring_layout on {SPRING_PEOPLE:,} of them (all "
                       f"{PEOPLE:,}: minutes)")

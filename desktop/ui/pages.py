"""Pages beyond one deal's editor — the portfolio, the account view, the review — hooked
into the main window in one place, so that the window module keeps to menus, actions and
wiring of the per-deal editor (its size is held by tests/system/test_layers.py).

``schedule_pages(window)`` runs once, after the window's menus are built; the pages are
installed right after the window's first paint (their modules and widgets cost ~0.1 s that
must not stand between a double-click and the first painted window — benchmarks/startup.py).
Each page adds its tab or its menu entries in ``install_pages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class _AfterFirstPaint(QObject):
    """Installs the pages once the deal header — always on screen — has been painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.deal_header.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: install_pages(self.window))
        return False


def schedule_pages(window: MainWindow) -> None:
    _AfterFirstPaint(window)


def pages_installed(window: MainWindow) -> bool:
    return hasattr(window, "review_page")


def install_pages(window: MainWindow) -> None:
    """Add each page's tab and menu entries to ``window`` (once)."""
    if pages_installed(window):
        return
    from desktop.ui.comments_hook import install_comments

    install_comments(window)
    from desktop.ui.status_scope import StatusScope

    StatusScope(window)  # the status bar forgets a sentence about another deal
    window.inspector.versus.settings = window.settings  # the decision test's bar and parity
    from desktop.ui.account_pages import AccountPages

    window.account_pages = AccountPages(window)  # type: ignore[attr-defined]
    from desktop.ui.portfolio_page import PortfolioOpener

    window.portfolio = PortfolioOpener(window)  # type: ignore[attr-defined]
    from desktop.ui.review_page import TAB_TITLE, ReviewPage

    page = ReviewPage(window)
    window.tabs.addTab(page, TAB_TITLE)
    # After Ctrl+5 Plan and Ctrl+6 Decision in View: Ctrl+7, the Review tab.
    show_review = QAction("Re&view", window)
    show_review.setShortcut(QKeySequence("Ctrl+7"))
    show_review.setStatusTip("The Review tab: what moved since a snapshot")
    show_review.triggered.connect(lambda: window.tabs.setCurrentWidget(page))
    window.addAction(show_review)
    window.menus[3].addAction(show_review)
    # The decision triangle's what-if (Ctrl+Shift+W): from anywhere, it shows the chart.
    what_if = window.triangle_view.what_if_action
    what_if.triggered.connect(
        lambda on: window.tabs.setCurrentWidget(window.triangle_view) if on else None)
    window.addAction(what_if)
    window.menus[3].addAction(what_if)
    from desktop.ui.plan_gains import PlanGains

    window.plan_gains = PlanGains(window)  # type: ignore[attr-defined]
    from desktop.ui.team_window import TeamWindow

    window.team = TeamWindow(window)  # type: ignore[attr-defined]  # File ▸ Team folder…
    window.review_page = page  # type: ignore[attr-defined]  # set last: "installed"

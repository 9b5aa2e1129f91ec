"""Pages beyond one deal's editor — the portfolio, the account view, the review — hooked
into the main window in one place, so that the window module keeps to menus, actions and
wiring of the per-deal editor (its size is held by tests/system/test_layers.py).

``install_pages(window)`` runs once, after the window's menus are built. Each page adds
its tab or its menu entries here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_pages(window: MainWindow) -> None:
    """Add each page's tab and menu entries to ``window``."""
    from desktop.ui.comments_hook import install_comments

    install_comments(window)
    from desktop.ui.account_pages import AccountPages

    window.account_pages = AccountPages(window)  # type: ignore[attr-defined]
    from desktop.ui.portfolio_page import PortfolioOpener

    window.portfolio = PortfolioOpener(window)  # type: ignore[attr-defined]
    from desktop.ui.review_page import TAB_TITLE, ReviewPage

    window.review_page = ReviewPage(window)  # type: ignore[attr-defined]
    window.tabs.addTab(window.review_page, TAB_TITLE)  # type: ignore[attr-defined]

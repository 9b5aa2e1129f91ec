"""Shared fixtures. Tests are headless and never touch a real user folder."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.demo import demo_deals
from desktop.domain.deal import Deal
from desktop.store.library import Library


def pytest_configure(config: pytest.Config) -> None:
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs and the CLI see a throwaway home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("DEAL_TRIANGLE_DB", raising=False)


_collector: list[object] = []


@pytest.fixture(autouse=True)
def _gc_in_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt tests collect garbage as the app does: only in the GUI thread (see gui_thread_gc),
    and once after every test so that nothing piles up between event loops."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    if not _collector:
        from desktop.ui.gui_thread_gc import GuiThreadGarbageCollector

        _collector.append(GuiThreadGarbageCollector(request.getfixturevalue("qapp")))
    yield
    gc.collect()


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library.open(library_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def demos() -> list[Deal]:
    return demo_deals()


@pytest.fixture(scope="session")
def northwind(demos: list[Deal]) -> Deal:
    """The 8-person demo deal (deals are immutable: one for the session)."""
    return next(d for d in demos if d.name.startswith("Northwind"))


@pytest.fixture(scope="session")
def helix(demos: list[Deal]) -> Deal:
    """The 25-person demo deal."""
    return next(d for d in demos if d.name.startswith("Helix"))


@pytest.fixture
def small_demo(demos: list[Deal]) -> Deal:
    return min(demos, key=lambda deal: len(deal.people))


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[object]:
    """The main window on a new library with the demo deals."""
    from tests.helpers.ui import main_window

    with main_window(qtbot, tmp_path) as opened:  # type: ignore[arg-type]
        yield opened

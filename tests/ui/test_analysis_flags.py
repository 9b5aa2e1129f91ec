"""The analysis panel shows the issue-16 red flags like the others: raised by an edit made in
the inspector, clickable to select the people they name; the contact setting reaches them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from desktop.domain.enums import ResponseMode, Role
from desktop.ui.main_window import MainWindow
from desktop.ui.panels.analysis_panel import CODE_ROLE, PEOPLE_ROLE
from desktop.ui.settings import STALE_CONTACT_DAYS
from tests.helpers.ui import (
    choose_by_keys,
    click_row,
    main_window,
    make_settings,
    stored_deal,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        qtbot.waitUntil(lambda: opened.analysis_panel.runs >= 1)
        yield opened


def flag_items(window: MainWindow, code: str) -> list[QListWidgetItem]:
    flags = window.analysis_panel.flags
    return [flags.item(i) for i in range(flags.count())
            if flags.item(i).data(CODE_ROLE) == code]


def test_an_economic_buyer_set_to_even_keel_raises_a_flag_that_selects_them(
        window: MainWindow, qtbot: QtBot) -> None:
    deal = window.session.deal
    assert deal is not None
    buyer = next(p for p in deal.people if Role.ECONOMIC_BUYER in p.roles)
    assert not flag_items(window, "eb-no-urgency")
    click_row(qtbot, window, buyer.name)
    choose_by_keys(qtbot, window.inspector.mode, ResponseMode.EVEN_KEEL.label)
    qtbot.waitUntil(lambda: stored_deal(window).person(buyer.id).mode
                    is ResponseMode.EVEN_KEEL)
    qtbot.waitUntil(lambda: bool(flag_items(window, "eb-no-urgency")), timeout=5000)
    [item] = flag_items(window, "eb-no-urgency")
    assert item.text().endswith(f"{buyer.name} (economic buyer) is in Even keel mode: they "
                                "see no gap between what they have and what they want, so no "
                                "urgency to change. Show them the cost of doing nothing, or "
                                "find who does feel the pain.")
    click_row(qtbot, window, next(p.name for p in deal.people if p.id != buyer.id))
    flags = window.analysis_panel.flags
    flags.scrollToItem(item)
    QTest.mouseClick(flags.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, flags.visualItemRect(item).center())
    assert [p.id for p in window.selected_people()] == [buyer.id]


@pytest.mark.parametrize("days", [None, 100_000])
def test_the_days_without_contact_setting_reaches_the_key_person_flag(
        qtbot: QtBot, tmp_path: Path, days: int | None) -> None:
    """The demo deal's last contacts are weeks old: with the default (30 days) key people
    contacted weeks ago are flagged, by name; a seller who set 100,000 days sees only those
    never contacted."""
    if days is not None:
        settings = make_settings(tmp_path)
        settings.set(STALE_CONTACT_DAYS, days)
        settings.store.sync()
    with main_window(qtbot, tmp_path) as window:
        qtbot.waitUntil(lambda: window.analysis_panel.analysis is not None)
        analysis, deal = window.analysis_panel.analysis, window.analysis_panel.deal
        assert analysis is not None
        assert deal is not None
        [flag] = [f for f in analysis.flags if f.code == "key-person-not-contacted"]
        [item] = flag_items(window, "key-person-not-contacted")
        assert item.data(PEOPLE_ROLE) == list(flag.people)
        contacted = [deal.person(p).last_contact is not None for p in flag.people]
        if days is None:
            assert "Key people not contacted for over 30 days: " in item.text()
            assert any(contacted)
        else:
            assert "over 100,000 days" in item.text()
            assert not any(contacted)


def test_an_edit_keeps_the_flag_list_on_the_flag_the_seller_was_reading(
        window: MainWindow, qtbot: QtBot) -> None:
    """The list was filled again from the top after every edit: a seller reading the last
    flags lost their place each time they changed something."""
    panel = window.analysis_panel
    flags = panel.flags
    qtbot.waitUntil(lambda: flags.count() >= 4, timeout=5000)
    # the panel settled: the lean and the questions arrive after the analysis
    qtbot.waitUntil(lambda: panel.outlook.outlook is not None, timeout=5000)
    QTest.mouseClick(flags.viewport(), Qt.MouseButton.LeftButton,
                     pos=flags.visualItemRect(flags.item(0)).center())
    QTest.keyClick(flags, Qt.Key.Key_End)  # on to the last flag, scrolled into view
    reading = (flags.currentItem().data(CODE_ROLE), flags.currentItem().data(PEOPLE_ROLE))
    scrolled = flags.verticalScrollBar().value()
    assert scrolled > 0  # the list is longer than the panel at 1366 × 768
    deal = stored_deal(window)
    other = next(p for p in deal.people if p.id not in reading[1])
    runs = panel.runs
    click_row(qtbot, window, other.name)
    choose_by_keys(qtbot, window.inspector.support, "Mentor")
    qtbot.waitUntil(lambda: panel.runs > runs, timeout=5000)
    current = flags.currentItem()
    assert current is not None
    assert current.data(CODE_ROLE) == reading[0]
    assert flags.verticalScrollBar().value() == scrolled

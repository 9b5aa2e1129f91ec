"""The team folder in the window, driven as a seller drives it: File ▸ Team folder… opened
from the menu, the folder and name typed and saved, a deal ticked to share, Sync now; a
colleague's laptop (a second library on the same folder) publishes a change and the window
shows it once the folder watcher fires; an edit published after the quiet time; the folder
gone (offline) and back; a conflict settled with "Take theirs" (no "Keep both": it would
copy the whole person to every laptop), said while offline too; a file still being written
read once it settled; a failure showing a sync's result not leaving "syncing…"."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QStyle, QTreeWidget
from pytestqt.qtbot import QtBot

from desktop.domain.flag_types import day_text
from desktop.domain.merge import Resolution
from desktop.domain.team import Share, TeamSettings
from desktop.exchange.team_folder import published_name
from desktop.store import team
from desktop.store.library import Library
from desktop.team_sync import sync
from desktop.ui import team_window
from desktop.ui.main_window import MainWindow
from desktop.ui.team_dialog import SHARE, TeamDialog
from tests.helpers.team import anna_with_helix_shared
from tests.helpers.ui import (
    activate,
    answer_text_dialog,
    choose_menu,
    click,
    click_row,
    main_window,
    open_deal,
    open_window,
    press_shortcut,
    type_into,
)

WAIT_MS = 15_000  # a sync runs in a thread; on a busy machine it can take a while


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "Team (OneDrive)"
    made.mkdir()
    return made


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    home = tmp_path / "anna"
    home.mkdir()
    with main_window(qtbot, home) as opened:
        yield opened


class Colleague:
    """Ben's laptop: a library of his own on the same folder, synced by hand."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.library = Library.open(root / "ben.sqlite")
        team.set_settings(self.library, TeamSettings(str(folder), "Ben Okafor"))

    def sync(self, decide: Resolution | None = None) -> None:
        sync(self.library, decide=decide, clock_ns=4 * 10**18)  # every file settled


@pytest.fixture
def ben(tmp_path: Path, folder: Path) -> Iterator[Colleague]:
    laptop = Colleague(tmp_path, folder)
    yield laptop
    laptop.library.close()


def dialog_of(qtbot: QtBot, window: MainWindow) -> TeamDialog:
    """File ▸ Team folder…, clicked."""
    choose_menu(qtbot, window, "File", "Team folder")
    qtbot.waitUntil(lambda: window.team.dialog is not None  # type: ignore[attr-defined]
                    and window.team.dialog.isVisible())  # type: ignore[attr-defined]
    dialog = window.team.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, TeamDialog)
    return dialog


def tick(tree: QTreeWidget, deal: str, column: int) -> None:
    """Click a deal's tick box in the shares list (on the box, as a person does)."""
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(i for i in items if i is not None and i.text(0).startswith(deal))
    rect = tree.visualItemRect(item)
    left = tree.header().sectionViewportPosition(column)
    style = tree.style()
    x = left + style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1 + \
        style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) // 2
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(x, rect.center().y()))


def status_text(window: MainWindow) -> str:
    return str(window.team.status.text())  # type: ignore[attr-defined]


def idle(window: MainWindow) -> bool:
    return not window.team.runner.busy  # type: ignore[attr-defined]


def test_set_up_share_sync_and_see_a_colleagues_change(
        window: MainWindow, qtbot: QtBot, folder: Path, ben: Colleague) -> None:
    library = window.session.library
    assert not window.team.status.isVisible()  # type: ignore[attr-defined]  # no team yet
    dialog = dialog_of(qtbot, window)
    assert not dialog.shares.isEnabled()  # nothing to share into yet
    type_into(dialog.folder_edit, str(folder))
    type_into(dialog.name_edit, "Anna Keller")
    click(dialog.save_button)
    chosen = team.settings(library)
    assert chosen is not None
    assert (chosen.folder, chosen.author_name) == (str(folder), "Anna Keller")
    assert chosen.author_id in dialog.author_label.text()
    qtbot.waitUntil(lambda: window.team.status.isVisible())  # type: ignore[attr-defined]

    tick(dialog.shares, "Helix Health clinical", SHARE)
    helix = next(d for d in library.list_deals() if d.name.startswith("Helix Health clinical"))
    assert set(team.shares(library)) == {helix.id}
    click(dialog.sync_button)
    ours = folder / published_name(helix.id, chosen.author_id)
    qtbot.waitUntil(ours.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: idle(window) and status_text(window).startswith("Team: read "),
                    timeout=WAIT_MS)
    assert "published" in status_text(window)
    assert "The folder is there." in dialog.state_label.text()
    click(dialog.button_box.button(dialog.button_box.StandardButton.Close))
    qtbot.waitUntil(lambda: window.team.dialog is None)  # type: ignore[attr-defined]

    # Ben reads the deal, changes a title and publishes: the watcher fires, the window merges.
    open_deal(qtbot, window, "Helix Health clinical")
    answer_text_dialog("Helix Health clinical data platform (phase 1)")
    press_shortcut(qtbot, window, window.rename_deal_action)  # an edit Anna could undo
    qtbot.waitUntil(window.undo_action.isEnabled)
    ben.sync()
    kevin = next(p for p in ben.library.get_deal(helix.id).people)
    activate(qtbot, window)  # back from the rename dialog
    click_row(qtbot, window, kevin.name)  # Anna is writing about him when Ben's change lands
    evidence = next(iter(window.inspector.scores.values())).evidence
    type_into(evidence, "Wants the board seat", finish=False)
    assert evidence.hasFocus()
    ben.library.update_people([replace(kevin, title="Chief Medical Officer")])
    team.share(ben.library, Share(helix.id))
    ben.sync()
    qtbot.waitUntil(lambda: window.session.deal is not None and window.session.deal.person(
        kevin.id).title == "Chief Medical Officer", timeout=WAIT_MS)
    assert library.get_deal(helix.id).person(kevin.id).title == "Chief Medical Officer"
    qtbot.waitUntil(lambda: "from Ben Okafor" in window.statusBar().currentMessage(),
                    timeout=WAIT_MS)
    assert "Helix Health clinical" in window.statusBar().currentMessage()
    # Undoing the rename now would write the deal's fields as they were before it — over
    # what came in: the history is cleared, and the status bar says so.
    assert "Undo history cleared" in window.statusBar().currentMessage()
    assert not window.undo_action.isEnabled()
    assert library.get_deal(helix.id).name == "Helix Health clinical data platform (phase 1)"
    # The inspector shows Ben's title, and what Anna is typing stays.
    qtbot.waitUntil(lambda: window.inspector.texts["title"].text() == "Chief Medical Officer")
    assert evidence.toPlainText() == "Wants the board seat"
    assert evidence.hasFocus()
    QTest.keyClick(evidence, Qt.Key.Key_Tab)
    # File ▸ Team folder… lists what came in, change by change, with who made it.
    dialog = dialog_of(qtbot, window)
    lines = [dialog.came_in.item(row).text() for row in range(dialog.came_in.count())]
    assert any(line.endswith(f"{kevin.name}: title {kevin.title} → Chief Medical Officer, by "
                             f"Ben Okafor, {day_text(date.today())}") for line in lines), lines
    assert dialog.came_in.isVisible()


@pytest.fixture
def shared(tmp_path: Path, folder: Path) -> tuple[Path, str]:
    """Anna's library with the demo deals, the team set and Helix shared."""
    return anna_with_helix_shared(tmp_path, folder)


def test_an_edit_is_published_after_the_quiet_time_and_an_offline_folder_is_said(
        qtbot: QtBot, tmp_path: Path, folder: Path, shared: tuple[Path, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_window, "PUBLISH_QUIET_MS", 300)
    path, helix_id = shared
    window = open_window(qtbot, path, path.parent)
    try:
        chosen = team.settings(window.session.library)
        assert chosen is not None
        ours = folder / published_name(helix_id, chosen.author_id)
        qtbot.waitUntil(ours.exists, timeout=WAIT_MS)  # published on start
        open_deal(qtbot, window, "Helix Health clinical")
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        answer_text_dialog("Helix Health data platform")
        press_shortcut(qtbot, window, window.rename_deal_action)

        def published_name_of_deal() -> str:
            try:
                return str(json.loads(ours.read_text("utf-8"))["deals"][0]["name"])
            except (OSError, ValueError, KeyError):
                return ""

        qtbot.waitUntil(lambda: published_name_of_deal() == "Helix Health data platform",
                        timeout=WAIT_MS)

        away = tmp_path / "unplugged"
        os.rename(folder, away)  # the stick pulled out: the watcher fires
        qtbot.waitUntil(lambda: status_text(window) == "Team folder offline", timeout=WAIT_MS)
        answer_text_dialog("Helix Health, offline")
        press_shortcut(qtbot, window, window.rename_deal_action)  # still editable
        qtbot.waitUntil(lambda: window.session.library.get_deal(helix_id).name
                        == "Helix Health, offline")
        os.rename(away, folder)  # back: the parent's watcher starts a sync
        qtbot.waitUntil(lambda: published_name_of_deal() == "Helix Health, offline",
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: status_text(window).startswith("Team: read "),
                        timeout=WAIT_MS)

        # Quitting while an edit waits for its quiet time: it is published before closing.
        monkeypatch.setattr(team_window, "PUBLISH_QUIET_MS", 60_000)
        qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
        answer_text_dialog("Helix Health, renamed just before quitting")
        press_shortcut(qtbot, window, window.rename_deal_action)
        qtbot.waitUntil(lambda: window.session.library.get_deal(helix_id).name
                        == "Helix Health, renamed just before quitting")
        assert published_name_of_deal() == "Helix Health, offline"  # not yet
        window.close()
        assert published_name_of_deal() == "Helix Health, renamed just before quitting"
    finally:
        window.session.close()


def test_a_conflict_waiting_is_settled_with_take_theirs(
        qtbot: QtBot, tmp_path: Path, folder: Path, shared: tuple[Path, str], ben: Colleague,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_window, "PERIODIC_MS", 250)  # "every few minutes", shortened
    path, helix_id = shared
    with Library.open(path, create=False) as anna:  # both have the deal, then both edit it
        sync(anna)
        ben.sync()
        person, other = anna.get_deal(helix_id).people[:2]
        anna.update_people([replace(person, title="Chief Executive")], deal_id=helix_id)
        ben.library.update_people([replace(person, title="Chief Technology Officer"),
                                   replace(other, title="VP Procurement")],  # comes in
                                  deal_id=helix_id)
        team.share(ben.library, Share(helix_id))
        ben.sync()
    window = open_window(qtbot, path, path.parent)
    try:
        qtbot.waitUntil(lambda: "1 conflict waiting" in status_text(window), timeout=WAIT_MS)
        # The folder gone: offline, and the conflict still said.
        away = tmp_path / "unplugged"
        os.rename(folder, away)
        qtbot.waitUntil(lambda: status_text(window) == "Team folder offline · 1 conflict "
                        "waiting", timeout=WAIT_MS)
        os.rename(away, folder)
        qtbot.waitUntil(lambda: status_text(window).startswith("Team: read ")
                        and "1 conflict waiting" in status_text(window), timeout=WAIT_MS)
        click(window.team.status)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.team.dialog is not None)  # type: ignore[attr-defined]
        dialog: TeamDialog = window.team.dialog  # type: ignore[attr-defined]
        assert dialog.conflicts.count() == 1
        assert dialog.conflicts.item(0).text().endswith(
            f"{person.name}'s title: “Chief Executive” here, “Chief Technology Officer” "
            "from Ben Okafor")
        # The conflicts have the room (what came in the rest), each at least three lines.
        assert dialog.came_in.isVisible()
        assert dialog.came_in.count() >= 1
        three = 3 * dialog.conflicts.fontMetrics().lineSpacing()
        assert dialog.conflicts.height() > dialog.came_in.height() >= three
        theirs = dialog.settle_buttons[Resolution.THEIRS]
        assert theirs.isVisible()
        assert theirs.text() == "Take &theirs"
        settling = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        assert "Keep &mine" in settling
        assert not [text for text in settling if "both" in text.replace("&", "").lower()]
        click(theirs)
        qtbot.waitUntil(lambda: window.session.library.get_deal(helix_id).person(
            person.id).title == "Chief Technology Officer", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: idle(window) and dialog.conflicts.count() == 0,
                        timeout=WAIT_MS)
        assert not theirs.isVisible()
        assert "conflict" not in status_text(window)
        runs = window.team.runner.runs  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.team.runner.runs >= runs + 2,  # type: ignore[attr-defined]
                        timeout=WAIT_MS)  # the timer's syncs, with nothing else happening
    finally:
        window.session.close()


def test_times_are_said_as_a_person_says_them() -> None:
    from datetime import datetime, timedelta

    from desktop.ui.team_state import when

    now = datetime(2026, 12, 4, 15, 30).astimezone()
    assert when(None, now) == "never"
    assert when(now.replace(hour=10, minute=42), now) == "today 10:42"
    assert when(now.replace(hour=10, minute=42), now, short=True) == "10:42"
    assert when(now - timedelta(days=1), now, short=True) == "yesterday 15:30"
    assert when(now - timedelta(days=3), now) == "1 Dec 15:30"
    assert when(now - timedelta(days=400), now) == "30 Oct 2025"


def test_a_sync_that_brings_nothing_leaves_what_the_seller_is_typing(
        qtbot: QtBot, folder: Path, shared: tuple[Path, str]) -> None:
    path, _ = shared
    window = open_window(qtbot, path, path.parent)
    try:
        runner = window.team.runner  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: runner.runs > 0 and idle(window), timeout=WAIT_MS)
        open_deal(qtbot, window, "Helix Health clinical")
        assert window.session.deal is not None
        click_row(qtbot, window, window.session.deal.people[0].name)
        evidence = next(iter(window.inspector.scores.values())).evidence
        type_into(evidence, "Said so in the steering committee", finish=False)
        runs, version = runner.runs, window.session.library.data_version()
        # A broken file arrives: the watcher fires, the sync notes it as a problem (its own
        # bookkeeping, committed) and merges nothing.
        broken = folder / published_name(str(uuid.uuid4()), str(uuid.uuid4()))
        broken.write_text("{ not a deal file")
        os.utime(broken, ns=(time.time_ns() - 60 * 10**9,) * 2)  # settled: a problem
        qtbot.waitUntil(lambda: runner.runs > runs and idle(window), timeout=WAIT_MS)
        assert runner.last.report.problems
        assert window.session.library.data_version() != version  # the sync did commit
        qtbot.wait(50)
        assert evidence.toPlainText() == "Said so in the steering committee"
        assert evidence.hasFocus()
        QTest.keyClick(evidence, Qt.Key.Key_Tab)  # finished: stored
        person = window.session.deal.people[0]
        stored = window.session.library.get_deal(window.session.deal.id).person(person.id)
        assert "Said so in the steering committee" in {
            score.evidence for score in (stored.scores.business, stored.scores.technical,
                                         stored.scores.personal)}
    finally:
        window.session.close()


def test_a_file_still_being_written_is_read_once_it_settled(
        qtbot: QtBot, tmp_path: Path, folder: Path, shared: tuple[Path, str], ben: Colleague,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_window, "SETTLE_MS", 300)  # the settle time and a second, shortened
    path, helix_id = shared
    window = open_window(qtbot, path, path.parent)
    try:
        runner = window.team.runner  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: runner.runs > 0 and idle(window), timeout=WAIT_MS)
        ben.sync()  # Ben has Anna's deal, changes a title, and publishes — elsewhere first
        kevin = ben.library.get_deal(helix_id).people[0]
        ben.library.update_people([replace(kevin, title="Chief Medical Officer")])
        team.share(ben.library, Share(helix_id))
        chosen = team.settings(ben.library)
        assert chosen is not None
        staging = tmp_path / "engine"
        staging.mkdir()
        team.set_settings(ben.library, replace(chosen, folder=str(staging)))
        ben.sync()
        name = published_name(helix_id, chosen.author_id)
        whole = (staging / name).read_bytes()
        (staging / name).write_bytes(whole[:len(whole) // 2])  # the engine's first half
        runs = runner.runs
        os.rename(staging / name, folder / name)  # it arrives: the watcher fires once
        qtbot.waitUntil(lambda: runner.runs > runs and idle(window), timeout=WAIT_MS)
        assert runner.last.report.waiting == (name,)  # half written: not a problem yet
        assert not runner.last.report.problems
        (folder / name).write_bytes(whole)  # the rest, written in place: no folder event
        # No other event and no periodic sync (3 minutes): the quick sync a little after the
        # settle time reads it.
        qtbot.waitUntil(lambda: window.session.library.get_deal(helix_id).person(
            kevin.id).title == "Chief Medical Officer", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: idle(window) and not runner.last.report.waiting,
                        timeout=WAIT_MS)
        assert runner.runs == runs + 2
    finally:
        window.session.close()


def test_a_failure_showing_a_syncs_result_does_not_leave_syncing(
        qtbot: QtBot, folder: Path, shared: tuple[Path, str], ben: Colleague,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, helix_id = shared
    window = open_window(qtbot, path, path.parent)
    try:
        runner = window.team.runner  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: runner.runs > 0 and idle(window), timeout=WAIT_MS)
        open_deal(qtbot, window, "Helix Health clinical")
        answer_text_dialog("Helix Health clinical data platform (phase 1)")
        press_shortcut(qtbot, window, window.rename_deal_action)  # an edit Anna could undo
        qtbot.waitUntil(window.undo_action.isEnabled)
        session = window.session

        def broken() -> None:
            raise NameError("name 'deal' is not defined")  # the bug a tester saw once

        monkeypatch.setattr(session, "check_external_changes", broken)
        monkeypatch.setattr(session, "absorb_external_changes", broken)
        ben.sync()  # Ben reads the deal, changes a title and publishes: the watcher fires
        kevin = ben.library.get_deal(helix_id).people[0]
        ben.library.update_people([replace(kevin, title="Chief Medical Officer")])
        team.share(ben.library, Share(helix_id))
        ben.sync()
        qtbot.waitUntil(lambda: idle(window) and "Undo history cleared" in
                        window.statusBar().currentMessage(), timeout=WAIT_MS)
        said = window.statusBar().currentMessage()
        assert said.startswith("The team sync's result could not be shown")
        assert "NameError" in said
        assert "\n" not in said
        # Merged all the same: the undo history is cleared (an undo would write over it).
        assert session.library.get_deal(helix_id).person(kevin.id).title == \
            "Chief Medical Officer"
        assert not window.undo_action.isEnabled()
        qtbot.waitUntil(lambda: status_text(window).startswith("Team: read "), timeout=WAIT_MS)
        assert session.watch.isActive()  # the session looks for others' changes again
        dialog = dialog_of(qtbot, window)
        assert dialog.sync_button.isEnabled()
        assert "Syncing" not in dialog.state_label.text()
        monkeypatch.undo()  # the next sync works as ever, and the merge shows
        runs = runner.runs
        click(dialog.sync_button)
        qtbot.waitUntil(lambda: runner.runs > runs and idle(window), timeout=WAIT_MS)
        assert not runner.last.failure
        qtbot.waitUntil(lambda: window.session.deal is not None and window.session.deal.person(
            kevin.id).title == "Chief Medical Officer", timeout=WAIT_MS)
    finally:
        window.session.close()

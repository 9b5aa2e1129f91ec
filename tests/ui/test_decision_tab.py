"""The Decision tab driven as a seller drives it — typing, clicks, keys, combos chosen by
keyboard and through their popup — and the library checked after each gesture; every edit
is one undo step, undone and redone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QTableView
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.decision import AlternativeKind, StepStatus
from desktop.ui import criteria_model, process_model
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import (
    answer_next_dialog,
    choose_by_keys,
    choose_in_popup,
    click,
    main_window,
    open_deal,
    press_shortcut,
    stored_deal,
    type_into,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        open_deal(qtbot, opened, "Northwind")
        tabs = opened.tabs
        index = tabs.indexOf(opened.decision)
        bar = tabs.tabBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         bar.tabRect(index).center())
        qtbot.waitUntil(opened.decision.isVisible)
        yield opened


def undo(qtbot: QtBot, window: MainWindow) -> None:
    press_shortcut(qtbot, window, window.undo_action)


def redo(qtbot: QtBot, window: MainWindow) -> None:
    press_shortcut(qtbot, window, window.redo_action)


def click_cell(table: QTableView, row: int, column: int) -> None:
    index = table.model().index(row, column)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
    assert table.currentIndex() == index


def type_in_cell(qtbot: QtBot, table: QTableView, row: int, column: int, text: str) -> None:
    """Click the cell, type (the first key opens its editor), Enter commits."""
    click_cell(table, row, column)
    QTest.keyClicks(table, text[0])
    qtbot.waitUntil(lambda: table.state() is QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor is not None
    if len(text) > 1:
        QTest.keyClicks(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() is not QAbstractItemView.State.EditingState)


def open_combo(qtbot: QtBot, table: QTableView, row: int, column: int) -> QComboBox:
    """Click the cell and press F2: its combo box, focused."""
    click_cell(table, row, column)
    QTest.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    return combo


def press_return(qtbot: QtBot) -> None:
    """Enter where the focus is (the cell's editor)."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_Return)


def alternative_id(deal: Deal, name: str) -> str:
    return next(a.id for a in deal.alternatives if a.name == name)


def person_id(deal: Deal, name: str) -> str:
    return next(p.id for p in deal.people if p.name == name)


def test_the_compelling_event_is_cleared_typed_and_dated_each_one_step(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    before = stored_deal(window).compelling_event
    assert before is not None
    assert not panel.event_box.missing.isVisible()
    type_into(panel.event_box.text, "")
    assert stored_deal(window).compelling_event is None
    assert panel.event_box.missing.isVisible()  # the empty state asks for one
    assert "doing nothing is the customer's easiest choice" in panel.event_box.missing.text()
    type_into(panel.event_box.text, "Fines for late deliveries start in May")
    assert stored_deal(window).compelling_event is not None
    type_into(panel.event_box.by.edit, "2027-05-01")
    event = stored_deal(window).compelling_event
    assert event is not None
    assert (event.text, event.by) == ("Fines for late deliveries start in May",
                                      date(2027, 5, 1))
    assert not panel.event_box.missing.isVisible()
    undo(qtbot, window)
    event = stored_deal(window).compelling_event
    assert event is not None
    assert event.by is None
    undo(qtbot, window)
    assert stored_deal(window).compelling_event is None
    undo(qtbot, window)
    assert stored_deal(window).compelling_event == before
    assert panel.event_box.text.toPlainText() == before.text
    redo(qtbot, window)
    assert stored_deal(window).compelling_event is None


def test_a_criterion_is_added_weighted_rated_owned_and_moved_by_keyboard(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    table = panel.criteria
    deal = stored_deal(window)
    count = len(deal.criteria)
    fleet = alternative_id(deal, "FleetIQ")
    type_into(panel.new_criterion, "Works offline in the depots", finish=False)
    QTest.keyClick(panel.new_criterion, Qt.Key.Key_Return)
    deal = stored_deal(window)
    assert len(deal.criteria) == count + 1
    added = deal.criteria[-1]
    assert (added.text, added.weight, added.ours) == ("Works offline in the depots", 3, None)
    assert panel.new_criterion.text() == ""  # ready for the next one
    row = count
    type_in_cell(qtbot, table, row, criteria_model.WEIGHT, "5")
    type_in_cell(qtbot, table, row, criteria_model.OURS, "8")
    column = panel.criteria_model.column_of(fleet)
    type_in_cell(qtbot, table, row, column, "4")
    criterion = stored_deal(window).criteria[-1]
    assert (criterion.weight, criterion.ours, criterion.theirs[fleet]) == (5, 8, 4)
    assert table.model().index(row, column).data(Qt.ItemDataRole.BackgroundRole) == \
        criteria_model.AHEAD
    assert "FleetIQ" in panel.standing.text()
    assert "6 rated criteria" in panel.standing.text()
    # The owner: by keys (Enter commits), then through the popup (the choice commits).
    choose_by_keys(qtbot, open_combo(qtbot, table, row, criteria_model.OWNER), "Priya")
    press_return(qtbot)
    qtbot.waitUntil(lambda: stored_deal(window).criteria[-1].owner is not None)
    deal = stored_deal(window)
    assert deal.criteria[-1].owner == person_id(deal, "Priya Raman")
    choose_in_popup(qtbot, open_combo(qtbot, table, row, criteria_model.OWNER), "Kevin")
    qtbot.waitUntil(lambda: stored_deal(window).criteria[-1].owner
                    == person_id(deal, "Kevin Liu"))
    # Ctrl+Up twice: ranked third from the end; the cursor stays on it.
    click_cell(table, row, criteria_model.TEXT)
    QTest.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    ranked = [c.id for c in stored_deal(window).criteria]
    assert ranked.index(added.id) == count - 2
    assert table.currentIndex().row() == count - 2
    assert table.model().index(count - 2, criteria_model.RANK).data() == str(count - 1)
    undo(qtbot, window)
    assert [c.id for c in stored_deal(window).criteria].index(added.id) == count - 1
    redo(qtbot, window)
    assert [c.id for c in stored_deal(window).criteria].index(added.id) == count - 2
    # The Down button moves it back; Delete removes it, undo puts it back in its place.
    click_cell(table, count - 2, criteria_model.TEXT)
    click(panel.criteria_buttons[2])
    assert [c.id for c in stored_deal(window).criteria].index(added.id) == count - 1
    click_cell(table, count - 1, criteria_model.TEXT)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert added.id not in {c.id for c in stored_deal(window).criteria}
    undo(qtbot, window)
    assert [c.id for c in stored_deal(window).criteria].index(added.id) == count - 1


def test_a_rating_that_is_not_a_number_is_refused_in_a_sentence(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    before = stored_deal(window).criteria
    type_in_cell(qtbot, panel.criteria, 0, criteria_model.TEXT, " ")
    assert stored_deal(window).criteria == before
    assert panel.error.isVisible()
    assert panel.error.text().startswith("Criterion text")


def test_a_process_step_is_added_dated_after_the_close_date_and_set_under_way(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    table = panel.process
    count = len(stored_deal(window).process)
    type_into(panel.new_step, "Board approval", finish=False)
    QTest.keyClick(panel.new_step, Qt.Key.Key_Return)
    step = stored_deal(window).process[-1]
    assert (step.name, step.planned, step.status) == ("Board approval", None,
                                                      StepStatus.PLANNED)
    assert table.model().index(count, process_model.PLANNED).data() == process_model.NO_DATE
    type_in_cell(qtbot, table, count, process_model.PLANNED, "2027-05-15")
    assert stored_deal(window).process[-1].planned == date(2027, 5, 15)
    # After the close date (2027-03-31): its date is red, with the reason.
    cell = table.model().index(count, process_model.PLANNED)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == process_model.LATE
    assert "after the close date" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Board approval" in panel.timeline.toolTip()
    type_in_cell(qtbot, table, count, process_model.PLANNED, "2027-02-30")
    assert stored_deal(window).process[-1].planned == date(2027, 5, 15)
    assert "is not a date" in panel.error.text()
    choose_by_keys(qtbot, open_combo(qtbot, table, count, process_model.STATUS), "Under way")
    press_return(qtbot)
    qtbot.waitUntil(lambda: stored_deal(window).process[-1].status is StepStatus.UNDER_WAY)
    choose_in_popup(qtbot, open_combo(qtbot, table, count, process_model.APPROVER), "Margaret")
    deal = stored_deal(window)
    qtbot.waitUntil(lambda: stored_deal(window).process[-1].approver
                    == person_id(deal, "Margaret Okafor"))
    qtbot.waitUntil(lambda: table.state() is not QAbstractItemView.State.EditingState)
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())][-4:] == [
        "Add step “Board approval”", "Step “Board approval”: date",
        "Step “Board approval”: under way", "Step “Board approval”: approver"]
    undo(qtbot, window)
    assert stored_deal(window).process[-1].approver is None
    undo(qtbot, window)
    assert stored_deal(window).process[-1].status is StepStatus.PLANNED
    undo(qtbot, window)
    assert stored_deal(window).process[-1].planned is None
    undo(qtbot, window)
    assert len(stored_deal(window).process) == count
    redo(qtbot, window)
    assert stored_deal(window).process[-1].name == "Board approval"


def test_removing_a_competitor_someone_leans_to_clears_the_leaning_and_undo_restores_both(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    before = stored_deal(window)
    fleet = alternative_id(before, "FleetIQ")
    leaning = [p.id for p in before.people if p.leans_to == fleet]
    rated = [c.id for c in before.criteria if fleet in c.theirs]
    assert leaning
    assert rated
    row = panel.alternatives_model.row_of(fleet)
    assert row is not None
    assert panel.alternatives_model.index(row, 1).data().startswith(f"{len(leaning)}:")
    click_cell(panel.alternatives, row, 0)
    click(panel.remove_alternative)
    stack = window.session.undo_stack
    assert stack.text(stack.index() - 1) == "Remove alternative “FleetIQ” (Kevin Liu leaned to it)"
    after = stored_deal(window)
    assert after.alternative(fleet) is None
    assert all(after.person(p).leans_to is None for p in leaning)
    assert not any(fleet in c.theirs for c in after.criteria)
    assert "FleetIQ" not in after.competitors
    # No confirmation, but the seller is told what went with it and how to get it back.
    assert panel.notice.isVisible()
    assert panel.notice.text() == (f"Removed FleetIQ; Kevin Liu's leaning and {len(rated)} "
                                   "ratings were cleared — Ctrl+Z brings them back")
    undo(qtbot, window)
    assert not panel.notice.isVisible()
    # The alternative brought back is the one selected, not its neighbour.
    assert panel.alternatives_model.alternative(
        panel.alternatives.currentIndex().row()).id == fleet
    restored = stored_deal(window)
    assert restored.alternatives == before.alternatives
    assert all(restored.person(p).leans_to == fleet for p in leaning)
    assert restored.criteria == before.criteria
    redo(qtbot, window)
    assert stored_deal(window).alternative(fleet) is None


def test_do_nothing_is_offered_with_one_click_and_a_competitor_is_typed_and_renamed(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    deal = stored_deal(window)
    nothing = next(a for a in deal.alternatives if a.kind is AlternativeKind.DO_NOTHING)
    offer = panel.offers[AlternativeKind.DO_NOTHING]
    assert not offer.isVisible()  # it is there already
    row = panel.alternatives_model.row_of(nothing.id)
    assert row is not None
    click_cell(panel.alternatives, row, 0)
    QTest.keyClick(panel.alternatives, Qt.Key.Key_Delete)
    assert all(a.kind is not AlternativeKind.DO_NOTHING
               for a in stored_deal(window).alternatives)
    assert offer.isVisible()
    click(offer)
    added = stored_deal(window).alternatives[-1]
    assert (added.name, added.kind) == ("Do nothing", AlternativeKind.DO_NOTHING)
    assert not offer.isVisible()
    type_into(panel.new_competitor, "RouteMax", finish=False)
    QTest.keyClick(panel.new_competitor, Qt.Key.Key_Return)
    assert stored_deal(window).competitors[-1] == "RouteMax"
    row = len(stored_deal(window).alternatives) - 1
    click_cell(panel.alternatives, row, 0)
    QTest.keyClick(panel.alternatives, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.alternatives.state()
                    is QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "RouteMax Pro")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.alternatives.state()
                    is not QAbstractItemView.State.EditingState)
    assert stored_deal(window).competitors[-1] == "RouteMax Pro"
    # A name listed already is refused, in a sentence.
    type_into(panel.new_competitor, "fleetiq", finish=False)
    QTest.keyClick(panel.new_competitor, Qt.Key.Key_Return)
    assert stored_deal(window).competitors.count("FleetIQ") == 1
    assert "listed already" in panel.error.text()
    click_cell(panel.alternatives, 0, 0)  # in the field, Ctrl+Z undoes its typing
    undo(qtbot, window)
    assert stored_deal(window).competitors[-1] == "RouteMax"
    undo(qtbot, window)
    assert "RouteMax" not in stored_deal(window).competitors


def test_the_deal_dialog_competitors_line_keeps_leanings_of_kept_names(
        window: MainWindow, qtbot: QtBot) -> None:
    before = stored_deal(window)
    fleet = alternative_id(before, "FleetIQ")
    leaning = [p.id for p in before.people if p.leans_to == fleet]

    def fill(names: str) -> object:
        def answer(dialog: object) -> None:
            from desktop.ui.deal_dialog import DealDialog

            assert isinstance(dialog, DealDialog)
            type_into(dialog.competitors, names)
            QTest.keyClick(dialog.competitors, Qt.Key.Key_Return)
        return answer

    answer_next_dialog(fill("FleetIQ, RouteMax"))  # type: ignore[arg-type]
    press_shortcut(qtbot, window, window.edit_deal_action)
    qtbot.waitUntil(lambda: "RouteMax" in stored_deal(window).competitors)
    deal = stored_deal(window)
    assert deal.competitors == ("FleetIQ", "RouteMax")
    assert alternative_id(deal, "FleetIQ") == fleet
    assert all(deal.person(p).leans_to == fleet for p in leaning)
    assert {a.kind for a in deal.alternatives} == set(AlternativeKind)  # others kept
    answer_next_dialog(fill("RouteMax"))  # type: ignore[arg-type]
    press_shortcut(qtbot, window, window.edit_deal_action)
    qtbot.waitUntil(lambda: "FleetIQ" not in stored_deal(window).competitors)
    assert all(stored_deal(window).person(p).leans_to is None for p in leaning)
    undo(qtbot, window)
    deal = stored_deal(window)
    assert all(deal.person(p).leans_to == fleet for p in leaning)
    assert deal.competitors == ("FleetIQ", "RouteMax")


def test_keyboard_only_a_criterion_is_typed_then_weighted_from_the_row_it_made(
        window: MainWindow, qtbot: QtBot) -> None:
    """Type, Enter, Shift+Tab into the table (the new row is current), Right, type, Enter."""
    panel = window.decision
    table = panel.criteria
    panel.new_criterion.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClicks(panel.new_criterion, "Driver app in Polish")
    QTest.keyClick(panel.new_criterion, Qt.Key.Key_Return)
    QTest.keyClick(panel.new_criterion, Qt.Key.Key_Backtab)
    assert table.hasFocus()
    assert table.currentIndex().row() == table.model().rowCount() - 1
    QTest.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == criteria_model.WEIGHT
    QTest.keyClick(table, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: table.state() is QAbstractItemView.State.EditingState)
    press_return(qtbot)
    qtbot.waitUntil(lambda: stored_deal(window).criteria[-1].weight == 4)
    assert table.hasFocus()  # the keyboard stays in the table for the next cell
    QTest.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert stored_deal(window).criteria[-2].text == "Driver app in Polish"
    stack = window.session.undo_stack
    assert stack.text(stack.index() - 1) == "Move criterion “Driver app in Polish” up"


def test_delete_on_a_rating_owner_or_date_empties_it_and_on_the_name_removes_the_row(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.decision
    deal = stored_deal(window)
    fleet = alternative_id(deal, "FleetIQ")
    first = deal.criteria[0]
    assert first.ours is not None
    assert first.theirs[fleet] is not None
    assert first.owner is not None
    click_cell(panel.criteria, 0, criteria_model.OURS)
    QTest.keyClick(panel.criteria, Qt.Key.Key_Delete)
    click_cell(panel.criteria, 0, panel.criteria_model.column_of(fleet))
    QTest.keyClick(panel.criteria, Qt.Key.Key_Question)
    click_cell(panel.criteria, 0, criteria_model.OWNER)
    QTest.keyClick(panel.criteria, Qt.Key.Key_Backspace)
    cleared = stored_deal(window).criteria[0]
    assert (cleared.id, cleared.ours, cleared.theirs[fleet], cleared.owner) == (
        first.id, None, None, None)
    assert panel.criteria_model.index(0, criteria_model.OURS).data() == "?"
    step = deal.process[1]
    assert step.planned is not None
    click_cell(panel.process, 1, process_model.PLANNED)
    QTest.keyClick(panel.process, Qt.Key.Key_Delete)
    assert stored_deal(window).process[1].planned is None
    assert panel.process_model.index(1, process_model.PLANNED).data() == process_model.NO_DATE
    click_cell(panel.process, 1, process_model.STEP)
    QTest.keyClick(panel.process, Qt.Key.Key_Delete)
    assert step.id not in {s.id for s in stored_deal(window).process}
    for _ in range(5):
        undo(qtbot, window)
    assert stored_deal(window).criteria == deal.criteria
    assert stored_deal(window).process == deal.process


def test_the_deal_dialog_names_the_competitors_line_when_a_name_is_there_twice(
        window: MainWindow, qtbot: QtBot) -> None:
    """"Do nothing" is an alternative already (the Decision tab's): typed again as a
    competitor it is refused, in a sentence about the line, and nothing is stored."""
    from desktop.ui.deal_dialog import DealDialog

    before = stored_deal(window)
    said: list[str] = []

    def answer(dialog: object) -> None:
        assert isinstance(dialog, DealDialog)
        type_into(dialog.competitors, "FleetIQ, Do nothing")
        QTest.keyClick(dialog.competitors, Qt.Key.Key_Return)
        said.append(dialog.error.text())
        assert dialog.isVisible()  # not accepted
        dialog.reject()

    answer_next_dialog(answer)
    press_shortcut(qtbot, window, window.edit_deal_action)
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["Competitors: 'Do nothing' is listed twice."]
    assert stored_deal(window).alternatives == before.alternatives


def test_hovering_a_step_on_the_timeline_names_it_in_full(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolTip

    timeline = window.decision.timeline
    # The tab scrolls as a whole: the seller scrolls the timeline into view first.
    QApplication.processEvents()  # the tab laid out, then scrolled
    window.decision.scroll_area.ensureWidgetVisible(timeline)
    QApplication.processEvents()
    timeline.repaint()
    deal = stored_deal(window)
    # A step whose label is cut short for room (the offscreen screen is 800 × 600: one on it).
    screen = timeline.screen().geometry()
    number, dot = next((int(text.split(".")[0]), at) for at, text in reversed(timeline._dots)
                       if screen.adjusted(0, 0, -40, -40).contains(
                           timeline.mapToGlobal(at.toPoint())))
    step = deal.process[number - 1]
    QToolTip.hideText()  # a tip left from a cell the pointer passed over
    QTest.mouseMove(timeline, dot.toPoint())
    qtbot.waitUntil(lambda: QToolTip.isVisible()
                    and QToolTip.text().startswith(f"{number}. {step.name} — "), timeout=5000)


def test_ctrl_6_shows_the_decision_tab_with_the_criteria_focused(
        qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        open_deal(qtbot, window, "Helix")
        assert window.tabs.currentWidget() is not window.decision
        press_shortcut(qtbot, window, window.focus_decision_action)
        assert window.tabs.currentWidget() is window.decision
        assert window.decision.criteria.hasFocus()
        assert window.decision.criteria_model.rowCount() == len(stored_deal(window).criteria)


def test_a_rating_editor_is_wide_enough_to_read_what_is_typed(
        window: MainWindow, qtbot: QtBot) -> None:
    """The "Us" column is narrower than a spin box: its editor overlaps the next cell rather
    than showing only "?" and an arrow."""
    table = window.decision.criteria
    click_cell(table, 0, criteria_model.OURS)
    QTest.keyClicks(table, "9")
    qtbot.waitUntil(lambda: table.state() is QAbstractItemView.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor.width() >= editor.sizeHint().width()
    assert editor.width() > table.columnWidth(criteria_model.OURS)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() is not QAbstractItemView.State.EditingState)
    assert stored_deal(window).criteria[0].ours == 9


def test_the_tab_shows_five_criteria_and_five_steps_on_a_laptop_screen(
        window: MainWindow) -> None:
    """At 1366 × 768 each table keeps room for its rows; the tab scrolls as a whole."""
    panel = window.decision
    QApplication.processEvents()
    for table in (panel.criteria, panel.process):
        rows = table.viewport().height() // table.rowHeight(0)
        assert rows >= min(5, table.model().rowCount()), table.objectName()


@pytest.mark.parametrize("deal", ["Northwind", "Helix"])
@pytest.mark.parametrize("width", [260, 360, 480, 640, 900])
def test_timeline_labels_never_overlap(window: MainWindow, qtbot: QtBot, width: int,
                                       deal: str) -> None:
    """Two steps a few days apart said "3 28 Jan5 Proc…": now a label is cut shorter (the
    number and the date, or the number alone) rather than drawn over its neighbour or over
    the undated steps named at the right (Helix has one)."""
    open_deal(qtbot, window, deal)
    timeline = window.decision.timeline
    timeline.setFixedWidth(width)  # the width the seller's window leaves it
    QApplication.processEvents()
    timeline.repaint()
    labels = timeline.labels
    assert labels
    for number, label in enumerate(labels):
        assert label.left() >= 0
        assert label.right() <= width
        assert not any(label.intersects(other) for other in labels[number + 1:]), (
            width, label, labels)


def test_the_removal_notice_names_what_was_cleared() -> None:
    from desktop.ui.panels.decision_panel import removal_notice

    assert removal_notice("Do nothing", [], 0) == "Removed Do nothing — Ctrl+Z brings it back"
    assert removal_notice("X", [], 1) == "Removed X; 1 rating was cleared — Ctrl+Z brings it back"
    assert removal_notice("X", ["Ann", "Bo", "Cy"], 2) == (
        "Removed X; the leanings of Ann, Bo and Cy and 2 ratings were cleared — Ctrl+Z brings "
        "them back")


def test_the_handle_above_the_people_table_gives_them_room_on_the_decision_tab(
        window: MainWindow) -> None:
    """Dragged up, the handle gave the people table only ~45 px: the Decision tab would not
    shrink. It scrolls now, so the table gets what the seller drags."""
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QMouseEvent

    handle = window.centre_splitter.handle(1)
    before = window.people.height()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    start = QPointF(handle.rect().center())
    for kind, at, button, buttons in (
            (QEvent.Type.MouseButtonPress, start, left, left),
            (QEvent.Type.MouseMove, start - QPointF(0, 150), none, left),
            (QEvent.Type.MouseMove, start - QPointF(0, 300), none, left),
            (QEvent.Type.MouseButtonRelease, start - QPointF(0, 300), left, none)):
        global_at = QPointF(handle.mapToGlobal(QPoint(int(at.x()), int(at.y()))))
        QApplication.sendEvent(handle, QMouseEvent(kind, at, global_at, button, buttons,
                                                   Qt.KeyboardModifier.NoModifier))
    QApplication.processEvents()
    assert window.people.height() >= before + 200

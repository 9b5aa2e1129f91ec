"""The Plan tab and the person's actions, as a seller works them: Enter adds an action and its
text is typed, F2 edits a cell, Ctrl+Enter completes, Delete drops then deletes, a header
click sorts, typing filters — each change one undo step that Ctrl+Z and Ctrl+Y take back and
bring again; the library is read after each gesture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.demo import demo_deals
from desktop.domain.actions import Action, ActionStatus, OwnerSide, PlanGroup
from desktop.domain.deal import Deal
from desktop.domain.decision import AlternativeKind
from desktop.domain.enums import Axis
from desktop.palette import OVERDUE
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.panels import person_plan
from desktop.ui.people_model import Column
from desktop.ui.plan_model import PlanColumn
from tests.helpers.plan_input import click_action, show_plan, window_on
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    choose_by_keys,
    choose_in_popup,
    click,
    click_row,
    press_shortcut,
    stored_deal,
    type_into,
)

TODAY = date.today()


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def planned(deal: Deal) -> Deal:
    """Northwind with a plan dated from today: one overdue, two dated ahead, one undated,
    one done; the first person leans to a competitor."""
    first, second = deal.people[:2]
    rival = next(a for a in deal.alternatives if a.kind is AlternativeKind.COMPETITOR)
    actions = [
        Action("Send the security answers", day(-5), OwnerSide.US, "Sam Ortiz",
               for_people=(first.id,), id="00000000-0000-4000-8000-000000000001"),
        Action("Book the ward-team demo", day(2), OwnerSide.CUSTOMER, second.id,
               for_people=(second.id,), id="00000000-0000-4000-8000-000000000002"),
        Action("Reference call with another fleet", day(30), OwnerSide.PARTNER, "Acme",
               for_people=(first.id,), id="00000000-0000-4000-8000-000000000003"),
        Action("Agree the pilot's success measures", None, OwnerSide.CUSTOMER, first.id,
               id="00000000-0000-4000-8000-000000000004"),
        Action("Share the pricing outline", day(-20), OwnerSide.US, "Sam Ortiz",
               status=ActionStatus.DONE, changed=day(-12),
               id="00000000-0000-4000-8000-000000000005"),
    ]
    return deal.with_plan(actions=actions, people=[replace(first, leans_to=rival.id)])


LATE, DEMO, REFERENCE, UNDATED, DONE = (f"00000000-0000-4000-8000-00000000000{n}"
                                        for n in range(1, 6))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    northwind = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    with window_on(qtbot, tmp_path, planned(northwind)) as opened:
        yield opened


def stored_action(window: MainWindow, action_id: str) -> Action | None:
    return next((a for a in stored_deal(window).actions if a.id == action_id), None)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def shown_ids(window: MainWindow, group: PlanGroup | None = None) -> list[str]:
    return [row.action.id for shown, rows in window.plan.model.groups() for row in rows
            if group is None or shown is group]


def test_enter_adds_an_action_f2_dates_it_ctrl_enter_completes_it_each_one_undo_step(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO)  # the list has the keys
    tree = window.plan.tree
    steps = window.session.undo_stack.count()
    QTest.keyClick(tree, Qt.Key.Key_Return)  # a new row, its text being typed
    editor = focused()
    assert editor is not tree
    QTest.keyClicks(editor, "Call the CFO's office")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(a.text == "Call the CFO's office"
                                for a in stored_deal(window).actions), timeout=5000)
    added = next(a for a in stored_deal(window).actions if a.text == "Call the CFO's office")
    assert (added.status, added.due, added.owner_side) == (ActionStatus.OPEN, None,
                                                           OwnerSide.US)
    assert window.session.undo_stack.count() == steps + 1
    # The new action is current, on its due date: F2 and type it.
    qtbot.waitUntil(lambda: window.plan.current_action() is not None
                    and window.plan.current_action().id == added.id)  # type: ignore[union-attr]
    assert tree.currentIndex().column() == PlanColumn.DUE
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClicks(focused(), day(3).isoformat())
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_action(window, added.id).due == day(3))  # type: ignore[union-attr]
    assert window.session.undo_stack.count() == steps + 2
    assert focused() is tree  # the editor closed: the list has the keys again
    QTest.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    done = stored_action(window, added.id)
    assert done is not None
    assert (done.status, done.changed) == (ActionStatus.DONE, TODAY)
    assert window.session.undo_stack.count() == steps + 3
    assert added.id in shown_ids(window, PlanGroup.CLOSED)

    # Ctrl+Z three times: open again, undated again, gone; Ctrl+Y three times: back.
    press_shortcut(qtbot, window, window.undo_action)
    assert stored_action(window, added.id).status is ActionStatus.OPEN  # type: ignore[union-attr]
    press_shortcut(qtbot, window, window.undo_action)
    assert stored_action(window, added.id).due is None  # type: ignore[union-attr]
    press_shortcut(qtbot, window, window.undo_action)
    assert stored_action(window, added.id) is None
    assert added.id not in shown_ids(window)
    for _ in range(3):
        QTest.keyClick(focused(), Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    again = stored_action(window, added.id)
    assert again is not None
    assert (again.due, again.status) == (day(3), ActionStatus.DONE)
    assert added.id in shown_ids(window, PlanGroup.CLOSED)


def test_escape_forgets_a_new_row_without_an_undo_step(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO)
    before = len(stored_deal(window).actions)
    steps = window.session.undo_stack.count()
    click(window.plan.add_button)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.plan.model.draft is None)
    assert len(stored_deal(window).actions) == before
    assert window.session.undo_stack.count() == steps


def test_a_header_click_sorts_by_due_within_the_groups_and_typing_filters(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    model = window.plan.model
    assert next(group for group, _ in model.groups()) is PlanGroup.OVERDUE  # groups in order
    header = window.plan.tree.header()

    def click_header(column: PlanColumn) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))

    click_header(PlanColumn.DUE)
    dated = [a.due for a in stored_deal(window).actions if a.due and a.is_open]
    shown_dates = [row.action.due for _, rows in model.groups() for row in rows
                   if row.action.is_open and row.action.due]
    assert shown_dates == sorted(dated)
    click_header(PlanColumn.DUE)  # again: latest first within each group
    for group, rows in model.groups():
        dates = [row.action.due for row in rows if row.action.due]
        assert dates == sorted(dates, reverse=True), group
    assert next(group for group, _ in model.groups()) is PlanGroup.OVERDUE  # still first

    type_into(window.plan.filter, "reference fleet", finish=False)
    assert shown_ids(window) == [REFERENCE]
    type_into(window.plan.filter, "sam ortiz", finish=False)  # the owner is searched too
    assert sorted(shown_ids(window)) == sorted([LATE, DONE])
    type_into(window.plan.filter, "", finish=False)
    click(window.plan.show_closed)  # done and dropped hidden
    assert DONE not in shown_ids(window)
    assert PlanGroup.CLOSED not in [group for group, _ in model.groups()]


def test_an_overdue_action_is_red_with_how_late_in_the_tab_the_table_and_the_inspector(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    model = window.plan.model
    late = model.index_of(LATE, PlanColumn.DUE)
    assert late.data() == f"{day(-5).isoformat()} · overdue 5 days"
    brush = late.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color().name().upper() == OVERDUE
    assert model.index_of(DEMO, PlanColumn.DUE).data(Qt.ItemDataRole.ForegroundRole) is None

    deal = stored_deal(window)
    first = deal.people[0]
    table = window.people.model
    row = table.row_of(first.id)
    assert row is not None
    assert table.index(row, Column.NEXT_ACTION).data() == "Send the security answers"
    due = table.index(row, Column.DUE)
    assert "overdue 5 days" in due.data()
    assert due.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == OVERDUE
    rival = deal.alternative(first.leans_to or "")
    assert rival is not None
    assert table.index(row, Column.LEANS_TO).data() == rival.name

    click_row(qtbot, window, first.name)
    listed = window.inspector.person_plan.list
    texts = [listed.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
             for i in range(listed.count())]
    assert texts == ["overdue 5 days · Send the security answers",  # soonest first
                     f"{day(30).isoformat()} · Reference call with another fleet",
                     "Agree the pilot's success measures"]  # no date: last
    assert listed.item(0).foreground().color().name().upper() == OVERDUE
    assert window.inspector.person_plan.add_button.text().startswith(
        f"Add action for {first.name}")


def test_the_people_table_sorts_by_due_date(window: MainWindow, qtbot: QtBot) -> None:
    table = window.people.table
    header = table.horizontalHeader()
    table.scrollTo(table.model().index(0, Column.DUE))
    x = header.sectionViewportPosition(Column.DUE) + header.sectionSize(Column.DUE) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))
    dues = [str(table.model().index(r, Column.DUE).data())
            for r in range(table.model().rowCount())]
    dated = [d for d in dues if d]
    assert dated == sorted(dated)
    assert dues[:len(dated)] == dated


def test_delete_drops_an_open_action_then_deletes_it_and_undo_brings_both_back(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, REFERENCE)
    tree = window.plan.tree
    QTest.keyClick(tree, Qt.Key.Key_Delete)
    assert stored_action(window, REFERENCE).status is ActionStatus.DROPPED  # type: ignore[union-attr]
    assert "Dropped" in window.statusBar().currentMessage()
    assert window.plan.current_action().id == REFERENCE  # type: ignore[union-attr]
    QTest.keyClick(tree, Qt.Key.Key_Delete)  # dropped already: deleted
    assert stored_action(window, REFERENCE) is None
    assert "Deleted" in window.statusBar().currentMessage()
    press_shortcut(qtbot, window, window.undo_action)
    assert stored_action(window, REFERENCE).status is ActionStatus.DROPPED  # type: ignore[union-attr]
    press_shortcut(qtbot, window, window.undo_action)
    assert stored_action(window, REFERENCE).status is ActionStatus.OPEN  # type: ignore[union-attr]


def test_cells_are_edited_in_place_text_owner_status_and_a_bad_date_is_refused(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    deal = stored_deal(window)
    click_action(window, UNDATED)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "Agree the pilot's three success measures")
    QTest.keyClick(focused(), Qt.Key.Key_Return)  # (the view commits on its next turn)
    qtbot.waitUntil(lambda: stored_action(window, UNDATED).text  # type: ignore[union-attr]
                    == "Agree the pilot's three success measures")

    click_action(window, LATE, PlanColumn.OWNER)  # ours: Sam Ortiz
    QTest.keyClick(tree, Qt.Key.Key_F2)
    owner = focused()
    QTest.keyClick(owner, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(owner, deal.people[1].name)  # a person of the deal: the customer's
    QTest.keyClick(owner, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_action(window, LATE).owner_side  # type: ignore[union-attr]
                    is OwnerSide.CUSTOMER)
    late = stored_action(window, LATE)
    assert late is not None
    assert (late.owner, late.owner_side) == (deal.people[1].id, OwnerSide.CUSTOMER)

    click_action(window, DEMO, PlanColumn.DUE)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "next Tuesday")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(window.plan.message.isVisible)
    assert stored_action(window, DEMO).due == day(2)  # type: ignore[union-attr]
    assert "not a date" in window.plan.message.text()

    click_action(window, DEMO, PlanColumn.STATUS)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    status = focused()
    assert isinstance(status, QComboBox)
    choose_in_popup(qtbot, status, "Dropped")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_action(window, DEMO).status  # type: ignore[union-attr]
                    is ActionStatus.DROPPED)


def test_the_details_dialog_sets_whom_it_is_for_and_the_intended_change(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    deal = stored_deal(window)
    second, third = deal.people[1], deal.people[2]
    click_action(window, DEMO, PlanColumn.FOR)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        dialog.activateWindow()  # as a window manager does with a new dialog
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        people = dialog.for_people
        people.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(people, Qt.Key.Key_Home)
        for _ in range(2):
            QTest.keyClick(people, Qt.Key.Key_Down)
        QTest.keyClick(people, Qt.Key.Key_Space)  # ticks the third person
        choose_by_keys(qtbot, dialog.intended_person, second.name)
        choose_by_keys(qtbot, dialog.axis, Axis.TECHNICAL.label)
        type_into(dialog.target, "9", finish=False)
        QTest.keyClick(dialog.target, Qt.Key.Key_Return)
        assert not dialog.isVisible(), dialog.error.text()  # accepted (else: why not)

    answer_next_dialog(fill)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_F2)  # on "For": the dialog
    qtbot.waitUntil(lambda: stored_action(window, DEMO).intended is not None)  # type: ignore[union-attr]
    demo = stored_action(window, DEMO)
    assert demo is not None
    assert demo.for_people == (second.id, third.id)
    assert demo.intended is not None
    assert (demo.intended.person, demo.intended.axis, demo.intended.target) == (
        second.id, Axis.TECHNICAL, 9)
    assert demo.intended.before == second.scores.technical.value
    shown = window.plan.model.index_of(DEMO, PlanColumn.INTENDED).data()
    assert shown.startswith(f"{second.name} technical ")
    assert shown.endswith("→ 9")


def test_an_action_marked_internal_in_the_details_stays_off_the_mutual_plan(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO, PlanColumn.FOR)

    def tick(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        dialog.internal.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(dialog.internal, Qt.Key.Key_Space)
        QTest.keyClick(dialog.internal, Qt.Key.Key_Return)
        assert not dialog.isVisible(), dialog.error.text()

    steps = window.session.undo_stack.count()
    answer_next_dialog(tick)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_F2)  # on "For": the dialog
    qtbot.waitUntil(lambda: stored_action(window, DEMO).internal)  # type: ignore[union-attr]
    assert window.session.undo_stack.count() == steps + 1
    cell = window.plan.model.index_of(DEMO, PlanColumn.ACTION)
    assert cell.data(Qt.ItemDataRole.FontRole).italic()
    assert "left off the mutual action plan" in cell.data(Qt.ItemDataRole.ToolTipRole)
    owner = stored_deal(window).people[1]  # the demo action is for the second person
    click_row(qtbot, window, owner.name)
    shown = window.inspector.person_plan.list
    item = next(shown.item(i) for i in range(shown.count())
                if shown.item(i).data(person_plan.ACTION_ID_ROLE) == DEMO)
    assert item.font().italic()  # the inspector says so too
    assert "Internal" in item.toolTip()
    press_shortcut(qtbot, window, window.undo_action)  # Ctrl+Z, the plan list focused
    assert not stored_action(window, DEMO).internal  # type: ignore[union-attr]


def test_the_inspector_adds_an_action_for_the_person_and_completes_one(
        window: MainWindow, qtbot: QtBot) -> None:
    from tests.helpers.plan_input import add_action_in_inspector

    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    steps = window.session.undo_stack.count()
    added = add_action_in_inspector(qtbot, window, "Lunch with the CFO", day(1).isoformat())
    assert (added.for_people, added.owner_side, added.due) == ((first.id,), OwnerSide.US,
                                                               day(1))
    assert window.session.undo_stack.count() == steps + 1
    plan = window.inspector.person_plan
    assert plan.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole) == \
        f"{day(1).isoformat()} · Lunch with the CFO"
    plan.list.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(plan.list, Qt.Key.Key_Home)  # the overdue one
    click(plan.complete_button)
    late = stored_action(window, LATE)
    assert late is not None
    assert (late.status, late.changed) == (ActionStatus.DONE, TODAY)
    texts = [plan.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
             for i in range(plan.list.count())]
    assert not any("Send the security answers" in t for t in texts)
    # Ctrl+Enter in the list completes the chosen one too.
    QTest.mouseClick(plan.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     plan.list.visualItemRect(plan.list.item(0)).center())
    assert plan.list.item(0).text().endswith("Lunch with the CFO")
    QTest.keyClick(plan.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, added.id).status is ActionStatus.DONE  # type: ignore[union-attr]


def test_a_group_folded_by_the_user_stays_folded_when_the_plan_changes(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree, model = window.plan.tree, window.plan.model

    def later() -> QModelIndex:
        row = next(n for n, (group, _) in enumerate(model.groups())
                   if group is PlanGroup.LATER)
        return model.index(row, 0)

    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, tree.visualRect(later()).center())
    QTest.keyClick(tree, Qt.Key.Key_Left)  # fold "Later"
    assert not tree.isExpanded(later())
    click_action(window, LATE)
    QTest.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, LATE).status is ActionStatus.DONE  # type: ignore[union-attr]
    assert not tree.isExpanded(later())
    assert tree.isExpanded(model.index(len(model.groups()) - 1, 0))  # the others stay open


def test_enter_on_an_action_in_the_inspector_shows_it_in_the_plan_tab(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    type_into(window.plan.filter, "pricing", finish=False)  # hides the action shown next
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    listed = window.inspector.person_plan.list
    row = next(i for i in range(listed.count())
               if "Reference call" in listed.item(i).data(Qt.ItemDataRole.AccessibleTextRole))
    QTest.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     listed.visualItemRect(listed.item(row)).center())
    QTest.keyClick(listed, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.plan
    assert window.plan.filter.text() == ""
    assert window.plan.current_action() is not None
    assert window.plan.current_action().id == REFERENCE  # type: ignore[union-attr]
    assert focused() is window.plan.tree  # F2 edits it from here

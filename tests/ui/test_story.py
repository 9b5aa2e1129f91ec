"""A seller's session, step by step, with input events only — clicks, typing, keys, menus
and dialogs answered as a person answers them — and the library checked after every step.

New deal; five people added with the button, names and titles typed; scores typed, one left
unknown; influence, coverage and response mode chosen; a reports-to line and an influence
line drawn from a card's handle; an action added for a person in the inspector, another
in the Plan tab with Enter and completed with Ctrl+Enter; a card dragged; undo and redo; a
snapshot; a score changed; "what changed"; print preview; export as PDF. At laptop size
(1,366 × 768).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.actions import ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, Influence, RelationKind, ResponseMode
from desktop.domain.person import Person
from desktop.render.map.cards import CARD_HEIGHT, PersonCard
from desktop.render.printing.choices import PrintLayout
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.main_window import MainWindow
from tests.helpers.map_input import click_at, drag, on_screen
from tests.helpers.pdf import pdfinfo, pdftext
from tests.helpers.plan_input import add_action_in_inspector, click_action, show_plan
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    answer_text_dialog,
    choose_by_keys,
    choose_in_popup,
    choose_menu,
    click,
    main_window,
    press_shortcut,
    shown_preview,
    type_into,
)

TEAM = [("Dana Whitfield", "Chief Operating Officer"), ("Ravi Menon", "Chief Information Officer"),
        ("Ola Nordmann", "Head of Logistics"), ("Mia Chen", "Enterprise Architect"),
        ("Tom Berger", "Procurement Lead")]


# -- input a person gives -------------------------------------------------------------------


def press(window: MainWindow, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed with the window active (shortcuts are the window's)."""
    focused = QApplication.focusWidget() or window
    QTest.keyClick(focused, key, modifiers)


def button_of(dialog: QWidget, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton)
                if b.text().replace("&", "") == text and b.isVisible())


def ok_button(dialog: QWidget) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok) or \
        box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


# -- what the library holds -----------------------------------------------------------------


def stored(window: MainWindow) -> Deal:
    assert window.session.deal is not None
    return window.session.library.get_deal(window.session.deal.id)


def person(window: MainWindow, name: str) -> Person:
    return next(p for p in stored(window).people if p.name == name)


def lines_of(window: MainWindow) -> set[tuple[str, str, RelationKind]]:
    deal = stored(window)
    names = {p.id: p.name for p in deal.people}
    return {(names[r.source], names[r.target], r.kind) for r in deal.relations}


# -- steps ----------------------------------------------------------------------------------


def new_deal(qtbot: QtBot, window: MainWindow) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DealDialog)
        type_into(dialog.name, "Contoso warehouse rollout")
        type_into(dialog.account, "Contoso Logistics")
        click(ok_button(dialog))

    answer_next_dialog(fill)
    click(window.deal_list.new_button)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name == "Contoso warehouse rollout")
    activate(qtbot, window)
    deal = stored(window)
    assert (deal.name, deal.account, deal.people) == ("Contoso warehouse rollout",
                                                      "Contoso Logistics", ())


def select_card(qtbot: QtBot, window: MainWindow, name: str) -> None:
    card = window.map_page.scene.cards[person(window, name).id]
    window.map_page.view.ensureVisible(card, 20, 20)
    click_at(window, on_card(window, card))
    qtbot.waitUntil(lambda: [p.name for p in window.selected_people()] == [name])


def on_card(window: MainWindow, card: PersonCard) -> QPointF:
    """A point on the card's name, away from its handle (which draws lines)."""
    return QPointF(window.map_page.view.mapFromScene(card.pos() + QPointF(-10, -CARD_HEIGHT / 4)))


def clear_selection(window: MainWindow) -> None:
    """Click the map's empty background."""
    view = window.map_page.view
    taken = [view.mapFromScene(c.sceneBoundingRect()).boundingRect()
             for c in window.map_page.scene.cards.values()]
    spot = next(QPointF(x, y) for y in range(10, view.viewport().height(), 20)
                for x in range(10, view.viewport().width(), 20)
                if not any(r.adjusted(-12, -12, 12, 12).contains(x, y) for r in taken))
    click_at(window, spot)


def add_person(qtbot: QtBot, window: MainWindow, name: str, title: str) -> None:
    """The Add person button; the name field has the focus (its text selected) and shows."""
    before = len(stored(window).people)
    click(window.people.add_button)
    qtbot.waitUntil(lambda: len(stored(window).people) == before + 1)
    name_field = window.inspector.texts["name"]
    assert QApplication.focusWidget() is name_field
    assert name_field.visibleRegion().boundingRect().height() >= name_field.height() - 1
    QTest.keyClicks(name_field, name)  # replaces the selected "New person 3"
    QTest.keyClick(name_field, Qt.Key.Key_Tab)
    type_into(window.inspector.texts["title"], title)
    added = person(window, name)
    assert added.title == title


def the_team(qtbot: QtBot, window: MainWindow) -> None:
    (dana, coo), (ravi, cio), (ola, logistics), (mia, architect), (tom, buyer) = TEAM
    add_person(qtbot, window, dana, coo)
    add_person(qtbot, window, ravi, cio)  # Dana was selected: Ravi reports to her
    select_card(qtbot, window, dana)
    add_person(qtbot, window, ola, logistics)
    select_card(qtbot, window, ravi)
    add_person(qtbot, window, mia, architect)
    clear_selection(window)
    add_person(qtbot, window, tom, buyer)
    deal = stored(window)
    assert [p.name for p in deal.people] == [name for name, _ in TEAM]
    assert lines_of(window) == {(ravi, dana, RelationKind.REPORTS_TO),
                                (ola, dana, RelationKind.REPORTS_TO),
                                (mia, ravi, RelationKind.REPORTS_TO)}
    places = [(p.position.x, p.position.y) for p in deal.people]
    assert len(set(places)) == 5  # no pile
    by_name = {p.name: p.position for p in deal.people}
    assert by_name[ravi].y > by_name[dana].y  # a report goes under the manager
    assert by_name[mia].y > by_name[ravi].y
    view = window.map_page.view
    assert view.zoom_level() == pytest.approx(1.0)  # not the zoom of the deal shown before
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(shown.intersects(card.sceneBoundingRect())
               for card in window.map_page.scene.cards.values())


def scores(qtbot: QtBot, window: MainWindow) -> None:
    typed = {"Dana Whitfield": (8, 5, 4), "Ravi Menon": (6, 9, 7), "Ola Nordmann": (9, 6, 8),
             "Mia Chen": (5, 8, 9), "Tom Berger": (7, 4, None)}
    for name, values in typed.items():
        select_card(qtbot, window, name)
        for axis, value in zip((Axis.BUSINESS, Axis.TECHNICAL, Axis.PERSONAL), values,
                               strict=True):
            if value is not None:
                type_into(window.inspector.scores[axis].spin, str(value))
        now = person(window, name).scores
        assert (now.business.value, now.technical.value, now.personal.value) == values
    assert person(window, "Tom Berger").scores.personal.value is None  # unknown, not 0


def stance(qtbot: QtBot, window: MainWindow) -> None:
    select_card(qtbot, window, "Dana Whitfield")
    inspector = window.inspector
    choose_by_keys(qtbot, inspector.influence, "High")
    choose_in_popup(qtbot, inspector.coverage, "Good")
    choose_by_keys(qtbot, inspector.mode, ResponseMode.GROWTH.label)
    dana = person(window, "Dana Whitfield")
    assert (dana.influence, dana.coverage, dana.mode) == (Influence.HIGH, Coverage.GOOD,
                                                          ResponseMode.GROWTH)


def plan(qtbot: QtBot, window: MainWindow) -> None:
    """What Dana needs to move forward: an action added for her in the inspector, dated;
    then in the Plan tab Enter adds another, typed, and Ctrl+Enter completes it."""
    select_card(qtbot, window, "Dana Whitfield")
    visit = add_action_in_inspector(qtbot, window, "Site visit to the Leeds warehouse",
                                    (date.today() + timedelta(days=3)).isoformat())
    dana = person(window, "Dana Whitfield")
    assert stored(window).next_action(dana.id) == visit
    assert (visit.due, visit.for_people) == (date.today() + timedelta(days=3), (dana.id,))
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, visit.id)
    tree = window.plan.tree
    QTest.keyClick(tree, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert editor is not None
    QTest.keyClicks(editor, "Send the ROI model to Ravi")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored(window).actions) == 2, timeout=5000)
    roi = next(a for a in stored(window).actions if a.id != visit.id)
    qtbot.waitUntil(lambda: window.plan.current_action() == roi)
    QTest.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    done = next(a for a in stored(window).actions if a.id == roi.id)
    assert (done.text, done.status, done.changed) == ("Send the ROI model to Ravi",
                                                      ActionStatus.DONE, date.today())
    bar = window.tabs.tabBar()  # back to the map
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(window.tabs.indexOf(window.map_page)).center())
    qtbot.waitUntil(window.map_page.isVisible)


def draw_line(qtbot: QtBot, window: MainWindow, source: str, target: str,
              *words: str) -> None:
    """Select ``source``'s card, drag from its handle onto ``target``'s card, pick the kind
    of line in the menu that pops up."""
    select_card(qtbot, window, source)
    scene, view = window.map_page.scene, window.map_page.view
    card = scene.cards[person(window, source).id]
    other = scene.cards[person(window, target).id]
    assert card.handle.isVisible()
    start = QPointF(view.mapFromScene(card.handle.scenePos()))
    drag(window, start, on_screen(window, other))
    menu = window.map_page.relation_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    action = next(a for a in menu.actions() if all(w in a.text() for w in words))
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: window.map_page.relation_menu is None, timeout=2000)


def lines_from_handles(qtbot: QtBot, window: MainWindow) -> None:
    draw_line(qtbot, window, "Tom Berger", "Ola Nordmann", "reports to")
    draw_line(qtbot, window, "Mia Chen", "Dana Whitfield", "influences", "strongly")
    lines = lines_of(window)
    assert ("Tom Berger", "Ola Nordmann", RelationKind.REPORTS_TO) in lines
    assert ("Mia Chen", "Dana Whitfield", RelationKind.INFLUENCE) in lines
    strong = next(r for r in stored(window).relations if r.kind is RelationKind.INFLUENCE)
    assert strong.strength == 3


def drag_a_card(qtbot: QtBot, window: MainWindow) -> tuple[float, float]:
    tom = person(window, "Tom Berger")
    card = window.map_page.scene.cards[tom.id]
    window.map_page.view.ensureVisible(card, 80, 80)
    start = on_card(window, card)
    drag(window, start, start + QPointF(60, 30))
    moved = person(window, "Tom Berger").position
    assert (moved.x, moved.y) != (tom.position.x, tom.position.y)
    return (tom.position.x, tom.position.y)


def undo_and_redo(window: MainWindow, before: tuple[float, float]) -> None:
    after = person(window, "Tom Berger").position
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = person(window, "Tom Berger").position
    assert (back.x, back.y) == before
    press(window, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert person(window, "Tom Berger").position == after


def take_snapshot(qtbot: QtBot, window: MainWindow) -> None:
    answer_text_dialog("Before the workshop")
    choose_menu(qtbot, window, "Deal", "Take snapshot")
    deal_id = stored(window).id
    qtbot.waitUntil(lambda: [s.name for s in window.session.library.list_snapshots(deal_id)]
                    == ["Before the workshop"])


def change_a_score(qtbot: QtBot, window: MainWindow) -> None:
    select_card(qtbot, window, "Dana Whitfield")
    slider = window.inspector.scores[Axis.PERSONAL].slider
    click(slider)  # focus (a click on the groove moves the value a page)
    slider.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClick(slider, Qt.Key.Key_End)
    assert person(window, "Dana Whitfield").scores.personal.value == 10


def what_changed(qtbot: QtBot, window: MainWindow) -> list[str]:
    seen: list[str] = []

    def read_diff(dialog: QDialog) -> None:
        text = dialog.findChild(QPlainTextEdit, "diff_text")
        assert text is not None
        seen.extend(text.toPlainText().splitlines())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    def in_snapshots(dialog: QDialog) -> None:
        listing = dialog.findChild(QListWidget)
        assert listing is not None
        first = listing.item(0)
        QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier,
                         listing.visualItemRect(first).center())
        answer_next_dialog(read_diff)
        click(button_of(dialog, "What changed since…"))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    answer_next_dialog(in_snapshots)
    choose_menu(qtbot, window, "Deal", "Snapshots")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen


def print_preview(qtbot: QtBot, window: MainWindow) -> int:
    choose_menu(qtbot, window, "File", "Print preview")
    options = window.printing.options_dialog
    assert options is not None
    qtbot.waitUntil(options.isVisible)
    choose_by_keys(qtbot, options.layout_box, "Deal brief")
    click(ok_button(options))
    widget = shown_preview(qtbot, window)
    preview = window.printing.preview_dialog
    assert preview is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=10000)
    pages = widget.pageCount()
    QTest.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.printing.preview_dialog is None
                    or not window.printing.preview_dialog.isVisible(), timeout=5000)
    return pages


def export_pdf(qtbot: QtBot, window: MainWindow, out: Path) -> None:
    def save_here(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        click(field)
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        # A person's pace: the dialog reads each folder of the path as it is typed.
        QTest.keyClicks(field, str(out), Qt.KeyboardModifier.NoModifier, 20)
        QTest.keyClick(field, Qt.Key.Key_Return)

    choose_menu(qtbot, window, "File", "Export as PDF")
    options = window.printing.options_dialog
    assert options is not None
    qtbot.waitUntil(options.isVisible)
    # By keys: on the offscreen platform a popup opened here is closed again by a late
    # window activation (the File menu's) after the preview; the popup path is tried in
    # tests/ui/test_printing.py.
    choose_by_keys(qtbot, options.layout_box, PrintLayout.FULL.label)
    answer_next_dialog(save_here)
    click(ok_button(options))
    qtbot.waitUntil(out.exists, timeout=20000)


# -- the story ------------------------------------------------------------------------------


def second_deal_shares_dana(qtbot: QtBot, window: MainWindow) -> None:
    """A second deal for Contoso Logistics: Dana Whitfield is added from the account (chosen
    from what typing 'Dan' offers), and is the same person — the same id — in both deals."""
    from desktop.ui.account_person_picker import AccountPersonPicker

    first = stored(window)
    dana = person(window, "Dana Whitfield")

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DealDialog)
        type_into(dialog.name, "Contoso returns hub")
        type_into(dialog.account, "Contoso Logistics")
        click(ok_button(dialog))

    answer_next_dialog(fill)
    click(window.deal_list.new_button)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name == "Contoso returns hub")

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, "Dan")
        popup = dialog.completer.popup()
        assert popup is not None
        qtbot.waitUntil(popup.isVisible)
        assert popup.model().index(0, 0).data() == \
            "Dana Whitfield — Chief Operating Officer (in Contoso warehouse rollout)"
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.chosen is not None)
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(pick)
    press_shortcut(qtbot, window, window.account_pages.add_from_account_action)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: [p.id for p in stored(window).people] == [dana.id])
    assert stored(window).account_id == first.account_id
    assert window.session.library.get_deal(first.id).has_person(dana.id)


def test_a_sellers_session(qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 728)
        activate(qtbot, window)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("new deal", lambda: new_deal(qtbot, window)),
            ("five people", lambda: the_team(qtbot, window)),
            ("scores", lambda: scores(qtbot, window)),
            ("stance", lambda: stance(qtbot, window)),
            ("plan", lambda: plan(qtbot, window)),
            ("lines from handles", lambda: lines_from_handles(qtbot, window)),
        ]
        for _name, step in steps:
            step()
        before = drag_a_card(qtbot, window)
        undo_and_redo(window, before)
        take_snapshot(qtbot, window)
        change_a_score(qtbot, window)
        changes = what_changed(qtbot, window)
        assert any("Dana Whitfield" in line and "10" in line for line in changes), changes
        assert print_preview(qtbot, window) >= 1
        out = tmp_path / "contoso.pdf"
        export_pdf(qtbot, window, out)
        assert pdfinfo(out)["Pages"] >= "1"
        text = pdftext(out)
        for name, _title in TEAM:
            assert name in text, name
        assert "Contoso warehouse rollout" in text
        second_deal_shares_dana(qtbot, window)

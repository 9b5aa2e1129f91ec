"""Screenshots of the real app for the README and the user guide, so they never go stale.

Run ``make screenshots`` (under Xvfb: a real X11 window, not the offscreen plugin). Two kinds:

* the named pictures of ``docs/screenshots/<name>.png`` (the window at laptop and desktop
  sizes, the map, the charts, the inspector, the dialogs, a printed page), each from a fresh
  library with the demo deals in a temporary folder and temporary settings;
* "the story": a seller's session played with real input — clicks, typing, keys, combo boxes
  chosen by keyboard, a card dragged, a line drawn from a card's handle — at 1366 × 768 and at
  1920 × 1080, one picture per step in ``docs/screenshots/story/<w>x<h>-<NN>-<step>.png``.

Nothing here reads or writes the user's own library or settings, and nothing uses the
network. A step that fails says so and the next one runs; the exit code is 1 if any failed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from desktop.domain.enums import Axis
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.options import PrintOptions
from desktop.synthetic import arranged, synthetic_deal
from desktop.ui.application import create_application, open_library
from desktop.ui.main_window import MainWindow
from desktop.ui.people_model import Column
from desktop.ui.print_options_dialog import OutputKind, PrintOptionsDialog
from desktop.ui.settings import EXPORT_FOLDER, Settings

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
STORY = OUT / "story"
LAPTOP, DESKTOP = (1366, 768), (1920, 1080)
TAB_MAP, TAB_TRIANGLE, TAB_BALANCE, TAB_GRID = 0, 1, 2, 3
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


class StepFailed(Exception):
    """A step could not do what it says (the message says what was missing)."""


# -- waiting and photographing ---------------------------------------------------------------


def settle(ms: int = 250) -> None:
    """Let timers, layouts and paints run for ``ms`` (events keep being processed)."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def wait_until(condition: Callable[[], object], what: str, timeout_ms: int = 5000) -> None:
    end = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > end:
            raise StepFailed(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)


def save(picture: QPixmap, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    if picture.isNull() or not picture.save(str(target)):
        raise StepFailed(f"could not save {target}")
    return target


def window_shot(window: QWidget, target: Path, above: Iterable[QWidget] = ()) -> Path:
    """The whole window; dialogs and menus open above it are drawn where they are on the
    screen, each with a thin frame and its title (under Xvfb there is no window manager to
    draw their title bars), clipped to the window."""
    settle(300)
    picture = window.grab()
    painter = QPainter(picture)
    origin = window.mapToGlobal(QPoint(0, 0))
    for widget in above:
        if widget is None or not widget.isVisible():
            continue
        image = widget.grab()
        at = widget.mapToGlobal(QPoint(0, 0)) - origin
        title = "" if isinstance(widget, QMenu) else widget.windowTitle()
        bar = 0
        if title:
            font = QFont(window.font())
            font.setBold(True)
            bar = window.fontMetrics().height() + 8
            frame = QRect(at.x() - 1, at.y() - bar - 1, image.width() + 2, image.height() + bar + 2)
            painter.fillRect(frame.adjusted(4, 4, 6, 6), QColor(0, 0, 0, 40))  # a shadow
            painter.fillRect(QRect(at.x(), at.y() - bar, image.width(), bar), QColor("#E4E4E0"))
            painter.setFont(font)
            painter.setPen(QColor("#202020"))
            painter.drawText(QRect(at.x() + 8, at.y() - bar, image.width() - 16, bar),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        painter.drawPixmap(at, image)
        painter.setPen(QPen(QColor("#8A8A86"), 1))
        painter.drawRect(QRect(at.x() - 1, at.y() - bar - 1, image.width() + 1,
                               image.height() + bar + 1))
    painter.end()
    return save(picture, target)


def visible_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def answer_next_dialog(fill: Callable[[QDialog], None], *, kind: type = QDialog,
                       timeout_ms: int = 8000) -> dict[str, object]:
    """When the next dialog of ``kind`` opens (modal, shown by ``exec()`` or ``open()``), call
    ``fill(dialog)``, which should accept, reject or photograph it. Gives up after
    ``timeout_ms`` so the script never hangs; what happened is in the returned dict."""
    before = set(map(id, visible_dialogs()))
    state: dict[str, object] = {"done": False, "error": None}
    started = time.monotonic()

    def poll() -> None:
        found = QApplication.activeModalWidget()
        if not isinstance(found, kind) or id(found) in before:
            found = next((d for d in visible_dialogs()
                          if isinstance(d, kind) and id(d) not in before), None)
        if isinstance(found, QDialog):
            try:
                settle(150)
                fill(found)
            except BaseException as error:
                state["error"] = error
                found.reject()  # never leave the script stuck in exec()
            state["done"] = True
            return
        if (time.monotonic() - started) * 1000 < timeout_ms:
            QTimer.singleShot(30, poll)
        else:
            state["error"] = StepFailed(f"no {kind.__name__} opened")
            state["done"] = True

    QTimer.singleShot(0, poll)
    return state


def finish(state: dict[str, object], timeout_ms: int = 10000) -> None:
    wait_until(lambda: state["done"], "the dialog to be answered", timeout_ms)
    error = state["error"]
    if isinstance(error, BaseException):
        raise error


# -- real input ------------------------------------------------------------------------------


def click(widget: QWidget, where: QPoint | None = None) -> None:
    """Click ``widget`` where a person would: a check box on its box, else its middle."""
    if where is None:
        where = widget.rect().center()
        if isinstance(widget, QCheckBox | QRadioButton):
            where = QPoint(8, widget.height() // 2)
    QTest.mouseClick(widget, LEFT, NO_MODIFIER, where)
    settle(40)


def type_into(widget: QWidget, text: str, *, finish_with: Qt.Key | None = Qt.Key.Key_Tab) -> None:
    """Click into a text field, select what is there, type, and leave it with Tab (an edit is
    finished when the focus leaves, as it is for a person). New lines are typed as Return."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.mouseClick(widget, LEFT, NO_MODIFIER, QPoint(min(20, widget.width() // 2),
                                                       widget.height() // 2))
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        if line:
            QTest.keyClicks(widget, line)
    if finish_with is not None:
        QTest.keyClick(widget, finish_with)
    settle(40)


def choose_by_keys(combo: QComboBox, text: str) -> None:
    """Choose the item whose text starts with ``text`` with the keyboard: focus, Home, Down."""
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            settle(40)
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise StepFailed(f"no item {text!r} in {[combo.itemText(i) for i in range(combo.count())]}")


def press_button(parent: QWidget, text: str) -> None:
    """Click the button of ``parent`` whose text (without &) starts with ``text``."""
    for button in parent.findChildren(QAbstractButton):
        if button.isVisible() and button.text().replace("&", "").startswith(text):
            click(button)
            return
    raise StepFailed(f"no button {text!r} in {parent.windowTitle()!r}")


def press_ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None
    if ok is None:
        raise StepFailed(f"no OK button in {dialog.windowTitle()!r}")
    click(ok)


def mouse_event(kind: QEvent.Type, at: QPointF, button: Qt.MouseButton,
                buttons: Qt.MouseButton, viewport: QWidget) -> QMouseEvent:
    """A mouse event as the platform sends it, with the real global position (the map finds
    cards by it)."""
    return QMouseEvent(kind, at, QPointF(viewport.mapToGlobal(at.toPoint())), button, buttons,
                       NO_MODIFIER)


def drag(viewport: QWidget, start: QPointF, end: QPointF, steps: int = 12) -> None:
    """Press the left button, move in steps (with the button held) and release."""
    send = QApplication.sendEvent
    send(viewport, mouse_event(QEvent.Type.MouseButtonPress, start, LEFT, LEFT, viewport))
    for step in range(1, steps + 1):
        here = start + (end - start) * (step / steps)
        send(viewport, mouse_event(QEvent.Type.MouseMove, here, Qt.MouseButton.NoButton, LEFT,
                                   viewport))
        settle(15)
    send(viewport, mouse_event(QEvent.Type.MouseButtonRelease, end, LEFT,
                               Qt.MouseButton.NoButton, viewport))
    settle(100)


def activate(window: QWidget) -> None:
    """Make ``window`` the active one (there is no window manager under Xvfb to do it on a
    click): keys then reach its focused widget and its shortcuts."""
    window.activateWindow()
    settle(30)
    if not window.isActiveWindow():
        QApplication.setActiveWindow(window)  # deprecated, still the way without a WM
        settle(30)


def shortcut(window: MainWindow, keys: str) -> None:
    """Press an action's keys in the window (the window must be the active one)."""
    from PySide6.QtGui import QKeySequence

    activate(window)
    combo = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
    settle(60)


# -- the window ------------------------------------------------------------------------------


@contextmanager
def opened_window(folder: Path, name: str, size: tuple[int, int], *,
                  synthetic: int = 0) -> Iterator[MainWindow]:
    """The window on a fresh library (with the demo deals) and fresh settings in ``folder``."""
    store = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    settings = Settings(store)
    settings.set(EXPORT_FOLDER, str(folder))  # a save dialog opens here, not in ~/Documents
    library = open_library(folder / f"{name}.sqlite")
    if synthetic:
        library.add_deal(arranged(synthetic_deal(
            synthetic, seed=3, name=f"Synthetic org map, {synthetic} people")))
    window = MainWindow(library, settings)
    window.move(0, 0)
    window.resize(*size)
    window.show()
    wait_until(window.isVisible, "the window")
    settle(300)
    activate(window)
    settle(200)
    try:
        yield window
    finally:
        for dialog in visible_dialogs():
            dialog.reject()
        window.close()
        window.session.close()
        settle(50)


def show_deal(window: MainWindow, starts_with: str) -> None:
    library = window.session.library
    chosen = next(d for d in library.list_deals() if d.name.startswith(starts_with))
    window.session.show_deal(chosen.id)
    settle(200)
    panel = window.analysis_panel
    wait_until(lambda: panel.analysis is not None and panel.deal is not None
               and panel.deal.id == chosen.id, "the deal's analysis")


def select_person(window: MainWindow, starts_with: str) -> None:
    deal = window.session.deal
    assert deal is not None
    person = next(p for p in deal.people if p.name.startswith(starts_with))
    window.selection.set([person.id])
    settle(150)


def card_point(window: MainWindow, name: str) -> QPointF:
    """Where a person's card is in the map's viewport."""
    card = window.map_page.scene.cards[person_id(window, name)]
    return QPointF(window.map_page.view.mapFromScene(card.pos()))


def person_id(window: MainWindow, name: str) -> str:
    deal = window.session.deal
    assert deal is not None
    return next(p.id for p in deal.people if p.name.startswith(name))


def click_row(window: MainWindow, name: str, column: Column = Column.NAME) -> None:
    """Click a person's row in the people table (the cell of ``column``)."""
    table = window.people.table
    model = table.model()
    for row in range(model.rowCount()):
        if str(model.index(row, Column.NAME).data()).startswith(name):
            index = model.index(row, column)
            table.scrollTo(index)
            QTest.mouseClick(table.viewport(), LEFT, NO_MODIFIER,
                             table.visualRect(index).center())
            settle(80)
            return
    raise StepFailed(f"no row for {name!r}")


def click_tab(window: MainWindow, index: int) -> None:
    bar = window.tabs.tabBar()
    QTest.mouseClick(bar, LEFT, NO_MODIFIER, bar.tabRect(index).center())
    settle(300)


# -- the named pictures ---------------------------------------------------------------------


def named_shot(folder: Path, name: str, size: tuple[int, int], *, deal: str = "Northwind",
               person: str = "Priya Raman", tab: int = TAB_MAP, synthetic: int = 0,
               path_to_power: bool = False, focus: Callable[[MainWindow], None] | None = None
               ) -> Path:
    with opened_window(folder, name, size, synthetic=synthetic) as window:
        show_deal(window, deal)
        click_tab(window, tab)
        if person:
            select_person(window, person)
        if path_to_power:
            window.map_page.path_action.setChecked(True)
        window.map_page.fit()
        if focus is not None:
            focus(window)
        settle(600)
        return window_shot(window, OUT / f"{name}.png")


def dialog_shot(folder: Path, name: str, open_it: Callable[[MainWindow], object], *,
                deal: str = "Helix", fit: Callable[[QDialog], None] | None = None) -> Path:
    """Open a dialog from the window (modal or not), photograph the dialog alone, close it."""
    with opened_window(folder, name, LAPTOP) as window:
        show_deal(window, deal)
        target = OUT / f"{name}.png"

        def photograph(dialog: QDialog) -> None:
            if fit is not None:
                fit(dialog)
            settle(700)
            save(dialog.grab(), target)
            dialog.reject()

        state = answer_next_dialog(photograph)
        open_it(window)
        finish(state)
        settle(200)
        return target


def theirs_file(window: MainWindow, folder: Path) -> Path:
    """A colleague's copy of the shown deal, with a changed person and a new one."""
    from desktop.domain.enums import Support
    from desktop.domain.person import Person
    from desktop.exchange import dealfile

    assert window.session.deal is not None
    mine = window.session.library.get_deal(window.session.deal.id)
    people = list(mine.people)
    people[0] = replace(people[0], title=f"{people[0].title} (interim)", support=Support.MENTOR)
    people[2] = replace(people[2], next_step="Send the security answers by Friday")
    theirs = replace(mine, stage="Negotiate",
                     people=(*people, Person(name="Ingrid Moreau", title="CFO")))
    path = folder / "from-a-colleague.dealtri"
    path.write_text(dealfile.dumps([theirs]))
    return path


def unknown_csv(folder: Path) -> Path:
    path = folder / "crm-export.csv"
    path.write_text("Kontakt;Rolle;Mail;Telefon;Chef\nAda Byron;CTO;ada@example.com;"
                    "+44 20 1234;Charles Babbage\nAlan Turing;Chief Scientist;"
                    "alan@example.com;;Ada Byron\nGrace Hopper;Rear Admiral;"
                    "grace@example.com;+1 202 555;\n", encoding="utf-8")
    return path


def printed_page(folder: Path) -> Path:
    """The Helix deal brief as printed (the PDF's first page rendered by pdftoppm)."""
    from desktop.render.printing.layouts import print_pdf

    with open_library(folder / "printed.sqlite") as library:
        deal = next(library.get_deal(d.id) for d in library.list_deals()
                    if d.name.startswith("Helix"))
    pdf = folder / "brief.pdf"
    print_pdf(deal, pdf, PrintOptions(layout=PrintLayout.BRIEF))
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf),
                    str(OUT / "printed-brief-helix")], check=True)
    return OUT / "printed-brief-helix.png"


def printed_plan(folder: Path) -> Path:
    """The first page of Northwind's mutual action plan, the page for the customer."""
    from desktop.render.printing.layouts import print_pdf

    with open_library(folder / "plan.sqlite") as library:
        deal = next(library.get_deal(d.id) for d in library.list_deals()
                    if d.name.startswith("Northwind"))
    pdf = folder / "plan.pdf"
    print_pdf(deal, pdf, PrintOptions(layout=PrintLayout.PLAN))
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf),
                    str(OUT / "mutual-action-plan")], check=True)
    return OUT / "mutual-action-plan.png"


def fit_preview(window: MainWindow) -> Callable[[QDialog], None]:
    def fit(dialog: QDialog) -> None:
        dialog.resize(int(window.width() * 0.9), int(window.height() * 0.92))
        dialog.move(window.mapToGlobal(QPoint(int(window.width() * 0.05),
                                              int(window.height() * 0.06))))
    return fit


def named_pictures(folder: Path, run: Callable[[str, Callable[[], object]], None]) -> None:
    run("main-window-1366x768", lambda: named_shot(folder, "main-window-1366x768", LAPTOP))
    run("main-window-1920x1080", lambda: named_shot(folder, "main-window-1920x1080", DESKTOP))
    run("inspector-1366x768", lambda: named_shot(
        folder, "inspector-1366x768", LAPTOP, deal="Helix", person="Jonas Berg",
        focus=lambda w: w.inspector.contact_section.set_expanded(False)))
    run("map-helix", lambda: named_shot(folder, "map-helix", DESKTOP, deal="Helix",
                                        person="Jonas Berg", path_to_power=True))
    run("map-300-people", lambda: named_shot(folder, "map-300-people", DESKTOP,
                                             deal="Synthetic", person="", synthetic=300))
    run("triangle-helix", lambda: named_shot(folder, "triangle-helix", DESKTOP, deal="Helix",
                                             person="Fatima Haddad", tab=TAB_TRIANGLE))
    run("balance-helix", lambda: named_shot(folder, "balance-helix", DESKTOP, deal="Helix",
                                            person="Jonas Berg", tab=TAB_BALANCE))
    run("grid-helix", lambda: named_shot(folder, "grid-helix", DESKTOP, deal="Helix",
                                         person="Jonas Berg", tab=TAB_GRID))
    run("decision-tab", lambda: named_shot(
        folder, "decision-tab", LAPTOP, person="Kevin Liu",
        focus=lambda w: click_tab(w, w.tabs.indexOf(w.decision))))
    run("plan-tab", lambda: named_shot(
        folder, "plan-tab", LAPTOP, person="Kevin Liu",
        focus=lambda w: click_tab(w, w.tabs.indexOf(w.plan))))
    run("help-1366x768", lambda: help_shot(folder))
    run("print-options", lambda: dialog_shot(
        folder, "print-options", lambda w: w.printing.ask(OutputKind.PREVIEW)))

    def preview(w: MainWindow) -> None:
        assert w.session.deal is not None
        w.printing.preview(w.session.library.get_deal(w.session.deal.id),
                           PrintOptions(layout=PrintLayout.BRIEF))

    run("print-preview", lambda: dialog_shot(folder, "print-preview", preview))
    run("merge-review", lambda: dialog_shot(
        folder, "merge-review", lambda w: w.exchange.import_files([theirs_file(w, folder)])))
    run("column-mapping", lambda: column_mapping_shot(folder))
    run("backups", lambda: dialog_shot(folder, "backups", lambda w: (
        w.session.library.backup("before-merge"), w.files.show_backups())))
    run("printed-brief-helix", lambda: printed_page(folder))
    run("mutual-action-plan", lambda: printed_plan(folder))
    from team_screenshots import team_pictures  # beside this file (packaging/)

    team_pictures(folder, run)  # "team": the Team folder dialog and the status bar


def column_mapping_shot(folder: Path) -> Path:
    """The CSV import's column mapping; the question that follows it is answered No."""
    original = QMessageBox.question
    QMessageBox.question = staticmethod(  # type: ignore[method-assign,assignment]
        lambda *_a, **_k: QMessageBox.StandardButton.No)
    try:
        return dialog_shot(folder, "column-mapping",
                           lambda w: w.exchange.import_files([unknown_csv(folder)]))
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]


def help_shot(folder: Path) -> Path:
    """Help ▸ User guide (F1), beside the window, at the laptop size."""
    from desktop.ui.help_window import HelpWindow

    with opened_window(folder, "help", LAPTOP) as window:
        shortcut(window, "F1")
        guide = window.findChild(HelpWindow)
        if guide is None or not guide.isVisible():
            window.guide_action.trigger()  # the key did not reach the window
            guide = window.findChild(HelpWindow)
        if guide is None:
            raise StepFailed("Help ▸ User guide opened no window")
        wait_until(guide.isVisible, "the user guide")
        guide.move(0, 0)
        guide.resize(*LAPTOP)
        settle(1200)
        target = save(guide.grab(), OUT / "help-1366x768.png")
        guide.close()
        return target


# -- the story ------------------------------------------------------------------------------

DEAL_NAME = "Arcadia Freight route planning"
PEOPLE = (  # name, title, who is selected when "Add person" is clicked (their manager)
    ("Dana Whitfield", "Chief Operating Officer", None),
    ("Marco Ruiz", "Head of Fleet Operations", "Dana"),
    ("Sofia Lind", "IT Director", "Dana"),
    ("Ken Adebayo", "Solution Architect", "Sofia"),
    ("Priya Shah", "Procurement Lead", ""),  # nobody selected: the nearest free place
)
TABLE_SCORES = {  # typed in the table's cells: business, technical, personal ("" stays unknown)
    "Marco": ("7", "6", "9"),
    "Sofia": ("5", "8", "4"),
    "Ken": ("", "3", "6"),
    "Priya": ("6", "", "2"),
}


class Story:
    """A seller's first session with a new deal, one picture per step."""

    def __init__(self, window: MainWindow, folder: Path, size: tuple[int, int]) -> None:
        self.window = window
        self.folder = folder
        self.prefix = f"{size[0]}x{size[1]}"

    def target(self, number: int, step: str) -> Path:
        return STORY / f"{self.prefix}-{number:02d}-{step}.png"

    def deal(self):
        session = self.window.session
        assert session.deal is not None
        return session.library.get_deal(session.deal.id)

    # 01
    def new_deal(self) -> Path:
        window = self.window

        def fill(dialog: QDialog) -> None:
            from desktop.ui.deal_dialog import DealDialog

            assert isinstance(dialog, DealDialog)
            type_into(dialog.name, DEAL_NAME)
            type_into(dialog.account, "Arcadia Freight")
            choose_by_keys(dialog.stage, "Qualify")
            type_into(dialog.amount, "240000")
            choose_by_keys(dialog.currency, "EUR")
            type_into(dialog.close_date.edit, "30.06.2027")
            type_into(dialog.objective, "Cut empty kilometres by 12 % before the 2027 tender")
            type_into(dialog.competitors, "RouteMax, Do nothing")
            press_ok(dialog)

        state = answer_next_dialog(fill)
        click(window.deal_list.new_button)
        finish(state)
        wait_until(lambda: window.session.deal is not None
                   and window.session.deal.name == DEAL_NAME, "the new deal to be shown")
        return window_shot(window, self.target(1, "new-deal"))

    # 02
    def add_people(self) -> Path:
        window = self.window
        for name, title, manager in PEOPLE:
            if manager:
                click_row(window, manager)
            elif manager == "":
                self.clear_selection()
            activate(window)
            click(window.people.add_button)
            name_edit = window.inspector.texts["name"]
            wait_until(lambda edit=name_edit: QApplication.focusWidget() is edit,
                       "the name field to take the cursor")
            QTest.keyClicks(name_edit, name)  # the new name replaces the selected one
            QTest.keyClick(name_edit, Qt.Key.Key_Tab)
            settle(60)
            type_into(window.inspector.texts["title"], title)
        names = [p.name for p in self.deal().people]
        if names != [p[0] for p in PEOPLE]:
            raise StepFailed(f"people stored: {names}")
        click_row(window, "Sofia")
        return window_shot(window, self.target(2, "people-added"))

    def clear_selection(self) -> None:
        """Click an empty part of the map."""
        view = self.window.map_page.view
        viewport = view.viewport()
        for y in range(viewport.height() - 15, 10, -25):
            for x in range(15, viewport.width() - 10, 25):
                if view.itemAt(QPoint(x, y)) is None:
                    QTest.mouseClick(viewport, LEFT, NO_MODIFIER, QPoint(x, y))
                    settle(80)
                    if not self.window.selection.ids:
                        return
        raise StepFailed("found no empty place on the map to click")

    # 03
    def type_scores(self) -> Path:
        window = self.window
        table = window.people.table
        for name, values in TABLE_SCORES.items():
            for column, value in zip((Column.BUSINESS, Column.TECHNICAL, Column.PERSONAL),
                                     values, strict=True):
                if not value:
                    continue
                click_row(window, name, column)
                QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell
                editor = table.focusWidget()
                if editor is None or editor is table:
                    raise StepFailed("F2 opened no editor in the score cell")
                QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
                QTest.keyClicks(editor, value)
                QTest.keyClick(editor, Qt.Key.Key_Return)
                settle(60)
        # Dana in the inspector: personal win and business typed, technical left unknown.
        click_row(window, "Dana")
        inspector = window.inspector
        personal = inspector.scores[Axis.PERSONAL]
        type_into(personal.spin, "8")
        type_into(personal.evidence, "Wants to show the board a visible win in her first year\n"
                                     "Said so at the kick-off; Marco confirmed")
        choose_by_keys(personal.confidence, "Heard")
        type_into(inspector.next_step, "A reference call with a freight operator of her size",
                  finish_with=Qt.Key.Key_Tab)
        type_into(inspector.scores[Axis.BUSINESS].spin, "9")
        dana = next(p for p in self.deal().people if p.name.startswith("Dana"))
        if dana.scores.values() != (9, None, 8):
            raise StepFailed(f"Dana's scores stored as {dana.scores.values()}")
        marco = next(p for p in self.deal().people if p.name.startswith("Marco"))
        if marco.scores.values() != (7, 6, 9):
            raise StepFailed(f"Marco's scores stored as {marco.scores.values()}")
        window.inspector.form_scroll.verticalScrollBar().setValue(0)
        return window_shot(window, self.target(3, "scores"))

    # 04
    def stance(self) -> Path:
        window = self.window
        inspector = window.inspector
        choices = {"Dana": ("Supporter", "High", "Good", "Growth"),
                   "Marco": ("Mentor", "Medium", "In depth", "Trouble"),
                   "Sofia": ("Opponent", "High", "Light", "Even keel"),
                   "Ken": ("Neutral", "Low", "Light", "Overconfident"),
                   "Priya": ("Neutral", "Medium", "None", "Unknown")}
        for name, (support, influence, coverage, mode) in choices.items():
            click_row(window, name)
            choose_by_keys(inspector.support, support)
            choose_by_keys(inspector.influence, influence)
            choose_by_keys(inspector.coverage, coverage)
            choose_by_keys(inspector.mode, mode)
        sofia = next(p for p in self.deal().people if p.name.startswith("Sofia"))
        if (sofia.influence.label, sofia.coverage.label) != ("High", "Light"):
            raise StepFailed(f"Sofia stored as {sofia.influence}, {sofia.coverage}")
        click_row(window, "Sofia")
        inspector.form_scroll.ensureWidgetVisible(inspector.mode, 0, 60)
        return window_shot(window, self.target(4, "stance"))

    # 05
    def draw_lines(self) -> Path:
        window = self.window
        page = window.map_page
        view, scene = page.view, page.scene
        before = len(self.deal().relations)
        # A reports-to line drawn on the map: Priya's handle to Dana's card.
        click_tab(window, TAB_MAP)
        page.fit()
        settle(200)
        priya = scene.cards[person_id(window, "Priya")]
        QTest.mouseClick(view.viewport(), LEFT, NO_MODIFIER, card_point(window, "Priya").toPoint())
        settle(150)
        if not priya.isSelected() or not priya.handle.isVisible():
            raise StepFailed("clicking Priya's card did not select it and show its handle")
        start = QPointF(view.mapFromScene(priya.handle.scenePos()))
        end = card_point(window, "Dana")
        drag(view.viewport(), start, end)
        wait_until(lambda: page.relation_menu is not None and page.relation_menu.isVisible(),
                   "the menu asking which line was drawn")
        menu = page.relation_menu
        assert menu is not None
        wanted = next(a for a in menu.actions() if "reports to" in a.text())
        settle(QApplication.doubleClickInterval() + 100)
        QTest.mouseClick(menu, LEFT, NO_MODIFIER, menu.actionGeometry(wanted).center())
        settle(200)
        # An influence line from the inspector: Marco influences Sofia, strongly.
        click_row(window, "Marco")

        def fill(dialog: QDialog) -> None:
            from desktop.ui.relation_dialog import RelationDialog

            assert isinstance(dialog, RelationDialog)
            choose_by_keys(dialog.phrase, "Marco Ruiz influences")
            choose_by_keys(dialog.other, "Sofia")
            type_into(dialog.strength, "3")
            type_into(dialog.note, "Sofia trusts his numbers on fleet utilisation")
            press_ok(dialog)

        state = answer_next_dialog(fill)
        click(window.inspector.add_line)
        finish(state)
        settle(200)
        relations = self.deal().relations
        if len(relations) != before + 2:
            raise StepFailed(f"{len(relations) - before} lines drawn, not 2")
        inspector = window.inspector
        inspector.form_scroll.ensureWidgetVisible(inspector.relations, 0, 40)
        return window_shot(window, self.target(5, "lines"))

    # 06
    def drag_card(self) -> Path:
        window = self.window
        view = window.map_page.view
        start = card_point(window, "Priya") + QPointF(-20, 8)
        priya = person_id(window, "Priya")
        before = window.session.library.get_person(priya).position
        # into the free space on the right of the chart
        drag(view.viewport(), start, start + QPointF(170, 30), steps=16)
        after = window.session.library.get_person(priya).position
        if after == before:
            raise StepFailed("the card did not move")
        return window_shot(window, self.target(6, "card-dragged"))

    # 07
    def undo_redo(self) -> Path:
        window = self.window
        stack = window.session.undo_stack
        text = stack.undoText()
        shortcut(window, "Ctrl+Z")
        if stack.redoText() != text:
            window.undo_action.trigger()  # the key did not reach the window
        settle(200)
        shortcut(window, "Ctrl+Shift+Z")
        if stack.undoText() != text or stack.canRedo():
            window.redo_action.trigger()
        settle(200)
        if stack.undoText() != text:
            raise StepFailed(f"undo/redo left {stack.undoText()!r} on top, not {text!r}")
        # The Edit menu, opened with the mouse, says what Undo would undo.
        bar = window.menuBar()
        QTest.mouseClick(bar, LEFT, NO_MODIFIER,
                         bar.actionGeometry(window.edit_menu.menuAction()).center())
        wait_until(window.edit_menu.isVisible, "the Edit menu")
        settle(200)
        try:
            return window_shot(window, self.target(7, "undo-redo"), [window.edit_menu])
        finally:
            window.edit_menu.hide()
            settle(100)

    # 08
    def snapshot(self) -> Path:
        window = self.window
        shots: list[Path] = []

        def fill(dialog: QDialog) -> None:
            assert isinstance(dialog, QInputDialog)
            edit = dialog.findChild(QLineEdit)
            assert edit is not None
            type_into(edit, "Qualification review", finish_with=None)
            shots.append(window_shot(window, self.target(8, "snapshot"), [dialog]))
            QTest.keyClick(edit, Qt.Key.Key_Return)

        state = answer_next_dialog(fill)
        shortcut(window, "Ctrl+Alt+S")
        if QApplication.activeModalWidget() is None and not state["done"]:
            window.snapshot_action.trigger()  # the key did not reach the window
        finish(state)
        settle(200)
        assert window.session.deal is not None
        if not window.session.library.list_snapshots(window.session.deal.id):
            raise StepFailed("no snapshot was saved")
        return shots[0]

    # 09
    def change_score(self) -> Path:
        window = self.window
        click_row(window, "Sofia")
        inspector = window.inspector
        type_into(inspector.scores[Axis.PERSONAL].spin, "7")
        choose_by_keys(inspector.support, "Supporter")
        sofia = next(p for p in self.deal().people if p.name.startswith("Sofia"))
        if sofia.scores.personal.value != 7:
            raise StepFailed(f"Sofia's personal win stored as {sofia.scores.personal.value}")
        inspector.form_scroll.verticalScrollBar().setValue(0)
        return window_shot(window, self.target(9, "score-changed"))

    # 10
    def what_changed(self) -> Path:
        window = self.window
        shots: list[Path] = []

        def in_snapshots(dialog: QDialog) -> None:
            def in_diff(diff: QDialog) -> None:
                settle(300)
                shots.append(window_shot(window, self.target(10, "what-changed"),
                                         [dialog, diff]))
                diff.reject()

            inner = answer_next_dialog(in_diff)
            press_button(dialog, "What changed")
            finish(inner)
            dialog.reject()

        state = answer_next_dialog(in_snapshots)
        window.snapshots_action.trigger()  # Deal ▸ Snapshots… has no key
        finish(state)
        if not shots:
            raise StepFailed("the comparison was not shown")
        return shots[0]

    # 11
    def print_preview(self) -> Path:
        window = self.window
        shortcut(window, "Ctrl+Shift+P")
        if window.printing.options_dialog is None or not window.printing.options_dialog.isVisible():
            window.print_preview_action.trigger()
        options = window.printing.options_dialog
        assert isinstance(options, PrintOptionsDialog)
        wait_until(options.isVisible, "the print options")
        choose_by_keys(options.layout_box, PrintLayout.BRIEF.label)
        ok = options.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        click(ok)
        wait_until(lambda: window.printing.preview_dialog is not None
                   and window.printing.preview_dialog.isVisible(), "the print preview")
        preview = window.printing.preview_dialog
        assert preview is not None
        fit_preview(window)(preview)
        settle(1500)
        try:
            return window_shot(window, self.target(11, "print-preview"), [preview])
        finally:
            preview.reject()
            settle(100)

    # 12
    def export_pdf(self) -> Path:
        window = self.window
        pdf = self.folder / f"{self.prefix}-arcadia.pdf"
        shortcut(window, "Ctrl+Shift+E")
        if window.printing.options_dialog is None or not window.printing.options_dialog.isVisible():
            window.export_pdf_action.trigger()
        options = window.printing.options_dialog
        assert isinstance(options, PrintOptionsDialog)
        wait_until(options.isVisible, "the export options")

        def fill(dialog: QDialog) -> None:
            assert isinstance(dialog, QFileDialog)
            name = dialog.findChild(QLineEdit, "fileNameEdit") or dialog.findChild(QLineEdit)
            assert name is not None
            type_into(name, str(pdf), finish_with=Qt.Key.Key_Return)

        state = answer_next_dialog(fill, kind=QFileDialog)
        click(options.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
        finish(state)
        wait_until(pdf.exists, f"{pdf.name} to be written", 15000)
        wait_until(lambda: "Exported" in window.statusBar().currentMessage(),
                   "the status bar to say so")
        return window_shot(window, self.target(12, "pdf-exported"))

    def steps(self) -> list[tuple[str, Callable[[], Path]]]:
        return [("01 new deal", self.new_deal), ("02 five people", self.add_people),
                ("03 scores", self.type_scores), ("04 stance", self.stance),
                ("05 lines", self.draw_lines), ("06 card dragged", self.drag_card),
                ("07 undo and redo", self.undo_redo), ("08 snapshot", self.snapshot),
                ("09 score changed", self.change_score), ("10 what changed", self.what_changed),
                ("11 print preview", self.print_preview), ("12 PDF exported", self.export_pdf)]


def story(folder: Path, size: tuple[int, int], run: Callable[[str, Callable[[], object]], None]
          ) -> None:
    with opened_window(folder, f"story-{size[0]}", size) as window:
        played = Story(window, folder, size)
        for name, step in played.steps():
            run(f"story {played.prefix} {name}", step)
            for dialog in visible_dialogs():  # a failed step may leave one open
                dialog.reject()
            QApplication.processEvents()


# -- running --------------------------------------------------------------------------------


def main() -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # windows come and go between pictures
    failed: list[str] = []

    only = set(sys.argv[1:])  # e.g. `screenshots.py story`, `named` or `decision-tab`
    picked = only - {"named", "story"}

    def run(name: str, shot: Callable[[], object]) -> None:
        if picked and name not in picked:
            return
        try:
            print(f"{name}: {shot()}", flush=True)
        except Exception as error:
            failed.append(name)
            print(f"FAILED {name}: {error}", file=sys.stderr, flush=True)
            traceback.print_exc(limit=4)

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deal-triangle-shots-") as work:
        folder = Path(work)
        if not only or "named" in only or picked:
            named_pictures(folder, run)
        if not only or "story" in only:
            for size in (LAPTOP, DESKTOP):
                story(folder, size, run)
    if failed:
        print(f"{len(failed)} screenshot step(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

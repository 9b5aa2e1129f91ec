"""Print preview, Print and Export from the window: the options dialog, the real
QPrintPreviewDialog and QPrintDialog, and files read back with pdfinfo and pdftotext."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from desktop.render.printing.choices import Paper, PrintLayout
from desktop.render.printing.layouts import Document, build_document
from desktop.render.printing.options import PrintOptions
from desktop.ui import file_dialogs
from desktop.ui.main_window import MainWindow
from desktop.ui.print_options_dialog import OutputKind, PrintOptionsDialog
from desktop.ui.settings import OUR_COMPANY
from tests.helpers.pdf import pdfinfo, pdfpages, pdftext
from tests.helpers.ui import (
    choose_by_keys,
    choose_in_popup,
    choose_menu,
    click,
    click_in_next_message,
    main_window,
    open_deal,
    type_into,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        yield opened
        for dialog in (opened.printing.preview_dialog, opened.printing.print_dialog):
            if dialog is not None:
                dialog.close()


def options_dialog(window: MainWindow, qtbot: QtBot, kind: OutputKind) -> PrintOptionsDialog:
    """Choose the File menu's item for ``kind``."""
    item = {OutputKind.PREVIEW: "Print preview", OutputKind.PRINTER: "Print…",
            OutputKind.PDF: "Export as PDF", OutputKind.SVG: "Export map as SVG",
            OutputKind.PNG: "Export map as PNG"}[kind]
    choose_menu(qtbot, window, "File", item)
    dialog = window.printing.options_dialog
    assert dialog is not None
    assert dialog.kind is kind
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def set_layout(qtbot: QtBot, dialog: PrintOptionsDialog, layout: PrintLayout) -> None:
    choose_by_keys(qtbot, dialog.layout_box, layout.label)


def letter(qtbot: QtBot, dialog: PrintOptionsDialog) -> None:
    choose_in_popup(qtbot, dialog.paper_box, "US Letter")


def accept(dialog: PrintOptionsDialog) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # the default button: OK


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the next save dialog with ``path``; returns the suggested names seen."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, proposal: str, _filter: str) -> tuple[str, str]:
        suggested.append(proposal)
        return str(path), _filter

    monkeypatch.setattr(file_dialogs, "get_save_file_name", answer)
    return suggested


def test_the_file_menu_offers_print_and_export(window: MainWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    for text in ("Print pre&view…", "&Print…", "Export as P&DF…", "Export map as &SVG…",
                 "Export map as PN&G…"):
        assert text in texts
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.session.show_deal(None)
    assert not window.print_action.isEnabled()
    assert not window.export_pdf_action.isEnabled()


def test_preview_shows_every_page_of_the_chosen_layout(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    open_deal(qtbot, window, "Helix")
    dialog = options_dialog(window, qtbot, OutputKind.PREVIEW)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    click(dialog.greyscale_box)
    accept(dialog)
    preview = window.printing.preview_dialog
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    assert window.session.deal is not None
    expected = len(build_document(window.session.deal, PrintOptions(layout=PrintLayout.FULL,
                                                            paper=dialog.options().paper))
                   .pages)
    assert expected > 5
    qtbot.waitUntil(lambda: widget.pageCount() == expected)
    assert preview.printer().colorMode() is QPrinter.ColorMode.GrayScale
    # Paper and orientation come from the options: the preview's own buttons are hidden.
    texts = {a.text().replace("&", ""): a.isVisible() for a in preview.findChildren(QAction)}
    assert texts["Portrait"] is False
    assert texts["Landscape"] is False
    assert texts["Page setup"] is False
    assert texts.get("Print") is True
    # What the preview shows is grey too (Qt's preview has no grey mode of its own).
    widget.setViewMode(QPrintPreviewWidget.ViewMode.AllPagesView)
    qtbot.wait(200)
    shown = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    coloured = sum(1 for x in range(0, shown.width(), 4) for y in range(0, shown.height(), 4)
                   if _saturated(shown.pixelColor(x, y)))
    assert coloured == 0


def _saturated(colour: QColor) -> bool:
    return max(colour.red(), colour.green(), colour.blue()) - min(
        colour.red(), colour.green(), colour.blue()) > 24


def test_print_paints_the_chosen_pages_on_the_printer(window: MainWindow, qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    open_deal(qtbot, window, "Helix")
    dialog = options_dialog(window, qtbot, OutputKind.PRINTER)
    set_layout(qtbot, dialog, PrintLayout.PEOPLE)
    letter(qtbot, dialog)
    accept(dialog)
    print_dialog = window.printing.print_dialog
    assert print_dialog is not None
    qtbot.waitUntil(print_dialog.isVisible)
    printer = print_dialog.printer()
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    document, options = _document_of(window, PrintLayout.PEOPLE, Paper.LETTER)
    window.printing.paint(document, options, printer)
    info = pdfinfo(out)
    assert info["Pages"] == "1"  # only page 2 of the people table
    assert info["Page size"].startswith("792 x 612")  # Letter, landscape
    assert "page 2 of 2" in pdftext(out)


def _document_of(window: MainWindow, layout: PrintLayout,
                 paper: Paper) -> tuple[Document, PrintOptions]:
    assert window.session.deal is not None
    options = PrintOptions(layout=layout, paper=paper)
    return build_document(window.session.deal, options), options


def test_accepting_the_print_dialog_prints(window: MainWindow, qtbot: QtBot,
                                           tmp_path: Path) -> None:
    open_deal(qtbot, window, "Northwind")
    dialog = options_dialog(window, qtbot, OutputKind.PRINTER)
    set_layout(qtbot, dialog, PrintLayout.BRIEF)
    # The demo deal changed since its last snapshot: the brief offers to take one first.
    click_in_next_message(QMessageBox.StandardButton.No, [])
    accept(dialog)
    print_dialog = window.printing.print_dialog
    assert print_dialog is not None
    qtbot.waitUntil(print_dialog.isVisible)
    out = tmp_path / "brief.pdf"
    print_dialog.printer().setOutputFileName(str(out))
    print_dialog.done(print_dialog.DialogCode.Accepted)
    assert pdfinfo(out)["Pages"] == "2"  # the brief: the deal, then its plan
    assert "Northwind" in pdftext(out)


def test_the_mutual_action_plan_is_chosen_by_keyboard_and_exported(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Northwind")
    save_as(monkeypatch, tmp_path / "plan.pdf")
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.BRIEF)
    assert not dialog.plan_note.isVisible()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    where = buttons.geometry()
    set_layout(qtbot, dialog, PrintLayout.PLAN)  # typed into the layout box, as a user does
    assert dialog.plan_note.isVisible()  # says the privacy box does not change this page
    assert buttons.geometry() == where  # nothing moved under the mouse
    QTest.keyClick(dialog.private_box, Qt.Key.Key_Space)  # even with private notes ticked
    assert dialog.private_box.isChecked()
    dialog.company.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClicks(dialog.company, "Acme Telematics")
    accept(dialog)
    assert window.settings.get(OUR_COMPANY) == "Acme Telematics"  # asked once, remembered
    out = tmp_path / "plan.pdf"
    text = pdftext(out)
    assert "Acme Telematics: " in text
    assert text.count("Mutual action plan") >= 2
    deal = window.session.deal
    assert deal is not None
    for step in deal.process:
        assert step.name.split()[0] in text
    for word in ("Mentor", "Supporter", "Opponent", "Enemy", "Personal win"):
        assert word not in text


def test_export_pdf_writes_the_file_and_says_so(window: MainWindow, qtbot: QtBot,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Helix")
    suggested = save_as(monkeypatch, tmp_path / "helix review")  # no suffix typed
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.TRIANGLE)
    accept(dialog)
    out = tmp_path / "helix review.pdf"
    assert out.exists()
    assert suggested
    assert suggested[0].endswith(".pdf")
    assert "Helix" in Path(suggested[0]).name
    assert str(out) in window.statusBar().currentMessage()
    assert int(pdfinfo(out)["Pages"]) >= 2


def test_choices_are_remembered_but_privacy_never_is(window: MainWindow, qtbot: QtBot,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    save_as(monkeypatch, tmp_path / "out.pdf")
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.MAP)
    letter(qtbot, dialog)
    click(dialog.private_box)
    click(dialog.anonymize_box)
    accept(dialog)
    again = options_dialog(window, qtbot, OutputKind.PREVIEW)
    options = again.options()
    assert options.layout is PrintLayout.MAP
    assert options.paper is Paper.LETTER
    assert not options.include_private
    assert not options.anonymize
    again.reject()


def test_cards_are_for_the_selected_people(window: MainWindow, qtbot: QtBot,
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Helix")
    assert window.session.deal is not None
    chosen = window.session.deal.people[:2]
    window.selection.set([p.id for p in chosen])
    save_as(monkeypatch, tmp_path / "cards.pdf")
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.CARDS)
    assert dialog.cards_note.isVisibleTo(dialog)
    assert "2 selected" in dialog.cards_note.text()
    accept(dialog)
    out = tmp_path / "cards.pdf"
    assert pdfinfo(out)["Pages"] == "1"  # two cards on a page
    text = pdftext(out)
    assert all(p.name in text for p in chosen)


def test_everything_prints_every_card_whoever_is_selected(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The selection chooses the Cards layout's people; "Everything" is the whole deal."""
    open_deal(qtbot, window, "Northwind")
    deal = window.session.deal
    assert deal is not None
    window.selection.set([deal.people[0].id])
    out = tmp_path / "everything.pdf"
    save_as(monkeypatch, out)
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    assert dialog.cards_note.isVisibleTo(dialog)
    assert "everybody" in dialog.cards_note.text()
    accept(dialog)
    whole = build_document(deal, PrintOptions(layout=PrintLayout.FULL)).pages
    assert int(pdfinfo(out)["Pages"]) == len(whole)
    card_pages = [page for page in pdfpages(out) if "Person cards:" in page]
    assert len(card_pages) == sum(1 for p in whole if p.label.startswith("Person cards"))
    for person in deal.people:
        assert any(f"Person cards: {person.name}" in page or f", {person.name} page" in page
                   for page in card_pages), person.name


def test_anonymised_svg_and_png_exports(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Northwind")
    assert window.session.deal is not None
    svg = tmp_path / "map.svg"
    save_as(monkeypatch, svg)
    dialog = options_dialog(window, qtbot, OutputKind.SVG)
    assert not dialog.greyscale_box.isVisibleTo(dialog)
    click(dialog.anonymize_box)
    accept(dialog)
    text = "".join(ET.parse(svg).getroot().itertext())
    for person in window.session.deal.people:
        assert person.name.split()[-1] not in text

    png = tmp_path / "map.png"
    save_as(monkeypatch, png)
    dialog = options_dialog(window, qtbot, OutputKind.PNG)
    type_into(dialog.dpi_box, "144")
    accept(dialog)
    image = QImage(str(png))
    assert round(image.dotsPerMeterX() * 0.0254) == 144


def test_a_failed_export_is_one_sentence(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    target = tmp_path / "missing folder" / "deal.pdf"
    save_as(monkeypatch, target)
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    click_in_next_message(QMessageBox.StandardButton.No, [])  # "Take a snapshot first?"
    accept(dialog)
    qtbot.waitUntil(lambda: bool(shown))
    assert str(target) in shown[0]
    assert "Traceback" not in shown[0]
    assert not target.exists()


def test_the_window_never_writes_over_its_own_library(window: MainWindow, qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    """A PDF saved (through the real file dialog) as a name that is a link to the open
    library: one sentence in a message box, the library untouched."""
    from PySide6.QtWidgets import QDialog, QLineEdit

    from tests.helpers.cli import digest
    from tests.helpers.ui import answer_next_dialog

    library = window.session.library.path
    link = tmp_path / "brief.pdf"
    link.symlink_to(library)
    before = digest(library)
    open_deal(qtbot, window, "Helix")
    options = options_dialog(window, qtbot, OutputKind.PDF)
    said: list[str] = []

    def save_here(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(field, str(link), Qt.KeyboardModifier.NoModifier, 20)
        answer_next_dialog(replace_it)  # "brief.pdf already exists. Replace it?"
        QTest.keyClick(field, Qt.Key.Key_Return)

    def replace_it(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes is not None
        QTest.mouseClick(yes, Qt.MouseButton.LeftButton)

    def read_warning(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    # "Take a snapshot first?" (the demo deal changed since its last one), then the file.
    click_in_next_message(QMessageBox.StandardButton.No, [],
                          then=lambda: answer_next_dialog(save_here))
    accept(options)
    answer_next_dialog(read_warning)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "is the library that is open" in said[0]
    assert "nothing was written" in said[0]
    assert digest(library) == before


def test_a_long_export_shows_its_progress_and_cancel_writes_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full print of 400 people is hundreds of pages: a progress dialog with Cancel
    appears; Cancel stops the painting and leaves no file (and no temporary file)."""
    from desktop.store.library import Library
    from desktop.synthetic import arranged, synthetic_deal
    from tests.helpers.ui import open_window

    library = tmp_path / "library.sqlite"
    big = arranged(synthetic_deal(400))
    with Library.open(library) as opened:
        opened.add_deal(big)
    window = open_window(qtbot, library, tmp_path)
    open_deal(qtbot, window, big.name)
    out = tmp_path / "exports" / "everything.pdf"
    out.parent.mkdir()
    save_as(monkeypatch, out)
    seen: list[str] = []

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible() and not seen:
            seen.append(dialog.labelText())
            button = dialog.findChild(QPushButton)
            assert button is not None
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    watcher = QTimer()
    watcher.timeout.connect(press_cancel)
    watcher.start(50)
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    accept(dialog)
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=60_000)
    watcher.stop()
    assert seen == ["Writing everything.pdf…"]
    assert list(out.parent.iterdir()) == []
    window.session.close()


def test_a_long_print_is_asked_about_first(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """More pages than the window's limit (lowered here to 3): Cancel opens no preview and
    writes no PDF; Yes goes on."""
    import desktop.ui.printing as printing_module

    monkeypatch.setattr(printing_module, "LARGE_PRINT_PAGES", 3)
    asked: list[str] = []
    open_deal(qtbot, window, "Helix")
    dialog = options_dialog(window, qtbot, OutputKind.PREVIEW)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    # armed once the options dialog is up: it is modal too
    click_in_next_message(QMessageBox.StandardButton.Cancel, asked)
    accept(dialog)
    qtbot.waitUntil(lambda: bool(asked))
    assert "pages. Go on?" in asked[0]
    assert window.printing.preview_dialog is None
    out = tmp_path / "full.pdf"
    save_as(monkeypatch, out)
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    click_in_next_message(QMessageBox.StandardButton.Cancel, asked)
    accept(dialog)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert not out.exists()
    dialog = options_dialog(window, qtbot, OutputKind.PDF)
    set_layout(qtbot, dialog, PrintLayout.FULL)
    click_in_next_message(QMessageBox.StandardButton.Yes, asked)
    accept(dialog)
    qtbot.waitUntil(out.exists)
    assert out.exists()

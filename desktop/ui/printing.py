"""File ▸ Print Preview, Print and Export: ask for the options, build the pages once, then
hand them to the preview, the printer or a file — the same ``paint_document`` the command
line uses, so what the preview shows is what the printer and the PDF get.

Dialogs are opened with ``open()`` and answer through signals (never a nested ``exec()``),
which keeps the window responsive and lets the tests drive every step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.domain.deal import Deal
from desktop.domain.redaction import for_output
from desktop.problems import Cancelled, ExportProblem
from desktop.render.map.export import export_png, export_svg
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import page_layout, paint_document, write_pdf
from desktop.render.printing.layouts import Document, build_document
from desktop.render.printing.options import PrintOptions
from desktop.ui.busy import busy
from desktop.ui.print_options_dialog import OutputKind, PrintOptionsDialog
from desktop.ui.progress import Progress
from desktop.ui.save_dialog import ask_save_path, file_stem
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.settings import STALE_CONTACT_DAYS, Settings
from desktop.ui.snapshot_offer import SnapshotOffer

LARGE_PRINT_PAGES = 1_000  # the command line's --max-pages default says the same
_FILTERS = {OutputKind.PDF: ("pdf", "PDF documents (*.pdf)"),
            OutputKind.SVG: ("svg", "SVG pictures (*.svg)"),
            OutputKind.PNG: ("png", "PNG images (*.png)")}


class Printing(QObject):
    """Prints and picture exports of the shown deal (the Cards layout prints the selected
    people's cards; "Everything" prints everybody's)."""

    def __init__(self, parent: QWidget, settings: Settings, session: LibrarySession,
                 selection: Selection) -> None:
        super().__init__(parent)
        self.window = parent
        self.settings = settings
        self.session = session
        self.selection = selection
        # The open dialogs, for the window's lifetime and for the tests.
        self.options_dialog: PrintOptionsDialog | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        # The dialogs do not own their printer: it lives here as long as they may use it.
        self.printer: QPrinter | None = None
        self.snapshot_offer = SnapshotOffer(session, parent)

    def _selected_ids(self) -> list[str]:
        return [p.id for p in self.selection.people(self.session.deal)]

    def ask(self, kind: OutputKind) -> None:
        """Open the options dialog for ``kind``; the output follows when it is accepted."""
        if self.session.deal is None:
            return
        dialog = PrintOptionsDialog(kind, self.settings, len(self._selected_ids()), self.window)
        dialog.accepted.connect(partial(self._chosen, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.options_dialog = dialog
        dialog.open()

    def _chosen(self, dialog: PrintOptionsDialog) -> None:
        deal = self.session.deal
        if deal is None:
            return
        options = replace(dialog.options(tuple(self._selected_ids())),
                          stale_days=self.settings.get(STALE_CONTACT_DAYS))
        kind = dialog.kind
        if kind in (OutputKind.PRINTER, OutputKind.PDF) and \
                options.layout is PrintLayout.BRIEF:
            self.snapshot_offer.offer(deal)  # for the next review to compare with
        if kind is OutputKind.PREVIEW:
            self.preview(deal, options)
        elif kind is OutputKind.PRINTER:
            self.send_to_printer(deal, options)
        elif kind is OutputKind.PDF:
            self.export_pdf(deal, options)
        else:
            self.export_map(deal, options, kind, dialog.dpi())

    # -- preview and printer ----------------------------------------------------------------

    def _printer(self, document: Document, options: PrintOptions) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.header.deal)
        printer.setCreator("Deal Triangle")
        if document.pages:
            printer.setPageLayout(page_layout(options.paper, document.pages[0].orientation))
        if options.greyscale:
            printer.setColorMode(QPrinter.ColorMode.GrayScale)
        return printer

    def _worth_it(self, document: Document) -> bool:
        """A print of more than ``LARGE_PRINT_PAGES`` pages is asked about first: a full
        print of thousands of people is thousands of sheets and minutes of painting (the
        preview cannot be cancelled once it paints)."""
        pages = len(document.pages)
        if pages <= LARGE_PRINT_PAGES:
            return True
        answer = QMessageBox.question(
            self.window, "A long print",
            f"This print of {document.header.deal} is {pages:,} pages. Go on?\n\n"
            "A smaller layout (the brief, the people table or cards for the selected "
            "people) prints what matters on a few pages.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def preview(self, deal: Deal, options: PrintOptions) -> None:
        with busy():
            document = build_document(deal, options, date.today())
        if not self._worth_it(document):
            return
        self.printer = printer = self._printer(document, options)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle(f"Print preview — {deal.name}")
        dialog.paintRequested.connect(partial(self.paint, document, options))
        _hide_page_setup(dialog)
        available = self.window.screen().availableGeometry()
        dialog.resize(int(available.width() * 0.8), int(available.height() * 0.85))
        dialog.finished.connect(dialog.deleteLater)
        self.preview_dialog = dialog
        dialog.open()

    def send_to_printer(self, deal: Deal, options: PrintOptions) -> None:
        with busy():
            document = build_document(deal, options, date.today())
        if not self._worth_it(document):
            return
        self.printer = printer = self._printer(document, options)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(f"Print {deal.name}")
        dialog.setMinMax(1, max(1, len(document.pages)))
        # finished, not accepted: QPrintDialog overloads accepted with a printer argument.
        dialog.finished.connect(partial(self._print_finished, document, options, printer))
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() only binds a receiver; this shows it

    def _print_finished(self, document: Document, options: PrintOptions, printer: QPrinter,
                        result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.paint(document, options, printer)

    def paint(self, document: Document, options: PrintOptions, printer: QPrinter) -> None:
        """Paint the document on ``printer`` — the preview's, or the real one — honouring
        the page ranges chosen in the print dialog."""
        ranges = printer.pageRanges()
        wanted = None if ranges.isEmpty() else {
            n for n in range(1, len(document.pages) + 1) if ranges.contains(n)}
        # Qt's preview has no grey mode: greyscale pages are shown as grey pictures there
        # (the printer and PDF files get vectors in their own grey colour model).
        engine = printer.paintEngine()
        preview = engine is not None and engine.type() is QPaintEngine.Type.Picture
        # The preview paints its own pages; a print run shows its pages going out, with
        # Cancel (thousands of pages take minutes).
        progress = None if preview else Progress(self.window, "Print",
                                                 f"Printing {document.header.deal}…")
        try:
            with busy():
                paint_document(printer, document.pages, document.header, options.paper,
                               wanted, grey_pictures=options.greyscale and preview,
                               progress=progress)
        except ExportProblem as error:
            self.session.failed.emit(f"{document.header.deal} was not printed: {error}.")
        except Cancelled:
            printer.abort()
            self.session.done.emit(f"Printing {document.header.deal} was cancelled.")
        finally:
            if progress is not None:
                progress.close()

    # -- files ------------------------------------------------------------------------------

    def _save_path(self, kind: OutputKind, deal: Deal) -> Path | None:
        suffix, name_filter = _FILTERS[kind]
        return ask_save_path(self.window, self.settings, kind.value, file_stem(deal.name),
                             (f".{suffix}",), name_filter)

    def export_pdf(self, deal: Deal, options: PrintOptions) -> None:
        path = self._save_path(OutputKind.PDF, deal)
        if path is None:
            return
        progress = Progress(self.window, "Export", f"Writing {path.name}…")
        try:
            with busy():
                document = build_document(deal, options, date.today())
            if not self._worth_it(document):
                return
            with busy():
                write_pdf(path, document.pages, document.header, options.paper,
                          greyscale=options.greyscale, progress=progress)
        except ExportProblem as error:
            self.session.failed.emit(str(error))
            return
        except Cancelled:
            self.session.done.emit(f"Export cancelled; {path.name} was not written.")
            return
        finally:
            progress.close()
        pages = len(document.pages)
        self.session.done.emit(f"Exported {deal.name} to {path}: {pages} "
                          f"page{'s' if pages != 1 else ''}.")

    def export_map(self, deal: Deal, options: PrintOptions, kind: OutputKind,
                   dpi: int) -> None:
        path = self._save_path(kind, deal)
        if path is None:
            return
        shown = for_output(deal, include_private=options.include_private,
                           anonymize=options.anonymize)
        try:
            with busy():
                if kind is OutputKind.SVG:
                    export_svg(shown, path)
                else:
                    export_png(shown, path, dpi, greyscale=options.greyscale)
        except ExportProblem as error:
            self.session.failed.emit(str(error))
            return
        self.session.done.emit(f"Exported the map of {deal.name} to {path}.")


# The preview's own paper and orientation buttons would be overridden by each page's layout
# (chosen in the options dialog): hidden rather than offered and ignored. The interface is
# English only, so Qt's button texts are these.
_PAGE_SETUP_ACTIONS = {"Portrait", "Landscape", "Page setup"}


def _hide_page_setup(dialog: QPrintPreviewDialog) -> None:
    for action in dialog.findChildren(QAction):
        if action.text().replace("&", "") in _PAGE_SETUP_ACTIONS:
            action.setVisible(False)

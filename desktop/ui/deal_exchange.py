"""File ▸ Import and Export, drag and drop, and files given on the command line: read and
check every file first, review conflicts, then one undo step that writes everything in one
transaction. A bad file is one sentence in a message box and the library stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.merge import Resolution
from desktop.domain.wording import plural
from desktop.exchange import registry
from desktop.exchange.destination import destination
from desktop.exchange.exporting import export_deals
from desktop.exchange.import_accounts import details_after, details_before
from desktop.exchange.import_summary import missing_managers, summary_text
from desktop.exchange.importing import (
    ImportResult,
    commit_import,
    plan_import,
    read_files,
    resolve_import,
)
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import ColumnMapping, Field, header_key
from desktop.exchange.registry import ReadOptions
from desktop.exchange.text_sniffing import TextTable, UnevenRows
from desktop.problems import Cancelled, ExportProblem, ImportProblem, unexpected
from desktop.store.errors import StoreError
from desktop.ui import commands, file_dialogs
from desktop.ui.busy import busy
from desktop.ui.column_mapping_dialog import ColumnMappingDialog
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.merge_dialog import MergeReviewDialog
from desktop.ui.progress import Progress
from desktop.ui.save_dialog import ask_save_path, file_stem, last_folder
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.settings import BACKUPS_KEPT, EXPORT_FORMAT, IMPORT_FOLDER, Settings

_log = logging.getLogger(__name__)


class DealExchange(QObject):
    """Imports and exports for the window; talks to the session (the library, the deal shown,
    the undo stack, the status messages) and nothing else."""

    def __init__(self, parent: QWidget, settings: Settings, session: LibrarySession,
                 selection: Selection | None = None,
                 fit_map: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.settings = settings
        self.session = session
        # People an import adds to the deal shown are selected and the map fitted, so the
        # cards placed below the seller's arrangement are seen.
        self.selection = selection
        self.fit_map = fit_map
        self.mapping_dialog: ColumnMappingDialog | None = None  # the last one, for tests

    # -- import -------------------------------------------------------------------------------

    def ask_import(self) -> None:
        filters = ";;".join(["Everything Deal Triangle reads (" + " ".join(
            f"*{e}" for f in registry.readers() for e in f.extensions) + ")",
            *(f.file_filter for f in registry.readers()), "All files (*)"])
        names, _ = file_dialogs.get_open_file_names(self.window, "Import",
                                                    str(last_folder(self.settings,
                                                                    IMPORT_FOLDER)), filters)
        if names:
            self.settings.set(IMPORT_FOLDER, str(Path(names[0]).parent))  # next time: here
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: Sequence[Path]) -> bool:
        """Import ``paths``; True when something was imported. Whatever stops it — a bad
        file, a rule of the deal (too many people once merged), the disk, a bug — is one
        sentence in a message box, no undo step, and the library as it was."""
        try:
            return self._import_files(paths)
        except ImportProblem as error:  # names the file and the place already
            self.session.failed.emit(str(error))
        except StoreError as error:
            self.session.failed.emit(f"Nothing was imported: {error}")
        except ValidationError as error:  # e.g. more people than a deal holds, once merged
            self.session.failed.emit(f"Nothing was imported: {_named(paths)} would "
                                     f"break a rule of the deal ({error}).")
        except Exception as error:
            _log.exception("importing %s failed", ", ".join(map(str, paths)))
            self.session.failed.emit(
                f"Nothing was imported: {_named(paths)} stopped on an unexpected problem "
                f"({unexpected(error)}).")
        return False

    def _read(self, paths: Sequence[Path]) -> list[Incoming] | None:
        """Read every file; None when cancelled. Rows that do not fit their table's header
        are left out only when the seller says so, having read which."""
        skip_uneven = False
        while True:
            progress = Progress(self.window, "Import", "Reading people…")
            options = ReadOptions(choose_mapping=self._choose_mapping, progress=progress,
                                  cancelled=progress.cancelled, skip_uneven=skip_uneven)
            try:
                with busy():
                    return read_files(paths, options=options)
            except UnevenRows as error:
                answer = QMessageBox.question(
                    self.window, "Import people",
                    f"{error}.\n\nLeave out the {plural(len(error.lines), 'row')} that "
                    "do not fit the header and import the others?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel)
                if answer != QMessageBox.StandardButton.Yes:
                    self.session.done.emit("Import cancelled; nothing was written.")
                    return None
                skip_uneven = True
            except Cancelled:
                self.session.done.emit("Import cancelled; nothing was written.")
                return None
            finally:
                progress.close()

    def _import_files(self, paths: Sequence[Path]) -> bool:
        session = self.session
        incoming = self._read(paths)
        if incoming is None:
            return False
        into = None
        current = (self.session.deal.id, self.session.deal.name) if self.session.deal \
            else None
        people_files = [i for i in incoming if not i.whole_deal]
        if people_files and current is not None and self.session.deal is not None:
            # Enter presses the likely answer: Yes when the file speaks of the deal on
            # screen, else No (a deal of its own) — never another account's people by habit.
            deal_names = {s.id: s.name for s in session.library.list_deals()}
            where = destination(self.session.deal, [(i.source, i) for i in people_files],
                                deal_names)
            likely = where.likely_here
            which = paths[0].name if len(paths) == 1 else \
                plural(len(people_files), "file")
            why = f"{where.why_not}\n\n" if where.why_not else ""
            answer = QMessageBox.question(
                self.window, "Import people",
                f"Add the people of {which} to the deal “{current[1]}”?\n\n{why}"
                "No: each file goes into its own deal — the deal it was exported from, or "
                "a new one.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes if likely else QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            into = current[0] if answer == QMessageBox.StandardButton.Yes else None
        plan = plan_import(session.library, incoming, into)
        if plan.changes_nothing:
            self.session.done.emit("Nothing to import: the library already has all of it.")
            return False
        decisions: dict[str, Resolution] = {}
        deal_decisions: dict[str, Resolution] = {}
        if plan.has_conflicts:
            dialog = MergeReviewDialog(plan, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            decisions = dialog.decisions()
            deal_decisions = {m.mine.id: dialog.deal_decision(m.mine.id) for m in plan.merges}
        text = _describe(paths)

        def push(result: ImportResult) -> None:  # one undo step writes it all
            session.push(commands.ImportDeals(
                session, text, result.added, result.before, result.after,
                accounts_before=details_before(result.accounts),
                accounts_after=details_after(result.accounts)))

        result = resolve_import(session.library, plan, decisions, deal_decisions)
        steps = session.undo_stack.count()
        commit_import(session.library, result, keep=self.settings.get(BACKUPS_KEPT),
                      write=push)
        if session.undo_stack.count() == steps:  # the write failed; the session said why
            return False
        shown = (result.added or result.after)
        if shown and (session.deal is None or session.deal.id != shown[0].id):
            session.show_deal(shown[0].id)
        if session.deal is not None:  # merged into the deal now shown: its newcomers seen
            before = next((d for d in result.before if d.id == session.deal.id), None)
            if before is not None:
                known = {p.id for p in before.people}
                self._show_added([p.id for p in session.deal.people if p.id not in known])
        left_out = sum(len(i.skipped) for i in incoming)
        said = summary_text(plan, result, decisions, deal_decisions)
        missing = missing_managers(incoming)
        if missing:
            said += f" {missing}"
        self.session.done.emit(f"{text}: {said}" + (f" {plural(left_out, 'row')} that did not "
                                                   "fit the header left out." if left_out
                                                   else ""))
        return True

    def _show_added(self, ids: list[str]) -> None:
        if ids and self.selection is not None:
            self.selection.set(ids)
        if ids and self.fit_map is not None:
            self.fit_map()

    def _choose_mapping(self, path: Path, table: TextTable,
                        guess: ColumnMapping) -> ColumnMapping | None:
        """A remembered mapping for these headers, else a known layout's, else ask."""
        key = header_key(table.header)
        remembered = self.settings.column_mapping(key)
        if remembered:
            fields = {f.value: f for f in Field}
            return ColumnMapping({fields[name]: column for name, column in remembered.items()
                                  if name in fields and column < len(table.header)})
        if guess.has_person_name():
            return guess
        QApplication.restoreOverrideCursor()  # a question, not a wait
        try:
            dialog = ColumnMappingDialog(path.name, table, guess, self.window)
            self.mapping_dialog = dialog
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        finally:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        chosen = dialog.mapping()
        self.settings.set_column_mapping(key, {f.value: c for f, c in chosen.columns.items()})
        return chosen

    # -- export -------------------------------------------------------------------------------

    def ask_export(self) -> None:
        session = self.session
        current = (self.session.deal.id, self.session.deal.name) if self.session.deal \
            else None
        count = len(session.library.list_deals())
        if count == 0:
            return
        dialog = ExportDialog(current[1] if current else None, count, self.window,
                              self.settings.get(EXPORT_FORMAT))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fmt = dialog.chosen_format()
        if fmt is None:
            return
        self.settings.set(EXPORT_FORMAT, fmt.name)
        ids = ([s.id for s in session.library.list_deals()] if dialog.all_deals() or
               current is None else [current[0]])
        stem = "deals" if len(ids) > 1 or current is None else file_stem(current[1])
        path = ask_save_path(self.window, self.settings, "Export deals", stem,
                             fmt.extensions, fmt.file_filter)
        if path is None:
            return
        try:
            with busy():
                written = export_deals(session.library, ids, path, fmt.name,
                                       include_private=dialog.include_private())
        except (ExportProblem, StoreError, ValueError) as error:
            self.session.failed.emit(str(error))
            return
        self.session.done.emit(f"Exported {plural(len(ids), 'deal')} to "
                               + ", ".join(str(p) for p in written) + ".")



def _describe(paths: Sequence[Path]) -> str:
    what = paths[0].name if len(paths) == 1 else f"{len(paths)} files"
    return f"Import {what}"


def _named(paths: Sequence[Path]) -> str:
    """The files, for a sentence: their names, or how many."""
    return ", ".join(str(p) for p in paths) if len(paths) <= 3 else f"{len(paths)} files"

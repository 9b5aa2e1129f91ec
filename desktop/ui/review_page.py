"""The Review tab: what moved in the shown deal since a snapshot — the same review the
``review`` command prints (``desktop.domain.review``), with the deal triangle over every
snapshot as a small line chart per axis, the changes grouped, the red flags then and now,
and the comments beside what they are about. "Print review…" writes that page as a PDF.

The seller chooses the snapshot in the "Since" box (newest by default). The review follows
every change of the deal and every snapshot taken or deleted, but is worked out only when
the tab is shown (a hidden tab just notes that it is out of date); snapshots are read from
the library once and kept, as they never change.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import team_marks
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Snapshot
from desktop.domain.diff import diff_deals
from desktop.domain.enums import Axis
from desktop.domain.flag_types import day_text
from desktop.domain.red_flags import Severity
from desktop.domain.review import Review, review
from desktop.domain.review_text import Kind
from desktop.domain.review_text import review_groups as shown_groups
from desktop.domain.wording import plural
from desktop.palette import MUTED_INK, SEVERITY_COLOURS
from desktop.problems import ExportProblem
from desktop.store.errors import StoreError
from desktop.store.summaries import SnapshotInfo
from desktop.ui.busy import busy
from desktop.ui.save_dialog import ask_save_path, file_stem

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from desktop.ui.main_window import MainWindow

CHART_HEIGHT = 165  # pixels: three small charts in a row above the text
OUTER_INDENT = 6  # pixels: a change's bullet
INNER_INDENT = 24  # what it is made of, its evidence and comments, under it
SINCE_CHARS = 24  # the "Since" box shows a snapshot's name and day this long uncut
TAB_TITLE = "Review"


class ReviewPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("review_page")
        self.window_ = window
        self.session = window.session
        self.review: Review | None = None  # what the tab shows (the tests read it)
        self._snapshots: dict[str, Snapshot] = {}  # read once: a snapshot never changes
        self._stale = True
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&Since:")
        self.since_box = QComboBox()
        self.since_box.setObjectName("review_since")
        self.since_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.since_box.setMinimumContentsLength(SINCE_CHARS)
        self.since_box.setAccessibleName("Review since snapshot")
        label.setBuddy(self.since_box)
        self.summary = QLabel()
        self.summary.setObjectName("review_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)  # never widens the window: it wraps instead
        self.print_button = QPushButton("&Print review…")
        self.print_button.setObjectName("print_review")
        self.take_button = QPushButton("&Take snapshot…")
        row.addWidget(label)
        row.addWidget(self.since_box)
        row.addWidget(self.summary, 1)
        row.addWidget(self.take_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        self.charts = QWidget()
        self.charts.setFixedHeight(CHART_HEIGHT)
        self._chart_layout = QVBoxLayout(self.charts)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: FigureCanvasQTAgg | None = None
        layout.addWidget(self.charts)
        self.text = QTextBrowser()
        self.text.setObjectName("review_text")
        self.text.setOpenLinks(False)
        layout.addWidget(self.text, 1)
        self.since_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.print_button.clicked.connect(self.print_review)
        # A snapshot taken here starts a new review period: it is chosen; one taken on the
        # side (the brief's offer) leaves the review where the deal moved from.
        self._newest_next = False
        # Until the seller picks a snapshot, the choice follows the deal: the newest one it
        # has moved from (a snapshot taken, then an edit: the review is from that snapshot).
        self._seller_chose = False
        self._default_stale = False
        self.since_box.activated.connect(self._chosen)
        self.take_button.clicked.connect(self._take_snapshot)
        self.session.deal_shown.connect(self._deal_shown)
        self.session.changed.connect(self._changed)
        self.session.library_opened.connect(self._deal_shown)
        if self.session.deal is not None:  # made after the window's first deal was shown
            self._deal_shown()

    # -- following the session ---------------------------------------------------------------

    def _deal_shown(self) -> None:
        self._snapshots = {}
        self._seller_chose = False
        self._load_snapshots(keep_choice=False)

    def _chosen(self, _index: int) -> None:
        self._seller_chose = True

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if changes.unknown or changes.snapshots or changes.snapshots_removed:
            self._load_snapshots(keep_choice=not changes.snapshots)
        elif deal is not None and changes.touches_deal(deal.id):
            self._default_stale = not self._seller_chose
            self._mark_stale()

    def _load_snapshots(self, *, keep_choice: bool) -> None:
        """Fill the "Since" box with the deal's snapshots, oldest first; the newest chosen
        (or, with ``keep_choice``, the one chosen before if it is still there)."""
        deal = self.session.deal
        chosen = self.since_box.currentData() if keep_choice else None
        infos = []
        if deal is not None and self.session.is_open:
            try:
                infos = self.session.library.list_snapshots(deal.id)
            except StoreError as error:
                self.session.failed.emit(str(error))
        self.since_box.blockSignals(True)
        self.since_box.clear()
        for info in infos:
            self.since_box.addItem(f"{info.name} — {day_text(info.taken_at.date())}", info.id)
        index = self.since_box.findData(chosen) if chosen is not None else -1
        if self._newest_next and not keep_choice:
            index, self._newest_next = len(infos) - 1, False
        if index < 0 and not self.isVisible():
            # Which snapshot the deal moved from takes a diff: worked out when the tab is
            # shown, not on every deal switch with the tab hidden.
            index, self._default_stale = len(infos) - 1, not self._seller_chose
        self.since_box.setCurrentIndex(index if index >= 0 else self._default_index(infos))
        self.since_box.blockSignals(False)
        self._mark_stale()

    def _take_snapshot(self) -> None:
        self._newest_next = True
        self.window_.deals.take_snapshot()

    def _default_index(self, infos: list[SnapshotInfo]) -> int:
        """The newest snapshot the deal has moved from (the one the brief's offer just took
        is the deal as it is: nothing to review from it)."""
        deal = self.session.deal
        if deal is None or len(infos) < 2:
            return len(infos) - 1
        try:
            for index in range(len(infos) - 1, 0, -1):
                taken = self.session.library.get_snapshot(infos[index].id)
                if diff_deals(taken.deal, deal, since=taken.taken_at.date()):
                    return index
        except StoreError:
            return len(infos) - 1
        return 0

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Work out the review for the chosen snapshot and show it."""
        if self._default_stale:
            self._default_stale = False
            self._load_snapshots(keep_choice=False)  # refreshes again when on screen
            if not self._stale:
                return
        self._stale = False
        deal = self.session.deal
        has = self.since_box.count() > 0 and deal is not None
        self.print_button.setEnabled(has)
        self.since_box.setEnabled(has)
        self.take_button.setEnabled(deal is not None)
        if deal is None or not has:
            self.review = None
            self.summary.setText("")
            self.charts.hide()
            self.text.setPlainText(
                "No snapshot of this deal yet. Take one (Deal ▸ Take snapshot) at a review "
                "meeting, and this tab shows what moved since: people, scores and their "
                "evidence, lines, actions, criteria, the process and the red flags."
                if deal is not None else "No deal is open.")
            return
        try:
            with busy():
                snapshots = self._all_snapshots()
                since = self._snapshots[str(self.since_box.currentData())]
                self.review = review(deal, since, today=date.today(), snapshots=snapshots,
                                     credit=team_marks.credit(self.session.library, deal))
        except StoreError as error:
            self.session.failed.emit(str(error))
            return
        self.summary.setText(_summary(self.review))
        self.charts.show()
        self._draw_charts(self.review)
        self.text.setHtml(review_html(self.review))

    def _all_snapshots(self) -> list[Snapshot]:
        library = self.session.library
        ids = [str(self.since_box.itemData(i)) for i in range(self.since_box.count())]
        for snapshot_id in ids:
            if snapshot_id not in self._snapshots:
                self._snapshots[snapshot_id] = library.get_snapshot(snapshot_id)
        return [self._snapshots[i] for i in ids]

    def _draw_charts(self, shown: Review) -> None:
        from desktop.render.review_chart import draw_axis_history

        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            figure = Figure(figsize=(9, 2), layout="constrained")
            figure.set_facecolor("#FFFFFF")
            self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            self.canvas.setObjectName("review_charts")
            self._chart_layout.addWidget(self.canvas)
        figure = self.canvas.figure
        figure.clear()
        since = next((i for i, p in enumerate(shown.history)
                      if p.at is not None and p.at == shown.since.taken_at), None)
        for number, axis in enumerate(Axis, start=1):
            draw_axis_history(figure.add_subplot(1, 3, number), shown.history, axis,
                              since=since, font_size=9.0)
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    # -- printing -----------------------------------------------------------------------------

    def print_review(self) -> None:
        """Ask where, then write the review shown as a PDF (the ``review`` command's page)."""
        shown = self.review
        if shown is None:
            return
        from desktop.render.printing.options import default_paper
        from desktop.render.printing.review import write_review_pdf

        path = ask_save_path(self.window_, self.window_.settings, "Print review",
                             f"{file_stem(shown.deal.name)} review", (".pdf",),
                             "PDF documents (*.pdf)")
        if path is None:
            return
        try:
            with busy():
                pages = write_review_pdf(shown, path, default_paper())
        except ExportProblem as error:
            self.session.failed.emit(str(error))
            return
        self.session.done.emit(f"Printed the review of {shown.deal.name} since "
                               f"{shown.since_text} to {path}: {plural(pages, 'page')}.")


def _summary(shown: Review) -> str:
    days = (shown.today - shown.since.taken_at.date()).days
    count = len(shown.history) - 1
    return (f"taken {days} day{'s' if days != 1 else ''} ago · {count} snapshot"
            f"{'s' if count != 1 else ''} in all")


def review_html(shown: Review) -> str:
    """The review's groups as HTML: a heading per group, a bullet per change, details
    indented under it, evidence and comments in grey italics, each flag in its severity's
    colour."""
    parts = []
    for group in shown_groups(shown):
        parts.append(f'<p style="margin:10px 0 2px 0"><b>{html.escape(group.title)}</b></p>')
        for entry in group.entries:
            text = html.escape(entry.text)
            if entry.kind is Kind.HEAD:
                text = f"<b>{text}</b>"
            elif entry.kind in (Kind.EVIDENCE, Kind.COMMENT, Kind.NONE):
                text = f'<i style="color:{MUTED_INK}">{text}</i>'
            elif entry.colour:
                text = f'<span style="color:{SEVERITY_COLOURS[Severity(entry.colour)]}">' \
                       f"{text}</span>"
            if entry.kind in (Kind.ITEM, Kind.HEAD):
                text = f"• {text}"
            indent = INNER_INDENT if entry.kind in (Kind.DETAIL, Kind.EVIDENCE,
                                                    Kind.COMMENT) else OUTER_INDENT
            parts.append(f'<p style="margin:1px 0 0 {indent}px">{text}</p>')
    return "".join(parts)

"""A small window for the comments on an action or a red flag ("Comment on this action…" in
the Plan tab, "Comment on this flag…" on the analysis panel): what it is about, the thread,
and the line to add one. It follows the session, so an undo shows at once; it closes itself
when what it is about leaves the deal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.comments import CommentTarget
from desktop.domain.deal import Deal
from desktop.ui import commands
from desktop.ui.panels.comments_box import CommentsBox
from desktop.ui.session import LibrarySession
from desktop.ui.text import html


class CommentDialog(QDialog):
    def __init__(self, session: LibrarySession, kind: CommentTarget, target: str, label: str,
                 author: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind, self.target, self.label = kind, target, label
        self.setObjectName("comment_dialog")
        self.setWindowTitle(f"Comments on this {kind.label}")
        self.resize(460, 320)
        self.about = QLabel(f"<b>{kind.label.capitalize()}:</b> {html(label)}")
        self.about.setWordWrap(True)
        self.box = CommentsBox(author, parent=self)
        self.box.plan_edited.connect(self._push)
        self.box.list.setMaximumHeight(16_777_215)  # the dialog's room, not the inspector's
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.box, 1)
        layout.addWidget(buttons)
        session.changed.connect(self._changed)
        self._show()
        self.box.edit.setFocus()

    def _push(self, before: Deal, after: Deal, text: str) -> None:
        self.session.push(commands.EditPlan(self.session, before, after, text))

    def _show(self) -> None:
        deal = self.session.deal
        read_only = self.session.is_open and self.session.library.read_only
        self.box.show_for(deal, self.kind, self.target, self.label, read_only)

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is None or (self.kind is CommentTarget.ACTION
                            and all(a.id != self.target for a in deal.actions)):
            self.reject()
            return
        if changes.touches_plan(deal.id):
            self._show()

    def done(self, result: int) -> None:
        self.session.changed.disconnect(self._changed)
        super().done(result)


"""The comments on one person, action or red flag: the thread, oldest first (author · date ·
text), and a line to add one ("Add comment", or Enter in the line).

Adding a comment is asked for as the deal after it (``plan_edited``: the deal before, the deal
after, the undo step's text), one undo step like every plan edit; the box never keeps a copy
of its own, it shows what the deal it is given holds. Who signs is asked of ``author`` (the
settings' name, asked once: ``desktop/ui/comment_author.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.comments import Comment, CommentTarget, comments_on
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal
from desktop.domain.errors import ValidationError

COMMENT_ID_ROLE = Qt.ItemDataRole.UserRole
PLACEHOLDER = "Write a comment…"


def comment_line(comment: Comment) -> str:
    """How a comment reads in a list: ``Maria Manager · 30 Nov 2026 10:15 · text`` (the time
    in the computer's zone)."""
    local = comment.at.astimezone()
    return f"{comment.author} · {local.day} {local:%b %Y %H:%M} · {comment.text}"


class CommentsBox(QWidget):
    plan_edited = Signal(object, object, str)  # Deal before, Deal after, the undo step's text

    def __init__(self, author: Callable[[], str | None],
                 clock: Callable[[], datetime] = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comments_box")
        self.author = author
        self.clock = clock
        self._deal: Deal | None = None
        self._kind = CommentTarget.PERSON
        self._target = ""
        self._label = ""
        self.list = QListWidget()
        self.list.setObjectName("comments_list")
        self.list.setAccessibleName("Comments")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # where one comment ends and the next begins
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.none = QLabel("No comment yet.")
        self.none.setObjectName("comments_none")
        self.none.setStyleSheet("color: #555555;")
        self.edit = QLineEdit()
        self.edit.setObjectName("comment_text")
        self.edit.setAccessibleName("New comment")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setMaxLength(2_000)
        self.edit.returnPressed.connect(self.add_comment)
        self.edit.textChanged.connect(lambda _text: self._enable())
        self.add_button = QPushButton("Add comment")
        self.add_button.setObjectName("add_comment")
        self.add_button.clicked.connect(self.add_comment)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.none)
        layout.addLayout(row)
        self.read_only = False
        self._enable()

    def show_for(self, deal: Deal | None, kind: CommentTarget, target: str, label: str,
                 read_only: bool = False) -> None:
        """Show the comments of ``deal`` on ``target`` (``label`` names it in the undo step:
        "Comment on “Chen Wei”"); None: nothing to comment on."""
        self._deal, self._kind, self._target, self._label = deal, kind, target, label
        self.read_only = read_only
        self.list.clear()
        thread = comments_on(deal.comments, kind, target) if deal is not None else []
        for comment in thread:
            item = QListWidgetItem(comment_line(comment))
            item.setData(COMMENT_ID_ROLE, comment.id)
            item.setToolTip(f"{comment.author}, {comment.at.astimezone():%Y-%m-%d %H:%M}")
            self.list.addItem(item)
        if thread:
            self.list.scrollToBottom()
        self.list.setVisible(bool(thread))
        self.none.setVisible(not thread)
        self._enable()

    def _enable(self) -> None:
        usable = self._deal is not None and not self.read_only
        self.edit.setEnabled(usable)
        self.add_button.setEnabled(usable and bool(self.edit.text().strip()))

    def add_comment(self) -> None:
        """The typed text as a comment by the author, now; the line empties once asked."""
        deal, text = self._deal, self.edit.text().strip()
        if deal is None or self.read_only or not text:
            return
        author = self.author()
        if author is None:
            return  # no name given: nothing is signed, the text stays to try again
        try:
            comment = Comment(self._kind, self._target, author, self.clock(), text)
            after = deal.with_plan(comments=(*deal.comments, comment))
        except ValidationError as error:
            self.edit.setToolTip(str(error))
            return
        self.edit.clear()
        self.plan_edited.emit(deal, after, f"Comment on “{self._label}”")

"""Comments in the window, hooked in from ``install_pages``: a "Comments" box in the inspector
for the selected person, "Comment on this action…" in the Plan tab's context menu and its
Plan menu, and "Comment on this flag…" in the red flags' context menu. Every comment added
is one EditPlan undo step; the author is the settings' name, asked for once.

Kept out of the main window (its size is held) and out of the panels (each gains no more
than a place for the box): the panels already say what is chosen — the selection, the plan's
current action, the analysis' flags in the order they are listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QListWidget, QMenu

from desktop.domain.changes import ChangeSet
from desktop.domain.comments import CommentTarget, flag_key
from desktop.domain.deal import Deal
from desktop.ui import commands, notice_review
from desktop.ui.comment_author import comment_author
from desktop.ui.comment_dialog import CommentDialog
from desktop.ui.panels.comments_box import CommentsBox
from desktop.ui.widgets.section import Section

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

ACTION_ENTRY = "Co&mment on this action…"
FLAG_ENTRY = "Comment on this flag…"


class WindowComments:
    """The window's comment entries; ``window.comments`` holds it (and its dialog, for
    tests and for a second request to bring it forward)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.session = window.session
        self.dialog: CommentDialog | None = None
        self.box = CommentsBox(self.author)
        self.box.plan_edited.connect(self._push)
        self.section = Section("Comments", self.box)
        window.inspector.add_box(self.section)
        self.session.deal_shown.connect(self._follow)
        self.session.changed.connect(self._changed)
        window.selection.changed.connect(self._follow)
        self._follow()
        tree = window.plan.tree
        self.action_entry = QAction(ACTION_ENTRY, window.plan)
        self.action_entry.setObjectName("comment_on_action")
        self.action_entry.triggered.connect(self.comment_on_action)
        tree.addAction(self.action_entry)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        window.menus[4].addSeparator()
        window.menus[4].addAction(self.action_entry)
        flags: QListWidget = window.analysis_panel.flags
        flags.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        flags.customContextMenuRequested.connect(self._flag_menu)
        # The keyboard's way to the menu, for the flag the arrow keys chose: not every
        # platform turns Shift+F10 or the Menu key into a context-menu request (and where
        # one does, its point is the list's middle, not the current flag).
        by_key = QAction("Flag menu", flags)
        by_key.setShortcuts([QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)])
        by_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        by_key.triggered.connect(self._flag_menu_by_key)
        flags.addAction(by_key)

    def author(self) -> str | None:
        # Asked over the window the seller is typing in (a comment dialog or the main
        # window), which is made active again afterwards: the focus went back to the main
        # window, so Escape no longer closed the comment dialog.
        asking = QApplication.activeWindow() or self.window
        name = comment_author(self.window.settings, asking)
        asking.activateWindow()
        return name

    def _push(self, before: Deal, after: Deal, text: str) -> None:
        self.session.push(commands.EditPlan(self.session, before, after, text))

    # -- the inspector's box: the selected person ----------------------------------------------

    def _follow(self) -> None:
        deal = self.session.deal
        chosen = self.window.selection.people(deal) if deal is not None else []
        read_only = self.session.is_open and self.session.library.read_only
        if deal is not None and len(chosen) == 1:
            person = chosen[0]
            self.box.show_for(deal, CommentTarget.PERSON, person.id, person.name, read_only)
        else:
            self.box.show_for(None, CommentTarget.PERSON, "", "")

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is not None and changes.touches_plan(deal.id):
            self._follow()

    # -- actions and flags: a small window each -------------------------------------------

    def comment_on_action(self) -> None:
        action = self.window.plan.current_action()
        if action is not None:
            self._open(CommentTarget.ACTION, action.id, action.text)

    def _flag_menu_by_key(self) -> None:
        flags = self.window.analysis_panel.flags
        item = flags.currentItem()
        if item is not None:
            self._flag_menu(flags.visualItemRect(item).center())

    def _flag_menu(self, at: QPoint) -> None:
        panel = self.window.analysis_panel
        item = panel.flags.itemAt(at)
        analysis = panel.analysis
        if item is None or analysis is None or panel.deal is None \
                or self.session.deal is None or panel.deal.id != self.session.deal.id:
            return
        row = panel.flags.row(item)
        if not 0 <= row < len(analysis.flags):
            return  # "No red flags."
        flag = analysis.flags[row]
        menu = QMenu(panel.flags)
        entry = menu.addAction(FLAG_ENTRY)
        entry.triggered.connect(lambda: self._open(CommentTarget.FLAG, flag_key(flag),
                                                   flag.message))
        if flag.code == notice_review.CODE and flag.people:  # a shared person changed
            reviewed = menu.addAction(notice_review.ENTRY)
            reviewed.triggered.connect(
                lambda: notice_review.review(self.session, flag.people[0]))
        menu.popup(panel.flags.viewport().mapToGlobal(at))
        self.flag_menu = menu

    def _open(self, kind: CommentTarget, target: str, label: str) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CommentDialog(self.session, kind, target, label, self.author,
                                    self.window)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()

    def _closed(self) -> None:
        self.dialog = None


def install_comments(window: MainWindow) -> None:
    window.comments = WindowComments(window)  # type: ignore[attr-defined]

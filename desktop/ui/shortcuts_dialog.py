"""Help ▸ Keyboard shortcuts: every key the window answers to, made from its actions — so the
sheet cannot drift from the keys, as a hand-written table does — grouped by menu, in the
platform's own notation (Ctrl+Shift+P here, ⇧⌘P on a Mac), and filtered as you type.

Loaded when the user first asks for it, never at start-up."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

Groups = Sequence[tuple[str, Sequence[QAction]]]  # (menu title, its actions)
SEARCHED = Qt.ItemDataRole.UserRole  # an item's words the filter looks in, lower case


def plain(text: str) -> str:
    """A menu text as read aloud: no ``&`` mnemonic (``&&`` is a real ampersand), no
    trailing ellipsis (it says "opens a dialog" in a menu; in a list of keys it is noise)."""
    kept = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return kept.removesuffix("…").removesuffix("...").strip()


def key_text(action: QAction, form: QKeySequence.SequenceFormat) -> str:
    return ", ".join(key.toString(form) for key in action.shortcuts() if not key.isEmpty())


class KeyTree(QTreeWidget):
    """Typing in the list types into the filter: the sheet is searched by just typing."""

    def __init__(self, filter_field: QLineEdit) -> None:
        super().__init__()
        self._filter = filter_field

    def keyboardSearch(self, search: str) -> None:
        if search.isprintable() and search.strip():
            self._filter.setFocus(Qt.FocusReason.OtherFocusReason)
            self._filter.insert(search)
            self._filter.textEdited.emit(self._filter.text())


class FilterField(QLineEdit):
    """Escape empties the field first; only an empty field lets Escape close the sheet."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")
            return
        super().keyPressEvent(event)


class ShortcutsDialog(QDialog):
    """Not modal: it can stay open beside the window while the keys are tried."""

    def __init__(self, groups: Groups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.filter = FilterField()
        self.filter.setPlaceholderText("Type to find a command or a key")
        self.filter.setClearButtonEnabled(True)
        self.filter.textEdited.connect(self.apply_filter)
        self.tree = KeyTree(self.filter)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["What it does", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.nothing = QLabel()
        self.nothing.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(buttons)
        self.set_groups(groups)

    def set_groups(self, groups: Groups) -> None:
        """One heading per menu, then its actions that have a key; a menu without any is
        left out, and so is an action without a key (this is a sheet of keys)."""
        self.tree.clear()
        bold = self.tree.font()
        bold.setBold(True)
        for title, actions in groups:
            rows = [action for action in actions
                    if not action.isSeparator() and action.menu() is None
                    and key_text(action, QKeySequence.SequenceFormat.NativeText)]
            if not rows:
                continue
            group = QTreeWidgetItem(self.tree, [plain(title)])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for action in rows:
                native = key_text(action, QKeySequence.SequenceFormat.NativeText)
                item = QTreeWidgetItem(group, [plain(action.text()), native])
                item.setToolTip(0, action.statusTip() or action.toolTip())
                portable = key_text(action, QKeySequence.SequenceFormat.PortableText)
                item.setData(0, SEARCHED, " ".join(
                    (plain(title), plain(action.text()), native, portable)).lower())
        self.tree.expandAll()
        self.apply_filter(self.filter.text())
        self._fit()

    def apply_filter(self, text: str) -> None:
        """Rows holding every word typed (in the command, its menu or its keys)."""
        words = text.lower().split()
        shown = 0
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None:
                continue
            visible = 0
            for r in range(group.childCount()):
                item = group.child(r)
                if item is None:
                    continue
                match = all(word in str(item.data(0, SEARCHED)) for word in words)
                item.setHidden(not match)
                visible += match
            group.setHidden(visible == 0)
            shown += visible
        self.nothing.setText(f"No command or key matches “{text.strip()}”." if words else "")
        self.nothing.setVisible(shown == 0 and bool(words))

    def rows(self) -> list[tuple[str, str]]:
        """What is shown, as (what it does, keys): for a reader of the sheet, and tests."""
        shown = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None or group.isHidden():
                continue
            for r in range(group.childCount()):
                item = group.child(r)
                if item is not None and not item.isHidden():
                    shown.append((item.text(0), item.text(1)))
        return shown

    def _fit(self) -> None:
        """Wide enough for the longest command and keys, tall enough for every row where
        the screen allows; never bigger than the screen."""
        screen = self.screen() or QApplication.primaryScreen()
        free = screen.availableGeometry()
        tree = self.tree
        what = max(tree.sizeHintForColumn(0), 160) + tree.indentation() + 24
        keys = max(tree.sizeHintForColumn(1), tree.fontMetrics().horizontalAdvance("Keys"))
        tree.setColumnWidth(0, what)
        rows = sum(1 + (item.childCount() if item else 0) for item in (
            tree.topLevelItem(g) for g in range(tree.topLevelItemCount())))
        row = tree.sizeHintForRow(0) if tree.topLevelItemCount() else 0
        wanted = rows * row + 110  # the filter, the header, the buttons and margins
        width = what + keys + 24 + tree.verticalScrollBar().sizeHint().width() + 40
        self.resize(min(max(width, 380), int(free.width() * 0.9)),
                    max(220, min(wanted, int(free.height() * 0.85))))


def show_shortcuts(parent: QWidget | None, groups: Groups) -> ShortcutsDialog:
    """Show the sheet for ``groups`` — (menu title, actions) pairs, e.g. the main window's
    menus — reusing the one already open for ``parent``; the filter has the keyboard."""
    if parent is not None:
        dialog = parent.findChild(ShortcutsDialog,
                                  options=Qt.FindChildOption.FindDirectChildrenOnly)
    else:
        dialog = _parentless[0] if _parentless else None
    if dialog is None:
        dialog = ShortcutsDialog(groups, parent)
        if parent is None:
            _parentless[:] = [dialog]  # nothing else would keep it alive
    else:
        dialog.set_groups(groups)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.filter.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog


_parentless: list[ShortcutsDialog] = []

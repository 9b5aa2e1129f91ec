"""Help ▸ User guide: ``docs/user-guide.md`` read inside the app, offline, with its
screenshots, a contents list of its headings and a find field.

The guide is the same Markdown file that is read on the web, rendered by Qt's own Markdown
reader, so there is one text to keep true and no HTML copy to forget. Links to the other
``docs/*.md`` pages open in the same window (Back returns). The browser loads nothing but
local files: a web address in a page is shown, never fetched by the app; clicking one hands it
to the user's own web browser, because a click is the user asking for it and the connection is
then the browser's, not this app's.

Loaded when the user first asks for help, never at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop.resource_paths import user_guide

LOCAL_SCHEMES = ("file", "qrc")
HANDED_TO_BROWSER = ("http", "https", "mailto")
PAGE_SUFFIXES = (".md", ".markdown")
WIDEST = 1100  # px: wider than this, lines of text get too long to read
TALLEST = 1300  # px: on a tall screen, no taller than a reader's eye travels
MOST_HIGHLIGHTED = 500  # matches painted at once; enough to see, cheap to paint
POSITION = Qt.ItemDataRole.UserRole
HEADING_SPACE = {1: 4, 2: 20, 3: 14}  # px above a heading, by level
HEADROOM = 8  # px left above a heading scrolled to the top, so it does not touch the edge


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    position: int  # of the heading's block in the document


def headings_of(document: QTextDocument) -> list[Heading]:
    """The Markdown headings (``#``, ``##`` …), in order: Qt keeps their level in the block
    format, so the contents come from what is shown, not from a second parse of the file."""
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level and block.text().strip():
            found.append(Heading(level, block.text().strip(), block.position()))
        block = block.next()
    return found


class GuideBrowser(QTextBrowser):
    """The page: local files only, and screenshots scaled down to the width of the view
    (they are taken at 1920 px; unscaled, each would need a sideways scroll)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # every click goes through HelpWindow.follow
        self.setOpenExternalLinks(False)
        self.document().setUndoRedoEnabled(False)  # fitting images edits the document
        self.document().setDocumentMargin(14)
        self._fit_timer = QTimer(self, singleShot=True, interval=40)
        self._fit_timer.timeout.connect(self.fit_images)
        self.sourceChanged.connect(self._page_loaded)

    def _page_loaded(self) -> None:
        self.space_headings()
        self.fit_images()

    def space_headings(self) -> None:
        """Room above each section heading: Qt's Markdown sets headings almost as tight as
        body text, so a section's start is hard to see while scrolling."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for heading in headings_of(self.document()):
            spacing = QTextBlockFormat()
            spacing.setTopMargin(HEADING_SPACE.get(heading.level, 10))
            spacing.setBottomMargin(4)
            cursor.setPosition(heading.position)
            cursor.mergeBlockFormat(spacing)
        cursor.endEditBlock()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Never the network: anything that is not a local file is refused here, whatever a
        page asks for (a remote image, a page set as source by mistake)."""
        url = self.source().resolved(QUrl(name))
        if url.scheme() not in LOCAL_SCHEMES:
            return None
        return super().loadResource(kind, name)

    def image_width(self) -> int:
        """The widest an image may be: the text column, less the document's margins."""
        margin = int(self.document().documentMargin())
        return max(80, self.viewport().width() - 2 * margin - 4)

    def fit_images(self) -> None:
        """Each image at its own size, or the width of the view if that is narrower; the
        place being read stays at the top of the view. The formats change in one edit block:
        changed one by one, Qt's incremental relayout left some paragraphs after a picture
        never laid out — blank on screen (seen under Xvfb at 1024×600) — and the whole page
        is then laid out again from its start (see below)."""
        document = self.document()
        widest = self.image_width()
        changes: list[tuple[int, int, QTextImageFormat]] = []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    image = fragment.charFormat().toImageFormat()
                    picture = document.resource(QTextDocument.ResourceType.ImageResource,
                                                QUrl(image.name()))
                    natural = picture.width() if hasattr(picture, "width") else 0
                    width = min(natural, widest) if natural > 0 else 0
                    if width and abs(image.width() - width) >= 1:
                        image.setWidth(width)
                        image.setHeight(picture.height() * width / natural)
                        changes.append((fragment.position(), fragment.length(), image))
                fragments += 1
            block = block.next()
        if not changes:
            return
        scrolled = self.verticalScrollBar().value() > 0  # else the top stays the top
        reading = self.cursorForPosition(QPoint(0, 0)).position() if scrolled else 0
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one change for the layout to redo, not one per picture
        for position, length, image in changes:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)
        cursor.endEditBlock()
        # Even in one edit block, a refit that lands while Qt is still laying out the page
        # from a resize (a busy laptop) left the paragraphs before a table blank; a
        # whole-page relayout from the start is cheap (a hundred blocks) and always right.
        document.markContentsDirty(0, document.characterCount())
        if reading > 0:
            self.scroll_to(reading)

    def scroll_to(self, position: int) -> None:
        """The block holding ``position`` at the top of the view, and the cursor there (so
        that find starts from the place shown)."""
        block = self.document().findBlock(position)
        self.setTextCursor(QTextCursor(block))
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(max(0, int(top) - HEADROOM))

    def showEvent(self, event: QShowEvent) -> None:
        """Fitted at the size first shown, before the first paint (no flash of a picture
        too wide); while the user drags the window's edge, once the drag pauses."""
        super().showEvent(event)
        self.fit_images()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.isVisible():
            self._fit_timer.start()


class FindField(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous; Escape empties the field."""

    def __init__(self, next_match: Callable[[bool], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._next_match = next_match
        self.setPlaceholderText("Find in the guide (Ctrl+F)")
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._next_match(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")
            return
        super().keyPressEvent(event)


class HelpWindow(QWidget):
    """A window of its own (not modal: the guide is read beside the app), with the contents
    on the left and the page on the right."""

    def __init__(self, page: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.home = (page or user_guide()).resolve()
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._matches: list[int] = []  # where each match of the find field starts
        self.browser = GuideBrowser()
        self.browser.setSearchPaths([str(self.home.parent)])
        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setRootIsDecorated(False)
        self.contents.setIndentation(14)
        self.contents.setAccessibleName("Contents")
        self.find_field = FindField(self.find_next)
        self.find_field.textEdited.connect(self._find_as_typed)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._find_status = ""  # "2 of 5", "No match": shown again after a link's address
        self._build()
        self._connect()
        self.go_home()
        self._fit_to_screen()

    def _build(self) -> None:
        style = self.style()
        self.back_button = self._button(QStyle.StandardPixmap.SP_ArrowBack, "Back",
                                        QKeySequence.StandardKey.Back)
        self.forward_button = self._button(QStyle.StandardPixmap.SP_ArrowForward, "Forward",
                                           QKeySequence.StandardKey.Forward)
        self.home_button = self._button(QStyle.StandardPixmap.SP_DirHomeIcon, "User guide")
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addSpacing(style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) * 2)
        bar.addWidget(self.find_field, 1)
        bar.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        find = QAction("Find", self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.focus_find)
        again = QAction("Find next", self,
                        shortcut=QKeySequence(QKeySequence.StandardKey.FindNext))
        again.triggered.connect(lambda: self.find_next(False))
        before = QAction("Find previous", self,
                         shortcut=QKeySequence(QKeySequence.StandardKey.FindPrevious))
        before.triggered.connect(lambda: self.find_next(True))
        close = QAction("Close", self, shortcut=QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addActions([find, again, before, close])

    def _button(self, icon: QStyle.StandardPixmap, text: str,
                key: QKeySequence.StandardKey | None = None) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        if key is not None:
            button.setShortcut(QKeySequence(key))
            native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{text} ({native})")
        return button

    def _connect(self) -> None:
        browser = self.browser
        self.back_button.clicked.connect(browser.backward)
        self.forward_button.clicked.connect(browser.forward)
        self.home_button.clicked.connect(self.go_home)
        browser.backwardAvailable.connect(self.back_button.setEnabled)
        browser.forwardAvailable.connect(self.forward_button.setEnabled)
        browser.anchorClicked.connect(self.follow)
        browser.highlighted.connect(self._hovered)
        browser.sourceChanged.connect(self._page_shown)
        browser.verticalScrollBar().valueChanged.connect(self._follow_reading)
        self.contents.itemClicked.connect(self._heading_chosen)
        self.contents.currentItemChanged.connect(self._heading_chosen)

    # --- size ------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """As big as reads well, never bigger than the screen's free area (the title bar
        and the panel are outside ``availableGeometry``, so 88% of its height leaves room
        for the window's own frame)."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        free = screen.availableGeometry()
        size = QSize(min(WIDEST, int(free.width() * 0.9)),
                     min(TALLEST, int(free.height() * 0.88)))
        self.resize(size)
        self.move(free.center() - QPoint(size.width() // 2, size.height() // 2))
        wanted = self.contents.sizeHintForColumn(0) + 2 * self.contents.frameWidth() + 12
        left = max(170, min(wanted, int(size.width() * 0.32)))
        self.splitter.setSizes([left, size.width() - left])

    # --- pages and links ----------------------------------------------------------------

    def go_home(self) -> None:
        if not self.home.is_file():  # a broken installation: say so, not a blank window
            self.browser.setMarkdown(f"# No user guide\n\n{self.home} is missing: this "
                                     "installation is incomplete.")
            self._page_shown(QUrl())
            return
        self.browser.setSource(QUrl.fromLocalFile(str(self.home)),
                               QTextDocument.ResourceType.MarkdownResource)

    def follow(self, link: QUrl) -> None:
        """A clicked link: a heading of this page, another page of the docs here, a web or
        mail address to the user's own programs, anything else refused with a sentence."""
        url = self.browser.source().resolved(link)
        same_page = url.isLocalFile() and (
            url.toLocalFile() == self.browser.source().toLocalFile())
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if same_page:
                self._show_anchor(url.fragment())
            elif path.suffix.lower() in PAGE_SUFFIXES and path.is_file():
                self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)
                if url.hasFragment():
                    self._show_anchor(url.fragment())
            elif path.is_file():
                self.open_external(url)  # a local file (a schema…): the system's viewer
            else:
                self._say(f"{path.name} is not part of this installation.")
        elif url.scheme() in HANDED_TO_BROWSER:
            self.open_external(url)
            self._say("Opened in your web browser.")
        else:
            self._say(f"Links of the kind “{url.scheme()}:” are not opened.")

    def _show_anchor(self, fragment: str) -> None:
        """``#section-name`` links: Qt gives Markdown headings no anchors, so the fragment
        is matched against each heading the way GitHub names them."""
        for heading in headings_of(self.browser.document()):
            if slug(heading.text) == fragment.lower():
                self.browser.scroll_to(heading.position)
                return
        self.browser.scrollToAnchor(fragment)

    def _hovered(self, link: QUrl) -> None:
        """A link's address while the pointer is on it: the reader sees where it leads."""
        self.status.setText(link.toDisplayString() if not link.isEmpty() else self._find_status)

    def _say(self, text: str) -> None:
        self._find_status = text
        self.status.setText(text)

    def _page_shown(self, url: QUrl) -> None:
        document = self.browser.document()
        found = headings_of(document)
        self.setWindowTitle(found[0].text if found else Path(url.toLocalFile()).name)
        self.contents.blockSignals(True)
        self.contents.clear()
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for heading in found:
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = (QTreeWidgetItem(parents[-1][1]) if parents
                    else QTreeWidgetItem(self.contents))
            item.setText(0, heading.text)
            item.setToolTip(0, heading.text)
            item.setData(0, POSITION, heading.position)
            parents.append((heading.level, item))
        self.contents.expandAll()
        self.contents.blockSignals(False)
        self._say("")
        self._highlight(self.find_field.text())

    # --- contents -----------------------------------------------------------------------

    def _heading_chosen(self, item: QTreeWidgetItem | None, *_: object) -> None:
        if item is not None:
            self.browser.scroll_to(int(item.data(0, POSITION)))

    def _follow_reading(self, value: int) -> None:
        """The contents mark the section being read: the last heading above the top — or,
        scrolled to the end, the last one in sight (a short last section never reaches the
        top)."""
        document = self.browser.document()
        layout = document.documentLayout()
        bar = self.browser.verticalScrollBar()
        if value >= bar.maximum() > 0:
            value += self.browser.viewport().height() - 40
        current: QTreeWidgetItem | None = None
        items = QTreeWidgetItemIterator(self.contents)
        while (item := items.value()) is not None:
            block = document.findBlock(int(item.data(0, POSITION)))
            if layout.blockBoundingRect(block).top() > value + 8:
                break
            current = item
            items += 1
        if current is not None and current is not self.contents.currentItem():
            self.contents.blockSignals(True)
            self.contents.setCurrentItem(current)
            self.contents.blockSignals(False)

    # --- find ---------------------------------------------------------------------------

    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def _find_as_typed(self, text: str) -> None:
        """While typing, the match grows from where the last one began."""
        cursor = self.browser.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.browser.setTextCursor(cursor)
        self._highlight(text)
        if text:
            self._find(text, backward=False)
        else:
            self._say("")

    def find_next(self, backward: bool) -> None:
        text = self.find_field.text()
        if text:
            self._find(text, backward)

    def _find(self, text: str, backward: bool) -> bool:
        """The next match after the selection (before it, ``backward``), round the end."""
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:
            cursor = self.browser.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward
                                else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        if found:
            self._reveal()
            start = self.browser.textCursor().selectionStart()
            place = self._matches.index(start) + 1 if start in self._matches else 0
            count = f"{len(self._matches)}+" if len(self._matches) >= MOST_HIGHLIGHTED else (
                str(len(self._matches)))
            self._say(f"{place} of {count}" if place else "")
        else:
            self._say("No match")
        return found

    def _reveal(self) -> None:
        """The match a third of the way down, not on the bottom edge where Qt leaves it:
        the reader sees what comes before and after."""
        browser = self.browser
        rect = browser.cursorRect()
        height = browser.viewport().height()
        if rect.top() < height // 8 or rect.bottom() > height - height // 8:
            bar = browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)

    def _highlight(self, text: str) -> None:
        """Every match tinted, so the reader sees how many there are and where."""
        document = self.browser.document()
        marks: list[QTextEdit.ExtraSelection] = []
        tint = QTextCharFormat()
        tint.setBackground(QColor(255, 226, 110))
        tint.setForeground(QColor(0, 0, 0))
        self._matches.clear()
        cursor = document.find(text) if text else QTextCursor()
        while not cursor.isNull() and len(marks) < MOST_HIGHLIGHTED:
            self._matches.append(cursor.selectionStart())
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            mark.format = tint
            marks.append(mark)
            cursor = document.find(text, cursor)
        self.browser.setExtraSelections(marks)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def open_user_guide(parent: QWidget | None = None) -> HelpWindow:
    """Show the guide: the window already open for ``parent`` if there is one (at the page
    and place the user left it), else a new one. Closing only hides it; it goes with its
    parent."""
    window = _existing(parent)
    if window is None:
        window = HelpWindow(parent=parent)
        if parent is None:
            _parentless[:] = [window]  # nothing else would keep it alive
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    return window


_parentless: list[HelpWindow] = []


def _existing(parent: QWidget | None) -> HelpWindow | None:
    if parent is not None:
        return parent.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return _parentless[0] if _parentless else None

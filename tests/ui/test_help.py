"""Help ▸ User guide (the Markdown guide inside the app, offline) and Help ▸ Keyboard
shortcuts (the sheet made from the window's actions), driven by real clicks and keys."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from desktop.resource_paths import docs_dir, user_guide
from desktop.ui.help_window import HelpWindow, headings_of, open_user_guide, slug
from desktop.ui.shortcuts_dialog import ShortcutsDialog, plain, show_shortcuts

NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def guide(qtbot: QtBot, parent: QWidget) -> HelpWindow:
    window = open_user_guide(parent)
    qtbot.waitExposed(window)
    return window


def heading_item(window: HelpWindow, text: str) -> QTreeWidgetItem:
    found = window.contents.findItems(text, Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
    assert len(found) == 1, text
    return found[0]


def heading_top(window: HelpWindow, text: str) -> int:
    """Where the heading is drawn in the page's view (0 = the top edge)."""
    heading = next(h for h in headings_of(window.browser.document()) if h.text == text)
    block = window.browser.document().findBlock(heading.position)
    return window.browser.cursorRect(QTextCursor(block)).top()


def picture_widths(window: HelpWindow) -> list[float]:
    document = window.browser.document()
    widths = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            form = fragments.fragment().charFormat()
            if form.isImageFormat():
                widths.append(form.toImageFormat().width())
            fragments += 1
        block = block.next()
    return widths


def current_heading(window: HelpWindow) -> str:
    item = window.contents.currentItem()
    return item.text(0) if item is not None else ""


def click_text(qtbot: QtBot, window: HelpWindow, text: str) -> None:
    """A left click on the first place ``text`` is shown in the page (in sight)."""
    browser = window.browser
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    rect = browser.cursorRect(cursor)
    assert browser.viewport().rect().contains(rect.center()), text
    where = QPoint(rect.right() + 2, rect.center().y())
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                     where)


# --- where the guide is ---------------------------------------------------------------------


def test_the_guide_folder_is_found_in_a_checkout() -> None:
    assert user_guide() == docs_dir() / "user-guide.md"
    assert user_guide().is_file()
    assert (docs_dir() / "screenshots").is_dir()


def test_the_guide_folder_is_found_in_the_bundle(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """PyInstaller unpacks data under ``sys._MEIPASS``; the spec puts the docs at ``docs/``."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert docs_dir() == tmp_path / "docs"
    assert user_guide() == tmp_path / "docs" / "user-guide.md"


def test_every_picture_and_page_the_guide_names_is_bundled() -> None:
    """Each target exists, and is of the kinds the spec bundles (docs/*.md and
    docs/screenshots/*.png): no picture or link is left broken in the bundle."""
    targets = re.findall(r"\]\(([^)#\s]+)", user_guide().read_text(encoding="utf-8"))
    assert targets
    spec = (docs_dir().parent / "packaging" / "deal-triangle.spec").read_text(encoding="utf-8")
    assert '"docs" / "*.md"' in spec
    assert '"docs" / "screenshots" / "*.png"' in spec
    for target in targets:
        assert (docs_dir() / target).is_file(), target
        assert re.fullmatch(r"[\w.-]+\.md|screenshots/[\w.-]+\.png", target), target


# --- the guide window ------------------------------------------------------------------------


def test_the_guide_opens_with_its_headings_and_pictures(guide: HelpWindow) -> None:
    text = guide.browser.toPlainText()
    assert "The decision triangle, and how to score it" in text
    assert heading_item(guide, "6. Printing") is not None
    assert guide.windowTitle() == "Deal Triangle — user guide"
    document = guide.browser.document()
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            form = fragments.fragment().charFormat()
            if form.isImageFormat():
                names.append(form.toImageFormat().name())
                shown = form.toImageFormat().width()
                assert 0 < shown <= guide.browser.viewport().width()  # fitted, no sideways scroll
            fragments += 1
        block = block.next()
    assert "screenshots/main-window-1366x768.png" in names
    picture = document.resource(QTextDocument.ResourceType.ImageResource,
                                QUrl("screenshots/main-window-1366x768.png"))
    assert isinstance(picture, QPixmap)
    on_disk = QImage(str(docs_dir() / "screenshots" / "main-window-1366x768.png"))
    assert picture.size() == on_disk.size()


def test_every_paragraph_is_laid_out_after_the_pictures_are_fitted(guide: HelpWindow,
                                                                  qtbot: QtBot) -> None:
    """Fitting the pictures edits the document; no paragraph may be left blank by it."""

    def blank() -> list[str]:
        document = guide.browser.document()
        layout = document.documentLayout()
        block, found = document.begin(), []
        while block.isValid():
            if block.text().strip() and layout.blockBoundingRect(block).height() <= 0:
                found.append(block.text()[:30])
            block = block.next()
        return found

    # Qt lays a long document out in slices from its event loop (the guide grew with the
    # Plan and Decision tabs): wait for the slices, a paragraph left blank stays blank.
    qtbot.waitUntil(lambda: blank() == [], timeout=5000)
    before = picture_widths(guide)
    # As if the user dragged the window's edge: the pictures are fitted again.
    guide.resize(guide.width() - 120, guide.height())
    qtbot.waitUntil(lambda: picture_widths(guide) != before)
    qtbot.waitUntil(lambda: blank() == [], timeout=5000)


def test_the_window_fits_the_screen(guide: HelpWindow) -> None:
    free = guide.screen().availableGeometry()
    assert guide.frameGeometry().height() <= free.height()
    assert guide.frameGeometry().width() <= free.width()
    assert free.contains(guide.geometry())


def test_opening_the_guide_again_reuses_the_window(guide: HelpWindow, parent: QWidget,
                                                   qtbot: QtBot) -> None:
    guide.close()
    again = open_user_guide(parent)
    assert again is guide
    assert again.isVisible()
    assert len(parent.findChildren(HelpWindow)) == 1


def test_clicking_a_heading_in_the_contents_scrolls_to_it(guide: HelpWindow,
                                                          qtbot: QtBot) -> None:
    viewport = guide.browser.viewport()
    assert heading_top(guide, "6. Printing") > viewport.height()  # out of sight at first
    item = heading_item(guide, "6. Printing")
    tree = guide.contents
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                     tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: 0 <= heading_top(guide, "6. Printing") < 40)
    # Reading on to the end marks the section being read.
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), QPoint(4, 4))
    QTest.keyClick(guide.browser, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: current_heading(guide) == "Keys")


def test_find_selects_the_next_match_on_enter(guide: HelpWindow, qtbot: QtBot) -> None:
    guide.activateWindow()
    qtbot.waitActive(guide)
    QTest.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier(0), QPoint(4, 4))
    QTest.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.find_field.hasFocus()
    QTest.keyClicks(guide.find_field, "tipping point")
    first = guide.browser.textCursor()
    assert first.selectedText().lower() == "tipping point"  # found while typing
    QTest.keyClick(guide.find_field, Qt.Key.Key_Return)
    second = guide.browser.textCursor()
    assert second.selectedText().lower() == "tipping point"
    assert second.selectionStart() > first.selectionStart()
    assert guide.status.text() == "2 of 2"
    rect = guide.browser.cursorRect(second)
    assert rect.top() >= 0
    assert rect.bottom() <= guide.browser.viewport().height()
    QTest.keyClick(guide.find_field, Qt.Key.Key_Return)  # round the end, to the first
    assert guide.browser.textCursor().selectionStart() == first.selectionStart()
    QTest.keyClick(guide.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert guide.browser.textCursor().selectionStart() == second.selectionStart()
    QTest.keyClicks(guide.find_field, "zzq")
    assert guide.status.text() == "No match"
    QTest.keyClick(guide.find_field, Qt.Key.Key_Escape)
    assert guide.find_field.text() == ""
    assert guide.browser.extraSelections() == []


# --- links: other pages here, the web never ----------------------------------------------------


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(tmp_path / "pic.png"))
    (tmp_path / "start.md").write_text(
        "# Start\n\nSee [the other page](other.md) or [the web](https://example.com/x) or "
        "[a lost page](lost.md) or [the end](#the-end).\n\n![a picture](pic.png)\n\n"
        "![remote](https://example.com/remote.png)\n\n" + "Filler.\n\n" * 80
        + "## The end\n\n" + "Done.\n\n" * 80, encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other page\n\nHello.\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def little_guide(qtbot: QtBot, pages: Path) -> HelpWindow:
    window = HelpWindow(pages / "start.md")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_link_to_another_page_opens_it_here_and_back_returns(little_guide: HelpWindow,
                                                                 qtbot: QtBot) -> None:
    click_text(qtbot, little_guide, "the other page")
    qtbot.waitUntil(lambda: little_guide.windowTitle() == "Other page")
    assert little_guide.browser.source().fileName() == "other.md"
    assert heading_item(little_guide, "Other page") is not None
    QTest.mouseClick(little_guide.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: little_guide.windowTitle() == "Start")


def test_a_web_link_is_handed_to_the_browser_never_fetched(little_guide: HelpWindow,
                                                           qtbot: QtBot) -> None:
    opened: list[QUrl] = []
    little_guide.open_external = opened.append
    click_text(qtbot, little_guide, "the web")
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == [QUrl("https://example.com/x")]
    assert little_guide.browser.source().fileName() == "start.md"  # not shown here
    # A remote picture is refused: the page shows without it, and nothing was loaded.
    browser = little_guide.browser
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert browser.loadResource(kind, QUrl("https://example.com/remote.png")) is None
    assert browser.loadResource(kind, QUrl("pic.png")) is not None
    assert "PySide6.QtNetwork" not in sys.modules


def test_a_missing_page_and_a_heading_link(little_guide: HelpWindow, qtbot: QtBot) -> None:
    click_text(qtbot, little_guide, "a lost page")
    qtbot.waitUntil(lambda: "lost.md is not part" in little_guide.status.text())
    assert little_guide.browser.source().fileName() == "start.md"
    click_text(qtbot, little_guide, "the end")
    qtbot.waitUntil(lambda: 0 <= heading_top(little_guide, "The end") < 40)


def test_a_missing_guide_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = HelpWindow(tmp_path / "user-guide.md")
    qtbot.addWidget(window)
    assert window.windowTitle() == "No user guide"
    assert "installation is incomplete" in window.browser.toPlainText()


def test_heading_slugs_are_githubs() -> None:
    assert slug("4. Red flags, path to power, tipping point") == (
        "4-red-flags-path-to-power-tipping-point")


# --- the keyboard-shortcut sheet -------------------------------------------------------------


@pytest.fixture
def sheet(qtbot: QtBot, parent: QWidget) -> ShortcutsDialog:
    preview = QAction("Print pre&view…", parent)
    preview.setShortcut(QKeySequence("Ctrl+Shift+P"))
    undo = QAction("&Undo", parent)
    undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    redo = QAction("&Redo", parent)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    keyless = QAction("Rock && roll", parent)
    dialog = show_shortcuts(parent, [("&File", [preview, keyless]), ("&Edit", [undo, redo]),
                                     ("&Help", [keyless])])
    qtbot.waitExposed(dialog)
    return dialog


def test_the_sheet_lists_each_action_and_its_keys(sheet: ShortcutsDialog) -> None:
    rows = sheet.rows()
    assert ("Print preview", QKeySequence("Ctrl+Shift+P").toString(NATIVE)) in rows
    undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(NATIVE)
    assert ("Undo", undo_keys) in rows
    assert ("Redo", f"{QKeySequence('Ctrl+Shift+Z').toString(NATIVE)}, "
                    f"{QKeySequence('Ctrl+Y').toString(NATIVE)}") in rows
    assert all(text != "Rock & roll" for text, _ in rows)  # no key, not a shortcut
    tree = sheet.tree
    groups = [item.text(0) for i in range(tree.topLevelItemCount())
              if (item := tree.topLevelItem(i)) is not None]
    assert groups == ["File", "Edit"]  # Help has no key: left out


def test_the_sheet_is_searched_by_typing(sheet: ShortcutsDialog, qtbot: QtBot) -> None:
    assert sheet.filter.hasFocus()
    QTest.keyClicks(sheet.filter, "undo")
    assert [text for text, _ in sheet.rows()] == ["Undo"]
    QTest.keyClick(sheet.filter, Qt.Key.Key_Escape)  # empties the field, keeps the sheet
    assert sheet.isVisible()
    assert len(sheet.rows()) == 3
    QTest.keyClicks(sheet.filter, "ctrl+y")  # by key, too
    assert [text for text, _ in sheet.rows()] == ["Redo"]
    QTest.keyClicks(sheet.filter, " nothing")
    assert sheet.rows() == []
    assert sheet.nothing.isVisibleTo(sheet)
    QTest.keyClick(sheet.filter, Qt.Key.Key_Escape)
    # Typing in the list types into the filter.
    tree = sheet.tree
    group = tree.topLevelItem(0)
    assert group is not None
    first = group.child(0)
    assert first is not None
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0),
                     tree.visualItemRect(first).center())
    QTest.keyClicks(tree, "pre")
    assert sheet.filter.text() == "pre"
    assert [text for text, _ in sheet.rows()] == ["Print preview"]
    QTest.keyClick(sheet.filter, Qt.Key.Key_Escape)
    QTest.keyClick(sheet.filter, Qt.Key.Key_Escape)  # an empty field: Escape closes
    assert not sheet.isVisible()


def test_the_sheet_is_reused(sheet: ShortcutsDialog, parent: QWidget) -> None:
    again = show_shortcuts(parent, [("&View", [])])
    assert again is sheet
    assert again.rows() == []


def test_menu_text_reads_plain() -> None:
    assert plain("Print pre&view…") == "Print preview"
    assert plain("Rock && &roll") == "Rock & roll"

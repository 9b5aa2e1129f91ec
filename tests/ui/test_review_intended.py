"""The Review tab and the printed review judge the plan: per action, what it meant to move
against what moved since it was planned (the demo's Helix board case: part way)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.review_page import ReviewPage
from tests.helpers.cli import run
from tests.helpers.pdf import pdftext_flowing
from tests.helpers.ui import main_window, open_deal

JONAS = "Jonas Berg's business outcome, meant 6 → 9, now 8 — part way (+2 of +3)"


def test_the_review_tab_says_intended_against_actual(qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        open_deal(qtbot, window, "Helix Health clinical data platform")
        page = window.findChild(ReviewPage)
        assert page is not None
        bar = window.tabs.tabBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         bar.tabRect(window.tabs.indexOf(page)).center())
        qtbot.waitUntil(lambda: "The plan: intended against actual" in page.text.toPlainText())
        text = " ".join(page.text.toPlainText().split())
        assert JONAS in text
        assert "Chen Wei's technical fit, meant 7 → 9, now 7 — not moved yet" in text


def test_the_printed_review_says_it_too(tmp_path: Path) -> None:
    db, out = tmp_path / "x.sqlite", tmp_path / "review.pdf"
    assert run("--db", db, "demo").returncode == 0
    result = run("--db", db, "review", "Helix Health clinical data platform", "-o", out)
    assert result.returncode == 0, result.stderr
    text = " ".join(pdftext_flowing(out).split())
    assert "The plan: intended against actual" in text
    assert JONAS in text

"""A person who reports to different managers in different deals is marked on the account
org chart: both lines dashed, "2 managers" on the card, and a sentence under the chart
naming who in which deal — in the window and on paper. A long title ends in "…" on the
card and is whole in the tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from pytestqt.qtbot import QtBot

from desktop.domain.accounts import Account, AccountDeal, AccountGrid, AccountPerson, Stance
from desktop.domain.enums import Support
from desktop.domain.manager_conflicts import manager_conflicts, two_managers
from desktop.layout.org_chart import org_chart_layout
from desktop.render.account_chart import AccountChart, account_chart, paint_chart
from desktop.render.printing.account import write_account_pdf
from desktop.render.printing.choices import Paper
from tests.helpers.pdf import pdfpages

AMELIA = AccountPerson("00000000-0000-4000-8000-000000000001", "Amelia Novak", "CEO")
FATIMA = AccountPerson("00000000-0000-4000-8000-000000000002", "Fatima Haddad", "CIO")
KEVIN = AccountPerson("00000000-0000-4000-8000-000000000003", "Kevin Liu",
                      "Head of Enterprise Architecture and Integration Platforms")
OLA = AccountPerson("00000000-0000-4000-8000-000000000004", "Ola Berg", "Architect")
RENEWAL = AccountDeal("00000000-0000-4000-8000-0000000000d1", "Helix renewal")
PILOT = AccountDeal("00000000-0000-4000-8000-0000000000d2", "Helix pilot")
NEUTRAL = Stance(Support.NEUTRAL, None)
GRID = AccountGrid(
    Account("Helix Health Trust"), (AMELIA, FATIMA, KEVIN, OLA), (PILOT, RENEWAL),
    {(p.id, d.id): NEUTRAL for p in (AMELIA, FATIMA, KEVIN, OLA) for d in (RENEWAL, PILOT)},
    ((KEVIN.id, AMELIA.id), (FATIMA.id, AMELIA.id), (OLA.id, KEVIN.id),
     (KEVIN.id, FATIMA.id)))
LINES = {RENEWAL.id: [(KEVIN.id, AMELIA.id), (FATIMA.id, AMELIA.id), (OLA.id, KEVIN.id)],
         PILOT.id: [(KEVIN.id, FATIMA.id), (FATIMA.id, AMELIA.id)]}
SENTENCE = "Kevin Liu reports to Fatima Haddad in Helix pilot, Amelia Novak in Helix renewal"


def chart() -> AccountChart:
    places = org_chart_layout([p.id for p in GRID.people], GRID.reports)
    return account_chart(GRID, places, manager_conflicts(GRID, LINES))


def test_the_conflict_names_each_manager_with_their_deal() -> None:
    assert two_managers(GRID.reports) == {KEVIN.id}
    (conflict,) = manager_conflicts(GRID, LINES)
    assert conflict.person_id == KEVIN.id
    assert conflict.managers == {AMELIA.id, FATIMA.id}
    assert conflict.text == SENTENCE
    assert manager_conflicts(GRID, {RENEWAL.id: LINES[RENEWAL.id]}) == ()  # one deal's line


def test_the_chart_dashes_both_lines_and_says_it_on_the_card_and_below() -> None:
    drawn = chart()
    kevin = next(i for i, c in enumerate(drawn.cards) if c.person_id == KEVIN.id)
    dashed = {drawn.lines[n] for n in drawn.conflicted}
    assert {report for report, _ in dashed} == {kevin}
    assert len(dashed) == 2
    assert drawn.cards[kevin].deals == "2 deals · 2 managers"
    assert SENTENCE in " ".join(drawn.notes)
    assert drawn.notes_top < drawn.bounds.bottom()  # the note is inside the chart
    assert SENTENCE in drawn.tooltip(kevin)
    assert KEVIN.title in drawn.tooltip(kevin)  # whole, though cut on the card


def test_the_dashed_lines_are_painted_in_the_conflict_colour(qtbot: QtBot) -> None:
    drawn = chart()
    bounds = drawn.bounds
    image = QImage(int(bounds.width()), int(bounds.height()), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(-bounds.left(), -bounds.top())
    font = QFont()
    font.setPixelSize(14)
    paint_chart(painter, drawn, QRectF(bounds), name_font=font, detail_font=font)
    painter.end()
    orange = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                 if image.pixelColor(x, y).red() > 180 and image.pixelColor(x, y).blue() < 80
                 and 60 < image.pixelColor(x, y).green() < 140)
    assert orange > 20


def test_the_printed_chart_carries_the_note(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "helix.pdf"
    write_account_pdf(GRID, chart(), target, Paper.A4)
    text = " ".join(pdfpages(target)[-1].split())
    assert "reports to different managers in different deals" in text
    assert "Kevin Liu reports to Fatima Haddad in Helix pilot" in text
    assert "Head of Enterprise" in text  # the title, cut with … on the card

"""The brief prints the decision-test verdicts of the key people beside the triangle (Helix:
Jonas Berg at parity against MedBridge), read back from the PDF, and stays two pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdftext_flowing

TODAY = date(2026, 12, 3)


def test_the_brief_prints_the_key_peoples_verdicts(qtbot: QtBot, tmp_path: Path,
                                                   demos: list[Deal]) -> None:
    helix = next(d for d in demos if d.name.startswith("Helix Health clinical"))
    out = tmp_path / "brief.pdf"
    pages = print_pdf(helix, out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY))
    assert pages <= 2
    text = " ".join(pdftext_flowing(out).split())
    assert "Decision test against the alternative:" in text
    assert ("• Jonas Berg, us against MedBridge: parity: personal win decides — favours "
            "MedBridge (MedBridge 8, us 4)") in text
    assert "• Fatima Haddad, us against Epic add-on: technical fit decides" in text
    assert " vs " not in text.split("Decision test against the alternative:")[1]
    # The parity case is a high red flag, among the brief's top flags.
    assert "[high] Jonas Berg sees us and MedBridge at parity" in text


def test_a_deal_without_scored_alternatives_prints_no_decision_test(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    out = tmp_path / "brief.pdf"
    print_pdf(northwind, out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY))
    assert "Decision test" not in pdftext_flowing(out)

"""The brief prints the plan's expected effect beside the triangle, read back from the PDF;
a deal whose plan intends nothing says nothing about it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdftext_flowing


def test_the_brief_says_where_the_plan_would_take_the_deal(qtbot: QtBot, tmp_path: Path,
                                                           helix: Deal) -> None:
    out = tmp_path / "brief.pdf"
    print_pdf(helix, out, PrintOptions(layout=PrintLayout.BRIEF))
    text = " ".join(pdftext_flowing(out).split())
    assert ("If the open plan succeeds: business 6.3 → 6.7, technical 6.1 → 6.5, personal "
            "5.5 → 5.8") in text


def test_no_intended_change_no_line(qtbot: QtBot, tmp_path: Path, helix: Deal) -> None:
    out = tmp_path / "brief.pdf"
    plain = helix.with_plan(actions=[a for a in helix.actions if a.intended is None],
                            comments=[c for c in helix.comments
                                      if c.target_kind.value != "action"])
    print_pdf(plain, out, PrintOptions(layout=PrintLayout.BRIEF))
    assert "open plan succeeds" not in " ".join(pdftext_flowing(out).split())

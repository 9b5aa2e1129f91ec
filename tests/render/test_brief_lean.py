"""The brief prints the lean with its range and the three questions worth asking beside the
triangle, read back from the PDF — the figures the window and show --json give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.influence import influence_weights
from desktop.domain.outlook import outlook
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdftext_flowing

TODAY = date(2026, 12, 3)


def test_the_brief_prints_the_lean_and_the_questions(qtbot: QtBot, tmp_path: Path,
                                                     northwind: Deal) -> None:
    out = tmp_path / "brief.pdf"
    pages = print_pdf(northwind, out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY))
    assert pages <= 2  # still a review's two pages
    text = " ".join(pdftext_flowing(out).split())
    figures = outlook(northwind, influence_weights(northwind.people, northwind.relations),
                      today=TODAY)
    assert figures.lean is not None
    assert (f"Lean to us: {figures.lean.text()} — the influence-weighted share of the "
            "buying group for us; in brackets the range our evidence allows") in text
    names = {p.id: p.name for p in northwind.people}
    # the questions come under a heading that says what "−12 points" is: the lean's range
    heading = "Questions worth asking — each answer narrows the lean's range by:"
    assert text.count(heading) == 1
    after = text.split(heading)[1].lstrip()
    asked = " ".join(f"• {q.text(names[q.person])}" for q in figures.questions[:3])
    assert after.startswith(asked)  # right under the heading, best first
    assert after.startswith("• Ask Richard Hale about their personal win: −12 points")


def test_an_anonymised_brief_asks_by_initials(qtbot: QtBot, tmp_path: Path,
                                              northwind: Deal) -> None:
    out = tmp_path / "brief.pdf"
    print_pdf(northwind, out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY,
                                           anonymize=True))
    text = " ".join(pdftext_flowing(out).split())
    assert "Richard Hale" not in text
    assert "Ask R.H. about their personal win: −12 points" in text

"""The full printed layout (brief, map tiles, triangle, people, person cards) of a generated
200-person deal to a PDF file, goal ≤ 1.5 s. The baseline is writing one empty page with
QPdfWriter in the same run (the fixed cost of any PDF)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from benchmarks.harness import Result, median_time
from benchmarks.qt_app import application
from desktop.synthetic import arranged, synthetic_deal

PEOPLE = 200


def _empty_pdf(path: Path) -> None:
    from PySide6.QtGui import QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(100, 100, "x")
    painter.end()


def run() -> list[Result]:

    from desktop.render.printing.choices import PrintLayout
    from desktop.render.printing.layouts import print_pdf
    from desktop.render.printing.options import PrintOptions

    application()
    deal = arranged(synthetic_deal(PEOPLE, relations_per_person=3, seed=200),
                    org_chart=True)
    options = PrintOptions(layout=PrintLayout.FULL)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "deal.pdf"
        pages = print_pdf(deal, out, options)  # warm: fonts, matplotlib
        ours = median_time(functools.partial(print_pdf, deal, out, options), 3)
        baseline = median_time(functools.partial(_empty_pdf, Path(folder) / "empty.pdf"), 3)
    return [Result(f"full print of {PEOPLE} people → PDF", ours, baseline, goal="≤ 1.5 s",
                   note=f"{pages} pages; baseline: one empty PDF page")]

"""Printing read back: pdfinfo for pages and paper, pdftotext for what is (and is not) on
them, pdftoppm for greyscale; the SVG parsed, the PNG measured; the commands run headless."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.scores import Score
from desktop.problems import ExportProblem
from desktop.render.map.export import MAX_PNG_PIXELS, export_png, export_svg, png_size
from desktop.render.printing.choices import Orientation, Paper, PrintLayout
from desktop.render.printing.layouts import build_document, print_pdf
from desktop.render.printing.map_tiles import MIN_TEXT_PT, plan_map
from desktop.render.printing.options import PrintOptions
from desktop.store.library import Library
from desktop.synthetic import arranged, synthetic_deal
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.pdf import pdfinfo, pdftext

SIZES = {(Paper.A4, Orientation.PORTRAIT): "595 x 842", (Paper.A4, Orientation.LANDSCAPE):
         "842 x 595", (Paper.LETTER, Orientation.PORTRAIT): "612 x 792",
         (Paper.LETTER, Orientation.LANDSCAPE): "792 x 612"}
SECRET = "SECRET-GOLF-WITH-CFO"




def compact(deal: Deal) -> Deal:
    """``deal`` with its cards on a tight grid, three to a row: a map that fits one page at
    the smallest text allowed, whatever the demo's own arrangement."""
    return replace(deal, people=tuple(
        replace(p, position=Position(240.0 * (i % 3), 100.0 * (i // 3)))
        for i, p in enumerate(deal.people)))


def with_secrets(deal: Deal) -> Deal:
    first = deal.people[0]
    personal = replace(first.scores.personal, evidence=f"Wants {SECRET}", private=True)
    planted = replace(first, notes=f"Note: {SECRET} notes",
                      scores=replace(first.scores, personal=personal))
    return replace(deal, people=(planted, *deal.people[1:]))


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("layout", list(PrintLayout))
def test_every_layout_on_every_paper(qtbot: QtBot, tmp_path: Path, northwind: Deal,
                                     layout: PrintLayout, paper: Paper) -> None:
    out = tmp_path / "out.pdf"
    options = PrintOptions(layout=layout, paper=paper)
    pages = print_pdf(compact(northwind), out, options)
    info = pdfinfo(out)
    assert int(info["Pages"]) == pages
    expected = {PrintLayout.BRIEF: 2, PrintLayout.MAP: 1, PrintLayout.PEOPLE: 1,
                PrintLayout.CARDS: 4, PrintLayout.TRIANGLE: 2,
                PrintLayout.PLAN: 1 if paper is Paper.A4 else 2}  # Letter is 50 pt shorter
    if layout is PrintLayout.FULL:  # the mutual action plan is the customer's, not in it
        assert pages == sum(expected.values()) - expected[PrintLayout.PLAN]
    else:
        assert pages == expected[layout]
        assert info["Page size"].startswith(SIZES[(paper, options.page_orientation(layout))])
    text = pdftext(out)
    assert "Confidential" in text
    assert f"page {pages} of {pages}" in text


def test_orientation_can_be_chosen(qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    out = tmp_path / "out.pdf"
    print_pdf(northwind, out, PrintOptions(layout=PrintLayout.MAP,
                                           orientation=Orientation.PORTRAIT))
    assert pdfinfo(out)["Page size"].startswith("595 x 842")


def test_the_one_page_map_carries_every_name(qtbot: QtBot, tmp_path: Path,
                                             northwind: Deal) -> None:
    out = tmp_path / "map.pdf"
    assert print_pdf(compact(northwind), out, PrintOptions(layout=PrintLayout.MAP)) == 1
    text = pdftext(out)
    for person in northwind.people:
        assert person.name in text
    assert "Reports to" in text  # the legend


@pytest.mark.parametrize("which", ["helix", "generated"])
def test_a_big_map_is_tiled_with_every_name_whole(qtbot: QtBot, tmp_path: Path, helix: Deal,
                                                  which: str) -> None:
    deal = helix
    if which == "generated":
        deal = arranged(synthetic_deal(300, seed=11))
    out = tmp_path / "map.pdf"
    document = build_document(deal, PrintOptions(layout=PrintLayout.MAP))
    pages = print_pdf(deal, out, PrintOptions(layout=PrintLayout.MAP))
    assert pages == len(document.pages) > 1
    text = pdftext(out)
    assert f"— page 1 of {pages}" in text
    assert f"— page {pages} of {pages}" in text
    for person in deal.people:
        assert person.name in text, person.name
    # Tiles are printed at the scale where the smallest text is exactly the minimum.
    assert plan_map(cards_rect_of(deal), document_area()).smallest_text_pt >= MIN_TEXT_PT - 1e-9


def test_empty_tiles_are_not_printed(qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    """Two groups of cards far apart: the sheets between them would be blank."""
    far = tuple(replace(p, position=Position(0.0 if i % 2 else 9000.0, 150.0 * (i // 2)))
                for i, p in enumerate(northwind.people))
    deal = replace(northwind, people=far)
    out = tmp_path / "map.pdf"
    pages = print_pdf(deal, out, PrintOptions(layout=PrintLayout.MAP))
    assert pages <= 4  # each group on one sheet, or two where it falls in an overlap
    text = pdftext(out)
    left_out = re.search(r"Pages: 1 row × (\d+) columns.*?Dotted: (\d+) empty, not printed",
                         text, re.S)
    assert left_out is not None
    assert int(left_out[1]) - int(left_out[2]) == pages
    assert int(left_out[2]) >= 4
    for person in deal.people:
        assert person.name in text


def content_rect_of(deal: Deal) -> QRectF:
    from desktop.render.map.scene import MapScene

    scene = MapScene(indexed=False)
    scene.show_deal(deal)
    return scene.content_rect()


def cards_rect_of(deal: Deal) -> QRectF:
    from desktop.render.map.scene import MapScene

    scene = MapScene(indexed=False)
    scene.show_deal(deal)
    return scene.cards_rect()


def document_area() -> QRectF:
    from desktop.render.printing.document import body_rect

    return body_rect(Paper.A4, Orientation.LANDSCAPE)


def test_private_notes_only_when_asked(qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = with_secrets(northwind)
    out = tmp_path / "full.pdf"
    print_pdf(deal, out, PrintOptions(layout=PrintLayout.FULL))
    assert SECRET not in pdftext(out)
    print_pdf(deal, out, PrintOptions(layout=PrintLayout.FULL, include_private=True))
    assert SECRET in pdftext(out)


def test_anonymised_output_names_nobody(qtbot: QtBot, tmp_path: Path, helix: Deal) -> None:
    out = tmp_path / "anon.pdf"
    print_pdf(helix, out, PrintOptions(layout=PrintLayout.FULL, anonymize=True))
    text = pdftext(out)
    for person in helix.people:
        for part in person.name.split():
            if len(part) >= 3:
                assert not re.search(rf"\b{re.escape(part)}\b", text), part
    assert "J.B." in text  # Jonas Berg by initials
    assert "Anonymised" in text


def test_greyscale_pages_have_no_colour(qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    out = tmp_path / "grey.pdf"
    print_pdf(northwind, out, PrintOptions(layout=PrintLayout.MAP, greyscale=True))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")],
                   check=True)
    image = QImage(str(next(tmp_path.glob("page*.png")))).convertToFormat(
        QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(-1, 3).astype(int)
    assert (data.max(axis=1) - data.min(axis=1)).max() <= 2
    assert (data < 128).any()  # not blank


def test_svg_parses_and_holds_every_name(qtbot: QtBot, tmp_path: Path, helix: Deal) -> None:
    out = tmp_path / "map.svg"
    export_svg(helix, out)
    root = ElementTree.parse(out).getroot()  # our own file: no entities to fear
    text = " ".join(t for t in root.itertext())
    for person in helix.people:
        assert person.name in text, person.name


@pytest.mark.parametrize("dpi", [96, 200])
def test_png_size_follows_the_dpi(qtbot: QtBot, tmp_path: Path, northwind: Deal,
                                  dpi: int) -> None:
    out = tmp_path / "map.png"
    size = export_png(northwind, out, dpi)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (size.width(), size.height())
    base = export_png(northwind, tmp_path / "base.png", 96)
    assert abs(image.width() - base.width() * dpi / 96) <= 1
    assert round(image.dotsPerMeterX() * 0.0254) == dpi
    assert size == png_size(content_rect_of(northwind), dpi)


def test_a_failed_export_leaves_the_old_file_alone(qtbot: QtBot, tmp_path: Path,
                                                   northwind: Deal) -> None:
    out = tmp_path / "map.png"
    out.write_bytes(b"the old picture")
    with pytest.raises(ExportProblem, match="too large") as refused:
        export_png(northwind, out, 100_000)
    assert out.read_bytes() == b"the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]
    # The sentence says the largest resolution this map allows — and that one works.
    found = re.search(r"up to (\d+) dpi", str(refused.value))
    assert found is not None
    largest = int(found.group(1))
    with pytest.raises(ExportProblem):
        export_png(northwind, out, largest + 1)
    size = png_size(content_rect_of(northwind), largest)
    assert size.width() * size.height() <= MAX_PNG_PIXELS


def test_print_and_export_commands(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    with Library.open(db) as library:
        from desktop.demo import add_demo_deals

        add_demo_deals(library)
    before = digest(db)
    out = tmp_path / "brief.pdf"
    result = run("--db", db, "print", "Northwind fleet telematics", "-o", out,
                 "--layout", "people", "--paper", "letter", "--orientation", "portrait")
    assert result.returncode == 0, result.stderr
    assert pdfinfo(out)["Page size"].startswith("612 x 792")
    png = tmp_path / "map.png"
    result = run("--db", db, "export", "Northwind fleet telematics", "-o", png, "--dpi", "50")
    assert result.returncode == 0, result.stderr
    assert QImage(str(png)).width() > 100
    assert digest(db) == before  # printing never writes the library
    line = assert_one_clear_line(run("--db", db, "print", "Northwind fleet telematics",
                                     "-o", tmp_path / "x.doc"))
    assert "x.doc must end in .pdf" in line
    line = assert_one_clear_line(run("--db", db, "export", "Northwind fleet telematics",
                                     "-o", png, "--dpi", "0"))
    assert "--dpi" in line


def test_score_evidence_of_every_axis_reaches_the_cards(qtbot: QtBot, tmp_path: Path,
                                                        northwind: Deal) -> None:
    person = northwind.people[0]
    scores = person.scores
    for axis in Axis:
        scores = replace(scores, **{axis.value: Score(5, evidence=f"evidence-{axis.value}")})
    deal = replace(northwind, people=(replace(person, scores=scores), *northwind.people[1:]))
    out = tmp_path / "cards.pdf"
    print_pdf(deal, out, PrintOptions(layout=PrintLayout.CARDS, people=(person.id,)))
    text = pdftext(out)
    assert pdfinfo(out)["Pages"] == "1"
    for axis in Axis:
        assert f"evidence-{axis.value}" in text


_ = Person  # re-exported for readers of the helpers above

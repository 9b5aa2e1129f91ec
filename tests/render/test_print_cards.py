"""Person cards on paper: each kind of line in its own row and in the map's direction,
nothing clipped however much a card says (painted bounds measured, every word read back
from the PDF), and "Everything" printing everybody's card whoever is selected."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPicture
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Score
from desktop.render.printing.choices import Orientation, Paper, PrintLayout
from desktop.render.printing.document import body_rect
from desktop.render.printing.layouts import build_document, print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdfinfo, pdftext

NOTES_END = "END-OF-THE-NOTES"




def named(deal: Deal, first_name: str) -> Person:
    return next(p for p in deal.people if p.name.split()[0] == first_name)


def test_each_kind_of_line_has_its_row_and_its_direction(qtbot: QtBot, tmp_path: Path,
                                                         northwind: Deal) -> None:
    """Priya reports to Margaret: Margaret *manages* Priya, and is influenced by her."""
    margaret, richard = named(northwind, "Margaret"), named(northwind, "Richard")
    out = tmp_path / "cards.pdf"
    print_pdf(northwind, out, PrintOptions(layout=PrintLayout.CARDS,
                                           people=(margaret.id, richard.id)))
    text = pdftext(out)
    assert "Manages: Daniel Brandt; Priya Raman " in text
    assert "Influenced by: Priya Raman (strength 3); Richard Hale (strength 2)" in text
    assert "Manages: Elena Vasquez (dotted line); Tomasz Nowak" in text
    assert "Influences: Margaret Okafor (strength 2)" in text
    assert "(reports to)" not in text


def crowded(deal: Deal) -> tuple[Deal, Person]:
    """A person with a line of every kind to everybody, long evidence and long notes."""
    others = deal.people
    chatty = Person(name="Ximena Many-Lines", title="Chief Everything Officer",
                    notes="\n".join(f"Meeting {n}: " + "she asked about the rollout plan, the "
                                    "pilot results and the contract terms again. " * 6
                                    for n in range(40)) + f" {NOTES_END}",
                    scores=replace(others[0].scores, **{
                        axis.value: Score(5, evidence=f"{axis.value} " + "evidence " * 120)
                        for axis in Axis}))
    kinds = itertools.cycle([RelationKind.REPORTS_TO, RelationKind.DOTTED_LINE,
                             RelationKind.INFLUENCE, RelationKind.CONFLICT])
    lines = []
    for number, (other, kind) in enumerate(zip(others, kinds, strict=False)):
        outgoing = number % 2 == 0 or kind is RelationKind.CONFLICT
        source, target = (chatty.id, other.id) if outgoing else (other.id, chatty.id)
        lines.append(Relation(source, target, kind, strength=2 if kind.has_strength else 1))
        if kind is not RelationKind.CONFLICT:  # and the other way, as influence
            lines.append(Relation(target, source, RelationKind.INFLUENCE, 1))
    grown = replace(deal, people=(*deal.people, chatty),
                    relations=(*deal.relations, *lines))
    return grown, chatty


def test_a_card_that_says_a_lot_is_never_clipped(qtbot: QtBot, tmp_path: Path,
                                                 helix: Deal) -> None:
    deal, chatty = crowded(helix)
    out = tmp_path / "cards.pdf"
    pages = print_pdf(deal, out, PrintOptions(layout=PrintLayout.CARDS, people=(chatty.id,),
                                              include_private=True))  # the notes too
    assert pages > 1  # more than a page: continued, not cut
    assert int(pdfinfo(out)["Pages"]) == pages
    text = pdftext(out)
    for person in helix.people:  # every related name, in full
        assert person.name in text, person.name
    for heading in ("Reports to:", "Manages:", "Influences:", "Influenced by:",
                    "In conflict with:"):
        assert heading in text
    assert NOTES_END in text
    assert text.count("evidence") >= 3 * 120  # all three axes' evidence, whole
    for axis in Axis:
        assert f"{axis.value} evidence evidence" in text
    assert "Ximena Many-Lines (continued)" in text
    assert "(continued on the next page)" in text


@pytest.mark.parametrize("which", ["crowded", "helix"])
def test_every_card_page_paints_inside_its_body(qtbot: QtBot, helix: Deal,
                                                which: str) -> None:
    """What each card page paints, measured: nothing reaches past the page's body (the
    painter clips there, so anything past it would be lost on paper)."""
    deal = crowded(helix)[0] if which == "crowded" else helix
    for paper in Paper:
        document = build_document(deal, PrintOptions(layout=PrintLayout.CARDS, paper=paper,
                                                     include_private=True))
        body = body_rect(paper, Orientation.PORTRAIT)
        for page in document.pages:
            picture = QPicture()
            painter = QPainter(picture)
            page.paint(painter, QRectF(body))
            painter.end()
            bounds = QRectF(picture.boundingRect())
            assert body.adjusted(-1, -1, 1, 1).contains(bounds), (page.label, bounds, body)


def test_everything_prints_everybodys_card_whoever_is_chosen(qtbot: QtBot,
                                                             helix: Deal) -> None:
    chosen = (helix.people[3].id,)
    everything = build_document(helix, PrintOptions(layout=PrintLayout.FULL, people=chosen))
    carded = " ".join(p.label for p in everything.pages if p.label.startswith("Person cards"))
    for person in helix.people:
        assert person.name in carded, person.name
    cards = build_document(helix, PrintOptions(layout=PrintLayout.CARDS, people=chosen))
    assert [p.label for p in cards.pages] == [f"Person cards: {helix.people[3].name}"]

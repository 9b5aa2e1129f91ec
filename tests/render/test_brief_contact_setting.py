"""The brief's red flags follow the days-without-contact setting the analysis panel uses
(``PrintOptions.stale_days``, filled from the setting by the window), read back from the PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.decision import CompellingEvent, Criterion
from desktop.domain.enums import Coverage, Influence, RelationKind, Role, Support
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdftext

TODAY = date(2026, 11, 23)


def quiet_deal() -> Deal:
    """One problem only: the economic buyer was last contacted 45 days ago."""
    eve = Person(name="Eve Marsh", roles=(Role.ECONOMIC_BUYER,), support=Support.SUPPORTER,
                 influence=Influence.MEDIUM, coverage=Coverage.GOOD,
                 last_contact=TODAY - timedelta(days=45))
    carl = Person(name="Carl Dunn", roles=(Role.COACH,), support=Support.MENTOR,
                  coverage=Coverage.GOOD, last_contact=TODAY)
    fred = Person(name="Fred Olsen", roles=(Role.TECHNICAL_BUYER,), support=Support.OPPONENT,
                  coverage=Coverage.GOOD, last_contact=TODAY)
    return Deal(name="Quiet deal", people=(eve, carl, fred),
                relations=(Relation(carl.id, eve.id, RelationKind.INFLUENCE, 3),),
                compelling_event=CompellingEvent("Support ends", date(2027, 3, 31)),
                criteria=(Criterion("Total cost", owner=eve.id, ours=7),))


@pytest.mark.parametrize(("days", "flagged"), [(30, True), (60, False)])
def test_the_brief_flags_key_people_by_the_setting(qapp: object, tmp_path: Path, days: int,
                                                   flagged: bool) -> None:
    out = tmp_path / "brief.pdf"
    print_pdf(quiet_deal(), out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY,
                                              stale_days=days))
    text = pdftext(out)
    assert ("A key person not contacted for over 30 days: Eve Marsh (45 days)" in text) \
        is flagged
    assert ("Top red flags (1 in all)" if flagged else "Top red flags (0 in all)") in text

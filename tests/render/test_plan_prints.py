"""The plan on paper, read back from real PDFs: the brief's "Overdue", "Next 14 days" and
decision process (its two pages at most, long lists counted), and the mutual action plan —
every action and step there, and nothing of the seller's judgement: no score, support or
influence word, no intended change, no private note or evidence, even when private notes
are asked for."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.domain.actions import Action, ActionStatus, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, Role, Support
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.layouts import print_pdf
from desktop.render.printing.options import PrintOptions
from tests.helpers.pdf import pdfpages, pdftext, pdftext_flowing
from tests.helpers.plans import (
    CRITERION_EVIDENCE,
    PRIVATE_EVIDENCE,
    PRIVATE_NOTE,
    TODAY,
    days,
    planned,
)

SCORE_CHANGE = re.compile(r"\d+\s*(?:→|->)\s*\d+")
OPEN_TEXTS = ("Send the security questionnaire answers", "Book the ward-team demo",
              "Reference call with another fleet", "Agree the pilot's success measures")
STEPS = ("Technical evaluation", "Security review", "Board approval")


def printed(deal: Deal, tmp_path: Path, layout: PrintLayout, **options: object
            ) -> tuple[int, Path]:
    out = tmp_path / f"{layout.value}.pdf"
    pages = print_pdf(deal, out, PrintOptions(layout=layout, today=TODAY,
                                              **options))  # type: ignore[arg-type]
    return pages, out


def red_pixels(pdf: Path, tmp_path: Path) -> int:
    """How many pixels of the pages are the overdue red (strong red, little green or blue)."""
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(tmp_path / "page")],
                   check=True)
    count = 0
    for png in sorted(tmp_path.glob("page*.png")):
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine())[:, :image.width() * 3]
        rgb = pixels.reshape(image.height(), image.width(), 3).astype(int)
        count += int(((rgb[..., 0] > 150) & (rgb[..., 1] < 110) & (rgb[..., 2] < 110)).sum())
        png.unlink()
    return count


# -- the brief ---------------------------------------------------------------------------


def test_the_brief_has_overdue_the_next_14_days_and_the_process(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    pages, out = printed(planned(northwind), tmp_path, PrintLayout.BRIEF)
    assert pages <= 2
    text = pdftext(out)
    overdue = text[text.index("Overdue (1)"):text.index("Next 14 days")]
    assert "Send the security questionnaire answers" in overdue
    assert "Us: Sam Ortiz" in overdue
    assert "Sat 28 Nov 2026" in overdue
    assert "5 days" in overdue
    upcoming = text[text.index("Next 14 days (to Thu 17 Dec 2026)"):
                    text.index("Decision process")]
    assert "Book the ward-team demo" in upcoming
    assert "Reference call with another fleet" in upcoming
    assert "Send the security questionnaire answers" not in upcoming
    assert "Agree the pilot's success measures" not in upcoming  # no date
    process = text[text.index("Decision process"):text.index("What they need next")]
    assert "Compelling event: The old fleet contract ends — by Wed 3 Mar 2027" in process
    for step in STEPS:
        assert step in process
    assert "after the close date" in process
    assert process.count("after the close date") == 1  # the board, planned past the close
    assert "Under way" in process


def test_the_day_the_plan_is_read_against_comes_from_the_options(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = planned(northwind)
    out = tmp_path / "later.pdf"
    print_pdf(deal, out, PrintOptions(layout=PrintLayout.BRIEF, today=TODAY + timedelta(30)))
    text = pdftext(out)
    assert "Overdue (3)" in text  # the questionnaire, the demo and the reference call
    assert "2026-12-03" not in text  # dated the day it is read against
    assert "2027-01-02" in text


def test_the_brief_without_a_plan_says_so(qtbot: QtBot, tmp_path: Path,
                                          northwind: Deal) -> None:
    bare = northwind.with_plan(actions=(), process=(), compelling_event=None, criteria=())
    pages, out = printed(bare, tmp_path, PrintLayout.BRIEF)
    text = pdftext(out)
    assert pages <= 2
    for words in ("Nothing overdue.", "Nothing due in the next 14 days.",
                  "No compelling event written yet", "No process steps written yet.",
                  "— no open action —"):  # the key players' gap is worth seeing
        assert words in text


def test_a_long_plan_keeps_the_brief_to_two_pages_and_counts_the_rest(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = planned(northwind)
    many = [Action(f"Follow-up number {n:03}", days(-1 - n % 30), OwnerSide.US, "Sam",
                   for_people=(northwind.people[n % 8].id,)) for n in range(150)]
    many += [Action(f"Coming up number {n:03}", days(n % 14), OwnerSide.CUSTOMER,
                    northwind.people[n % 8].id) for n in range(150)]
    pages, out = printed(deal.with_plan(actions=[*deal.actions, *many]), tmp_path,
                         PrintLayout.BRIEF)
    assert pages == 2
    text = pdftext(out)
    assert "Overdue (151)" in text
    assert re.search(r"(?:…|\.\.\.) and 143 more: see the Plan tab", text)  # 8 shown
    assert re.search(r"(?:…|\.\.\.) and 144 more: see the Plan tab",
                     text[text.index("Next 14 days"):])


def test_overdue_actions_are_red_on_paper(qtbot: QtBot, tmp_path: Path,
                                          northwind: Deal) -> None:
    deal = planned(northwind)
    on_time = deal.with_plan(actions=[a for a in deal.actions if not a.is_overdue(TODAY)],
                             process=[replace(s, planned=None) for s in deal.process])
    _pages, late_pdf = printed(deal, tmp_path, PrintLayout.PLAN)
    assert red_pixels(late_pdf, tmp_path) > 100
    _pages, calm_pdf = printed(on_time, tmp_path, PrintLayout.PLAN)
    assert red_pixels(calm_pdf, tmp_path) == 0


# -- the mutual action plan ---------------------------------------------------------------


def forbidden_words() -> list[str]:
    return [*(s.label for s in Support), *(i.label for i in Influence),
            # "Approver" heads the process's column: the step's approver, not a role.
            *(r.label for r in Role if r is not Role.APPROVER), "Personal win",
            "Business outcome", "Technical fit",
            "influence", "Influence", "Support", "Coach", "score", "leans"]


@pytest.mark.parametrize("private", [False, True])
def test_the_mutual_plan_shows_the_work_and_none_of_the_sellers_judgement(
        qtbot: QtBot, tmp_path: Path, northwind: Deal, private: bool) -> None:
    deal = planned(northwind)
    pages, out = printed(deal, tmp_path, PrintLayout.PLAN, include_private=private)
    assert pages == 1
    text = pdftext(out)
    assert text.count("Mutual action plan") >= 2  # the title and the footer
    assert "Northwind Logistics — Northwind fleet telematics" in text
    for action in OPEN_TEXTS:
        assert action in text
    assert "Share the pricing outline" in text[text.index("Done"):]  # done, listed briefly
    assert "Workshop with the drivers' union" not in text  # dropped: not the customer's
    for step in STEPS:
        assert step in text
    assert "Why now: The old fleet contract ends — by Wed 3 Mar 2027" in text
    assert "after the target date" in text
    assert "Past due" in text
    assert "Week of Mon 7 Dec 2026" in text
    assert "No date yet" in text
    assert "Northwind Logistics: " + deal.person(deal.actions[1].owner).name in text
    assert "Partner: Acme Consulting" in text
    # Nothing of the seller's judgement or private record.
    assert not SCORE_CHANGE.search(text), SCORE_CHANGE.search(text)
    for secret in (PRIVATE_NOTE, PRIVATE_EVIDENCE, CRITERION_EVIDENCE):
        assert secret not in text
    for word in forbidden_words():
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    for alternative in deal.alternatives:
        assert alternative.name not in text  # whom else they could choose is ours to know
    for criterion in deal.criteria:
        assert criterion.text not in text


@pytest.mark.parametrize("which", ["Northwind", "Helix"])
def test_the_demo_deals_mutual_plans_carry_no_score_or_support_word(
        qtbot: QtBot, tmp_path: Path, demos: list[Deal], which: str) -> None:
    deal = next(d for d in demos if d.name.startswith(which))
    pages, out = printed(deal, tmp_path, PrintLayout.PLAN, include_private=True)
    assert pages <= 3
    text = pdftext_flowing(out)  # wrapped cells read as one text
    assert not SCORE_CHANGE.search(text)
    for word in [*(s.label for s in Support), "Personal win", "influence"]:
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    for action in deal.actions:
        if action.internal:  # the seller's own homework is not handed to the champion
            assert action.text[:40] not in text, action.text
        elif action.status is not ActionStatus.DROPPED:
            assert action.text[:40] in text, action.text
    assert any(a.internal for a in deal.actions)
    for step in deal.process:
        assert step.name in text
    for person in deal.people:
        if person.notes:
            assert person.notes[:30] not in text


def test_the_mutual_plan_names_our_company_and_keeps_our_red_to_ourselves(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = planned(northwind)
    ours = next(a for a in deal.actions if a.owner_side is OwnerSide.US and a.is_open)
    _pages, out = printed(deal, tmp_path, PrintLayout.PLAN, our_company="Acme Telematics")
    text = pdftext_flowing(out)
    assert "Northwind Logistics × Acme Telematics — Northwind fleet telematics" in text
    assert f"Acme Telematics: {deal.owner_name(ours)}" in text
    assert "Supplier" not in text
    assert "after the target date" in text  # said, but not in our warning red
    without_overdue = deal.with_plan(actions=tuple(a for a in deal.actions
                                                   if not a.is_overdue(TODAY)))
    _pages, calm = printed(without_overdue, tmp_path, PrintLayout.PLAN)
    assert red_pixels(calm, tmp_path) == 0


def test_an_internal_action_is_in_the_brief_but_not_on_the_mutual_plan(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = planned(northwind)
    homework = replace(deal.actions[0], internal=True)
    deal = deal.with_plan(actions=(homework, *deal.actions[1:]))
    _pages, plan = printed(deal, tmp_path, PrintLayout.PLAN)
    assert homework.text[:30] not in pdftext_flowing(plan)
    _pages, brief = printed(deal, tmp_path, PrintLayout.BRIEF)
    assert homework.text[:30] in pdftext_flowing(brief)


def test_a_long_mutual_plan_flows_onto_pages_with_every_action_whole(
        qtbot: QtBot, tmp_path: Path, northwind: Deal) -> None:
    deal = planned(northwind)
    many = [Action(f"Weekly step number {n:03}", days(n), OwnerSide.US, "Sam")
            for n in range(120)]
    pages, out = printed(deal.with_plan(actions=[*deal.actions, *many]), tmp_path,
                         PrintLayout.PLAN)
    assert pages >= 3
    text = " ".join(pdfpages(out))
    for n in range(120):
        assert f"Weekly step number {n:03}" in text
    assert all(page.strip() for page in pdfpages(out))

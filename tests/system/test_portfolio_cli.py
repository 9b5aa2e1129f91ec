"""``portfolio -o FILE.pdf`` and the figures ``list --json`` gains, as a user runs them: a
real library of hand-made deals whose risk order is known, the PDF read back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.store.library import Library
from tests.domain.test_portfolio import middling, neglected, well_worked
from tests.helpers.cli import assert_one_clear_line, run
from tests.helpers.pdf import pdfinfo, pdftext

TODAY = date.today()  # ``list`` judges the deals as of today: the deals are made relative to it


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portfolio") / "deals.sqlite"
    won = replace(well_worked(TODAY, "Closed Kestrel"), stage="Closed won")
    with Library.open(path) as opened:
        opened.add_deals([well_worked(TODAY), middling(TODAY), neglected(TODAY), won])
    return path


def test_list_json_gains_the_portfolio_figures(library: Path) -> None:
    result = run("--db", library, "list", "--json")
    assert result.returncode == 0, result.stderr
    deals = {d["name"]: d for d in json.loads(result.stdout)}
    assert set(deals) == {"Orbit well worked", "Lumen middling", "Vega neglected",
                          "Closed Kestrel"}
    vega = deals["Vega neglected"]
    assert vega["overdue_actions"] == 3  # the one key the list had, kept and consistent
    assert vega["days_since_key_contact"] == 60
    assert vega["high_flags"] >= 2
    assert deals["Orbit well worked"]["days_since_key_contact"] == 5
    assert deals["Orbit well worked"]["high_flags"] == 0
    assert vega["risk"] > deals["Lumen middling"]["risk"] > deals["Orbit well worked"]["risk"]
    for deal in deals.values():  # the earlier keys stay
        assert {"id", "name", "account", "stage", "amount", "currency", "close_date",
                "updated_at", "people", "overdue_actions", "risk", "high_flags",
                "days_since_key_contact"} == set(deal)
        assert 0 <= deal["risk"] <= 100


def test_portfolio_prints_one_page_in_risk_order(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "portfolio.pdf"
    result = run("--db", library, "portfolio", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "3 open deals" in result.stdout
    assert "1 page" in result.stdout
    assert int(pdfinfo(out)["Pages"]) == 1
    text = pdftext(out)
    places = [text.index(name) for name in ("Vega neglected", "Lumen middling",
                                             "Orbit well worked")]
    assert places == sorted(places), text
    assert "Closed Kestrel" not in text  # won: not open any more
    assert "3 open deals, riskiest first" in text
    assert "3 high flags" in text or "4 high flags" in text or "5 high flags" in text
    assert "Key contact 60 days ago" in text


def test_portfolio_of_one_account_or_stage(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "vega.pdf"
    assert run("--db", library, "portfolio", "-o", out, "--account", "vega ltd").returncode == 0
    text = pdftext(out)
    assert "Vega neglected" in text
    assert "Lumen middling" not in text
    assert "Portfolio — Vega Ltd" in text  # the header names the account as stored
    staged = tmp_path / "discover.pdf"
    assert run("--db", library, "portfolio", "-o", staged, "--stage", "Discover").returncode == 0
    assert "Lumen middling" in pdftext(staged)
    assert "Vega" not in pdftext(staged)


def test_nothing_to_print_is_one_sentence_and_no_file(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    line = assert_one_clear_line(run("--db", library, "portfolio", "-o", out,
                                     "--account", "Nobody Inc"))
    assert "Nobody Inc" in line
    assert not out.exists()
    wrong = assert_one_clear_line(run("--db", library, "portfolio", "-o",
                                      tmp_path / "x.png"))
    assert ".pdf" in wrong


def test_many_deals_stay_one_page_and_say_how_many_more(tmp_path: Path) -> None:
    path = tmp_path / "many.sqlite"
    close = TODAY + timedelta(days=90)
    deals = [Deal(f"Deal {n:03d}", account=f"Account {n % 7}", stage="Qualify",
                  close_date=close + timedelta(days=n)) for n in range(90)]
    with Library.open(path) as opened:
        opened.add_deals(deals)
    out = tmp_path / "many.pdf"
    result = run("--db", path, "portfolio", "-o", out)
    assert result.returncode == 0, result.stderr
    assert int(pdfinfo(out)["Pages"]) == 1
    text = pdftext(out)
    shown = [n for n in range(90) if f"Deal {n:03d}" in text]
    # Equal risk: the nearer close date first, so the first deals fill the page.
    assert shown == list(range(len(shown)))
    assert 24 <= len(shown) < 90
    assert f"+{90 - len(shown)} more" in text

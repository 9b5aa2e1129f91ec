"""Every format that both reads and writes gives back what it carries: a deal exported,
imported into an empty library and exported again is the same file (property-based, per
format; what a format cannot carry — a CSV has no card positions, a graph no plan — is left
out of the deals generated for it, not out of the comparison)."""

from __future__ import annotations

import difflib
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings

from desktop.domain.deal import Deal
from desktop.domain.position import Position
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library
from tests.helpers.strategies import deals


def _people_only(deal: Deal) -> Deal:
    """The people and their lines: no plan, no snapshots (a people file carries neither)."""
    return replace(deal, alternatives=(), actions=(), criteria=(), process=(), comments=(),
                   compelling_event=None, people=tuple(replace(p, leans_to=None, versus=None)
                                                       for p in deal.people))


def _named_apart(deal: Deal) -> Deal:
    """Names a table can tell apart: the manager column and the dedupe go by name (and
    "; " separates several managers)."""
    people, seen = [], set()
    for number, person in enumerate(deal.people):
        name = person.name.replace(";", ",")
        if name.casefold() in seen:
            name = f"{name} {number}"
        seen.add(name.casefold())
        people.append(replace(person, name=name))
    return replace(deal, people=tuple(people))


def _placed(deal: Deal) -> Deal:
    """Someone off the origin: a file whose people all sit at 0,0 has no places, and the
    import lays them out (a fresh map, on purpose)."""
    if deal.people and all(p.position == Position(0, 0) for p in deal.people):
        first = replace(deal.people[0], position=Position(10, 20))
        return replace(deal, people=(first, *deal.people[1:]))
    return deal


def _bytes(paths: list[Path]) -> str:
    """The files' text (a failure shows the lines that differ)."""
    return "\n".join(path.read_bytes().decode("utf-8-sig") for path in paths)


def _sheets(*names: str) -> Callable[[list[Path]], str]:
    """The rows of the sheets a workbook reader takes back (the others are reports)."""

    def content(paths: list[Path]) -> str:
        book = openpyxl.load_workbook(io.BytesIO(paths[0].read_bytes()), read_only=True)
        return "\n".join(f"{name}: {list(row)}" for name in names
                         for row in book[name].iter_rows(values_only=True))

    return content


@dataclass(frozen=True)
class RoundTrip:
    format: str
    suffix: str
    fit: Callable[[Deal], Deal]
    content: Callable[[list[Path]], object] = _bytes
    people_table: bool = False  # one row per person, no deal without people


FORMATS = [
    RoundTrip("dealtri", ".dealtri", lambda deal: deal),
    RoundTrip("graphml", ".graphml", lambda deal: _placed(_people_only(deal))),
    RoundTrip("gexf", ".gexf", lambda deal: _placed(_people_only(deal))),
    RoundTrip("gephi", ".csv", lambda deal: _placed(_people_only(deal))),
    RoundTrip("kumu", ".csv", lambda deal: _placed(_people_only(deal))),
    RoundTrip("kumu-xlsx", ".xlsx", lambda deal: _placed(_people_only(deal)),
              _sheets("Elements", "Connections")),
    RoundTrip("csv", ".csv", lambda deal: _named_apart(_people_only(deal)),
              people_table=True),
    RoundTrip("xlsx", ".xlsx", lambda deal: _named_apart(_people_only(deal)),
              _sheets("People", "Relations"), people_table=True),
    RoundTrip("vcard", ".vcf", lambda deal: _named_apart(_people_only(deal)),
              people_table=True),
]


def _round_trip(spec: RoundTrip, deal: Deal) -> tuple[object, object]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with Library.open(folder / "a.sqlite") as first:
            first.add_deal(deal)
            exported = export_deals(first, [deal.id], folder / f"a{spec.suffix}", spec.format,
                                    include_private=True)
        again_folder = folder / "again"
        again_folder.mkdir()
        with Library.open(folder / "b.sqlite") as second:
            plan = plan_import(second, read_files(exported[:1], spec.format))
            apply_import(second, plan)
            (summary,) = second.list_deals()
            again = export_deals(second, [summary.id], again_folder / f"a{spec.suffix}",
                                 spec.format, include_private=True)
        return spec.content(exported), spec.content(again)


@pytest.mark.parametrize("spec", FORMATS, ids=lambda spec: spec.format)
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deal=deals(max_people=6))
def test_export_import_export_is_the_same(spec: RoundTrip, deal: Deal) -> None:
    # A table of people with no rows says nothing: there is no deal in it to come back.
    assume(deal.people or not spec.people_table)
    first, second = _round_trip(spec, spec.fit(deal))
    if first != second:
        lines = difflib.unified_diff(str(first).splitlines(), str(second).splitlines(),
                                     "exported", "imported and exported again", lineterm="")
        pytest.fail("\n".join(list(lines)[:40]))


def test_every_format_that_reads_and_writes_is_round_tripped() -> None:
    from desktop.exchange import registry

    both = {f.name for f in registry.all_formats() if f.read and f.write}
    assert both == {spec.format for spec in FORMATS}

"""Texts that look like Excel's escapes (``_xHHHH_``) come back from a workbook as they left,
and Excel's own escapes read as Excel reads them. openpyxl wrote "_x0041_" as it is (Excel
shows "A") and, reading, deleted every "x005F_": a deal named "x005F_" came back with no
name, a person's title "x005F_" empty (found by test_round_trips with hypothesis)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.workbook import workbook_bytes
from desktop.exchange.xlsx_escape import escape, unescape
from desktop.exchange.xlsx_reading import read_people_sheet
from desktop.store.library import Library
from tests.exchange.test_xlsx_people import with_shared_strings
from tests.helpers.handmade_xlsx import MAIN, sheet_xml, workbook

# Texts a seller may type (a note about Excel, a file name) that hold Excel's escape marker.
LOOK_ALIKES = ["x005F_", "_x005F_", "_x0041_", "a_x000D_b", "_x005f_x0041_"]
# And what no deal holds (the domain removes controls) but a workbook may: all survive.
ODD = ["a\x01b", "\x0b", "cr\rlf", "\ufffe\uffff", "_xD800_", "_x", "_x004_", "__x0041__",
       "tab\tand\nline"]


@pytest.mark.parametrize("text", LOOK_ALIKES + ODD)
def test_escaping_then_unescaping_gives_the_text(text: str) -> None:
    assert unescape(escape(text)) == text


def test_excel_escapes_are_read_as_excel_reads_them() -> None:
    assert unescape("a_x000D_b") == "a\rb"
    assert unescape("_x005F_x0041_") == "_x0041_"
    assert unescape("_x005f_x005F_") == "_x005F_"
    assert unescape("x005F_") == "x005F_"
    assert unescape("_x00e9_t_x00E9_") == "été"
    assert unescape("_xD800_") == "_xD800_"  # half a UTF-16 pair: no text, kept as written


def test_a_look_alike_is_written_for_excel_to_read_as_it_is() -> None:
    data = workbook_bytes({"People": [["Name", "Note"], ["Ann", "_x0041_ \x01"]]})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "_x005F_x0041_ _x0001_" in sheet


@pytest.mark.parametrize("text", LOOK_ALIKES + ODD)
def test_any_text_comes_back_from_our_workbook(text: str) -> None:
    data = workbook_bytes({"People": [["Name", "Note"], ["Ann", text]]})
    table = read_people_sheet(data, Path("a.xlsx")).table
    assert table.rows == [(2, ["Ann", text])]


def test_excel_escapes_in_shared_inline_and_formula_strings() -> None:
    """Excel saves a typed carriage return as _x000D_ and a typed "_x0041_" as
    _x005F_x0041_, in every kind of string; a rich-text run is unescaped on its own."""
    strings = (f'<sst xmlns="{MAIN}"><si><t>Name</t></si><si><t>Note</t></si>'
               '<si><t>a_x000D_b</t></si><si><t>_x005F_x0041_</t></si>'
               '<si><r><t>_x00</t></r><r><t>41_</t></r></si><si><t>x005F_</t></si></sst>')
    shared = (f'<worksheet xmlns="{MAIN}"><sheetData>'
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
              '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
              '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>5</v></c></row>'
              '</sheetData></worksheet>')
    table = read_people_sheet(with_shared_strings(shared, strings), Path("c.xlsx")).table
    assert table.rows == [(2, ["a\rb", "_x0041_"]), (3, ["_x0041_", "x005F_"])]
    inline = sheet_xml([["Name", "Note"], ["_x005F_x005F_", ("=A2", "x_x0031_")]])
    table = read_people_sheet(workbook({"People": inline}), Path("c.xlsx")).table
    assert table.rows == [(2, ["_x005F_", "x1"])]


FORMATS = [("xlsx", ".xlsx"), ("kumu-xlsx", ".xlsx"), ("csv", ".csv"), ("kumu", ".csv"),
           ("gephi", ".csv"), ("vcard", ".vcf"), ("graphml", ".graphml"), ("gexf", ".gexf"),
           ("dealtri", ".dealtri")]


@pytest.mark.parametrize(("name", "suffix"), FORMATS, ids=[name for name, _s in FORMATS])
def test_look_alike_texts_survive_export_and_import(name: str, suffix: str,
                                                    tmp_path: Path) -> None:
    """The deal test_round_trips found: names, titles and organisations holding the marker
    come back the same from every format that reads and writes."""
    people = tuple(Person(name=text, title=f"T{text}", organisation=f"{text}O",
                          position=Position(10 * number, 20))
                   for number, text in enumerate(LOOK_ALIKES))
    line = Relation(people[0].id, people[1].id, RelationKind.REPORTS_TO)
    deal = Deal(name="x005F_", people=people, relations=(line,))
    with Library.open(tmp_path / "a.sqlite") as first:
        first.add_deal(deal)
        exported = export_deals(first, [deal.id], tmp_path / f"a{suffix}", name,
                                include_private=True)
    with Library.open(tmp_path / "b.sqlite") as second:
        apply_import(second, plan_import(second, read_files(exported[:1], name)))
        (summary,) = second.list_deals()
        back = second.get_deal(summary.id)
    assert back.name == "x005F_"
    assert sorted((p.name, p.title, p.organisation) for p in back.people) == sorted(
        (p.name, p.title, p.organisation) for p in people)

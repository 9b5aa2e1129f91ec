"""People from Excel: contacts lists saved as .xlsx read like their CSV — the header found
under a title row, the people sheet found by name, numbers and dates as the seller sees
them, formulas as the values Excel saved — and hostile workbooks refused in one sentence."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.deal import MAX_PEOPLE, Deal
from desktop.domain.enums import RelationKind
from desktop.exchange import registry, xlsx_people, xlsx_reading
from desktop.exchange.formats import xlsx
from desktop.exchange.formats.people_csv import people_rows
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import ColumnMapping, Field
from desktop.exchange.registry import ReadOptions
from desktop.exchange.text_sniffing import TextTable
from desktop.exchange.workbook import workbook_bytes
from desktop.exchange.xlsx_reading import as_text, read_people_sheet
from desktop.problems import Cancelled, ImportProblem
from tests.helpers.handmade_xlsx import sheet_xml, workbook, write_parts

OUTLOOK = ["First Name", "Last Name", "Company", "Department", "Job Title", "Business Phone",
           "E-mail Address", "Manager's Name", "Birthday"]


def read(data: bytes, name: str = "contacts.xlsx",
         options: ReadOptions = ReadOptions()) -> Incoming:  # noqa: B008
    [incoming] = xlsx_people.read(data, Path(name), options)
    return incoming


def refusal(data: bytes, name: str = "contacts.xlsx") -> str:
    with pytest.raises(ImportProblem) as caught:
        xlsx_people.read(data, Path(name), ReadOptions())
    message = str(caught.value)
    assert name in message
    assert "\n" not in message
    return message


def outlook_book() -> bytes:
    """Outlook contacts pasted into Excel under a title row, with a phone typed as a number
    and a birthday as a date (openpyxl writes them as Excel does: a number, a dated serial)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(["Contoso contacts — exported 2026-03-02"])
    sheet.append([])
    sheet.append(OUTLOOK)
    sheet.append(["Ada", "Byron", "Contoso", "R&D", "CTO", 4915112345678, "ada@contoso.example",
                  "", datetime(1815, 12, 10)])
    sheet.append(["Alan", "Turing", "Contoso", "Research", "Chief Scientist", 1.0,
                  "alan@contoso.example", "Ada Byron", date(1912, 6, 23)])
    sheet.append(["Grace", "Hopper", "Navy", "", "Admiral", None, "grace@navy.example",
                  "Ada Byron", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_outlook_list_under_a_title_row() -> None:
    incoming = read(outlook_book())
    deal = incoming.deal
    assert [(p.name, p.title, p.email, p.organisation) for p in deal.people] == [
        ("Ada Byron", "CTO", "ada@contoso.example", "Contoso"),
        ("Alan Turing", "Chief Scientist", "alan@contoso.example", "Contoso"),
        ("Grace Hopper", "Admiral", "grace@navy.example", "Navy")]
    assert [p.phone for p in deal.people] == ["4915112345678", "1", ""]  # no ".0"
    assert deal.account == "Contoso"  # two of three
    ada = deal.people[0].id
    assert {(r.source, r.target, r.kind) for r in deal.relations} == {
        (deal.people[1].id, ada, RelationKind.REPORTS_TO),
        (deal.people[2].id, ada, RelationKind.REPORTS_TO)}
    assert incoming.whole_deal is False
    assert "organisation" in (incoming.provided or set())


def test_the_table_holds_numbers_and_dates_as_text() -> None:
    sheet = read_people_sheet(outlook_book(), Path("contacts.xlsx"))
    assert sheet.title == "Contacts"
    assert sheet.table.header_line == 3  # the title row and the empty row are passed over
    assert sheet.table.header == OUTLOOK
    assert [line for line, _cells in sheet.table.rows] == [4, 5, 6]  # Excel's row numbers
    assert sheet.table.rows[0][1][5] == "4915112345678"
    assert sheet.table.rows[0][1][8] == "1815-12-10"
    assert sheet.table.rows[1][1][8] == "1912-06-23"


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"), (2.5, "2.5"), (12345678901234.0, "12345678901234"), (True, "TRUE"),
    (datetime(2026, 3, 1, 14, 30), "2026-03-01 14:30:00"), (datetime(2026, 3, 1), "2026-03-01"),
    (date(2026, 3, 1), "2026-03-01"), ("  kept  ", "  kept  ")])
def test_cells_read_as_the_seller_sees_them(value: object, text: str) -> None:
    assert as_text(value) == text


def test_the_contacts_sheet_is_found_when_it_is_not_the_first() -> None:
    data = workbook({
        "Pipeline": sheet_xml([["Opportunity", "Amount"], ["Renewal", 12000]]),
        "Kontakte": sheet_xml([["Vorname", "Nachname", "E-Mail-Adresse", "Firma"],
                               ["Lena", "Vogel", "lena@example.de", "Beispiel GmbH"]])})
    sheet = read_people_sheet(data, Path("crm.xlsx"))
    assert sheet.title == "Kontakte"
    deal = read(data, "crm.xlsx").deal
    assert [(p.name, p.email, p.organisation) for p in deal.people] == [
        ("Lena Vogel", "lena@example.de", "Beispiel GmbH")]


def test_without_a_people_sheet_the_first_sheet_is_read() -> None:
    data = workbook({"Sheet1": sheet_xml([["Name", "Email"], ["Ann Lee", "ann@example.com"]]),
                     "Sheet2": sheet_xml([["Name", "Email"], ["Bo Chen", "bo@example.com"]])})
    assert [p.name for p in read(data).deal.people] == ["Ann Lee"]


def test_a_merged_group_row_and_a_merged_header_cell() -> None:
    """Salesforce-like report: a group row ("Contact" over three columns, "Account" over two)
    above the header, and "Phone" merged over two columns (the second column unnamed)."""
    rows = [["Contact", "", "", "Account", ""],
            ["Full Name", "Title", "Email", "Account Name", "Phone", ""],
            ["Mei Lin", "VP Sales", "mei@fabrikam.example", "Fabrikam", "+1 555 0100", "ext 12"],
            ["Raj Patel", "CFO", "raj@fabrikam.example", "Fabrikam", "+1 555 0101", ""]]
    data = workbook({"Report": sheet_xml(rows, merged=["A1:C1", "D1:E1", "E2:F2"])})
    sheet = read_people_sheet(data, Path("report.xlsx"))
    assert sheet.table.header_line == 2
    assert sheet.table.header == ["Full Name", "Title", "Email", "Account Name", "Phone", ""]
    deal = read(data, "report.xlsx").deal
    assert [(p.name, p.title, p.phone, p.organisation) for p in deal.people] == [
        ("Mei Lin", "VP Sales", "+1 555 0100", "Fabrikam"),
        ("Raj Patel", "CFO", "+1 555 0101", "Fabrikam")]
    assert deal.account == "Fabrikam"


def test_an_unknown_header_under_a_group_row_is_found_for_the_mapping_dialog() -> None:
    rows = [["Kunde", "", "Kontakt"], ["Kontaktperson", "Rolle", "Mail", "Notiz"],
            ["Ada Byron", "CTO", "ada@example.com", ""]]
    data = workbook({"Tabelle1": sheet_xml(rows, merged=["A1:B1", "C1:D1"])})
    seen: list[TextTable] = []

    def choose(_path: Path, table: TextTable, guess: ColumnMapping) -> ColumnMapping:
        seen.append(table)
        assert guess.columns == {Field.EMAIL: 2}
        return ColumnMapping({Field.NAME: 0, Field.TITLE: 1, Field.EMAIL: 2})

    deal = read(data, options=ReadOptions(choose_mapping=choose)).deal
    assert seen[0].header == ["Kontaktperson", "Rolle", "Mail", "Notiz"]
    assert seen[0].header_line == 2
    assert [(p.name, p.title) for p in deal.people] == [("Ada Byron", "CTO")]
    with pytest.raises(Cancelled):
        read(data, options=ReadOptions(choose_mapping=lambda *_args: None))


def test_without_a_mapping_an_unknown_header_is_one_sentence() -> None:
    data = workbook({"Tabelle1": sheet_xml([["Kontaktperson", "Rolle"], ["Ada", "CTO"]])})
    message = refusal(data)
    assert "at sheet 'Tabelle1', row 1: no column holds names" in message


def test_a_formula_reads_as_the_value_excel_saved_and_is_never_followed() -> None:
    """Excel saves each formula's last value; a link to another workbook (on a share the
    seller's laptop cannot reach) is neither opened nor recalculated."""
    rows: list[list[object]] = [
        ["Name", "Email", "Company", "Phone"],
        [("=A3", "Ada Byron"), "ada@example.com",
         ("='\\\\server\\share\\[accounts.xlsx]Sheet1'!$B$2", "Contoso"),
         ("=1+1", 4915112345678)],
        ["Bo Chen", ("=LOWER(\"BO@EXAMPLE.COM\")", "bo@example.com"), "Contoso", ""]]
    deal = read(workbook({"People": sheet_xml(rows)})).deal
    assert [(p.name, p.email, p.organisation, p.phone) for p in deal.people] == [
        ("Ada Byron", "ada@example.com", "Contoso", "4915112345678"),
        ("Bo Chen", "bo@example.com", "Contoso", "")]


def test_a_formula_without_a_saved_value_is_refused_where_it_is_used() -> None:
    rows: list[list[object]] = [["First Name", "Last Name", "Full name check", "Email"],
            ["Ada", "Byron", ("=A2&\" \"&B2", None), "ada@example.com"]]
    data = workbook({"People": sheet_xml(rows)})
    # Not a column the import reads ("Full name check" is no known column): no matter.
    assert [p.name for p in read(data).deal.people] == ["Ada Byron"]
    rows = [["Full Name", "Email"], [("=CONCAT(\"Ada\",\" Byron\")", None), "ada@example.com"]]
    message = refusal(workbook({"People": sheet_xml(rows)}))
    assert ("contacts.xlsx at sheet 'People', row 2, column 'Full Name' (cell A2): the "
            "formula =CONCAT(\"Ada\",\" Byron\") has no saved value") in message


def test_a_bad_value_is_placed_by_sheet_row_and_column() -> None:
    rows = [["Name", "E-mail"]] + [[f"P{i}", f"p{i}@example.com"] for i in range(2, 14)] \
        + [["Zed", "zed@@example"]]
    message = refusal(workbook({"People": sheet_xml(rows)}))
    assert message.startswith("contacts.xlsx at sheet 'People', row 14, column 'E-mail': ")


def sheets_of(path: Path, *titles: str) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {t: [list(row) for row in book[t].iter_rows(values_only=True)] for t in titles}
    finally:
        book.close()


def test_our_own_workbook_comes_back_as_it_left(demos: list[Deal], tmp_path: Path) -> None:
    """deal → export → import → export: the People and Relations sheets are the same (what
    a workbook of people carries); the same deals by name, with the same ids every time."""
    first = tmp_path / "all deals.xlsx"
    xlsx.write(demos, first, include_private=False)
    data = first.read_bytes()
    assert registry.for_input(tmp_path / "renamed.bin", data[:registry.SNIFF_BYTES]) \
        is registry.by_name("xlsx")
    incoming = xlsx_people.read(data, first, ReadOptions())
    assert [i.deal.name for i in incoming] == [d.name for d in demos]
    again = tmp_path / "again.xlsx"
    xlsx.write([i.deal for i in incoming], again, include_private=False)
    assert sheets_of(again, "People", "Relations") == sheets_of(first, "People", "Relations")
    for deal, original in zip((i.deal for i in incoming), demos, strict=True):
        names = {p.id: p.name for p in original.people}
        mine = {p.id: p.name for p in deal.people}
        assert sorted((mine[r.source], mine[r.target], r.kind, r.strength, r.note)
                      for r in deal.relations) == sorted(
            (names[r.source], names[r.target], r.kind, r.strength, r.note)
            for r in original.relations)
    assert xlsx_people.read(data, first, ReadOptions()) == incoming


def test_sniffing_knows_a_workbook_from_a_deal_file(small_demo: Deal) -> None:
    from desktop.exchange import dealfile

    ours = workbook_bytes({"People": people_rows([small_demo])})
    excel = workbook({"Sheet1": sheet_xml([["Name"], ["Ann"]])})
    assert xlsx.sniff(ours[:4096])
    assert xlsx.sniff(excel[:4096])
    assert not xlsx.sniff(dealfile.dumps([small_demo], include_private=True).encode()[:4096])
    assert not xlsx.sniff(b"Name,Email\nAnn,ann@example.com\n")


# -- hostile workbooks --------------------------------------------------------------------


def test_a_million_row_sheet_stops_at_the_people_limit(tmp_path: Path) -> None:
    """1,048,576 rows (Excel's last row), written compressed (8 MB): reading stops at the
    row past the people limit without parsing the rest, in little time and memory."""
    path = tmp_path / "million.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        write_parts(archive, {})
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(f'<worksheet xmlns="{xlsx_reading_main()}"><sheetData>'
                         '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
                         .encode())
            chunk = []
            for row in range(2, 1_048_577):
                chunk.append(f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>P{row}</t>'
                             '</is></c></row>')
                if len(chunk) == 50_000:
                    stream.write("".join(chunk).encode())
                    chunk.clear()
            stream.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    rewrite_workbook_with_one_sheet(path)
    data = path.read_bytes()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    message = refusal(data, "million.xlsx")
    elapsed = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert f"at sheet 'Sheet1', row {MAX_PEOPLE + 2}: the sheet has more than " \
           f"{MAX_PEOPLE:,} rows" in message
    assert elapsed < 5, elapsed  # 0.26 s here
    assert grown_mb < 150, grown_mb


def xlsx_reading_main() -> str:
    from tests.helpers.handmade_xlsx import MAIN

    return MAIN


def rewrite_workbook_with_one_sheet(path: Path) -> None:
    """write_parts({}) wrote a workbook of no sheets: name the one written by hand."""
    from tests.helpers.handmade_xlsx import PACKAGE_RELS, RELS, SHEET_TYPE

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{xlsx_reading_main()}" xmlns:r="{RELS}"><sheets><sheet '
        'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>').encode()
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
        f'Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/worksheets/sheet1.xml" '
                     f'ContentType="{SHEET_TYPE}"/></Types>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, content in parts.items():
            target.writestr(name, content)


def test_limits_on_the_unpacked_size(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["Name", "Notes"]] + [[f"P{i}", "x" * 200] for i in range(3000)]
    data = workbook({"People": sheet_xml(rows)})
    monkeypatch.setattr(xlsx_reading, "MAX_UNCOMPRESSED", 500_000)
    assert "the workbook would unpack to 1 MB; the limit is 0 MB" in refusal(data)
    monkeypatch.setattr(xlsx_reading, "MAX_PART", 500_000)
    assert "at xl/worksheets/sheet1.xml: the part would unpack to" in refusal(data)


def test_a_row_wider_than_excel_allows() -> None:
    cells = "".join("<c/>" for _ in range(16_385))
    xml = (f'<worksheet xmlns="{xlsx_reading_main()}"><sheetData><row r="1">'
           f'<c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2">{cells}</row>'
           "</sheetData></worksheet>")
    assert "at sheet 'Sheet1', row 2: the row has more than 16,384 cells" in refusal(
        workbook({"Sheet1": xml}))


def test_a_value_past_the_thousandth_column() -> None:
    xml = sheet_xml([["Name", "Email"]]).replace(
        "</sheetData>", '<row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c>'
        '<c r="ALN2"><v>1</v></c></row></sheetData>')
    assert "at sheet 'Sheet1', row 2: a value is in column 1,002; a table may have 1,000 " \
        "columns" in refusal(workbook({"Sheet1": xml}))


def test_reading_a_workbook_the_window_cancels() -> None:
    rows = [["Name"]] + [[f"P{i}"] for i in range(2000)]
    with pytest.raises(Cancelled):
        read(workbook({"People": sheet_xml(rows)}),
             options=ReadOptions(cancelled=lambda: True))


# -- the XML underneath -------------------------------------------------------------------


def test_openpyxl_parses_the_small_parts_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def with_shared_strings(sheet: str, strings: str) -> bytes:
    """A workbook whose cells refer to a shared strings part, as Excel saves them."""
    data = workbook({"People": sheet})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/sharedStrings.xml"] = strings.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return buffer.getvalue()


SHARED_SHEET = (f'<worksheet xmlns="{xlsx_reading_main()}"><sheetData>'
                '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                '<c r="C1" t="s"><v>2</v></c></row>'
                '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="b"><v>1</v></c>'
                '<c r="C2" t="e"><v>#N/A</v></c></row></sheetData></worksheet>')


def test_shared_strings_with_rich_text_and_a_phonetic_guide() -> None:
    """Excel keeps each text once in xl/sharedStrings.xml; a bold surname is two runs, and
    a Japanese name carries its reading (<rPh>), which is no part of the name."""
    strings = (f'<sst xmlns="{xlsx_reading_main()}"><si><t>Name</t></si><si><t>VIP</t></si>'
               '<si><t>Status</t></si><si><r><t>Ada </t></r><r><rPr><b/></rPr><t>Byron</t></r>'
               '<rPh sb="0" eb="3"><t>エイダ</t></rPh></si></sst>')
    sheet = read_people_sheet(with_shared_strings(SHARED_SHEET, strings), Path("c.xlsx"))
    assert sheet.table.header == ["Name", "VIP", "Status"]
    assert sheet.table.rows == [(2, ["Ada Byron", "TRUE", "#N/A"])]


def test_a_cell_pointing_past_the_shared_strings() -> None:
    strings = f'<sst xmlns="{xlsx_reading_main()}"><si><t>Name</t></si></sst>'
    message = refusal(with_shared_strings(SHARED_SHEET, strings))
    assert "at sheet 'People', row 1: a cell refers to shared string '1', which the " \
        "workbook does not have" in message


def test_an_entity_in_the_shared_strings() -> None:
    strings = (f'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst xmlns="{xlsx_reading_main()}">'
               '<si><t>&a;</t></si></sst>')
    assert "at xl/sharedStrings.xml: the workbook's XML declares a DTD or entities" in \
        refusal(with_shared_strings(SHARED_SHEET, strings))


def test_a_doctype_across_two_chunks_is_still_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.exchange import xlsx_xml

    xml = sheet_xml([["Name"], ["Ann"]]).replace("<worksheet", "<!DOCTYPE worksheet><worksheet")
    split = xml.index("<!DOCTYPE") + 4
    monkeypatch.setattr(xlsx_xml, "CHUNK", split)  # "<!DO" ends the first chunk
    assert "declares a DTD or entities" in refusal(workbook({"People": xml}))


def test_a_sheet_in_another_encoding_than_utf8() -> None:
    xml = sheet_xml([["Name"], ["Zoë"]]).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    utf16 = workbook({"People": xml.encode("utf-16")})
    assert "at sheet 'People': the workbook's XML is not in UTF-8" in refusal(utf16)
    latin = workbook({"People": xml.replace("UTF-16", "ISO-8859-1").encode("latin-1")})
    assert "is not in UTF-8" in refusal(latin)


def test_an_empty_sheet_and_a_title_alone() -> None:
    assert "at sheet 'People': the sheet is empty" in refusal(workbook({"People": sheet_xml([])}))
    only_title = workbook({"People": sheet_xml([["Contacts"]])})
    assert "at sheet 'People': no header row with column names was found" in refusal(
        only_title)

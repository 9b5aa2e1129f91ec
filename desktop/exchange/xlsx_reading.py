"""Reading the people sheet of an Excel workbook (.xlsx) as a text table, the way a CSV of
contacts is read: the same header detection, the same column mapping, the same people.

A workbook is a zip of XML parts, so it is checked before openpyxl opens it: the zip's
directory must name ``xl/workbook.xml``, and the sizes it declares must stay under the
limits (a 40 kB zip can inflate to gigabytes; Python's zipfile never returns more than the
declared size, so the directory is what counts). openpyxl parses XML through defusedxml when
it is installed (``openpyxl.DEFUSEDXML``; it is a dependency), so no DTD or entity is read.

The sheet is streamed row by row with openpyxl's own worksheet parser, and reading stops at
the first row past a limit: more rows than a deal holds people, a value beyond column 1,000,
a row of more cells than Excel allows. A sheet of 1,048,576 rows is refused after 20,001.

Formulas are never evaluated and links to other workbooks never followed: a formula cell
reads as the value Excel saved with it (the cached value). A formula cell with no saved value
(written by a program that does not calculate, such as openpyxl or pandas) is refused with
its cell named — but only when its column is one the import uses; it would otherwise be an
empty name read as no name, and the person silently left out.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from xml.etree.ElementTree import Element

from desktop.domain.deal import MAX_PEOPLE
from desktop.exchange import xlsx_xml
from desktop.exchange.people_columns import looks_like_header, normalise
from desktop.exchange.text_sniffing import (
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_PREAMBLE_LINES,
    TextTable,
)
from desktop.exchange.xlsx_escape import unescape
from desktop.exchange.xlsx_xml import MAIN
from desktop.problems import Cancelled, ImportProblem

WORKBOOK_PART = "xl/workbook.xml"
# A compound file: what Excel saves a workbook with a password in, and the old .xls format.
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all parts together, as the zip directory declares
MAX_PART = 128 * 1024 * 1024  # one part: a sheet (streamed) of a million short rows is 82 MB
MAX_STRINGS = 64 * 1024 * 1024  # the shared strings, which openpyxl reads whole
MAX_RATIO = 200  # uncompressed : compressed, for parts over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_ROWS = MAX_PEOPLE
EXCEL_COLUMNS = 16_384  # XFD: a row of more cells is no Excel sheet
EXCEL_ROWS = 1_048_576
# The sheet a contacts list is on, by its name (normalised); else the first sheet.
PEOPLE_SHEETS = ("people", "contacts", "contact", "kontakte", "kontakt", "personen",
                 "persons", "ansprechpartner", "contactos", "personnes", "leads")

Place = Callable[[int], str]  # Excel row → "sheet 'People', row 14"


@dataclass(frozen=True, slots=True)
class Uncalculated:
    """A formula cell with no saved value: where it is and what it says."""

    row: int
    column: int  # 0-based
    formula: str


@dataclass(frozen=True, slots=True)
class SheetTable:
    """The table of one sheet, and the formula cells that had no value to read."""

    title: str
    table: TextTable
    uncalculated: tuple[Uncalculated, ...] = ()
    sheet_names: tuple[str, ...] = field(default=())

    def place(self, row: int) -> str:
        return f"sheet {self.title!r}, row {row}"


def is_workbook(head: bytes) -> bool:
    """The start of a zip whose first entries are those of an Office document (Excel writes
    ``[Content_Types].xml`` first, openpyxl ``docProps/`` then ``xl/``)."""
    return head.startswith(b"PK\x03\x04") and any(
        name in head for name in (b"xl/", b"[Content_Types].xml", b"docProps/"))


def check_archive(data: bytes, source: Path) -> None:
    """Refuse anything that is not a workbook, or would inflate past the limits, before a
    byte of it is decompressed."""
    if data.startswith(OLE_SIGNATURE):
        raise ImportProblem(source, "", "this is a password-protected workbook or an old "
                            "Excel 97–2003 file (.xls); open it in Excel and save it as an "
                            ".xlsx workbook without a password")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, or struct/value errors of a damaged directory
        raise ImportProblem(source, "", "this is not an Excel workbook: an .xlsx file is a zip "
                            "archive, and this one is not (or is damaged)") from None
    with archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        if WORKBOOK_PART not in names:
            kind = ("a Word document" if "word/document.xml" in names else "a PowerPoint file"
                    if "ppt/presentation.xml" in names else "a zip archive")
            raise ImportProblem(source, "", f"this is {kind}, not an Excel workbook (it has "
                                f"no {WORKBOOK_PART})")
        total = 0
        for entry in entries:
            size = entry.file_size
            total += size
            limit = MAX_STRINGS if entry.filename.endswith("sharedStrings.xml") else MAX_PART
            if size > limit:
                raise ImportProblem(source, entry.filename, f"the part would unpack to "
                                    f"{size / 1e6:,.0f} MB; a part may hold "
                                    f"{limit / 1e6:,.0f} MB")
            if size > RATIO_FROM and size > MAX_RATIO * max(entry.compress_size, 1):
                raise ImportProblem(source, entry.filename, f"the part is compressed "
                                    f"{size // max(entry.compress_size, 1):,} to 1 (a zip "
                                    f"bomb?); a workbook's parts are at most {MAX_RATIO} to 1")
        if total > MAX_UNCOMPRESSED:
            raise ImportProblem(source, "", f"the workbook would unpack to {total / 1e6:,.0f} "
                                f"MB; the limit is {MAX_UNCOMPRESSED / 1e6:,.0f} MB")


@dataclass(frozen=True, slots=True)
class _Book:
    """What reading a sheet needs of a workbook: its zip, its shared strings, its date
    formats, and its sheets of cells as (title, part)."""

    archive: zipfile.ZipFile
    strings: list[str]
    epoch: datetime
    date_formats: Any
    timedelta_formats: Any
    sheets: list[tuple[str, str]]


@contextmanager
def _opened(data: bytes, source: Path) -> Iterator[_Book]:
    """The workbook opened by openpyxl's reader, without its sheets: ``load_workbook``
    (read-only) measures every sheet on opening, and a sheet that does not state its size
    is then parsed whole — 16 s for a million rows before the first was read."""
    check_archive(data, source)
    with _openpyxl_problems(source, ""):
        from openpyxl.reader.excel import ExcelReader  # ~0.3 s; only when a workbook is read
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True,
                             keep_links=False)
        try:
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            book: Any = reader.wb
            sheets = [(str(sheet.name), str(rel.target))
                      for sheet, rel in reader.parser.find_sheets()
                      if "chartsheet" not in str(rel.Type)
                      and rel.target in reader.valid_files]
            from openpyxl.xml.constants import SHARED_STRINGS

            table = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
            strings_part = table.PartName[1:] if table is not None else None
        except BaseException:
            reader.archive.close()
            raise
    try:
        strings: list[str] = []
        if strings_part is not None:
            with _openpyxl_problems(source, strings_part), \
                    reader.archive.open(strings_part) as stream:
                strings = xlsx_xml.shared_strings(stream, source, strings_part)
        yield _Book(reader.archive, strings, book.epoch, book._date_formats,
                    book._timedelta_formats, sheets)
    finally:
        reader.archive.close()


def read_people_sheet(data: bytes, source: Path,
                      cancelled: Callable[[], bool] = lambda: False) -> SheetTable:
    """The people sheet of the workbook in ``data`` as a table (cells as text)."""
    with _opened(data, source) as book:
        if not book.sheets:
            raise ImportProblem(source, "", "the workbook has no sheet of cells")
        title, part = _people_sheet(book.sheets)
        with _openpyxl_problems(source, f"sheet {title!r}"):
            table = _read_sheet(book, part, title, source, cancelled,
                                tuple(name for name, _part in book.sheets))
    return table


def read_sheet_rows(data: bytes, source: Path, title: str,
                    limit: int) -> list[tuple[int, list[str]]]:
    """The non-empty rows of the sheet ``title`` (more than ``limit`` are refused), for a
    second sheet of our own export (its lines); [] when there is no such sheet."""
    with _opened(data, source) as book:
        part = dict(book.sheets).get(title)
        if part is None:
            return []
        place: Place = lambda row: f"sheet {title!r}, row {row}"  # noqa: E731
        rows: list[tuple[int, list[str]]] = []
        with _openpyxl_problems(source, f"sheet {title!r}"):
            for number, cells, _formulas in _rows(book, part, source, place):
                if any(cells):
                    rows.append((number, cells))
                    if len(rows) > limit:
                        raise ImportProblem(source, place(number), f"the sheet has more than "
                                            f"{limit:,} rows")
    return rows


def _people_sheet(sheets: list[tuple[str, str]]) -> tuple[str, str]:
    for title, part in sheets:
        name = normalise(title)
        if any(name == known or name.startswith(known) for known in PEOPLE_SHEETS):
            return title, part
    return sheets[0]


def _read_sheet(book: _Book, part: str, title: str, source: Path,
                cancelled: Callable[[], bool], names: tuple[str, ...]) -> SheetTable:
    """Find the header in the first rows (as CSV does: the first row that looks like one;
    else the first filled more than half as much as the fullest row, which passes over a title
    or a merged group row above the header), then keep every row after it with a value."""
    place: Place = lambda row: f"sheet {title!r}, row {row}"  # noqa: E731
    stream = _rows(book, part, source, place)
    first: list[tuple[int, list[str], list[tuple[int, str]]]] = []
    header_at: int | None = None
    for number, cells, formulas in stream:
        if not any(cell.strip() for cell in cells):
            continue
        first.append((number, cells, formulas))
        if looks_like_header(cells):
            header_at = len(first) - 1
            break
        if len(first) > MAX_PREAMBLE_LINES:
            break
    if not first:
        raise ImportProblem(source, f"sheet {title!r}", "the sheet is empty")
    if header_at is None:
        widest = max(_filled(cells) for _n, cells, _f in first)
        if widest < 2:
            raise ImportProblem(source, f"sheet {title!r}", "no header row with column names "
                                "was found")
        header_at = next(i for i, (_n, cells, _f) in enumerate(first)
                         if _filled(cells) > 1 and _filled(cells) * 2 > widest)
    header_row, header, _formulas = first[header_at]
    rows: list[tuple[int, list[str]]] = []
    uncalculated: list[Uncalculated] = []

    def keep(number: int, cells: list[str], formulas: list[tuple[int, str]]) -> None:
        rows.append((number, cells))
        uncalculated.extend(Uncalculated(number, column, text) for column, text in formulas)
        if len(rows) > MAX_ROWS:
            raise ImportProblem(source, place(number), f"the sheet has more than "
                                f"{MAX_ROWS:,} rows; a deal holds at most "
                                f"{MAX_PEOPLE:,} people")
        if len(rows) % 500 == 0 and cancelled():
            raise Cancelled

    for number, cells, formulas in first[header_at + 1:]:
        keep(number, cells, formulas)
    for number, cells, formulas in stream:
        if any(cell.strip() for cell in cells) or formulas:
            keep(number, cells, formulas)
    width = max([len(header), *(len(cells) for _n, cells in rows)])
    header = [cell.strip() for cell in header] + [""] * (width - len(header))
    table = TextTable(f"sheet {title!r}", "", header_row, header, rows)
    return SheetTable(title, table, tuple(uncalculated), names)


def _filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _rows(book: _Book, part: str, source: Path,
          place: Place) -> Iterator[tuple[int, list[str], list[tuple[int, str]]]]:
    """(Excel row number, cells as text, formula cells with no saved value) of each row
    present in the sheet's XML, streamed: a row is read when it ends and then emptied, and
    refused as soon as it has more cells than a sheet has columns (counted as each cell
    ends, before the rest of the row is built), or lies below Excel's last row. Only end
    events are asked for: with start events too, the parser's event queue was a third of
    the time."""
    cell_tag, row_tag = f"{{{MAIN}}}c", f"{{{MAIN}}}row"
    cells_in_row = row_at = present = 0
    read_cell = _CellReader(book, source, place)
    with book.archive.open(part) as xml:
        for _event, element in xlsx_xml.events(xml, source, place(0).split(", row")[0],
                                               ("end",)):
            tag = element.tag
            if tag == cell_tag:
                cells_in_row += 1
                if cells_in_row > EXCEL_COLUMNS:
                    raise ImportProblem(source, place(row_at + 1), f"the row has more than "
                                        f"{EXCEL_COLUMNS:,} cells")
                continue
            if tag != row_tag:
                continue
            cells_in_row = 0
            number = element.get("r", "")
            row_at = int(number) if number.isdigit() else row_at + 1
            present += 1
            if row_at > EXCEL_ROWS or present > EXCEL_ROWS:
                raise ImportProblem(source, place(row_at), f"the sheet goes past row "
                                    f"{EXCEL_ROWS:,}, Excel's last")
            yield row_at, *read_cell.row(element, row_at)
            # Emptied, the row stays in the tree (~80 bytes; its parent is never seen
            # with end events alone): at most Excel's 1,048,576 rows, 80 MB.
            element.clear()


class _CellReader:
    """Each cell of a row as the text the seller sees (the value Excel saved for a formula),
    with the formula cells that have none."""

    def __init__(self, book: _Book, source: Path, place: Place) -> None:
        self.strings = book.strings
        self.epoch = book.epoch
        self.dates = book.date_formats
        self.durations = book.timedelta_formats
        self.source = source
        self.place = place
        self.v, self.f, self.inline = (f"{{{MAIN}}}{name}" for name in ("v", "f", "is"))
        self.t, self.r = f"{{{MAIN}}}t", f"{{{MAIN}}}r"
        self.columns: dict[str, int] = {}  # "AB" → 27: a sheet has few columns, many cells

    def row(self, element: Element, number: int) -> tuple[list[str], list[tuple[int, str]]]:
        """Per cell, C-level lookups only where it can (this runs for every cell: 80,000
        for a 10,000-row list)."""
        cells: list[str] = []
        formulas: list[tuple[int, str]] = []
        column = -1
        columns = self.columns
        for cell in element:
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                at = columns.get(letters)
                if at is None:
                    at = columns[letters] = _column(letters)
                column = at
            else:
                column += 1
            kind = cell.get("t")
            value: str | None
            if kind == "inlineStr":
                inline = cell.find(self.inline)
                value = xlsx_xml.text_of(inline, self.t, self.r) if inline is not None else ""
            else:
                value = cell.findtext(self.v)
            if not value:
                formula = cell.find(self.f) if kind != "inlineStr" else None
                if formula is not None and column < MAX_COLUMNS:
                    formulas.append((column, formula.text or ""))
                continue
            if column >= MAX_COLUMNS:
                raise ImportProblem(self.source, self.place(number), f"a value is in column "
                                    f"{column + 1:,}; a table may have {MAX_COLUMNS:,} "
                                    "columns")
            text = value if kind == "inlineStr" else unescape(value) if kind == "str" else \
                self.text(value, kind or "n", cell.get("s"), number)
            if len(text) > MAX_FIELD_CHARS:
                raise ImportProblem(self.source, self.place(number), f"a cell holds "
                                    f"{len(text):,} characters; a cell may hold "
                                    f"{MAX_FIELD_CHARS:,}")
            if column >= len(cells):
                cells.extend([""] * (column + 1 - len(cells)))
            cells[column] = text
        return cells, formulas

    def text(self, value: str, kind: str, style: str | None, number: int) -> str:
        if kind == "s":
            try:
                return self.strings[int(value)]
            except (ValueError, IndexError):
                raise ImportProblem(self.source, self.place(number), f"a cell refers to "
                                    f"shared string {value[:20]!r}, which the workbook does "
                                    "not have") from None
        if kind == "n":
            try:
                amount: int | float = float(value) if "." in value or "e" in value.lower() \
                    else int(value)
            except ValueError:
                return value
            if style is not None and style.isdigit() and int(style) in self.dates:
                from openpyxl.utils.datetime import from_excel

                try:
                    return as_text(from_excel(amount, self.epoch,
                                              timedelta=int(style) in self.durations))
                except (OverflowError, ValueError):
                    return as_text(amount)
            return as_text(amount)
        if kind == "b":
            return "FALSE" if value.strip() in ("0", "") else "TRUE"
        if kind == "d":
            try:
                return as_text(datetime.fromisoformat(value))
            except ValueError:
                return value
        return value  # "str" (a formula's text), "inlineStr", "e" (#N/A…)


def _column(ref: str) -> int:
    """0-based column of a reference or its letters: "C14" → 2, "AB" → 27."""
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def as_text(value: object) -> str:
    """A cell as the seller sees it: whole numbers without ".0", dates as ISO dates."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.microsecond == 0
                               else "auto")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


class _openpyxl_problems:
    """openpyxl's errors on a damaged workbook (XML that is not well-formed, a DTD, a part
    missing, a value of the wrong type…) as one sentence; its warnings unheard."""

    def __init__(self, source: Path, place: str) -> None:
        self.source = source
        self.place = place
        self.quiet = warnings.catch_warnings()

    def __enter__(self) -> None:
        self.quiet.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> Literal[False]:
        self.quiet.__exit__(kind, error, trace)
        if error is None or isinstance(error, ImportProblem | Cancelled) \
                or not isinstance(error, Exception):
            return False
        raise ImportProblem(self.source, self.place, _why(error)) from None


def _why(error: Exception) -> str:
    from defusedxml import DefusedXmlException

    if isinstance(error, DefusedXmlException):
        return ("the workbook's XML declares a DTD or entities, which Deal Triangle never "
                "reads")
    name = type(error).__name__
    if name == "ParseError":
        return f"the workbook's XML is damaged ({error})"
    text = " ".join(str(error).split())[:160]
    return f"the workbook cannot be read ({name}{': ' + text if text else ''})"

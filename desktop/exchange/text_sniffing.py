"""Reading a text table whatever wrote it: the delimiter (comma, semicolon, tab), where the
header is (LinkedIn's export starts with notes before it), and rows that do not fit it.

The encoding is ``text_decoding``'s. Limits are said in one sentence naming the line, and
the reading stops at the first row past them: a cell of more than 100,000 characters, a
header of more than 1,000 columns, more rows than a deal holds people (a 1,000,000-row file
used to be read whole — 1.34 GB — before the people limit refused it).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from desktop.domain.deal import MAX_PEOPLE
from desktop.exchange.text_decoding import decode
from desktop.problems import ImportProblem

DELIMITERS = (",", ";", "\t")
SAMPLE_LINES = 30
MAX_PREAMBLE_LINES = 20
MAX_FIELD_CHARS = 100_000
MAX_COLUMNS = 1_000
MAX_ROWS = MAX_PEOPLE


@dataclass(frozen=True, slots=True)
class TextTable:
    encoding: str
    delimiter: str
    header_line: int  # 1-based line of the header
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)
    skipped: tuple[int, ...] = ()  # lines left out because they did not fit the header


class UnevenRows(ImportProblem):
    """Rows with more or fewer cells than the header: read as they are, their cells would
    land in the wrong fields. The window offers to leave them out (``skip_uneven``)."""

    def __init__(self, source: str | Path, uneven: list[tuple[int, int]], width: int) -> None:
        self.lines = tuple(line for line, _cells in uneven)
        line, cells = uneven[0]
        others = len(uneven) - 1
        more = (f" ({others} more row{'s' * (others > 1)} do{'es' * (others == 1)} not fit "
                "the header either)") if others else ""
        super().__init__(source, f"line {line}", f"the row has {cells} cells where the "
                         f"header has {width}{more}")


def read_table(data: bytes, source: str | Path, is_header: Callable[[list[str]], bool], *,
               skip_uneven: bool = False) -> TextTable:
    """Decode, find the delimiter and the header (the first line ``is_header`` accepts
    within the first lines; else the first line with more than one cell), then the rows."""
    text, encoding = decode(data, source)
    # The csv module's own limit (131,072 characters) raised its error from the sniffing;
    # the reader may see a cell as long as the file, and the cell limit is ours to say.
    csv.field_size_limit(max(len(text), MAX_FIELD_CHARS) + 1)
    delimiter = _delimiter(list(islice(_lines(text), SAMPLE_LINES + MAX_PREAMBLE_LINES)))
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    header_line = 0
    fallback: int | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if is_header(cells):
                header, header_line = cells, line
                break
            if fallback is None and len([c for c in cells if c.strip()]) > 1:
                fallback = line
            if line > MAX_PREAMBLE_LINES:
                break
    except csv.Error as error:
        raise ImportProblem(source, f"line {reader.line_num}", f"the table cannot be read "
                            f"({error})") from None
    if header is None:
        if fallback is None:
            raise ImportProblem(source, "", "no header row with column names was found")
        reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
        header = []
        for cells in reader:  # by line, not by record: a quoted cell may span lines
            if reader.line_num >= fallback:
                header = cells
                break
        header_line = fallback
    return _table(reader, source, encoding, delimiter, header_line, header, skip_uneven)


def _table(reader: Iterator[list[str]], source: str | Path, encoding: str, delimiter: str,
           header_line: int, header: list[str], skip_uneven: bool) -> TextTable:
    """The rows after the header, checked against the limits and the header's width."""
    if len(header) > MAX_COLUMNS:
        raise ImportProblem(source, f"line {header_line}", f"the header has "
                            f"{len(header):,} columns; a table may have {MAX_COLUMNS:,}")
    _check_cells(header, header_line, source)
    named = len(header)
    while named > 1 and not header[named - 1].strip():  # "Name,Title," names two columns
        named -= 1
    rows: list[tuple[int, list[str]]] = []
    uneven: list[tuple[int, int]] = []
    line = header_line
    try:
        for cells in reader:
            line = reader.line_num  # type: ignore[attr-defined]
            if not any(cell.strip() for cell in cells):
                continue
            _check_cells(cells, line, source)
            if len(cells) < named or any(cell.strip() for cell in cells[len(header):]):
                uneven.append((line, len(cells)))  # trailing empty cells are fine
                continue
            rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise ImportProblem(source, f"line {line}", f"the table has more than "
                                    f"{MAX_ROWS:,} rows; a deal holds at most "
                                    f"{MAX_PEOPLE:,} people")
    except csv.Error as error:
        line = reader.line_num  # type: ignore[attr-defined]
        raise ImportProblem(source, f"line {line}", f"the table cannot be read "
                            f"({error})") from None
    if uneven and not skip_uneven:
        raise UnevenRows(source, uneven, named)
    return TextTable(encoding, delimiter, header_line, [c.strip() for c in header], rows,
                     tuple(line for line, _cells in uneven))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, one at a time (a list of a million lines
    was most of a big file's memory). A file with only carriage returns (Excel for Mac's
    "CSV (Macintosh)") is split at those."""
    ending = "\n" if "\n" in text or "\r" not in text else "\r"
    start, size = 0, len(text)
    while start < size:
        end = text.find(ending, start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _check_cells(cells: list[str], line: int, source: str | Path) -> None:
    longest = max((len(cell) for cell in cells), default=0)
    if longest > MAX_FIELD_CHARS:
        raise ImportProblem(source, f"line {line}", f"a cell holds {longest:,} characters; a "
                            f"cell may hold {MAX_FIELD_CHARS:,}")


def _delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number (> 1) of cells."""
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        try:
            counts = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter)
                             if len(row) > 1)
        except csv.Error:  # e.g. an unclosed quote in the sample: not this delimiter
            continue
        if not counts:
            continue
        width, lines_with_it = counts.most_common(1)[0]
        score = lines_with_it * 1000 + width
        if score > best_score:
            best, best_score = delimiter, score
    return best

"""Reading a text table whatever wrote it: the encoding (UTF-8 with or without BOM, UTF-16 as
Excel's "Unicode text" writes it, else Windows-1252), the delimiter (comma, semicolon, tab)
and where the header is (LinkedIn's export starts with notes before it).

Deliberately small and deterministic rather than a statistical charset detector: these are
the encodings the tools sellers export from actually write, and a wrong guess must be
impossible to get silently for UTF-8 (strict decoding decides).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.problems import ImportProblem

DELIMITERS = (",", ";", "\t")
SAMPLE_LINES = 30
MAX_PREAMBLE_LINES = 20
MAX_FIELD_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class TextTable:
    encoding: str
    delimiter: str
    header_line: int  # 1-based line of the header
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)


def decode(data: bytes, source: str | Path) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", source), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source), "UTF-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return _strict(data, "utf-16-le", source), "UTF-16"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return _strict(data, "utf-16-be", source), "UTF-16"
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise ImportProblem(source, f"line {line}", "the file contains a NUL byte; it is not "
                            "a text table")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; a file with those is not text.
        return _strict(data, "cp1252", source), "Windows-1252"


def _strict(data: bytes, encoding: str, source: str | Path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ImportProblem(source, f"line {line}", f"the text is not valid {encoding} "
                            "(is this a text table?)") from None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise ImportProblem(source, f"line {line}", "the file contains a NUL character")
    return text


def read_table(data: bytes, source: str | Path,
               is_header: Callable[[list[str]], bool]) -> TextTable:
    """Decode, find the delimiter and the header (the first line ``is_header`` accepts
    within the first lines; else the first line with more than one cell)."""
    text, encoding = decode(data, source)
    # The csv module's own limit (131,072 characters) raised its error from the sniffing;
    # the reader may see a cell as long as the file, and the cell limit is ours to say.
    csv.field_size_limit(max(len(text), MAX_FIELD_CHARS) + 1)
    lines = text.splitlines()[:SAMPLE_LINES + MAX_PREAMBLE_LINES]
    delimiter = _delimiter(lines)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[str]]] = []
    fallback: tuple[int, list[str]] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if header is None:
                if is_header(cells):
                    header, header_line = [c.strip() for c in cells], line
                elif fallback is None and len([c for c in cells if c.strip()]) > 1:
                    fallback = (line, cells)
                if header is None and line > MAX_PREAMBLE_LINES:
                    break
                continue
            if any(cell.strip() for cell in cells):
                _check_cells(cells, line, source)
                rows.append((line, cells))
    except csv.Error as error:
        raise ImportProblem(source, f"line {reader.line_num}", f"the table cannot be read "
                            f"({error})") from None
    if header is None:
        if fallback is None:
            raise ImportProblem(source, "", "no header row with column names was found")
        return read_table_with_header(text, source, encoding, delimiter, fallback[0])
    return TextTable(encoding, delimiter, header_line, header, rows)


def read_table_with_header(text: str, source: str | Path, encoding: str, delimiter: str,
                           header_line: int) -> TextTable:
    """The table with its header on ``header_line`` (an unknown layout, to be mapped)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if reader.line_num < header_line:
                continue
            if not header:
                header = [c.strip() for c in cells]
            elif any(cell.strip() for cell in cells):
                _check_cells(cells, reader.line_num, source)
                rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise ImportProblem(source, f"line {reader.line_num}", f"the table cannot be read "
                            f"({error})") from None
    return TextTable(encoding, delimiter, header_line, header, rows)


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

"""Parsing a workbook's big XML parts (the sheet, the shared strings) fast and safely.

openpyxl parses through defusedxml when it is installed, which swaps the C parser for
ElementTree's Python one: 8 s for a 10,000-row contacts sheet, where the C parser takes
0.3 s. The big parts are therefore read here with the C parser — ``XMLPullParser``, fed
in chunks, so a sheet is streamed — and the protection defusedxml gives is kept by refusing
what it guards against before the parser sees it: a part in any encoding but UTF-8 (a check
on bytes must see the bytes as they will be read), and any ``<!DOCTYPE`` or ``<!ENTITY``
(no DTD, no entity: nothing to expand, nothing external to fetch; Excel never writes one).
In UTF-8 those ASCII bytes cannot hide inside a multi-byte character, so a byte search
finds every one. The expat under Python (2.4.1 on) refuses entity amplification as well.
The small parts (the workbook, styles, relationships) stay with openpyxl and defusedxml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from desktop.exchange.xlsx_escape import unescape
from desktop.problems import ImportProblem

CHUNK = 64 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_OVERLAP = max(len(word) for word in _FORBIDDEN) - 1
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


Kind = Literal["start", "end"]


def events(stream: IO[bytes], source: Path, place: str,
           kinds: tuple[Kind, ...] = ("start", "end")) -> Iterator[tuple[str, Element]]:
    """The parser's (event, element) pairs as the part is read, a chunk at a time."""
    parser: XMLPullParser[Element] = XMLPullParser(events=kinds)
    tail = b""
    first = True
    while True:
        chunk = stream.read(CHUNK)
        if first:
            _check_encoding(chunk, source, place)
            first = False
        if not chunk:
            break
        window = tail + chunk
        if any(word in window for word in _FORBIDDEN):
            raise ImportProblem(source, place, "the workbook's XML declares a DTD or "
                                "entities, which Deal Triangle never reads")
        tail = window[-_OVERLAP:]
        try:
            parser.feed(chunk)
        except ParseError as error:
            raise _damaged(error, source, place) from None
        yield from _elements(parser)
    try:
        parser.close()
    except ParseError as error:
        raise _damaged(error, source, place) from None
    yield from _elements(parser)


def _elements(parser: XMLPullParser[Element]) -> Iterator[tuple[str, Element]]:
    """The start and end events asked for: each (event, element)."""
    return parser.read_events()  # type: ignore[return-value]


def _check_encoding(head: bytes, source: Path, place: str) -> None:
    text = head.removeprefix(b"\xef\xbb\xbf")
    declared = _DECLARED.match(text)
    encoding = declared.group(1).decode().lower().replace("_", "-") if declared else "utf-8"
    if head.startswith((b"\xfe\xff", b"\xff\xfe", b"\x00", b"<\x00")) or \
            encoding not in ("utf-8", "utf8"):
        raise ImportProblem(source, place, "the workbook's XML is not in UTF-8, the encoding "
                            "Excel writes; Deal Triangle reads no other in a workbook")


def _damaged(error: ParseError, source: Path, place: str) -> ImportProblem:
    line, column = error.position
    return ImportProblem(source, place, f"the workbook's XML is damaged (not well-formed at "
                         f"line {line}, column {column + 1})")


def shared_strings(stream: IO[bytes], source: Path, place: str) -> list[str]:
    """The shared strings table: each string's text, rich-text runs joined, phonetic
    guides left out (as openpyxl reads it)."""
    strings: list[str] = []
    si, t, r = f"{{{MAIN}}}si", f"{{{MAIN}}}t", f"{{{MAIN}}}r"
    for _event, element in events(stream, source, place, ("end",)):
        if element.tag == si:
            strings.append(text_of(element, t, r))
            element.clear()
    return strings


def text_of(element: Element, t: str, r: str) -> str:
    """A string item's text: its <t>, or its runs' <t> joined (not the phonetic <rPh>),
    unescaped as Excel reads it (openpyxl's way, deleting every "x005F_", lost texts)."""
    parts = []
    for child in element:
        if child.tag == t:
            parts.append(unescape(child.text or ""))
        elif child.tag == r:
            run = child.find(t)
            if run is not None:
                parts.append(unescape(run.text or ""))  # each run on its own, as Excel
    return "".join(parts)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

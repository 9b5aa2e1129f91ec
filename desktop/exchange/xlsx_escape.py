"""Excel's escaping of text in a workbook's XML (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).

A character XML 1.0 cannot hold (the controls but tab and line feed, U+FFFE, U+FFFF) is
written ``_xHHHH_``, its code in four hex digits; a carriage return is too, because an XML
parser turns it into a line feed. Excel reads every ``_xHHHH_`` in a string back as that
character, so a text that holds such a sequence literally — a seller's note about
``_x0041_`` — has its underscore escaped: ``_x005F_x0041_``.

openpyxl (3.1) writes text as it is and, reading, only deletes every ``x005F_`` wherever it
is: a note "x005F_" came back empty, "_x0041_" opened in Excel as "A", and a control
character could not be exported at all. So text is escaped here before openpyxl writes it,
and unescaped here when a workbook is read (``xlsx_xml``), and every text comes back as it
left, from our workbooks and from Excel's.
"""

from __future__ import annotations

import re

# A literal "_xHHHH_" (its "_" escaped), or a character XML cannot carry as it is.
_NEEDS_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escaped(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def escape(text: str) -> str:
    """The text as Excel stores it: read back with ``unescape``, or by Excel, it is ``text``."""
    return _NEEDS_ESCAPE.sub(_escaped, text)


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # Half of a UTF-16 pair is no text (no file or database stores it): kept as written.
    return match.group() if 0xD800 <= code <= 0xDFFF else chr(code)


def unescape(text: str) -> str:
    """The text a stored string stands for: each ``_xHHHH_`` the character it names, read
    left to right (``_x005F_x0041_`` is the text ``_x0041_``, as Excel reads it)."""
    return _ESCAPED.sub(_unescaped, text) if "_x" in text else text

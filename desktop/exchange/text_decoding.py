"""Decoding a text table whatever wrote it: UTF-8 with or without BOM, UTF-16 as Excel's
"Unicode text" writes it, else Windows-1252 — and files that mix UTF-8 and Windows-1252.

Deliberately small and deterministic rather than a statistical charset detector: these are
the encodings the tools sellers export from actually write, and a wrong guess must be
impossible to get silently for UTF-8 (strict decoding decides).

A mixed file is what a list becomes after rows were pasted in from another export (Outlook's
Windows-1252 below a UTF-8 header from a web tool). Decoded whole as Windows-1252 its UTF-8
rows became "JosÃ© MÃ¼ller" — stored without a word. Such a file is decoded line by line
instead: each line as UTF-8 when it is valid UTF-8, else as Windows-1252.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from desktop.problems import ImportProblem

# A valid UTF-8 sequence of two to four bytes: in a file that is not all UTF-8, the sign
# that some of its lines are (in real Windows-1252 text "Ã©" next to each other is rare).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")
MIXED = "UTF-8 and Windows-1252, line by line"


def decode(data: bytes, source: str | Path) -> tuple[str, str]:
    """The text and the name of its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8_or_mixed(data[3:], source)
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
    return _decode_utf8_or_mixed(data, source)


def _decode_utf8_or_mixed(data: bytes, source: str | Path) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data) is None:
        # Windows-1252 leaves five bytes undefined; a file with those is not text.
        return _strict(data, "cp1252", source), "Windows-1252"
    return "".join(_by_line(data, source)), MIXED


def _by_line(data: bytes, source: str | Path) -> Iterator[str]:
    for number, line in enumerate(_lines(data), start=1):
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield line.decode("cp1252")
            except UnicodeDecodeError:
                raise ImportProblem(source, f"line {number}", "the text is neither UTF-8 "
                                    "nor Windows-1252 (is this a text table?)") from None


def _lines(data: bytes) -> Iterator[bytes]:
    """The lines of ``data`` with their endings, without a list of all of them at once
    (carriage returns alone end the lines of a file that has no line feed)."""
    ending = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
    start = 0
    while start < len(data):
        end = data.find(ending, start)
        if end < 0:
            yield data[start:]
            return
        yield data[start:end + 1]
        start = end + 1


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

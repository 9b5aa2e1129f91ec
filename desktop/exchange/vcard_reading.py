"""A vCard file (.vcf) as cards of properties, read at the byte level: folded lines joined
before any decoding, each value decoded by its own line's charset.

Why not ``vobject.readComponents`` (the tests read every file with it too): it works on
text, so a file must be decoded before it is unfolded — but Outlook
and Apple fold lines at 75 bytes, which may split a UTF-8 sequence, and Outlook's vCard 2.1
lines each carry their own ``CHARSET`` (Windows-1252 next to UTF-8) and raw 8-bit text that
no single decoding of the file gets right. Its content-line pattern also backtracks
exponentially on a line of many parameters without a colon (``TEL;a;a;…;a``: 20 of them
take a third of a second, and each one more nearly doubles it), and it takes 10 s for
10,000 Apple contacts, most of it building objects for lines a seller never sees (photos,
addresses, birthdays).

So: one pass of a regular expression over the bytes finds the lines that matter —
BEGIN:VCARD, END:VCARD and the properties Deal Triangle keeps, each with the lines folded
onto it — and skips every other line inside the expression engine (a photo's thousand
lines never reach Python). Each kept line is unfolded (and its quoted-printable soft line
breaks joined) as bytes, its parameters read by vobject's own parameter grammar
(``vobject.base.parseParams``, linear), its value decoded by its own ``CHARSET`` (else
UTF-8, else Windows-1252). Every pattern is possessive, so a line that does not match
fails at once whatever its length. Line numbers are counted only for a sentence.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop.domain.deal import MAX_PEOPLE
from desktop.problems import ImportProblem

MAX_LINES = 1_000  # properties of one card: real ones have a few dozen
# Only these properties are parsed; every other line (PHOTO, ADR, BDAY …) is passed over.
WANTED = frozenset({
    "FN", "N", "TITLE", "ORG", "EMAIL", "TEL", "NOTE", "UID", "RELATED",
    "X-MS-MANAGER", "X-ABRELATEDNAMES", "X-ABLABEL", "X-MANAGER", "X-EVOLUTION-MANAGER",
    "X-KADDRESSBOOK-X-MANAGERSNAME", "X-ANDROID-CUSTOM",
    "X-DEAL-TRIANGLE-DEAL", "X-DEAL-TRIANGLE-DEAL-ID",  # ours: the deal the card came from
})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
# The parameters of a content line up to the colon before its value: ";NAME=VALUE,…" where
# a value in double quotes may hold ";" and ":". Possessive: a line that does not match
# fails at once, whatever its length.
_PARAMS = re.compile(rb'(?:;(?:[^;:"]|"[^"]*+")*+)*+:')
_WANTED_BYTES = {name.encode("ascii"): name for name in WANTED}
# A line that matters at the start of a line: BEGIN:VCARD or END:VCARD (group 1), or a
# property Deal Triangle keeps (group 2 its group, 3 its name) with the lines folded onto it
# (each starts with a blank). Longest names first: "N" must not take "NOTE".
_LINE = re.compile(
    rb"^(?:(BEGIN|END)[ \t]*+:[ \t]*+VCARD[ \t]*+(?=\r|\n|$)"
    rb"|(?:([A-Za-z0-9-]++)\.)?("
    + b"|".join(name.encode("ascii") for name in sorted(WANTED, key=len, reverse=True))
    + rb")(?=[ \t]*+[;:])[^\r\n]*+(?:(?:\r\n|\r|\n)[ \t][^\r\n]*+)*+)",
    re.MULTILINE | re.IGNORECASE)
_BLANKS = b" \t"
_COLON = ord(":")
_NO_PARAMS: dict[str, list[str]] = {}  # shared by every property without parameters
_NONE: frozenset[str] = frozenset()
_QP_PARAM = re.compile(rb"QUOTED-PRINTABLE", re.IGNORECASE)
_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_SOFT_BREAK = re.compile(rb"=(?:\r\n|\r|\n)")  # quoted-printable: the line goes on
_BROKEN_QP = re.compile(rb"=(?![0-9A-Fa-f]{2})")
_BEGIN = b"BEGIN:VCARD"
_END = b"END:VCARD"


@dataclass(slots=True)
class Property:
    """One content line the reader keeps, its value decoded to text but still escaped the
    vCard way (``\\,`` ``\\;`` ``\\n``): structured values split on unescaped ``;``."""

    name: str  # upper case: "TEL"
    group: str  # lower case: "item1"; "" when none
    params: dict[str, list[str]]  # upper-case names; TYPE values lower case
    value: str
    at: int  # the offset of its first byte in the file

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


class LineNumbers:
    """The line an offset of the file is on, as an editor numbers them — counted only when
    a sentence needs one."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ending = b"\n" if b"\n" in data or b"\r" not in data else b"\r"

    def __call__(self, offset: int) -> int:
        return self.data.count(self.ending, 0, offset) + 1


@dataclass(slots=True)
class Card:
    number: int  # 1 for the file's first card
    at: int  # the offset of its BEGIN:VCARD
    numbers: LineNumbers
    lines: int = 0  # its lines of the properties Deal Triangle keeps
    properties: list[Property] = field(default_factory=list)

    def place(self, at: int | None = None) -> str:
        """Where a problem is, for the sentence: "card 3 (line 41)"."""
        return f"card {self.number} (line {self.numbers(self.at if at is None else at)})"


def read_cards(data: bytes, source: str | Path) -> list[Card]:
    """Every card of ``data``, or ImportProblem naming the card and line of the first
    thing that is not a vCard."""
    data = _as_utf8_compatible(data, source)
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # an old Mac's line ends: one for one, same lines
    numbers = LineNumbers(data)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportProblem(source, f"line {numbers(nul)}", "the file contains a NUL byte; it "
                            "is not a vCard file")
    cards: list[Card] = []
    card: Card | None = None
    outside = 0  # where the text outside any card began (the file's start, or after END)
    pos = 0
    # Each line that matters, with the lines folded onto it; the lines between (photos,
    # addresses, birthdays — thousands of lines each) are skipped by the regular
    # expression engine, never seen by Python.
    for match in _LINE.finditer(data):
        at = match.start()
        if at < pos:
            continue  # inside a quoted-printable value joined with the lines after it
        pos = match.end()
        edge = match.group(1)
        if edge is not None:  # BEGIN:VCARD or END:VCARD
            if edge.upper() == b"BEGIN":
                if card is not None:
                    raise ImportProblem(source, card.place(), "BEGIN:VCARD without END:VCARD "
                                        f"(the next card starts on line {numbers(at)})")
                _check_outside(data, outside, at, source, numbers, len(cards))
                if len(cards) >= MAX_PEOPLE:  # refused before 64 MB of cards are read
                    raise ImportProblem(source, f"card {len(cards) + 1} (line {numbers(at)})",
                                        f"the file has more than {MAX_PEOPLE:,} cards; a "
                                        f"deal holds at most {MAX_PEOPLE:,} people")
                card = Card(len(cards) + 1, at, numbers)
            elif card is not None:
                cards.append(card)
                card = None
                outside = pos
            continue
        if card is None:
            continue  # found by _check_outside when the next card begins or the file ends
        card.lines += 1
        if card.lines > MAX_LINES:
            raise ImportProblem(source, card.place(at), f"the card has more than "
                                f"{MAX_LINES:,} contact lines (TEL, EMAIL, NOTE …); a real "
                                "contact has a few")
        text = match.group()
        if text.endswith(b"=") and _QP_PARAM.search(text, 0, text.find(b":") + 1):
            text, pos = _soft_broken(data, text, pos)
        card.properties.append(_property(text, match, at, card, source))
    if card is not None:
        raise ImportProblem(source, card.place(), "BEGIN:VCARD without END:VCARD (the file "
                            "ends inside the card)")
    _check_outside(data, outside, len(data), source, numbers, len(cards))
    if not cards:
        raise ImportProblem(source, "", "this is not a vCard file: it holds no card "
                            "(BEGIN:VCARD … END:VCARD)")
    return cards


def _check_outside(data: bytes, start: int, end: int, source: str | Path,
                   numbers: LineNumbers, done: int) -> None:
    """Only blank lines before the first card, between cards and after the last."""
    if not data[start:end].strip():
        return
    first = start + len(data[start:end]) - len(data[start:end].lstrip())
    place = f"line {numbers(first)}"
    if not done:
        raise ImportProblem(source, place, "this is not a vCard file (a contacts file starts "
                            "with BEGIN:VCARD)")
    raise ImportProblem(source, place, f"text after the END:VCARD of card {done} that is not "
                        "a new card (BEGIN:VCARD)")


def _soft_broken(data: bytes, text: bytes, pos: int) -> tuple[bytes, int]:
    """A quoted-printable value whose lines end in "=" (a soft line break): joined with the
    lines that follow, and where reading goes on."""
    pieces = [text]
    while pieces[-1].endswith(b"=") and pos < len(data):
        start = pos + (2 if data[pos:pos + 2] == b"\r\n" else 1)
        newline = data.find(b"\n", start)
        end = len(data) if newline < 0 else newline
        if end > start and data[end - 1:end] == b"\r":
            end -= 1
        pieces[-1] = pieces[-1][:-1]
        pieces.append(data[start:end])
        pos = end
    return b"".join(pieces), pos


def _property(text: bytes, match: re.Match[bytes], at: int, card: Card,
              source: str | Path) -> Property:
    """The content line as a Property."""
    name = _WANTED_BYTES[match.group(3).upper()]
    if b"\n" in text or b"\r" in text:  # folded: unfolded before anything is decoded
        if _QP_PARAM.search(text):
            text = _SOFT_BREAK.sub(b"", text)
        text = _FOLD.sub(b"", text)
    stop = match.end(3) - at
    while text[stop] in _BLANKS:  # the pattern saw a ";" or ":" after the blanks
        stop += 1
    if text[stop] == _COLON:  # no parameters: most lines
        params = _NO_PARAMS
        start = stop + 1
    else:
        found = _PARAMS.match(text, stop)
        if found is None:
            raise ImportProblem(source, card.place(at), f"the {name} line has no ':' before "
                                "its value")
        params = _parameters(text[stop:found.end() - 1])
        start = found.end()
    value = text[start:]
    if params or not value.isascii():
        try:
            decoded = _decoded(value, params, name)
        except ValueError as error:
            raise ImportProblem(source, card.place(at), str(error)) from None
    else:
        decoded = value.decode("ascii")
    group = match.group(2)
    return Property(name, group.decode("ascii").lower() if group else "", params, decoded, at)


@lru_cache(maxsize=512)
def _parameters(raw: bytes) -> dict[str, list[str]]:
    """The parameters by name. vCard 2.1's bare ones (``TEL;WORK;VOICE``) are types or an
    encoding, as they are in 3.0's ``TYPE=work,voice`` and ``ENCODING=…``. Cached: a file
    repeats a handful of parameter lists thousands of times; the dictionary is shared, so
    it is never changed."""
    from vobject.base import parseParams  # loaded when a file is read: 50 ms at start-up

    params: dict[str, list[str]] = {}
    for name, *values in parseParams(raw.decode("latin-1")):
        key = str(name).upper()
        if not values:
            if key in _ENCODINGS:
                params.setdefault("ENCODING", []).append(key)
            else:
                params.setdefault("TYPE", []).append(key.lower())
        elif key == "TYPE":
            kinds = params.setdefault("TYPE", [])
            for value in values:
                kinds.extend(kind.strip().lower() for kind in str(value).split(","))
        else:
            params.setdefault(key, []).extend(str(value) for value in values)
    return params


def _decoded(value: bytes, params: dict[str, list[str]], name: str) -> str:
    """The value's text; ValueError says in words why it has none."""
    encoding = {e.upper() for e in params["ENCODING"]} if "ENCODING" in params else _NONE
    if "QUOTED-PRINTABLE" in encoding:
        broken = _BROKEN_QP.search(value)
        if broken is not None:
            near = value[broken.start():broken.start() + 3].decode("latin-1")
            raise ValueError(f"the quoted-printable value of {name} is broken at {near!r} "
                             "('=' must be followed by two hex digits)")
        value = binascii.a2b_qp(value)
    elif encoding & {"BASE64", "B"}:
        return ""  # a picture or a key, never a name or a title
    if value.isascii():
        return value.decode("ascii")
    declared = [c for c in params.get("CHARSET", ()) if _known(c)][:1]
    charsets = [*declared, "utf-8", "cp1252"]
    for charset in charsets:
        try:
            return value.decode(charset)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"the text of {name} is neither UTF-8 nor Windows-1252")


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _as_utf8_compatible(data: bytes, source: str | Path) -> bytes:
    """Without a byte-order mark; UTF-16 (a few Windows tools) as UTF-8, so that the one
    byte-level pass reads every file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportProblem(source, "", f"the file is not valid UTF-16 (byte "
                                f"{error.start:,})") from None
    return data

"""A vCard file (.vcf) as cards of properties, read at the byte level: folded lines joined
before any decoding, each value decoded by its own line's charset.

Why not ``vobject.readComponents`` (the library writes our files and checks them in the
tests): it works on text, so a file must be decoded before it is unfolded — but Outlook
and Apple fold lines at 75 bytes, which may split a UTF-8 sequence, and Outlook's vCard 2.1
lines each carry their own ``CHARSET`` (Windows-1252 next to UTF-8) and raw 8-bit text that
no single decoding of the file gets right. Its content-line pattern also backtracks
exponentially on a line of many parameters without a colon (``TEL;a;a;…;a``: 20 of them
take a third of a second, 30 minutes), and it takes 4 s for 10,000 contacts, most of it in
building objects for lines a seller never sees (photos, addresses, birthdays).

So: one linear pass over the bytes splits the cards and their logical lines (unfolding
continuation lines and quoted-printable soft line breaks), numbers each line as an editor
shows it, refuses what no contacts app writes (a card without END, thousands of lines in
one card), and parses only the properties Deal Triangle keeps — their parameters by
vobject's own parameter grammar (``vobject.base.parseParams``, linear), their values by
possessive patterns that cannot backtrack.
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from vobject.base import parseParams

from desktop.problems import ImportProblem

MAX_LINES = 1_000  # properties of one card: real ones have a few dozen
# Only these properties are parsed; every other line (PHOTO, ADR, BDAY …) is passed over.
WANTED = frozenset({
    "VERSION", "FN", "N", "TITLE", "ORG", "EMAIL", "TEL", "NOTE", "UID", "RELATED",
    "X-MS-MANAGER", "X-ABRELATEDNAMES", "X-ABLABEL", "X-MANAGER", "X-EVOLUTION-MANAGER",
    "X-KADDRESSBOOK-X-MANAGERSNAME", "X-ANDROID-CUSTOM",
})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
# The parameters of a content line up to the colon before its value: ";NAME=VALUE,…" where
# a value in double quotes may hold ";" and ":". Possessive: a line that does not match
# fails at once, whatever its length.
_PARAMS = re.compile(rb'(?:;(?:[^;:"]|"[^"]*+")*+)*+:')
# The start of a content line: an optional group ("item1.") and the property's name.
_HEAD = re.compile(rb"[ \t]*+(?:([A-Za-z0-9-]++)\.)?([A-Za-z0-9_-]++)[ \t]*+")
_WANTED_BYTES = {name.encode("ascii"): name for name in WANTED}
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
    line: int  # where the property starts, as an editor numbers the file's lines

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


@dataclass(slots=True)
class Card:
    number: int  # 1 for the file's first card
    line: int  # the line of its BEGIN:VCARD
    version: str = ""
    lines: int = 0  # its content lines, kept or not
    properties: list[Property] = field(default_factory=list)

    def place(self, line: int | None = None) -> str:
        """Where a problem is, for the sentence: "card 3 (line 41)"."""
        return f"card {self.number} (line {self.line if line is None else line})"


def read_cards(data: bytes, source: str | Path) -> list[Card]:
    """Every card of ``data``, or ImportProblem naming the card and line of the first
    thing that is not a vCard."""
    data = _as_utf8_compatible(data, source)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ImportProblem(source, f"line {line}", "the file contains a NUL byte; it is not "
                            "a vCard file")
    reader = _Reader(source)
    ending = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
    pending: list[bytes] = []  # the pieces of the logical line being joined
    pending_line = 0
    quoted_printable = False
    for number, raw in enumerate(data.split(ending), start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if pending:
            if quoted_printable and pending[-1].endswith(b"="):
                # A quoted-printable soft line break: "=" at the end, the rest on the next line.
                pending[-1] = pending[-1][:-1]
                pending.append(raw)
                continue
            if raw[:1] in (b" ", b"\t"):  # folded: the line goes on after one blank
                pending.append(raw[1:])
                continue
            reader.line(b"".join(pending), pending_line)
        pending = [raw]
        pending_line = number
        quoted_printable = raw.endswith(b"=") and b"QUOTED-PRINTABLE" in raw[:raw.find(
            b":") + 1].upper()
    if pending:
        reader.line(b"".join(pending), pending_line)
    return reader.finish()


class _Reader:
    """The cards of a file, fed one logical line at a time."""

    def __init__(self, source: str | Path) -> None:
        self.source = source
        self.cards: list[Card] = []
        self.card: Card | None = None
        self.last_end = 0

    def line(self, text: bytes, number: int) -> None:
        stripped = text.strip()
        if not stripped:
            return
        card = self.card
        # Only a line as long as BEGIN:VCARD or END:VCARD is compared with them.
        upper = stripped.upper() if len(stripped) in (9, 11) else b""
        if card is None:
            if upper == _BEGIN:
                self.card = Card(len(self.cards) + 1, number)
                return
            if not self.cards:
                raise ImportProblem(self.source, f"line {number}", "this is not a vCard file "
                                    "(a contacts file starts with BEGIN:VCARD)")
            raise ImportProblem(self.source, f"line {number}", "text after the END:VCARD of "
                                f"card {len(self.cards)} that is not a new card (BEGIN:VCARD)")
        if upper == _END:
            self.cards.append(card)
            self.card = None
            self.last_end = number
            return
        if upper == _BEGIN:
            raise ImportProblem(self.source, card.place(), "BEGIN:VCARD without END:VCARD (the "
                                f"next card starts on line {number})")
        card.lines += 1
        if card.lines > MAX_LINES:
            raise ImportProblem(self.source, card.place(number), f"the card has more than "
                                f"{MAX_LINES:,} lines; a contact has a few dozen")
        self._property(card, text, number)

    def finish(self) -> list[Card]:
        if self.card is not None:
            raise ImportProblem(self.source, self.card.place(), "BEGIN:VCARD without "
                                "END:VCARD (the file ends inside the card)")
        if not self.cards:
            raise ImportProblem(self.source, "", "this is not a vCard file: it holds no card "
                                "(BEGIN:VCARD … END:VCARD)")
        return self.cards

    def _property(self, card: Card, text: bytes, number: int) -> None:
        head = _HEAD.match(text)
        if head is None:
            return  # not a content line; contacts apps pass over such lines too
        name = _WANTED_BYTES.get(head.group(2).upper())
        if name is None:
            return
        stop = head.end()
        if text[stop:stop + 1] == b":":  # no parameters: most lines
            params: dict[str, list[str]] = {}
            start = stop + 1
        else:
            match = _PARAMS.match(text, stop)
            if match is None:
                raise ImportProblem(self.source, card.place(number), f"the {name} line has "
                                    "no ':' before its value")
            params = _parameters(text[stop:match.end() - 1].decode("latin-1"))
            start = match.end()
        value = text[start:]
        if params or not value.isascii():
            try:
                decoded = _decoded(value, params, name)
            except ValueError as error:
                raise ImportProblem(self.source, card.place(number), str(error)) from None
        else:
            decoded = value.decode("ascii")
        if name == "VERSION":
            card.version = decoded.strip()
            return
        group = head.group(1)
        card.properties.append(Property(name, group.decode("ascii").lower() if group else "",
                                        params, decoded, number))


def _parameters(text: str) -> dict[str, list[str]]:
    """The parameters by name. vCard 2.1's bare ones (``TEL;WORK;VOICE``) are types or an
    encoding, as they are in 3.0's ``TYPE=work,voice`` and ``ENCODING=…``."""
    params: dict[str, list[str]] = {}
    if not text:
        return params
    for name, *values in parseParams(text):
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
    encoding = {e.upper() for e in params.get("ENCODING", ())}
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

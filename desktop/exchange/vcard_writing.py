"""A deal's people as vCard 3.0 cards, one per person, for Outlook, Apple and Google Contacts.

Why 3.0: it is the version every contacts app reads and writes back — Apple Contacts and
Google Contacts export 3.0, Outlook reads it, phones import it; 2.1 cannot hold UTF-8
safely (Outlook's own 2.1 files declare a charset per line) and 4.0 is not read by Outlook
nor written by Apple. UTF-8, CRLF line ends, lines folded at 75 octets never inside a
UTF-8 sequence (RFC 2426 §2.6, RFC 6350 §3.2).

Each card: UID (the person's id, so the file imported back gives the same people), FN and
N, TITLE, ORG (organisation;department), the work EMAIL and TEL, NOTE only when private
notes are included (as the deal file and prints treat them). The manager — a reports-to
line — is written the way each app reads it: Outlook's ``X-MS-MANAGER`` and Apple's and
Google's related name labelled manager (``itemN.X-ABRELATEDNAMES`` +
``itemN.X-ABLabel:_$!<Manager>!$_``). Not vCard 4.0's RELATED: 3.0 has no such property.

Written here, not by ``vobject`` (which the tests use to read every file back): vobject
decides whether to fold by counting characters, not octets — a line of 60 accented
letters (120 octets) went out unfolded — and it took 9 s for 10,000 people; the escaping
(RFC 2426 §5: backslash, comma, semicolon, line break) and the folding are a few lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.exchange.formats.people_csv import managers_by_person

PRODUCT = "-//Deal Triangle//Contacts//EN"
MANAGER_LABEL = "_$!<Manager>!$_"  # Apple's own spelling of the "manager" label
LINE_OCTETS = 75
_SPECIAL = ("\\", ",", ";", "\n", "\r")


def vcard_bytes(deals: Sequence[Deal], include_private: bool) -> bytes:
    out: list[bytes] = []
    for deal in deals:
        managers = managers_by_person(deal)
        for person in deal.people:
            lines = card_lines(person, managers.get(person.id, []), include_private)
            # Which deal the card came from (other apps keep or ignore X- lines): the file
            # imported back goes into that deal instead of making a copy.
            lines[-1:-1] = [f"X-DEAL-TRIANGLE-DEAL:{escaped(deal.name)}",
                            f"X-DEAL-TRIANGLE-DEAL-ID:{deal.id}"]
            out.extend(folded(line) for line in lines)
    return b"".join(out)


def card_lines(person: Person, managers: Sequence[str], include_private: bool) -> list[str]:
    """The person's card, one unfolded content line per item."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODUCT}", f"UID:{person.id}",
             f"FN:{escaped(person.name)}"]
    *given, family = person.name.split()
    lines.append(f"N:{escaped(family)};{escaped(' '.join(given))};;;")
    if person.title:
        lines.append(f"TITLE:{escaped(person.title)}")
    if person.organisation or person.department:
        lines.append(f"ORG:{escaped(person.organisation)}"
                     + (f";{escaped(person.department)}" if person.department else ""))
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escaped(person.email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escaped(person.phone)}")
    if include_private and person.notes:
        lines.append(f"NOTE:{escaped(person.notes)}")
    if managers:
        lines.append(f"X-MS-MANAGER:{escaped(managers[0])}")  # Outlook has one manager field
    for number, manager in enumerate(managers, start=1):
        lines.append(f"item{number}.X-ABRELATEDNAMES:{escaped(manager)}")
        lines.append(f"item{number}.X-ABLabel:{MANAGER_LABEL}")
    lines.append("END:VCARD")
    return lines


def escaped(text: str) -> str:
    """A text value as vCard 3.0 writes it: backslash, comma and semicolon escaped, line
    breaks as ``\\n``."""
    if not any(c in text for c in _SPECIAL):
        return text
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def folded(line: str) -> bytes:
    """One content line in UTF-8, folded at ``LINE_OCTETS`` octets (a continuation line's
    leading space counts), never between the bytes of one character; with its CRLF."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data + b"\r\n"
    pieces = []
    start = 0
    limit = LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: fold before its character
            end -= 1
        pieces.append(data[start:end])
        start = end
        limit = LINE_OCTETS - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"

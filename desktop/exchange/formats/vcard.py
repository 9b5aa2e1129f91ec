"""Contacts as vCard (.vcf): read what Outlook (2.1), Apple and Google Contacts (3.0) and
vCard 4.0 tools export — people, and who reports to whom — and write a deal's people as
vCard 3.0 for those apps. Reading: desktop/exchange/vcard_reading.py (the bytes) and
vcard_people.py (the people); writing: vcard_writing.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange.collector_pause import collector_paused
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import write_bytes
from desktop.exchange.vcard_people import people_from_cards
from desktop.exchange.vcard_reading import Card, read_cards
from desktop.exchange.vcard_writing import vcard_bytes


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    with collector_paused():
        return [people_from_cards(cards, path, options)
                for cards in by_deal(read_cards(data, path))]


def by_deal(cards: list[Card]) -> list[list[Card]]:
    """The cards of each deal our export of several deals wrote (``X-DEAL-TRIANGLE-DEAL-ID``),
    in the order the deals first appear — each comes back as its own deal, not all in one;
    any other file is one group."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        key = next((p.value.strip() for p in card.properties
                    if p.name == "X-DEAL-TRIANGLE-DEAL-ID"), "")
        groups.setdefault(key, []).append(card)
    return list(groups.values()) if len(groups) > 1 else [cards]


def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    write_bytes(path, vcard_bytes(deals, include_private))
    return [path]


def sniff(head: bytes) -> bool:
    """A file that starts (after a byte-order mark and blank lines) with BEGIN:VCARD."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:11].upper() == b"BEGIN:VCARD"


FORMAT = Format("vcard", "Contacts (vCard)", (".vcf", ".vcard"), read=read, write=write,
                sniff=sniff)

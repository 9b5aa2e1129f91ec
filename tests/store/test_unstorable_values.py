"""The last guard: a value SQLite cannot hold that got past validation (a lone surrogate, an
integer past 64 bits) ends in one sentence (a StoreError, which the window shows and which
leaves no undo step), and nothing of the write remains — it was a UnicodeEncodeError or an
OverflowError out of INSERT."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.store.errors import ValueNotStorable
from desktop.store.library import Library
from tests.helpers.cli import digest


def smuggled(person: Person, field: str, value: object) -> Person:
    """``person`` with a value validation would refuse (as a future bug might let one by)."""
    object.__setattr__(person, field, value)
    return person


@pytest.mark.parametrize(("field", "value", "said"), [
    ("name", "Ann \ud800 Example", "not valid Unicode"),
    ("title", "\udfff", "not valid Unicode"),
])
def test_an_unstorable_value_is_a_sentence_and_writes_nothing(tmp_path: Path, field: str,
                                                              value: object, said: str) -> None:
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        library.add_deals([Deal(name="Kept", people=(Person(name="Bo"),))])
    before = digest(path)
    bad = smuggled(Person(name="Ann"), field, value)
    with Library.open(path) as library:
        with pytest.raises(ValueNotStorable, match=said):
            library.add_deals([Deal(name="Refused", people=(bad,))])
        assert [d.name for d in library.list_deals()] == ["Kept"]
    assert digest(path) == before


def test_a_number_past_64_bits_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    deal = Deal(name="Big")
    object.__setattr__(deal, "amount", 2 ** 70)
    with Library.open(path) as library:
        with pytest.raises(ValueNotStorable, match="too large"):
            library.add_deals([deal])
        assert library.list_deals() == []

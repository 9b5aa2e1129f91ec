"""A person's place: moving one keeps everything else as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.person import Person


def test_a_person_moved_is_the_same_person_elsewhere() -> None:
    from desktop.domain.position import Position

    person = Person(name="Ada Lovelace", title="CTO")
    moved = person.at(Position(120.0, -40.0))
    assert moved.position == Position(120.0, -40.0)
    assert moved == replace(person, position=Position(120.0, -40.0))
    assert person.position == Position()  # the original is untouched
    with pytest.raises(ValidationError):
        person.at((1.0, 2.0))  # type: ignore[arg-type]

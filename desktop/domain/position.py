"""Where a person's card sits on the map, in scene units (1 unit ≈ 1 px at 100 % zoom)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.domain.errors import ValidationError

# Far beyond any real map, small enough that float arithmetic in the scene stays exact.
POSITION_LIMIT = 1_000_000.0


@dataclass(frozen=True, slots=True)
class Position:
    x: float = 0.0
    y: float = 0.0

    def __post_init__(self) -> None:
        for name in ("x", "y"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValidationError(name, f"{value!r} is not a number")
            if not math.isfinite(value) or abs(value) > POSITION_LIMIT:
                raise ValidationError(name, f"{value!r} is outside the map")
            object.__setattr__(self, name, float(value))

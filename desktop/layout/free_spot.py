"""Where a new card goes: the free place nearest to where the seller is looking (under the
selected person, or the middle of the map), so new people never pile up on each other."""

from __future__ import annotations

import math
from collections.abc import Iterable

BOX = (236.0, 92.0)  # a card with room around it
RINGS = 40  # how far out to look, in boxes


def free_spot(taken: Iterable[tuple[float, float]], near: tuple[float, float], *,
              box: tuple[float, float] = BOX) -> tuple[float, float]:
    """The centre nearest to ``near`` where a card of ``box`` overlaps no card centred at
    one of ``taken``; candidates on a grid of boxes around ``near``, nearest first (below
    before above, then right before left, at equal distance)."""
    width, height = box
    centres = list(taken)

    def free(x: float, y: float) -> bool:
        return all(abs(x - cx) >= width or abs(y - cy) >= height for cx, cy in centres)

    x0, y0 = near
    candidates = sorted(
        ((dx, dy) for dx in range(-RINGS, RINGS + 1) for dy in range(-RINGS, RINGS + 1)),
        key=lambda d: (math.hypot(d[0] * width, d[1] * height), -d[1], -d[0]))
    for dx, dy in candidates:
        x, y = x0 + dx * width, y0 + dy * height
        if free(x, y):
            return (x, y)
    bottom = max((cy for _, cy in centres), default=y0)
    return (x0, bottom + height)  # a map fuller than RINGS boxes around: below everything

"""Which map items paint while cards are dragged.

On a dense map a dragged card's lines cross the whole screen, so every frame of a drag would
repaint nearly everything. Instead the view takes one picture of everything that stays still
(``STILL``), then paints only what moves (``MOVING``) over that picture until the mouse is
released. Items ask the scene's one ``DragLayer`` in their ``paint``: a skipped item costs a
function call, not a stroke.
"""

from __future__ import annotations

from enum import Enum


class Showing(Enum):
    ALL = "all"
    STILL = "still"  # taking the picture of what does not move
    MOVING = "moving"  # painting the moving cards and lines over that picture


class DragLayer:
    def __init__(self) -> None:
        self.showing = Showing.ALL

    def skips(self, moving: bool) -> bool:
        """True when an item that is (or is not) ``moving`` must not paint now."""
        showing = self.showing
        return showing is not Showing.ALL and (showing is Showing.MOVING) != moving

"""How the people of one cell of the support × influence grid are stacked: pure geometry in
display pixels, no matplotlib, so the rule can be read and tested on its own.

A cell is a list, not a cloud: markers one under another with the name to the right, the
heaviest at the top, in as many columns as the cell is wide enough to hold names. When the
people outnumber the places that have room for a name, the ones who matter most keep a named
place (always at least ``keep`` of them: the high-influence and the selected) and the others
go, unnamed, in tight rows of markers under the list — each still on their own, never on top
of a colleague; in a cell too small even for that, those markers are drawn smaller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CellLayout:
    """``named`` places (column-major, top-down), then ``unnamed`` places in rows under
    them; each place is the centre of a marker, in display pixels. ``unnamed_size``: the
    largest marker (across, in pixels) an unnamed place has room for."""

    named: list[tuple[float, float]]
    unnamed: list[tuple[float, float]]
    column_width: float
    unnamed_size: float


def stack_cell(box: tuple[float, float, float, float], count: int, *, slot: float,
               radius: float, name_width: float, keep: int = 0,
               names: int | None = None) -> CellLayout:
    """Places for ``count`` markers in ``box`` (x0, y0, x1, y1; y up), ``slot`` apart
    (a line of text or a marker, whichever is taller); ``radius`` is the largest marker's
    half size, ``name_width`` the room a typical name needs beside it. ``keep`` places at
    least must have room for a name, ``names`` at most need it (the chart names only so
    many: a listed marker without its name would look like a name lost)."""
    x0, y0, x1, y1 = box
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    wanted = count if names is None else max(min(names, count), keep)
    rows = max(1, int(height // slot))
    fitting = max(1, int(width // (2 * radius + name_width)))  # columns that hold names
    columns = max(1, min(max(fitting, math.ceil(keep / rows)), math.ceil(wanted / rows)))
    column_width = width / columns
    if wanted == count and columns * rows >= count:
        per_column = math.ceil(count / columns)
        return CellLayout(_list(x0, y1, count, per_column, column_width, radius, slot), [],
                          column_width, 2 * radius)
    across = max(1, int(width // slot))  # full-size markers per unnamed row
    named_rows = min(rows, math.ceil(wanted / columns))
    floor = math.ceil(keep / columns)
    while named_rows > floor and columns * named_rows + across * (rows - named_rows) < count:
        named_rows -= 1
    places = min(columns * named_rows, wanted)
    named = _list(x0, y1, places, named_rows, column_width, radius, slot)
    unnamed, size = _rows(x0, y0, width, y1 - named_rows * slot - y0, count - places,
                          slot, radius)
    return CellLayout(named, unnamed, column_width, size)


def _list(x0: float, top: float, count: int, per_column: int, column_width: float,
          radius: float, slot: float) -> list[tuple[float, float]]:
    if count <= 0:
        return []
    return [(x0 + (i // per_column) * column_width + radius,
             top - (i % per_column + 0.5) * slot) for i in range(count)]


def _rows(x0: float, y0: float, width: float, height: float, count: int, slot: float,
          radius: float) -> tuple[list[tuple[float, float]], float]:
    """``count`` markers in rows filling ``width`` × ``height`` from the top: a slot
    apart when they fit, else on the largest square step that holds them all."""
    if count <= 0:
        return [], 2 * radius
    step = slot
    if (width // step) * max(1.0, height // step) < count:
        step = math.sqrt(width * max(height, step) / count)
        while step > 1.0 and (width // step) * max(1.0, height // step) < count:
            step *= 0.95
    across = max(1, int(width // step))
    top = y0 + max(height, step)
    places = [(x0 + step / 2 + (i % across) * step, top - (i // across + 0.5) * step)
              for i in range(count)]
    return places, min(2 * radius, step - 1.0)

"""Building domain values from data that was validated when it was stored.

Every value in a library file went through the domain's constructors on its way in, and the
tables repeat the domain's rules as ``CHECK`` constraints (scores 0–10 or unknown, support
−2…+2, known enum values, no self-lines, one line per kind and pair). Reading a deal back
need not clean and check every text again — which was most of the cost of opening a big deal
(133 ms for 2,000 people, against 26 ms for the bare rows). Anything from outside a library
(files, the command line, the window's editors) still goes through the checking
constructors; only ``desktop/store/rows.py`` builds values this way.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def trusted(cls: type[T], **values: Any) -> T:
    """An instance of the frozen dataclass ``cls`` with exactly ``values`` (every field),
    built without ``__post_init__``."""
    instance = object.__new__(cls)
    setter = object.__setattr__
    for name, value in values.items():
        setter(instance, name, value)
    return instance

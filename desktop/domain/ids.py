"""Stable identifiers: every deal, person, relation and snapshot has a UUID forever.

UUIDs (not row numbers) let a deal travel between laptops and merge back without clashes.
"""

from __future__ import annotations

import uuid

from desktop.domain.errors import ValidationError


def new_id() -> str:
    return str(uuid.uuid4())


def check_id(value: object, path: str) -> str:
    """Return the canonical lower-case form of a UUID string, or raise."""
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a UUID string, found {type(value).__name__}")
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        raise ValidationError(path, f"{value[:60]!r} is not a UUID") from None
    return str(parsed)

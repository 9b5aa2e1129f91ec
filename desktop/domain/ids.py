"""Stable identifiers: every deal, person, relation and snapshot has a UUID forever.

UUIDs (not row numbers) let a deal travel between laptops and merge back without clashes.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from desktop.domain.errors import ValidationError

# The canonical form, as we write it: checked without building a UUID object (imports of
# tens of thousands of rows check hundreds of thousands of ids).
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))`` without building UUID objects: the same id, in
    half the time (imports derive one per row)."""
    h = hashlib.sha1(namespace.bytes + name.encode("utf-8"), usedforsecurity=False).hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]  # RFC 4122 variant bits 10xx
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"  # version 5


def uuid_or_none(text: str | None) -> str | None:
    """``text`` as a canonical UUID when it is one (the ids our exports carry: a deal's, a
    person's, a line's), else None — a cell or attribute of another tool's file."""
    text = (text or "").strip()
    if not text:
        return None
    if _CANONICAL.fullmatch(text):
        return text
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def check_id(value: object, path: str) -> str:
    """Return the canonical lower-case form of a UUID string, or raise."""
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a UUID string, found {type(value).__name__}")
    if _CANONICAL.fullmatch(value):
        return value
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        raise ValidationError(path, f"{value[:60]!r} is not a UUID") from None
    return str(parsed)

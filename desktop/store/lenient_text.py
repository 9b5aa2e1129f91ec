"""Text from a damaged file, read without failing and shown without harm: what SQLite holds
is decoded with invalid UTF-8 kept as lone surrogates (so it can be found and named), and a
name quoted in a message is made readable and one line."""

from __future__ import annotations


def lenient(raw: bytes) -> str:
    """A ``text_factory`` that never fails: invalid UTF-8 becomes lone surrogates."""
    return raw.decode("utf-8", "surrogateescape")


def has_invalid_utf8(text: str) -> bool:
    """Did ``lenient`` keep bytes that are not UTF-8 in ``text``?"""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def readable(text: str, limit: int = 60) -> str:
    """``text`` fit for a one-line message: invalid bytes as �, whitespace folded, cut."""
    shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(shown.split())[:limit]

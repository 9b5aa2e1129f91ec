"""Clean text at the edge of the domain, so that nothing downstream meets control characters.

Every string that enters a Deal, a Person or a Relation goes through :func:`clean_text`:
imported files are untrusted, and a stray NUL or escape sequence would otherwise end up in
a PDF, a CSV cell or a terminal.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.errors import ValidationError

# C0 and C1 controls except tab and newline; also the bidi overrides that can disguise text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Half of a UTF-16 pair, alone: JSON's "\ud800" decodes to it, and no file or database can
# store it (SQLite's INSERT raised UnicodeEncodeError).
_SURROGATE = re.compile("[\ud800-\udfff]")

SHORT_TEXT = 200  # names, titles, account, stage …
MEDIUM_TEXT = 2_000  # evidence notes, next step, objective
LONG_TEXT = 50_000  # free notes


def clean_text(value: object, path: str, *, limit: int, multiline: bool = False) -> str:
    """Return ``value`` as NFC text without unsafe control characters, or raise.

    Single-line fields also fold newlines and tabs into spaces and trim the ends.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ValidationError(path, f"expected text, found {type(value).__name__}")
    if value.isascii() and value.isprintable():
        text = value  # the common case: nothing to remove, NFC already
    else:
        if _SURROGATE.search(value):
            raise ValidationError(path, "contains a lone surrogate (half of a UTF-16 pair), "
                                        "which is not text")
        text = unicodedata.normalize("NFC", _UNSAFE.sub("", value.replace("\r\n", "\n")))
    text = text.strip("\n ") if multiline else " ".join(text.split())
    if len(text) > limit:
        raise ValidationError(path, f"is {len(text):,} characters long; the limit is {limit:,}")
    return text


def clean_name(value: object, path: str) -> str:
    """A required single-line name."""
    text = clean_text(value, path, limit=SHORT_TEXT)
    if not text:
        raise ValidationError(path, "must not be empty")
    return text


def one_line(value: str, limit: int) -> str:
    """Untrusted text shown in one short line (a colleague's name, a value in a question):
    whitespace folded to single spaces, anything unprintable left out, cut with "…"."""
    flat = "".join(c for c in " ".join(value.split()) if c.isprintable())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

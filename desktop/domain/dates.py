"""Calendar dates and timestamps as the domain keeps them: ``date`` and aware UTC ``datetime``."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop.domain.errors import ValidationError


def utc_now() -> datetime:
    """Now, to the second: finer precision would not survive a round trip through text."""
    return datetime.now(UTC).replace(microsecond=0)


def parse_date(value: object, path: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(path, f"{str(value)[:40]!r} is not a date (YYYY-MM-DD)")


def parse_timestamp(value: object, path: str) -> datetime:
    if isinstance(value, datetime):
        stamp = value
    elif isinstance(value, str):
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                path, f"{value[:40]!r} is not a timestamp (YYYY-MM-DDTHH:MM:SSZ)"
            ) from None
    else:
        raise ValidationError(path, f"{value!r} is not a timestamp")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(microsecond=0)


def format_timestamp(stamp: datetime) -> str:
    # isoformat is several times faster than strftime, and this runs on every edit.
    return stamp.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"

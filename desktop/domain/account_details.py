"""A deal file's account details (industry, notes) meeting the library's account of the
same name: the file fills what the library leaves empty and never overwrites what the
seller wrote — a differing value is kept as it is, and said, so nothing changes silently
("Kept your industry of Helix Health Trust (Healthcare); the file says Hospitals.").

Pure: the import decides, the store writes the filled account."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.accounts import Account

FIELDS = ("industry", "notes")


@dataclass(frozen=True, slots=True)
class AccountFill:
    account: Account  # the library's account with the empty fields filled
    filled: tuple[str, ...]  # fields the file filled
    kept: tuple[str, ...]  # one sentence per field where the file differs: ours is kept

    @property
    def changed(self) -> bool:
        return bool(self.filled)


def fill_from_file(mine: Account, theirs: Account) -> AccountFill:
    """``mine`` with each empty field taken from ``theirs``; a non-empty one stays."""
    filled: list[str] = []
    kept: list[str] = []
    changes: dict[str, str] = {}
    for field in FIELDS:
        ours, file_value = getattr(mine, field), getattr(theirs, field)
        if not file_value or ours == file_value:
            continue
        if not ours:
            changes[field] = file_value
            filled.append(field)
        else:
            kept.append(f"Kept your {field} of {mine.name} ({_short(ours)}); the file says "
                        f"{_short(file_value)}.")
    return AccountFill(replace(mine, **changes) if changes else mine, tuple(filled),
                       tuple(kept))


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 60 else line[:59] + "…"

"""The file formats Deal Triangle reads and writes, found by name, extension or content.

Each format is one module in ``desktop/exchange/formats/`` that defines ``FORMAT``; the
registry discovers them, so adding a format touches that one module (Picard's format
registry, without the plugin machinery).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.exchange import formats
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import ColumnMapping
from desktop.exchange.safe_write import Writer
from desktop.exchange.text_sniffing import TextTable
from desktop.problems import ImportProblem

SNIFF_BYTES = 4096
MappingChooser = Callable[[Path, TextTable, ColumnMapping], ColumnMapping | None]


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader may ask of whoever imports. The command line gives none of it; the
    window a column-mapping dialog (for a table whose columns are not known: it sees the
    table and the automatic guess, returns a mapping or None to cancel), a progress dialog
    told how far the rows are, and its Cancel button; both may leave out the rows of a
    table that do not fit its header, once the seller has seen which."""

    choose_mapping: MappingChooser | None = None
    progress: Callable[[int, int], object] | None = None  # (done, total)
    cancelled: Callable[[], bool] = _never
    skip_uneven: bool = False  # leave out table rows that do not fit the header


Reader = Callable[[bytes, Path, ReadOptions], list[Incoming]]


@dataclass(frozen=True, slots=True)
class Format:
    """One file format: what it is called, which files are its own, and what it can do.
    Callers ask the capabilities, never the name."""

    name: str  # as on the command line: --format NAME
    label: str  # for file dialogs
    extensions: tuple[str, ...]  # the first is the one written
    read: Reader | None = None
    write: Writer | None = None
    sniff: Callable[[bytes], bool] | None = None  # does this start look like ours?
    one_deal_only: bool = False  # holds exactly one deal (a graph), not several
    keeps_snapshots: bool = False  # carries a deal's review snapshots along
    by_extension: bool = True  # False: chosen by name only (Gephi and Kumu write .csv too)
    # The versions of the format it writes on request, each with its writer (deal files: 1
    # for a colleague on an older release, and 2); empty: one version only.
    versions: tuple[tuple[int, Writer], ...] = ()

    @property
    def file_filter(self) -> str:
        return f"{self.label} ({' '.join('*' + e for e in self.extensions)})"


@cache
def all_formats() -> tuple[Format, ...]:
    found = []
    for module in sorted(pkgutil.iter_modules(formats.__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{formats.__name__}.{module.name}")
        fmt = getattr(loaded, "FORMAT", None)
        if isinstance(fmt, Format):
            found.append(fmt)
    return tuple(found)


def by_name(name: str) -> Format:
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def readers() -> list[Format]:
    return [f for f in all_formats() if f.read is not None]


def writers() -> list[Format]:
    return [f for f in all_formats() if f.write is not None]


def reader_names() -> list[str]:
    """``--format`` choices of the import command: every reader, and "auto"."""
    return ["auto", *(f.name for f in readers())]


def writer_names() -> list[str]:
    return [f.name for f in writers()]


def for_output(path: Path, name: str | None = None) -> Format:
    """The writer for ``path``: by ``name`` when given, else by the file's extension."""
    if name is not None:
        fmt = by_name(name)
        if fmt.write is None:
            raise ValueError(f"{name} files can be imported, not exported")
        return fmt
    suffix = "".join(path.suffixes[-1:]).lower()
    for fmt in writers():
        if fmt.by_extension and suffix in fmt.extensions:
            return fmt
    known = ", ".join(sorted({e for f in writers() if f.by_extension for e in f.extensions}))
    raise ValueError(f"{path.name} has no extension Deal Triangle writes ({known})")


def for_input(path: Path, head: bytes, name: str | None = None) -> Format:
    """The reader for a file: by ``name``, else by its content, else by its extension."""
    if name not in (None, "auto"):
        try:
            fmt = by_name(name)
        except KeyError:
            raise ImportProblem(path, "", f"{name} is not a format Deal Triangle reads"
                                ) from None
        if fmt.read is None:
            raise ImportProblem(path, "", f"{name} files can be exported, not imported")
        return fmt
    for fmt in readers():
        if fmt.sniff is not None and fmt.sniff(head[:SNIFF_BYTES]):
            return fmt
    suffix = path.suffix.lower()
    for fmt in readers():
        if fmt.by_extension and suffix in fmt.extensions:
            return fmt
    raise ImportProblem(path, "", "this is not a file Deal Triangle can import (a .dealtri "
                        "deal file, a CSV or Excel list of people, contacts as vCard, "
                        "GraphML, GEXF, or Gephi or Kumu tables)")

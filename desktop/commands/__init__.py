"""Command-line commands that live in their own modules (``portfolio``, ``review``,
``accounts``, …): each module defines ``COMMAND = Command(...)`` and is named in
:data:`MODULES`. ``desktop.cli`` adds their parsers and dispatches to them, so a new command
never grows ``cli.py`` (Picard's registry of formats, applied to commands)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

Runner = Callable[[argparse.Namespace, Path, TextIO], int]
ParserAdder = Callable[[argparse._SubParsersAction], None]  # type: ignore[type-arg]

# Imported when the parser is built: each module must import cheaply (no Qt at import time).
MODULES: tuple[str, ...] = ("review", "portfolio", "accounts", "account", "team")


@dataclass(frozen=True, slots=True)
class Command:
    """One command: its name, how it adds its parser, and what runs it (exit status)."""

    name: str
    add_parser: ParserAdder
    run: Runner


def commands() -> list[Command]:
    return [importlib.import_module(f"desktop.commands.{module}").COMMAND for module in MODULES]


def names() -> tuple[str, ...]:
    return tuple(module.replace("_", "-") for module in MODULES)

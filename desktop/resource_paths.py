"""Where the ``resources/`` folder is: beside the package in a checkout, inside the bundle
when frozen by PyInstaller."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def demo_files() -> list[Path]:
    return sorted((resources_dir() / "demo").glob("*.dealtri"))

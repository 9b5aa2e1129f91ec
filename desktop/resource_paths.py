"""Where the app's bundled files are: beside the package in a checkout, inside the bundle
when frozen by PyInstaller (``sys._MEIPASS``; the spec puts ``resources/`` and ``docs/``
there under the same names, so one rule finds both)."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    """The folder holding ``resources/`` and ``docs/``: the bundle's, or the checkout's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return _root() / "resources"


def demo_files() -> list[Path]:
    return sorted((resources_dir() / "demo").glob("*.dealtri"))


def docs_dir() -> Path:
    """The documentation folder: the user guide, the pages it links to and its screenshots
    (Help ▸ User guide reads them from here, offline)."""
    return _root() / "docs"


def user_guide() -> Path:
    return docs_dir() / "user-guide.md"

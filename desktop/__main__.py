"""Entry point (``deal-triangle`` and ``python -m desktop``): the composition root.

The one module outside ``desktop/ui`` allowed to reach the window (``tests/test_layers.py``
knows it): commands run headless through :mod:`desktop.cli`, and only a window start imports
Qt, so ``deal-triangle list`` stays fast and works without a display.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop import cli


def launch_gui(library: Path, file: Path | None) -> int:
    from desktop.ui.application import run

    return run(library, file)


def main() -> int:
    return cli.main(launch_gui=launch_gui)


if __name__ == "__main__":
    sys.exit(main())

"""``python -m benchmarks [NAME ...]``: run the benchmarks, one line each."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from benchmarks.harness import Result

BENCHMARKS = ["store_edits", "list_library", "startup", "map_render", "auto_layout", "map_drag",
              "print_pdf", "csv_import", "edit_painted", "slider_drag", "deal_switch",
              "map_pan_zoom", "memory", "red_flags", "plan_tab", "xlsx_import",
              "vcard_import", "account_view", "portfolio", "what_if", "lean", "team_folder",
              "team_watch"]


def main(argv: list[str]) -> int:
    chosen = argv or BENCHMARKS
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    for name in chosen:
        module = importlib.import_module(f"benchmarks.{name}")
        run: Callable[[], list[Result]] = module.run
        for result in run():
            print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Smoke test of a built bundle (``make smoke``, run by ``make bundle``): without the
development environment, the bundle's own executable creates a library with the demo deals
in a temporary folder, lists them, prints a deal to PDF and exports a deal file; the PDF is
checked with pdfinfo and pdftotext, and the window starts and quits headless.

Usage: python packaging/smoke.py dist/DealTriangle
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path


def run(executable: Path, *args: str | Path, env: dict[str, str]) -> str:
    result = subprocess.run([str(executable), *map(str, args)], capture_output=True,
                            text=True, env=env, timeout=180, check=False)
    if result.returncode != 0:
        raise SystemExit(f"smoke: {' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stdout}\n{result.stderr}")
    return result.stdout


def main(bundle: Path) -> None:
    executable = bundle / ("deal-triangle.exe" if os.name == "nt" else "deal-triangle")
    if not executable.is_file():
        raise SystemExit(f"smoke: {executable} does not exist; build with make bundle")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        # A clean environment: no virtual environment, no PYTHONPATH, a fresh home.
        env = {"PATH": "/usr/bin:/bin", "HOME": str(root), "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(root / "config"),
               "XDG_DATA_HOME": str(root / "data")}
        library = root / "library.sqlite"
        print(run(executable, "--version", env=env).strip())
        print(run(executable, "--db", library, "demo", env=env).strip())
        listing = run(executable, "--db", library, "list", env=env)
        if "Northwind" not in listing or "Helix" not in listing:
            raise SystemExit(f"smoke: the demo deals are missing:\n{listing}")
        pdf = root / "northwind.pdf"
        print(run(executable, "--db", library, "print", "Northwind fleet telematics",
                  "-o", pdf, "--layout", "full", env=env).strip())
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines()
                         if line.startswith("Pages:")))
        text = unicodedata.normalize("NFKC", subprocess.run(  # ﬁ ligatures → fi
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        if pages < 5 or "Margaret Okafor" not in text or "Confidential" not in text:
            raise SystemExit(f"smoke: the PDF is not right ({pages} pages)")
        print(f"PDF: {pages} pages, names and header present")
        exported = root / "all.dealtri"
        print(run(executable, "--db", library, "export", "--all", "-o", exported,
                  env=env).strip())
        print(run(executable, "--db", library, "check", env=env).strip())
        # The window: start it on the library and let it quit by itself.
        window = subprocess.run([str(executable), "--db", str(library)], env={
            **env, "DEAL_TRIANGLE_QUIT_AFTER_MS": "1500"}, capture_output=True, text=True,
            timeout=120, check=False)
        if window.returncode != 0:
            raise SystemExit(f"smoke: the window did not start:\n{window.stderr}")
        print("window: started and quit")
    size = sum(f.stat().st_size for f in bundle.rglob("*")
               if f.is_file() and not f.is_symlink())
    print(f"smoke: passed; bundle size {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/DealTriangle"))

"""Reading a printed PDF back with poppler's tools, as a person would look at the pages."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines()
                                              if ":" in line)}


def pdftext(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The words on the pages, whitespace collapsed and NFKC-normalised (so a test about
    *what* is printed does not care how the font drew it)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", _pdftotext(path, first, last)))


def pdftext_raw(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The words exactly as a reader's search sees them: whitespace collapsed, nothing
    normalised — a ligature ("ﬁ") stays one character and "Sofia" is then not found."""
    return re.sub(r"\s+", " ", _pdftotext(path, first, last))


def pdftext_flowing(path: Path) -> str:
    """The words in reading order rather than laid out (NFKC, whitespace collapsed): a
    table cell wrapped onto two lines reads as one text, not interleaved with its row's
    other cells."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", out))


def pdfpages(path: Path) -> list[str]:
    """Each page's words (NFKC, whitespace collapsed), in order."""
    pages = _pdftotext(path, None, None).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page)) for page in pages]


def _pdftotext(path: Path, first: int | None, last: int | None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout

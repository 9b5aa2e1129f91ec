"""Desktop integration files are valid and do what they claim: the menu entry, the AppStream
metadata, the .dealtri file type (by name and by content, with the real MIME database tools),
the icon sizes rendered from the SVG, and the per-user install layout. (The bundle itself is
built and smoke-tested by ``make bundle``: too slow for every test run.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.exchange import dealfile
from tests.helpers.paths import ROOT

LINUX = ROOT / "packaging" / "linux"
ID = "org.dealtriangle.DealTriangle"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (make setup installs it as root)")
    return found


def test_the_desktop_entry_is_valid() -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(LINUX / f"{ID}.desktop")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (LINUX / f"{ID}.desktop").read_text()
    assert "MimeType=application/x-deal-triangle;" in text
    assert "Exec=deal-triangle %f" in text


def test_the_appstream_metadata_is_valid() -> None:
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net",
                             str(LINUX / f"{ID}.metainfo.xml")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deal_files_are_recognised_by_name_and_by_content(tmp_path: Path,
                                                          small_demo: Deal) -> None:
    database = tmp_path / "mime"
    (database / "packages").mkdir(parents=True)
    shutil.copy(LINUX / f"{ID}.mime.xml", database / "packages")
    subprocess.run([tool("update-mime-database"), str(database)], check=True,
                   capture_output=True)
    gio = tool("gio")
    named = tmp_path / "shared.dealtri"
    named.write_text(dealfile.dumps([small_demo]))  # exactly what the app writes
    unnamed = tmp_path / "attachment"
    unnamed.write_text(dealfile.dumps([small_demo]))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_DATA_DIRS": "/usr/share"}
    for path in (named, unnamed):
        out = subprocess.run([gio, "info", "-a", "standard::content-type", str(path)],
                             capture_output=True, text=True, env=env, check=True).stdout
        assert "application/x-deal-triangle" in out, path.name


def test_icons_are_rendered_from_the_svg(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"),
                             str(tmp_path)], capture_output=True, text=True, check=False,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    for size in (16, 32, 48, 128, 256, 512):
        image = QImage(str(tmp_path / f"deal-triangle-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        centre = image.pixelColor(size // 2, size // 2)
        corner = image.pixelColor(0, 0)
        assert centre.alpha() == 255  # drawn …
        assert corner.alpha() < 255  # … with round, transparent corners


def test_the_user_install_puts_everything_in_place(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    program = bundle / "deal-triangle"
    program.write_text("#!/bin/sh\necho fake\n")
    program.chmod(0o755)
    icons = tmp_path / "icons"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(icons)],
                   check=True, capture_output=True,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    prefix = tmp_path / "prefix"
    subprocess.run(["bash", str(ROOT / "packaging" / "install-linux.sh"), str(bundle)],
                   check=True, capture_output=True,
                   env={**os.environ, "PREFIX": str(prefix), "ICONS": str(icons)})
    share = prefix / "share"
    assert (prefix / "bin" / "deal-triangle").resolve() == (
        prefix / "opt" / "DealTriangle" / "deal-triangle").resolve()
    entry = (share / "applications" / f"{ID}.desktop").read_text()
    assert f"Exec={prefix}/bin/deal-triangle %f" in entry
    assert (share / "metainfo" / f"{ID}.metainfo.xml").exists()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{ID}.png").exists()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{ID}.svg").exists()
    assert (share / "mime" / "packages" / f"{ID}.mime.xml").exists()

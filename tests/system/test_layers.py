"""The layer rule of docs/architecture.md, read from the source's import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

PACKAGE = ROOT / "desktop"
COMPOSITION_ROOT = PACKAGE / "__main__.py"  # starts the window: the one allowed exception

FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlite3", "sqlite_utils", "matplotlib", "desktop.store",
                       "desktop.exchange", "desktop.render", "desktop.ui", "desktop.cli")
ALLOWED_INSIDE = {
    "store": ("domain", "store"),
    "exchange": ("domain", "exchange", "resource_paths", "palette"),
    "render": ("domain", "render", "resource_paths", "palette"),
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            # ``from desktop import ui`` imports a module; ``from desktop import APP_ID`` not.
            names.extend(f"{node.module}.{alias.name}" for alias in node.names
                         if _is_module(f"{node.module}.{alias.name}"))
    return names


def _is_module(dotted: str) -> bool:
    if not _hits(dotted, "desktop"):
        return False
    relative = Path(*dotted.split(".")[1:]) if "." in dotted else Path()
    return (PACKAGE / relative).is_dir() or (PACKAGE / relative).with_suffix(".py").is_file()


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _hits(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("path", python_files(PACKAGE / "domain"), ids=lambda p: p.name)
def test_domain_imports_neither_qt_nor_sql(path: Path) -> None:
    bad = [name for name in imports_of(path) for f in FORBIDDEN_IN_DOMAIN if _hits(name, f)]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("layer", sorted(ALLOWED_INSIDE))
def test_middle_layers_import_only_inward(layer: str) -> None:
    allowed = ALLOWED_INSIDE[layer]
    for path in python_files(PACKAGE / layer):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "desktop" and len(parts) > 1:
                assert parts[1] in allowed, f"{path} imports {name}"


def test_nothing_outside_ui_imports_ui() -> None:
    offenders = [
        (path.relative_to(PACKAGE), name)
        for path in python_files(PACKAGE)
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and path != COMPOSITION_ROOT
        for name in imports_of(path)
        if _hits(name, "desktop.ui")
    ]
    assert not offenders


def test_headless_layers_never_import_qt_widgets() -> None:
    for layer in ("domain", "store", "exchange"):
        for path in python_files(PACKAGE / layer):
            assert not [n for n in imports_of(path) if _hits(n, "PySide6")], path


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    """The checker itself works: a planted Qt import is found."""
    planted = tmp_path / "bad.py"
    planted.write_text("from PySide6.QtWidgets import QWidget\nimport sqlite3\n")
    names = imports_of(planted)
    assert any(_hits(n, "PySide6") for n in names)
    assert "sqlite3" in names

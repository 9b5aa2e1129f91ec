"""The layer rule of docs/architecture.md, read from the source's import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

PACKAGE = ROOT / "desktop"
COMPOSITION_ROOT = PACKAGE / "__main__.py"  # starts the window: the one allowed exception

FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlite3", "sqlite_utils", "matplotlib", "desktop.store",
                       "desktop.exchange", "desktop.render", "desktop.ui", "desktop.cli",
                       "desktop.layout")
ALLOWED_INSIDE = {
    "layout": ("layout",),  # pure computation over ids and edges
    "store": ("domain", "store", "protected_files"),
    "exchange": ("domain", "exchange", "layout", "resource_paths", "palette", "problems",
                 "protected_files"),
    "render": ("domain", "render", "resource_paths", "palette", "problems",
               "protected_files"),
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
    for layer in ("domain", "store", "exchange", "layout"):
        for path in python_files(PACKAGE / layer):
            assert not [n for n in imports_of(path) if _hits(n, "PySide6")], path


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    """The checker itself works: a planted Qt import is found."""
    planted = tmp_path / "bad.py"
    planted.write_text("from PySide6.QtWidgets import QWidget\nimport sqlite3\n")
    names = imports_of(planted)
    assert any(_hits(n, "PySide6") for n in names)
    assert "sqlite3" in names


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> list[str]:
    """The modules ``path`` imports when it runs — at the top or inside a function — but not
    those named only for the type checker (``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(child) for child in ast.walk(node))
    names: list[str] = []
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names
                         if _is_module(f"{node.module}.{alias.name}"))
    return [name for name in names if _hits(name, "desktop")]


def test_no_import_cycle_anywhere() -> None:
    """Modules form layers, not loops: a cycle means two modules cannot be understood (or
    tested, or moved) one without the other."""
    import networkx as nx

    modules = {_module_name(path): path for path in python_files(PACKAGE)}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _runtime_imports(path):
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]  # a name inside a module
            if target in modules and target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles[:5]}"


LONGEST_MODULE = 600
LONGEST_WINDOW = 500


def test_modules_stay_small() -> None:
    """One concept per file: no module of the app is over 600 lines, and the main window —
    menus, actions and wiring only — is under 500."""
    lengths = {path.relative_to(ROOT): len(path.read_text(encoding="utf-8").splitlines())
               for path in python_files(PACKAGE)}
    too_long = {str(p): n for p, n in lengths.items() if n > LONGEST_MODULE}
    assert not too_long
    assert lengths[Path("desktop/ui/main_window.py")] <= LONGEST_WINDOW

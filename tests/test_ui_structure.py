"""The ui package's shape: page bodies are leaves; no module imports its way back round."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parent.parent / "layerlab" / "ui"
PAGES = sorted((UI / "pages").glob("[!_]*.py"))


def _module(path: Path) -> str:
    parts = path.with_suffix("").relative_to(UI.parent.parent).parts
    return ".".join(parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module(path): path for path in UI.rglob("*.py")}
    return {name: _imports(path) & modules.keys() for name, path in modules.items()}


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_a_page_body_imports_no_other_page_and_not_the_navigation(page: Path) -> None:
    inward = {
        name
        for name in _imports(page)
        if name.startswith("layerlab.ui.pages.") or name == "layerlab.ui.navigation"
    }
    assert inward == set()


def test_the_ui_package_has_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for dependency in graph[name]:
            visit(dependency, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_a_page_module_stays_small_enough_to_only_render(page: Path) -> None:
    assert len(page.read_text(encoding="utf-8").splitlines()) <= 200

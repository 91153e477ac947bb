"""The extension's shape: data flows one way, so no module imports one that imports it back.

Every import counts, at module level, inside a function or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extensions" / "critical_edition"


def module_name(path: Path) -> str:
    parts = ["critical_edition", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The package's modules that ``name`` imports, wherever the import stands."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(MODULES)
            # ``from package import module`` is an import of the module, not of the package
            found.update(submodules or {node.module})
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(GRAPH[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(GRAPH[name])
    return seen


@pytest.mark.parametrize("name", list(MODULES))
def test_no_module_imports_itself_back(name):
    back = {n for n in GRAPH[name] if name in reachable(n)}
    assert not back, f"{name} and {sorted(back)} import each other (directly or not)"


def test_records_import_nothing_of_the_package():
    assert GRAPH["critical_edition.records"] == set()


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("critical_edition.writers.")])
def test_writers_know_only_the_nodes(name):
    assert GRAPH[name] <= {"critical_edition.nodes"}


@pytest.mark.parametrize("name", list(MODULES))
def test_every_module_says_what_it_is_for(name):
    docstring = ast.get_docstring(ast.parse(MODULES[name].read_text(encoding="utf-8")))
    assert docstring and len(docstring) > 40, f"{name} has no docstring saying its job"

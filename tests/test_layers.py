"""The package's layers: every import (inside functions too) goes down, and none goes round."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "summitry"

# Each layer may import the layers below it (a smaller rank) and its own; present/ and
# query/ are side by side, and neither imports the other.
RANKS = {
    "summitry": 0,
    "summitry.errors": 0,
    "summitry.wording": 0,
    "summitry.data": 1,
    "summitry.query": 2,
    "summitry.present": 2,
    "summitry.views": 3,
    "summitry.completion": 4,
    "summitry.cli_base": 4,
    "summitry.cli": 5,
    "summitry.__main__": 6,
}
APART = {("summitry.present", "summitry.query"), ("summitry.query", "summitry.present")}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """The longest prefix of the module that RANKS names."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in RANKS:
            return prefix
    raise AssertionError(f"{module} is in no layer")


def imports() -> dict[str, set[str]]:
    """For each module of the package, the modules of the package it imports, wherever."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:  # a submodule by its name, else the module itself
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
        found[name] = {t for t in targets if t in modules and t != name}
    return found


def test_every_module_is_in_a_layer() -> None:
    for module in imports():
        layer(module)


def test_no_import_goes_up_a_layer_or_across_present_and_query() -> None:
    wrong = [
        (module, target)
        for module, targets in imports().items()
        for target in targets
        if RANKS[layer(target)] > RANKS[layer(module)] or (layer(module), layer(target)) in APART
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = imports()
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*path, module, target]))
            if target not in state:
                visit(target, [*path, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])

"""The package layout: no two top-level parts of conflictwire import each other, directly or
through others (imports inside functions count too)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import conflictwire

ROOT = Path(conflictwire.__file__).parent
PACKAGE = ROOT.name


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    """Whether ``conflictwire.x.y`` names a module or package of the source tree."""
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported(path: Path) -> Iterator[str]:
    """The conflictwire modules ``path`` imports, anywhere in it (lazy imports included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:  # `from x import y`: y is a module, or a name in x
                full = f"{base}.{alias.name}"
                yield full if is_module(full) else base


def part(module: str) -> str:
    """The top-level part a module belongs to: ``conflictwire.dedup.match`` -> ``dedup``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else PACKAGE


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        source = part(module_name(path))
        for target in imported(path):
            if target.split(".")[0] == PACKAGE and part(target) != source:
                graph.setdefault(source, set()).add(part(target))
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of parts that import each other, directly or through others."""
    reach = {name: reachable(graph, name) for name in graph}
    return sorted((a, b) for a in graph for b in reach[a] if a < b and a in reach.get(b, set()))


def test_the_graph_sees_direct_relative_and_lazy_imports():
    graph = package_graph()
    assert "dedup" in graph["jobs"]  # from .dedup import ...
    assert "export" in graph["demo"]  # from . import export as exporting
    assert "pipeline" in graph["cli"]  # imports inside command functions
    assert "ingest" in graph["store"]  # absolute import
    assert PACKAGE in graph["cli"]  # from .. import __version__ (a name, not a module)


def test_cycle_finder_finds_indirect_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_no_two_top_level_packages_import_each_other():
    assert cycles(package_graph()) == []

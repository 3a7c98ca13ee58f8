"""No module of ``exemplars`` imports a module that imports it back, however long the way round.

Every import counts: module level, inside a function, under ``TYPE_CHECKING``; relative imports
are resolved.  ``from exemplars.a import b`` is an arrow to ``exemplars.a.b`` when that is a
module, otherwise to ``exemplars.a``.  Importing ``exemplars.a.b`` also runs the package
``exemplars.a`` (its ``__init__``), so that is an arrow too, unless the importer sits inside
``exemplars.a`` already.  A circle would mean two layers that cannot be read (or moved) one
without the other, which ``docs/architecture.md`` promises never happens.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name → file, for every ``.py`` file of ``root/package``."""
    found: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, node: ast.ImportFrom) -> str | None:
    if not node.level:
        return node.module
    base = name.split(".")
    if path.name != "__init__.py":
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports anywhere in its text."""
    known = modules(root, package)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name in known)
            elif isinstance(node, ast.ImportFrom):
                source = _imported(name, path, node)
                if source is None or source.split(".")[0] != package:
                    continue
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    targets.add(sub if sub in known else source)
        packages = {p for t in targets for p in _enclosing(t)} - _enclosing(name) - {name}
        graph[name] = {t for t in targets | packages if t in known} - {name}
    return graph


def _enclosing(name: str) -> set[str]:
    """The packages whose ``__init__`` runs before module ``name``: ``a.b.c`` → {``a``, ``a.b``}."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_of_the_package_imports_a_module_that_imports_it_back():
    graph = import_graph(ROOT, "exemplars")
    assert len(graph) > 100 and sum(map(len, graph.values())) > 400  # the whole package was read
    assert circles(graph) == []


def test_the_walk_sees_the_arrows_the_package_is_known_for():
    graph = import_graph(ROOT, "exemplars")
    assert "exemplars.history.store" in graph["exemplars.history.lookup"]
    assert "exemplars.pipeline" in graph["exemplars.cli.run"]  # imported inside the command
    assert "exemplars.pipeline" in graph["exemplars"]  # under TYPE_CHECKING in the public API
    assert "exemplars.outputs.document" in graph["exemplars.outputs.feedback"]  # ``from exemplars.outputs import document``
    assert "exemplars.history" in graph["exemplars.pipeline"]  # ``exemplars.history.store`` runs the package first
    assert "exemplars.history" not in graph["exemplars.history.lookup"]  # its own package is already running


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_circle_hidden_in_a_function_is_found(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "store.py": "from pkg.lookup import find\n",
        "lookup.py": "def find():\n    from pkg import store\n    return store\n",
        "alone.py": "import pkg.store\n",
    })
    assert circles(import_graph(root, "pkg")) == [["pkg.lookup", "pkg.store"]]


def test_a_longer_circle_through_relative_imports_is_found(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from . import b\n",
        "b.py": "from .sub.c import thing\n",
        "sub/__init__.py": "",
        "sub/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import x\n",
    })
    assert circles(import_graph(root, "pkg")) == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_a_circle_through_a_package_init_is_found(tmp_path):
    """``settings`` reads ``cycle.periods``, but importing it runs ``cycle/__init__``, which imports
    the store, which imports ``settings``: a circle though no two modules name each other."""
    root = _package(tmp_path, {
        "__init__.py": "",
        "settings.py": "from pkg.cycle.periods import parse\n",
        "cycle/__init__.py": "from pkg.cycle.store import Store\n",
        "cycle/periods.py": "def parse():\n    pass\n",
        "cycle/store.py": "from pkg.settings import Settings\nfrom pkg.cycle import periods\n",
    })
    assert circles(import_graph(root, "pkg")) == [["pkg.cycle", "pkg.cycle.store", "pkg.settings"]]

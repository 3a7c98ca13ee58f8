"""Every third-party import of the package is a declared runtime dependency.

A fresh ``pip install .`` (no extras) must be able to import every module of
``exemplars``; dev-only packages (pytest, oletools, …) may appear in ``tests/`` only.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "exemplars"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _canonical(re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0])


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return {_requirement_name(r) for r in reqs}


def top_level_imports(path: Path) -> set[str]:
    """Absolute imports anywhere in the file, inside functions included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _local_modules(root: Path) -> set[str]:
    """Modules that live in ``root`` itself (test helpers importing each other)."""
    return {p.stem for p in root.glob("*.py")} | {p.name for p in root.iterdir() if (p / "__init__.py").is_file()}


def undeclared_imports(root: Path, allowed: set[str]) -> dict[str, set[str]]:
    """``{distribution-or-module: {files}}`` for each third-party import not in ``allowed``."""
    owners = packages_distributions()
    skip = set(sys.stdlib_module_names) | {"exemplars", "__future__"} | _local_modules(root)
    missing: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for module in top_level_imports(path) - skip:
            dists = {_canonical(d) for d in owners.get(module, [module])}
            if not dists & allowed:
                missing.setdefault(" / ".join(sorted(dists)), set()).add(str(path.relative_to(ROOT)))
    return missing


def test_every_package_import_is_a_runtime_dependency():
    missing = undeclared_imports(PACKAGE, declared())
    assert not missing, f"imported by exemplars/ but not in [project].dependencies: {missing}"


def test_the_check_sees_a_dependency_removed_from_pyproject():
    """Dropping olefile (imported by the safety gate) from the declared set must be reported."""
    runtime = declared()
    assert "olefile" in runtime and "numpy" in runtime
    missing = undeclared_imports(PACKAGE, runtime - {"olefile"})
    assert list(missing) == ["olefile"]
    assert any(f.endswith("safety.py") for f in missing["olefile"])


def test_dev_packages_are_not_runtime_dependencies():
    assert not declared() & declared("dev"), "a package is both a runtime and a dev dependency"
    assert {"pytest", "oletools"} <= declared("dev")


def test_tests_import_only_declared_packages():
    allowed = declared() | declared("dev")
    missing = undeclared_imports(ROOT / "tests", allowed)
    # uno (and its com.sun.star namespace) is LibreOffice's own bridge, run by /usr/bin/python3
    # in a subprocess, never pip-installed.
    missing.pop("uno", None)
    missing.pop("com", None)
    assert not missing, f"imported by tests/ but declared nowhere: {missing}"

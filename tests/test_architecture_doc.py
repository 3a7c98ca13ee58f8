"""``docs/architecture.md`` stays true to the tree: one paragraph per package naming every module.

A package paragraph starts with ``**`name/`:**`` (the top-level modules with ``**`exemplars` …``);
each module file of the package must be named in it, and every ``x.py`` it names must exist.
Paths elsewhere in the document (``tests/…``, ``exemplars/…``, ``reader/safety.py``) must exist
too, and ``file.py::test_name`` must name a test of that file.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "exemplars"
DOC = ROOT / "docs" / "architecture.md"

_HEAD = re.compile(r"^\*\*`([\w/]+)`[^*]*\*\*", re.M)
_CODE = re.compile(r"`([^`\s]+)`")


def paragraphs(text: str) -> dict[str, str]:
    """Package ("" for the top level) → the text of its paragraph."""
    out: dict[str, str] = {}
    for m in _HEAD.finditer(text):
        end = text.find("\n\n", m.end())
        name = m.group(1).rstrip("/")
        out["" if name == "exemplars" else name] = text[m.start(): end if end >= 0 else len(text)]
    return out


def missing_modules(package: Path, paragraph: str) -> list[str]:
    """Modules (and sub-packages, as ``sub/``) of ``package`` that its paragraph does not name."""
    named = set(_CODE.findall(paragraph))
    top_level = package == PACKAGE
    missing = []
    for path in sorted(package.glob("*.py") if top_level else package.rglob("*.py")):
        rel = path.relative_to(package)
        if path.name == "__init__.py" and (not top_level and rel.parent == Path(".") or rel.parent != Path(".")):
            continue  # a package's own __init__ is optional; a sub-package is named as ``sub/``
        if path.name not in named and str(rel) not in named:
            missing.append(str(rel))
    if not top_level:
        missing += [f"{d.relative_to(package)}/" for d in sorted(package.rglob("*"))
                    if (d / "__init__.py").is_file() and d != package and f"{d.relative_to(package)}/" not in named]
    return missing


def unknown_files(package: Path, paragraph: str) -> list[str]:
    """``x.py`` names of the paragraph that are no file of ``package`` (nor a path from the root)."""
    files = {p.name for p in package.rglob("*.py")} | {str(p.relative_to(package)) for p in package.rglob("*.py")}
    return [name for name in sorted(set(_CODE.findall(paragraph)))
            if name.endswith(".py") and name not in files and not _exists(name)]


def _exists(name: str) -> bool:
    path, _, test = name.partition("::")
    for base in (ROOT, PACKAGE):
        if (base / path).is_file():
            return not test or re.search(rf"^def {re.escape(test)}\(", (base / path).read_text("utf-8"), re.M) is not None
    return False


def test_every_package_has_its_paragraph():
    packages = {d.name for d in PACKAGE.iterdir() if (d / "__init__.py").is_file()}
    assert set(paragraphs(DOC.read_text("utf-8"))) == packages | {""}


def test_each_paragraph_names_every_module_of_its_package():
    gaps = {name or "exemplars": missing_modules(PACKAGE / name if name else PACKAGE, text)
            for name, text in paragraphs(DOC.read_text("utf-8")).items()}
    assert {k: v for k, v in gaps.items() if v} == {}


def test_every_file_the_document_names_exists():
    text = DOC.read_text("utf-8")
    wrong = {name or "exemplars": unknown_files(PACKAGE / name if name else PACKAGE, part)
             for name, part in paragraphs(text).items()}
    wrong["paths"] = [t for t in sorted(set(_CODE.findall(text))) if "/" in t and ".py" in t and not _exists(t)
                      and not any(t in part for part in paragraphs(text).values())]
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_checks_see_a_stale_document():
    text = DOC.read_text("utf-8").replace("`outcomes.py`", "`statuses.py`")
    part = paragraphs(text)["outputs"]
    assert missing_modules(PACKAGE / "outputs", part) == ["outcomes.py"]
    assert unknown_files(PACKAGE / "outputs", part) == ["statuses.py"]
    assert not _exists("tests/test_rulebook.py::test_no_such_test")

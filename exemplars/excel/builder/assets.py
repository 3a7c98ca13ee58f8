"""Where the VBA sources and the shipped workbooks are, in a source checkout and in an installed package.

The repository keeps them in the top-level folders ``xlsx_macros/`` (the ``.bas``
modules), ``workbook/`` (the control workbook and the unit templates) and ``docs/``
(the clerk guide, printed into the Windows bundle).  A wheel
cannot reach those folders, so the build copies them into the package as
``exemplars/excel/builder/assets/<folder>`` (see ``setup.py``).  A checkout is
recognised by its ``pyproject.toml``; there the top-level folders are used, so an
editable install always sees the files being edited.
"""

from __future__ import annotations

from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[3]
PACKAGED = Path(__file__).resolve().parent / "assets"
MACROS = "xlsx_macros"
WORKBOOKS = "workbook"
DOCS = "docs"  # only the clerk guide and its pictures are packaged
FOLDERS = (MACROS, WORKBOOKS, DOCS)  # setup.py names the same folders


def in_source_tree() -> bool:
    """True when the package runs from a checkout of the repository (editable install or tests)."""
    return (SOURCE_ROOT / "pyproject.toml").is_file() and (SOURCE_ROOT / MACROS).is_dir()


def asset_dir(folder: str) -> Path:
    """``xlsx_macros``, ``workbook`` or ``docs``: the checkout's top-level folder, else the packaged copy."""
    if folder not in FOLDERS:
        raise KeyError(folder)
    # Not checked here: modules name these at import, and the command that needs a file says it is missing.
    return SOURCE_ROOT / folder if in_source_tree() else PACKAGED / folder

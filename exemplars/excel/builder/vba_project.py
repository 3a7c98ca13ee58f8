"""The VBA project of the control workbook, built from ``.bas``/``.cls`` text with pyOpenVBA.

pyOpenVBA's ``add_vba_project`` gives a throw-away workbook with as many sheets
as the control workbook the project Excel makes for a first macro: ``ThisWorkbook``
and one *document* module per sheet, declared ``Document=SheetN/&H00000000`` in
the ``PROJECT`` stream as every Excel-written .xlsm declares them (their names
equal the sheets' codeNames, which XlsxWriter writes as ``Sheet1..N``).  The
product's modules are added after them.  Only the bin is taken from that
workbook: XlsxWriter writes the real package around it.  The standalone xlwings
module and its ``Dictionary`` class come from the installed, pinned xlwings
package; xlwings itself is never imported here.
"""

from __future__ import annotations

import importlib.util
import tempfile
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from pyopenvba import ExcelFile, VBAModuleKind

from exemplars.errors import InputError
from exemplars.excel.builder.assets import MACROS, asset_dir

MACROS_DIR = asset_dir(MACROS)


@dataclass(frozen=True)
class VbaModule:
    name: str
    source: str  # CRLF line ends, starts with ``Attribute VB_Name`` (class preamble allowed)
    kind: VBAModuleKind


def crlf(text: str) -> str:
    """``text`` with CRLF line ends and a final line end (VBA corrupts on LF-only code)."""
    return "\r\n".join(text.splitlines()) + "\r\n"


def read_module(path: Path) -> VbaModule:
    """A ``.bas`` (standard) or ``.cls`` (class) file; refuses text VBA's cp1252 cannot hold."""
    text = path.read_text(encoding="utf-8")
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"Tệp VBA «{path.name}» có ký tự ngoài bảng mã cp1252 ({exc.object[exc.start]!r}); "
            "chuỗi tiếng Việt phải viết bằng ChrW."
        ) from None
    first = next((line for line in text.splitlines() if line.startswith("Attribute VB_Name")), "")
    name = first.split("=", 1)[1].strip().strip('"') if first else path.stem
    kind = VBAModuleKind.other if path.suffix.lower() == ".cls" else VBAModuleKind.standard
    return VbaModule(name, crlf(text), kind)


def own_modules(macros_dir: Path = MACROS_DIR) -> list[VbaModule]:
    """The product's modules, ``xlsx_macros/*.bas`` in name order."""
    paths = sorted(macros_dir.glob("*.bas"))
    if not paths:
        raise InputError(f"Không có tệp .bas nào trong «{macros_dir}».")
    return [read_module(p) for p in paths]


def xlwings_package_dir() -> Path:
    """Folder of the installed xlwings package, found without importing it."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("Chưa cài gói xlwings (cần để lấy mô-đun VBA RunPython).")
    return Path(next(iter(spec.submodule_search_locations)))


def xlwings_modules() -> list[VbaModule]:
    """The standalone RunPython module and the Dictionary class of the pinned xlwings wheel."""
    root = xlwings_package_dir()
    return [read_module(root / "xlwings.bas"), read_module(root / "addin" / "Dictionary.cls")]


def _blank_workbook(path: Path, sheet_count: int) -> None:
    """A workbook with ``sheet_count`` empty sheets and no VBA project (its sheets get Sheet1..N)."""
    book = xlsxwriter.Workbook(str(path))
    for index in range(1, sheet_count + 1):
        book.add_worksheet(f"S{index}")
    book.close()


def build_vba_project(modules: list[VbaModule], sheet_count: int) -> bytes:
    """``vbaProject.bin`` bytes: ThisWorkbook, Sheet1..Sheet{sheet_count} (document modules) and ``modules``."""
    with tempfile.TemporaryDirectory(prefix="exemplars-vba-") as tmp:
        path = Path(tmp) / "project.xlsm"
        _blank_workbook(path, sheet_count)
        with ExcelFile(path) as book:
            project = book.add_vba_project()
            for module in modules:
                project.add_module(module.name, module.source, kind=module.kind)
            book.save()
        with ExcelFile(path) as saved:
            problems = saved.validate()
            if problems:
                raise InputError("Dự án VBA không hợp lệ: " + "; ".join(problems))
            return saved.vba_project_bytes()

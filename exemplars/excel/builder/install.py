"""``exemplars excel install``: write this Python's path into the workbook's ``xlwings.conf`` sheet.

RunPython starts ``Interpreter_Win`` (cell B1 of ``xlwings.conf``), so the
buttons use exactly the Python that has the package installed.  The workbook
is saved with openpyxl (``keep_vba=True``), then checked: the VBA project, every
button's macro, the controls parts and the codeNames must be unchanged.  If
anything was lost (openpyxl drops parts Excel adds when it saves a workbook,
such as ``xl/ctrlProps``), the original is kept and only the one cell is
patched inside the zip instead.  Both ways the file is replaced atomically.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from exemplars.errors import InputError, OutputError
from exemplars.excel import layout as L
from exemplars.xlsx import atomic_path

_MACRO = re.compile(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>|\bmacro=\"([^\"]*)\"")
_CODE_NAME = re.compile(r'<(?:workbookPr|sheetPr)\b[^>]*\bcodeName="([^"]*)"')


@dataclass(frozen=True)
class Fingerprint:
    """What must survive a save: VBA bytes, macro bindings, control parts, codeNames."""

    vba: bytes
    macros: tuple[str, ...]
    controls: tuple[str, ...]
    code_names: tuple[str, ...]


def fingerprint(path: Path) -> Fingerprint:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        vba = z.read("xl/vbaProject.bin") if "xl/vbaProject.bin" in names else b""
        macros, code_names = [], []
        for name in names:
            sheet = name.startswith("xl/worksheets/sheet")
            if sheet or name.endswith(".vml") or name.startswith(("xl/drawings/drawing", "xl/ctrlProps/")):
                # Excel keeps form buttons both in the VML and in the sheet's <controls>
                macros += [a or b for a, b in _MACRO.findall(z.read(name).decode("utf-8", "replace"))]
            if sheet or name == "xl/workbook.xml":
                code_names += _CODE_NAME.findall(z.read(name).decode("utf-8", "replace"))
        # a VBA signature (xl/vbaProjectSignature*.bin) must survive too: openpyxl does not keep it
        controls = [n for n in names if n.startswith(("xl/ctrlProps/", "xl/activeX/", "xl/vbaProjectSignature"))]
    return Fingerprint(vba, tuple(sorted(macros)), tuple(sorted(controls)), tuple(sorted(code_names)))


def _sheet_part(z: zipfile.ZipFile, sheet_name: str) -> str:
    """Zip path of the worksheet called ``sheet_name``."""
    workbook = z.read("xl/workbook.xml").decode("utf-8")
    match = re.search(r'<sheet\b[^>]*\bname="%s"[^>]*>' % re.escape(escape(sheet_name, {'"': "&quot;"})), workbook)
    if not match:
        raise InputError(f"Bảng điều khiển không có trang «{sheet_name}».")
    rid = re.search(r'\br:id="([^"]+)"|\bid="([^"]+)"', match.group(0))
    if rid is None:
        raise InputError(f"Không tìm thấy phần dữ liệu của trang «{sheet_name}».")
    rel_id = rid.group(1) or rid.group(2)
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for rel in re.findall(r"<Relationship\b[^>]*>", rels):
        if f'Id="{rel_id}"' in rel:
            found = re.search(r'Target="([^"]+)"', rel)
            if found is None:
                break
            target = found.group(1)
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise InputError(f"Không tìm thấy phần dữ liệu của trang «{sheet_name}».")


def _with_cell_text(sheet_xml: str, ref: str, value: str) -> str:
    """``sheet_xml`` with cell ``ref`` (in row 1 or later) holding ``value`` as an inline string."""
    ref_match = re.match(r"[A-Z]+(\d+)", ref)
    if ref_match is None:
        raise ValueError(f"not an A1 cell reference: {ref!r}")
    row_no = ref_match.group(1)
    cell = re.compile(r'<c\b(?=[^>]*\br="%s")([^>]*?)(?:/>|>.*?</c>)' % ref, re.S)
    found = cell.search(sheet_xml)
    style = ""
    if found:
        style_match = re.search(r'\bs="\d+"', found.group(1))
        style = f" {style_match.group(0)}" if style_match else ""
    new_cell = f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if found:
        return sheet_xml[:found.start()] + new_cell + sheet_xml[found.end():]
    row = re.search(r'<row\b[^>]*\br="%s"[^>]*>' % row_no, sheet_xml)
    if row:  # cells in row 1 are A1, B1…: B1 goes after A1 (or first)
        after_a = re.compile(r'<c\b[^>]*\br="A%s"[^>]*(?:/>|>.*?</c>)' % row_no, re.S).match(sheet_xml, row.end())
        at = after_a.end() if after_a else row.end()
        return sheet_xml[:at] + new_cell + sheet_xml[at:]
    raise InputError(f"Trang «{L.SHEET_XLWINGS}» không có dòng {row_no}.")


def patch_cell_in_zip(source: Path, target: Path, sheet_name: str, ref: str, value: str) -> None:
    """Copy ``source`` to ``target`` changing only cell ``ref`` of ``sheet_name``; other parts byte-for-byte."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        part = _sheet_part(zin, sheet_name)
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = _with_cell_text(data.decode("utf-8"), ref, value).encode("utf-8")
            zout.writestr(info, data, compress_type=info.compress_type)


def _save_with_openpyxl(source: Path, target: Path, value: str) -> None:
    wb = openpyxl.load_workbook(source, keep_vba=True)
    if L.SHEET_XLWINGS not in wb.sheetnames:
        raise InputError(f"Bảng điều khiển «{source.name}» không có trang «{L.SHEET_XLWINGS}».")
    wb[L.SHEET_XLWINGS][L.INTERPRETER_CELL].value = value
    wb.save(target)


def install_interpreter(workbook: Path | str, interpreter: str) -> str:
    """Set ``Interpreter_Win`` of ``workbook`` to ``interpreter``; returns "openpyxl" or "zip" (the way used)."""
    workbook = Path(workbook)
    if not workbook.is_file():
        raise InputError(f"Không tìm thấy bảng điều khiển «{workbook}».")
    before = fingerprint(workbook)
    if not before.vba:
        raise InputError(f"«{workbook.name}» không chứa macro (không phải bảng điều khiển .xlsm).")
    try:
        return _replace(workbook, before, interpreter)
    except PermissionError:
        raise OutputError(f"Không ghi được «{workbook}»: hãy đóng tệp trong Excel rồi chạy lại.") from None


def _replace(workbook: Path, before: Fingerprint, interpreter: str) -> str:
    with atomic_path(workbook) as tmp:
        _save_with_openpyxl(workbook, tmp, interpreter)
        kept = fingerprint(tmp) == before
        if not kept:  # leave the original in place and take the byte-preserving way
            patch_cell_in_zip(workbook, tmp, L.SHEET_XLWINGS, L.INTERPRETER_CELL, interpreter)
            if fingerprint(tmp) != before:
                raise OutputError(f"Không cập nhật được «{workbook.name}» mà vẫn giữ nguyên macro và nút bấm; "
                                  "tệp gốc được giữ nguyên.")
    return "openpyxl" if kept else "zip"

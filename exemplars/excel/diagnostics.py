"""«Kiểm tra cài đặt»: what this Python installation and the workbook's folders look like.

Plain Python (no xlwings import): the button writes the rows, tests call it directly.
Each row is (mục, giá trị, tình trạng) with tình trạng "Tốt", "Cảnh báo" or "Lỗi".
"""

from __future__ import annotations

import platform
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from exemplars.errors import ExemplarsError
from exemplars.excel import layout as L
from exemplars.excel.settings_io import resolve_folder, settings_from_values
from exemplars.outputs.office import find_soffice
from exemplars.rulebook import load_rulebook

OK, WARN, FAIL = "Tốt", "Cảnh báo", "Lỗi"
HEADERS = ("Mục", "Giá trị", "Tình trạng")
PACKAGES = ("exemplars", "xlwings", "pandas", "openpyxl", "XlsxWriter", "pydantic", "python-calamine")


def interpreter_path() -> str:
    """This interpreter as RunPython should start it: python.exe, never pythonw.exe."""
    exe = Path(sys.executable)
    if exe.stem.lower() == "pythonw":
        console = exe.with_name("python" + exe.suffix)
        if console.exists():
            return str(console)
    return str(exe)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def pinned_xlwings() -> str:
    """The xlwings version the package pins (and whose VBA module the workbook embeds)."""
    for requirement in metadata.requires("exemplars") or []:
        if requirement.replace(" ", "").startswith("xlwings=="):
            return requirement.split("==", 1)[1].split(";")[0].strip()
    return ""


def writable(folder: Path) -> bool:
    """True when a file can be created in ``folder`` (the folder must exist)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".exemplars-test-"):
            return True
    except OSError:
        return False


def _folder_row(label: str, path: Path, *, must_exist: bool) -> tuple[str, str, str]:
    if not path.exists():
        if must_exist:
            return label, str(path), f"{FAIL}: thư mục không tồn tại"
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not writable(parent):
            return label, str(path), f"{FAIL}: chưa có và không tạo được (không ghi được vào {parent})"
        return label, str(path), f"{WARN}: chưa có, sẽ được tạo khi chạy"
    if not path.is_dir():
        return label, str(path), f"{FAIL}: đây là tệp, không phải thư mục"
    if must_exist:
        files = [p for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods")]
        return label, str(path), f"{OK}: có {len(files)} tệp bảng tính"
    return label, str(path), OK if writable(path) else f"{FAIL}: không ghi được vào thư mục"


def setup_rows(values: dict[str, Any], base_dir: Path | None) -> list[tuple[str, str, str]]:
    """The report: interpreter, package versions, rulebook, folders, LibreOffice."""
    rows: list[tuple[str, str, str]] = [
        ("Python", interpreter_path(), OK),
        ("Phiên bản Python", platform.python_version(), OK if sys.version_info >= (3, 11) else f"{FAIL}: cần 3.11+"),
        ("Hệ điều hành", f"{platform.system()} {platform.release()}", OK),
        ("Thư mục bảng điều khiển", str(base_dir) if base_dir else "(chưa lưu vào thư mục)",
         OK if base_dir else WARN),
    ]
    pinned = pinned_xlwings()
    for package in PACKAGES:
        version = _version(package)
        state = OK if version else f"{FAIL}: chưa cài"
        if package == "xlwings" and version and pinned and version != pinned:
            state = f"{FAIL}: bảng điều khiển cần xlwings {pinned}"
        rows.append((f"Thư viện {package}", version or "-", state))
    label = {s.name: s.label for s in L.SETTINGS}
    try:
        rulebook = load_rulebook(str(values.get("cfg_quy_che") or ""))
        rows.append((label["cfg_quy_che"], f"{rulebook.id}: {rulebook.agency}", OK))
    except ExemplarsError as exc:
        rows.append((label["cfg_quy_che"], str(values.get("cfg_quy_che") or ""), f"{FAIL}: {exc.message}"))
    for name, must_exist in (("cfg_thu_muc_ho_so", True), ("cfg_thu_muc_ket_qua", False),
                             ("cfg_thu_muc_lich_su", False)):
        try:
            folder = resolve_folder(values.get(name), label[name], base_dir, required=(name != "cfg_thu_muc_lich_su"))
        except ExemplarsError as exc:
            rows.append((label[name], str(values.get(name) or ""), f"{FAIL}: {exc.message}"))
            continue
        if folder is None:
            rows.append((label[name], "(không dùng)", OK))
        else:
            rows.append(_folder_row(label[name], folder, must_exist=must_exist))
    try:
        settings_from_values(values, base_dir)
        rows.append(("Các thiết lập khác", "năm, kỳ, ngày quyết định", OK))
    except ExemplarsError as exc:
        rows.append(("Các thiết lập khác", "", f"{FAIL}: {exc.message}"))
    soffice = find_soffice()
    rows.append(("LibreOffice (để xuất PDF)", soffice or "không tìm thấy",
                 OK if soffice else f"{WARN}: vẫn xuất được Excel, không xuất được PDF"))
    return rows


def verdict(rows: list[tuple[str, str, str]]) -> str:
    """One line for the status cell and the message box."""
    failures = sum(1 for *_, state in rows if state.startswith(FAIL))
    warnings = sum(1 for *_, state in rows if state.startswith(WARN))
    if failures:
        return f"Cài đặt có {failures} lỗi cần sửa, {warnings} cảnh báo (xem trang «{L.SHEET_SETUP}»)."
    if warnings:
        return f"Cài đặt dùng được, có {warnings} cảnh báo (xem trang «{L.SHEET_SETUP}»)."
    return "Cài đặt đầy đủ, sẵn sàng sử dụng."

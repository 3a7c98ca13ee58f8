"""«Kiểm tra cài đặt»: what this Python installation and the workbook's folders look like.

Plain Python (no xlwings import): the button writes the rows, tests call it directly.
Each row is (mục, giá trị, tình trạng) with tình trạng "Tốt", "Cảnh báo" or "Lỗi".
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path, PureWindowsPath
from typing import Any

from exemplars.errors import ExemplarsError
from exemplars.excel import layout as L
from exemplars.excel import windows
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


Row = tuple[str, str, str]
WORKING_FOLDER = r"%USERPROFILE%\ThiDua"  # where cai-dat.bat puts the workbook by default


def _same_file(a: str, b: str) -> bool:
    if os.path.normcase(a) == os.path.normcase(b):
        return True
    try:
        return os.path.samefile(a, b)  # a short (8.3) and a long form of one path
    except OSError:
        return False


def interpreter_row(configured: str) -> Row:
    """The Python RunPython starts (``Interpreter_Win``): it exists, is this one, and is ASCII or short-form."""
    label = "Python trong xlwings.conf"
    how = "chạy lại cai-dat.bat (hoặc «exemplars excel install»)"
    if configured in ("", "python", "pythonw"):
        return label, configured or "(trống)", f"{WARN}: chưa ghi đường dẫn, Excel dùng «python» trên PATH; {how}"
    if not Path(configured).is_file():
        return label, configured, f"{FAIL}: không có tệp này; {how}"
    if not configured.isascii():
        return label, configured, (f"{WARN}: đường dẫn có chữ không phải ASCII (ổ đĩa không có tên ngắn 8.3), "
                                   "VBA có thể không gọi được; cài Python vào thư mục tên không dấu, ví dụ C:\\Python")
    if not _same_file(configured, interpreter_path()):
        return label, configured, f"{WARN}: khác Python đang chạy ({interpreter_path()}); {how}"
    return label, configured, OK


def windows_rows(fullname: str, base_dir: Path | None, *, on_windows: bool | None = None,
                 locations: list[windows.TrustedLocation] | None = None,
                 env: Mapping[str, str] | None = None) -> list[Row]:
    """Trusted Location, internet mark and OneDrive/Downloads of the workbook ``fullname`` (as Excel names it)."""
    on_windows = sys.platform == "win32" if on_windows is None else on_windows
    env = os.environ if env is None else env
    rows: list[Row] = []
    risky = windows.risky_folder(base_dir if base_dir else fullname, env) if (base_dir or "://" in fullname) else None
    rows.append(("Thư mục OneDrive / Tải về", str(base_dir or fullname),
                 f"{WARN}: bảng điều khiển đang ở {risky}; chép sang {WORKING_FOLDER} (cai-dat.bat làm việc này)"
                 if risky else OK))
    if base_dir is None:
        return rows
    if not on_windows:
        rows.append(("Vị trí tin cậy của Excel", "chỉ có trên Windows", OK))
    else:
        found = windows.is_trusted(base_dir, windows.trusted_locations() if locations is None else locations, env)
        rows.append(("Vị trí tin cậy của Excel", found.path if found else str(base_dir), OK if found else
                     f"{WARN}: thư mục chưa là Vị trí tin cậy (Trusted Location), Excel sẽ chặn macro; chạy lại "
                     "cai-dat.bat, hoặc File › Options › Trust Center › Trusted Locations › Add new location"))
    workbook = base_dir / PureWindowsPath(fullname).name
    zone = windows.zone_of(workbook)
    if zone in windows.BLOCKED_ZONES:
        rows.append(("Dấu tải từ Internet", f"Zone.Identifier: vùng {zone} ({windows.BLOCKED_ZONES[zone]})",
                     f"{WARN}: Excel chặn macro của tệp này (thanh đỏ «RỦI RO BẢO MẬT»); gỡ dấu: đóng tệp, "
                     "nhấp phải › Properties › tích Unblock › OK, hoặc PowerShell: "
                     f"Unblock-File -LiteralPath \"{workbook}\""))
    else:
        rows.append(("Dấu tải từ Internet", "không có" if zone is None else f"Zone.Identifier: vùng {zone}", OK))
    return rows


def setup_rows(values: dict[str, Any], base_dir: Path | None, fullname: str = "",
               configured_python: str | None = None) -> list[Row]:
    """The report: interpreter, package versions, rulebook, folders, Windows conditions, LibreOffice."""
    rows: list[Row] = [
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
    if configured_python is not None:
        rows.append(interpreter_row(configured_python))
    rows += windows_rows(fullname, base_dir)
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

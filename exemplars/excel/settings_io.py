"""Read the calling workbook's inputs (named settings, unit list, votes) and build ``RunSettings``.

Everything is read once, before anything is written: on the remote engine (and
in xlwings Lite) a value written during a run still reads back as the old one.
``settings_from_values`` is plain Python, so its rules are tested without Excel.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Literal, overload

from pydantic import ValidationError

from exemplars.errors import InputError
from exemplars.excel import layout as L
from exemplars.findings import Severity
from exemplars.settings import DocumentHeader, RunSettings
from exemplars.vi.values import parse_day, parse_int

#: The history store inside the «Thư mục lịch sử» folder.
HISTORY_FILE = "lich-su-thi-dua.sqlite"


@dataclass
class ControlInputs:
    """What one button reads from the control workbook."""

    values: dict[str, Any]  # setting name → raw cell value
    base_dir: Path | None  # folder of the workbook; None when it has not been saved to disk
    unit_rows: list[list[Any]] = field(default_factory=list)
    vote_rows: list[list[Any]] = field(default_factory=list)

    def settings(self) -> RunSettings:
        return settings_from_values(self.values, self.base_dir)

    def period_label(self) -> str:
        return _text(self.values.get("cfg_ky")) or L.DEFAULT_PERIOD


def workbook_folder(fullname: str) -> Path | None:
    """Folder of a saved workbook; None for a bare name (unsaved book, remote engine)."""
    for flavour in (Path, PureWindowsPath):
        path = flavour(fullname)
        if path.is_absolute():
            return Path(str(path.parent))
    return None


def sheet_rows(book, sheet_name: str) -> list[list[Any]]:
    """The used range of a sheet as a list of rows (empty list when the sheet is missing or empty)."""
    if sheet_name not in [s.name for s in book.sheets]:
        return []
    values = book.sheets[sheet_name].used_range.options(ndim=2).value
    return [list(row) for row in values or []]


def is_missing_name_error(exc: BaseException) -> bool:
    """A named cell that is gone or points at ``#REF!``: KeyError/ValueError on the remote engine and on macOS,
    ``pywintypes.com_error`` from Excel's COM interface on Windows (matched by name: pywin32 is not imported here)."""
    if isinstance(exc, (KeyError, ValueError)):
        return True
    return any(kind.__name__ == "com_error" and kind.__module__ == "pywintypes" for kind in type(exc).__mro__)


def configured_interpreter(book) -> str | None:
    """``Interpreter_Win`` of the ``xlwings.conf`` sheet (the Python RunPython starts); None without the sheet."""
    if L.SHEET_XLWINGS not in [s.name for s in book.sheets]:
        return None
    return _text(book.sheets[L.SHEET_XLWINGS][L.INTERPRETER_CELL].value)


def read_inputs(book, *, units: bool = False, votes: bool = False) -> ControlInputs:
    """Settings cells, and on request the «Đơn vị» and «Phiếu bầu» tables, of ``book``."""
    values: dict[str, Any] = {}
    for item in L.SETTINGS:
        try:
            values[item.name] = book.names[item.name].refers_to_range.value
        except Exception as exc:
            if not is_missing_name_error(exc):
                raise
            raise InputError(
                f"Bảng điều khiển thiếu ô «{item.label}» (tên {item.name}) ở trang «{L.SHEET_SETTINGS}». "
                "Hãy dùng lại tệp bảng điều khiển gốc."
            ) from None
    return ControlInputs(
        values=values,
        base_dir=workbook_folder(book.fullname),
        unit_rows=sheet_rows(book, L.SHEET_UNITS) if units else [],
        vote_rows=sheet_rows(book, L.SHEET_VOTES) if votes else [],
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@overload
def resolve_folder(value: Any, label: str, base_dir: Path | None, *, required: Literal[True] = True) -> Path: ...


@overload
def resolve_folder(value: Any, label: str, base_dir: Path | None, *, required: bool) -> Path | None: ...


def resolve_folder(value: Any, label: str, base_dir: Path | None, *, required: bool = True) -> Path | None:
    """A folder (or file) setting as an absolute path; relative paths count from the workbook's folder."""
    text = os.path.expandvars(_text(value))
    if not text:
        if required:
            raise InputError(f"Chưa điền «{label}» ở trang «{L.SHEET_SETTINGS}».")
        return None
    path = Path(text).expanduser()
    if path.is_absolute() or PureWindowsPath(text).is_absolute():
        return path
    if base_dir is None:
        raise InputError(
            f"«{label}» là đường dẫn tương đối ({text}) nhưng bảng điều khiển chưa được lưu vào một thư mục. "
            "Hãy lưu tệp bảng điều khiển, hoặc ghi đường dẫn đầy đủ (ví dụ D:\\ThiDua\\ho-so-don-vi)."
        )
    return base_dir / path


def period_code(label: Any, year: int) -> str:
    """«Kỳ» dropdown text → ``RunSettings.period`` ("nam", "6_thang", "9_thang", "2026-Q1")."""
    text = _text(label) or L.DEFAULT_PERIOD
    for choice, code in L.PERIOD_CHOICES.items():
        if text.casefold() == choice.casefold():
            return code.format(year=year)
    raise InputError(f"Kỳ «{text}» không hợp lệ. Chọn một trong: {', '.join(L.PERIOD_CHOICES)}.")


def _year(value: Any) -> int:
    parsed = parse_int(value)
    year = parsed.value
    if not isinstance(year, int) or parsed.severity is Severity.ERROR or not 2000 <= year <= 2100:
        raise InputError(f"Năm «{_text(value)}» không hợp lệ: ghi năm 4 chữ số, ví dụ 2026.")
    return year


def _date(value: Any, label: str) -> dt.date | None:
    return parse_day(value, label)


def settings_from_values(values: dict[str, Any], base_dir: Path | None) -> RunSettings:
    """Raw setting cells → ``RunSettings``; every unusable value is an ``InputError`` in Vietnamese."""
    label = {s.name: s.label for s in L.SETTINGS}
    year = _year(values.get("cfg_nam"))
    history_dir = resolve_folder(values.get("cfg_thu_muc_lich_su"), label["cfg_thu_muc_lich_su"], base_dir,
                                 required=False)
    rulebook = _text(values.get("cfg_quy_che"))
    if not rulebook:
        raise InputError(f"Chưa chọn «{label['cfg_quy_che']}» ở trang «{L.SHEET_SETTINGS}».")
    if rulebook.lower().endswith(".toml"):
        rulebook = str(resolve_folder(rulebook, label["cfg_quy_che"], base_dir))
    header = DocumentHeader(
        parent_agency=_text(values.get("cfg_co_quan_chu_quan")),
        agency=_text(values.get("cfg_co_quan_ban_hanh")),
        locality=_text(values.get("cfg_dia_danh")),
        doc_number=_text(values.get("cfg_so_van_ban")),
        signer_title=_text(values.get("cfg_chuc_danh_nguoi_ky")),
        signer_name=_text(values.get("cfg_nguoi_ky")),
    )
    try:
        return RunSettings(
            folder=resolve_folder(values.get("cfg_thu_muc_ho_so"), label["cfg_thu_muc_ho_so"], base_dir),
            out_dir=resolve_folder(values.get("cfg_thu_muc_ket_qua"), label["cfg_thu_muc_ket_qua"], base_dir),
            rulebook=rulebook,
            year=year,
            period=period_code(values.get("cfg_ky"), year),
            history_db=history_dir / HISTORY_FILE if history_dir else None,
            decision_date=_date(values.get("cfg_ngay_quyet_dinh"), label["cfg_ngay_quyet_dinh"]),
            council_date=_date(values.get("cfg_ngay_hop_hoi_dong"), label["cfg_ngay_hop_hoi_dong"]),
            templates_dir=resolve_folder(values.get("cfg_thu_muc_mau_van_ban"), label["cfg_thu_muc_mau_van_ban"],
                                         base_dir, required=False),
            received_file=resolve_folder(values.get("cfg_so_nhan_ho_so"), label["cfg_so_nhan_ho_so"], base_dir,
                                         required=False),
            header=header,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"Thiết lập không hợp lệ ({'.'.join(map(str, first['loc']))}): {first['msg']}") from None

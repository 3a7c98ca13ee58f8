"""The Windows conditions a clerk meets, checked without Windows: paths, registry values and streams as data."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from exemplars.errors import InputError
from exemplars.excel import diagnostics, windows
from exemplars.excel.diagnostics import FAIL, OK, WARN, interpreter_path, interpreter_row, windows_rows
from exemplars.excel.settings_io import is_missing_name_error, read_inputs

ENV = {"USERPROFILE": r"C:\Users\lan", "OneDrive": r"C:\Users\lan\OneDrive - So NN&PTNT"}


def test_short_path_only_for_non_ascii_paths():
    calls = []

    def shorten(path: str) -> str:
        calls.append(path)
        return r"C:\Users\NGUYNV~1\AppData\Local\Programs\Python\PYTHON~1\python.exe"

    assert windows.short_path(r"C:\Python312\python.exe", shorten) == r"C:\Python312\python.exe"
    assert calls == []
    long = r"C:\Users\Nguyễn Văn\AppData\Local\Programs\Python\Python312\python.exe"
    assert windows.short_path(long, shorten).startswith(r"C:\Users\NGUYNV~1")
    assert windows.short_path(long, lambda p: "") == long  # no short names on the volume: unchanged


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows there is no short form to ask for")
def test_short_path_off_windows_is_the_path_itself():
    assert windows.short_path("/home/người/python") == "/home/người/python"


@pytest.mark.parametrize(("folder", "trusted"), [
    (r"C:\Users\lan\ThiDua", True),
    ("c:\\users\\LAN\\thidua\\", True),
    (r"C:\Users\lan\ThiDua\2026", True),  # subfolders allowed
    (r"C:\Users\lan\ThiDuaCu", False),  # a prefix of the name is not a parent
    (r"D:\ThiDua", True),  # the location itself
    (r"D:\ThiDua\nam-2026", False),  # that location does not allow subfolders
])
def test_trusted_location_covers_its_folder_and_allowed_subfolders(folder, trusted):
    locations = [windows.TrustedLocation("%USERPROFILE%\\ThiDua\\", True, "HKCU\\…\\" + windows.LOCATION_NAME),
                 windows.TrustedLocation("D:/ThiDua/", False, "HKCU\\…\\Location3")]
    found = windows.is_trusted(folder, locations, ENV)
    assert (found is not None) == trusted
    if r"\2026" in folder:
        assert found is locations[0]


def test_zone_identifier_stream_is_read(tmp_path):
    workbook = tmp_path / "bang-dieu-khien.xlsm"
    workbook.write_bytes(b"PK")
    assert windows.zone_of(workbook) is None
    # On NTFS this is the alternate data stream; elsewhere the same name is a plain file.
    Path(f"{workbook}:Zone.Identifier").write_text(
        "[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://mail.example.vn/\r\n", encoding="utf-8")
    assert windows.zone_of(workbook) == 3


@pytest.mark.parametrize(("folder", "reason"), [
    (r"C:\Users\lan\OneDrive - So NN&PTNT\ThiDua", "OneDrive"),
    (r"C:\Users\lan\OneDrive\Documents", "OneDrive"),
    (r"E:\OneDrive\ThiDua", "OneDrive"),
    ("https://d.docs.live.net/5c1f/ThiDua/bang-dieu-khien.xlsm", "OneDrive"),
    (r"C:\Users\lan\Downloads\bundle", "Downloads"),
    (r"C:\Users\lan\ThiDua", None),
    (r"D:\ThiDua\2026", None),
])
def test_synced_and_download_folders_are_named(folder, reason):
    found = windows.risky_folder(folder, ENV)
    assert (found is None) if reason is None else (reason in found)


def test_setup_rows_on_windows_report_location_mark_and_folder(tmp_path):
    base = tmp_path / "Downloads"
    base.mkdir()
    workbook = base / "bang-dieu-khien.xlsm"
    workbook.write_bytes(b"PK")
    Path(f"{workbook}:Zone.Identifier").write_text("[ZoneTransfer]\nZoneId=3\n", encoding="utf-8")
    env = {"USERPROFILE": str(tmp_path)}
    rows = {r[0]: r for r in windows_rows(str(workbook), base, on_windows=True, locations=[], env=env)}
    assert rows["Thư mục OneDrive / Tải về"][2].startswith(f"{WARN}: bảng điều khiển đang ở Downloads")
    assert rows["Vị trí tin cậy của Excel"][2].startswith(f"{WARN}: thư mục chưa là Vị trí tin cậy")
    mark = rows["Dấu tải từ Internet"]
    assert mark[1] == "Zone.Identifier: vùng 3 (Internet)"
    assert "Unblock" in mark[2] and str(workbook) in mark[2]

    trusted = [windows.TrustedLocation(str(tmp_path), True, "HKCU")]
    (base / "bang-dieu-khien.xlsm:Zone.Identifier").unlink()
    rows = {r[0]: r for r in windows_rows(str(workbook), base, on_windows=True, locations=trusted, env=env)}
    assert rows["Vị trí tin cậy của Excel"] == ("Vị trí tin cậy của Excel", str(tmp_path), OK)
    assert rows["Dấu tải từ Internet"][1:] == ("không có", OK)


def test_setup_rows_for_an_unsaved_or_onedrive_book():
    rows = windows_rows("https://d.docs.live.net/5c1f/bang-dieu-khien.xlsm", None, on_windows=True, locations=[],
                        env=ENV)
    assert len(rows) == 1 and rows[0][2].startswith(f"{WARN}: bảng điều khiển đang ở OneDrive")
    assert windows_rows("bang-dieu-khien.xlsm", None, on_windows=True, env=ENV)[0][2] == OK


def test_interpreter_row(tmp_path):
    assert interpreter_row(interpreter_path())[2] == OK
    assert interpreter_row("python")[2].startswith(f"{WARN}: chưa ghi đường dẫn")
    assert interpreter_row(str(tmp_path / "khong-co.exe"))[2].startswith(f"{FAIL}: không có tệp này")
    other = tmp_path / "Người dùng" / "python.exe"
    other.parent.mkdir()
    other.write_bytes(b"")
    assert "không phải ASCII" in interpreter_row(str(other))[2]
    ascii_other = tmp_path / "python.exe"
    ascii_other.write_bytes(b"")
    assert interpreter_row(str(ascii_other))[2].startswith(f"{WARN}: khác Python đang chạy")


def test_setup_report_carries_the_windows_rows(tmp_path):
    values = {s.name: s.default for s in diagnostics.L.SETTINGS}
    rows = [r[0] for r in diagnostics.setup_rows(values, tmp_path, str(tmp_path / "bang-dieu-khien.xlsm"), "python")]
    for label in ("Python trong xlwings.conf", "Thư mục OneDrive / Tải về", "Vị trí tin cậy của Excel",
                  "Dấu tải từ Internet", "LibreOffice (để xuất PDF)"):
        assert label in rows


# A stand-in for pywin32's exception, as Excel's COM interface raises it on Windows.
com_error = type("com_error", (Exception,), {"__module__": "pywintypes"})


class _Names:
    def __init__(self, error: BaseException):
        self.error = error

    def __getitem__(self, name):
        raise self.error


class _RefName:
    @property
    def refers_to_range(self):
        raise com_error(-2147352567, "Exception occurred.", (0, None, None, None, 0, -2146827284), None)


@pytest.mark.parametrize("names", [
    _Names(KeyError("cfg_quy_che")),  # deleted name, remote engine
    _Names(com_error(-2147352567, "Exception occurred.", None, None)),  # deleted name, Excel on Windows
    {"cfg_quy_che": _RefName()},  # name pointing at #REF!, Excel on Windows
])
def test_deleted_or_ref_names_give_the_same_vietnamese_message(names):
    book = types.SimpleNamespace(names=names if isinstance(names, _Names) else _AllNames(names), fullname="x.xlsm")
    with pytest.raises(InputError, match="Bảng điều khiển thiếu ô .*Hãy dùng lại tệp bảng điều khiển gốc"):
        read_inputs(book)


class _AllNames(dict):
    def __missing__(self, key):
        return _RefName()


def test_other_errors_are_not_mistaken_for_a_missing_name():
    assert is_missing_name_error(com_error())
    assert is_missing_name_error(type("sub", (com_error,), {})())
    assert not is_missing_name_error(type("com_error", (Exception,), {"__module__": "elsewhere"})())
    assert not is_missing_name_error(RuntimeError("Excel is busy"))
    with pytest.raises(RuntimeError):
        read_inputs(types.SimpleNamespace(names=_Names(RuntimeError("busy")), fullname="x.xlsm"))

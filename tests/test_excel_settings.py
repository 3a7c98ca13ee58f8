"""Settings cells → RunSettings, and values → cells, without any Excel engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PureWindowsPath

import numpy as np
import pandas as pd
import pytest

from exemplars.domain import SubjectKind
from exemplars.errors import InputError
from exemplars.excel import layout as L
from exemplars.excel.settings_io import HISTORY_FILE, settings_from_values, workbook_folder
from exemplars.excel.sheets import cell_value


def defaults(**changes) -> dict:
    values = {s.name: s.default for s in L.SETTINGS}
    values.update(changes)
    return values


def test_relative_folders_count_from_the_workbook_folder(tmp_path):
    settings = settings_from_values(defaults(), tmp_path)
    assert settings.folder == tmp_path / "ho-so-don-vi"
    assert settings.out_dir == tmp_path / "ket-qua"
    assert settings.history_db == tmp_path / "lich-su" / HISTORY_FILE
    assert (settings.rulebook, settings.year, settings.period) == (L.DEFAULT_RULEBOOK, L.DEFAULT_YEAR, "nam")
    assert settings.decision_date is None


def test_absolute_folders_and_windows_paths_are_kept(tmp_path):
    settings = settings_from_values(defaults(cfg_thu_muc_ho_so=str(tmp_path / "a"),
                                             cfg_thu_muc_ket_qua=r"D:\ThiDua\ket-qua", cfg_thu_muc_lich_su=None),
                                    None)
    assert settings.folder == tmp_path / "a"
    assert str(settings.out_dir) == r"D:\ThiDua\ket-qua"
    assert settings.history_db is None


def test_period_year_date_and_document_header_cells():
    settings = settings_from_values(defaults(
        cfg_ky="Quý 2", cfg_nam=2027.0, cfg_ngay_quyet_dinh="20/12/2027", cfg_nguoi_ky="Nguyễn Văn A",
        cfg_so_van_ban=15.0, cfg_chuc_danh_nguoi_ky="TRƯỞNG BAN", cfg_dia_danh="Đồng Nai"), Path("/x"))
    assert (settings.year, settings.period) == (2027, "2027-Q2")
    assert settings.decision_date == dt.date(2027, 12, 20)
    header = settings.header
    assert (header.signer_name, header.doc_number, header.signer_title, header.locality) == (
        "Nguyễn Văn A", "15", "TRƯỞNG BAN", "Đồng Nai")
    assert settings_from_values(defaults(cfg_ngay_quyet_dinh=dt.datetime(2026, 5, 1)), Path("/x")).decision_date \
        == dt.date(2026, 5, 1)


@pytest.mark.parametrize("changes, message", [
    ({"cfg_nam": None}, "Năm «» không hợp lệ"),
    ({"cfg_nam": 1999}, "Năm «1999» không hợp lệ"),
    ({"cfg_ky": "Tháng 13"}, "Kỳ «Tháng 13» không hợp lệ"),
    ({"cfg_ngay_quyet_dinh": "31/02/2026"}, "không phải là ngày hợp lệ"),
    ({"cfg_thu_muc_ho_so": ""}, "Chưa điền «Thư mục hồ sơ đơn vị»"),
    ({"cfg_quy_che": None}, "Chưa chọn «Quy chế"),
])
def test_unusable_settings_are_vietnamese_input_errors(changes, message):
    with pytest.raises(InputError, match=message):
        settings_from_values(defaults(**changes), Path("/x"))


def test_relative_folder_without_a_saved_workbook_asks_for_a_full_path():
    with pytest.raises(InputError, match="chưa được lưu vào một thư mục"):
        settings_from_values(defaults(), None)


def test_workbook_folder_of_full_names():
    assert workbook_folder(r"C:\Users\vp\ThiDua\bang-dieu-khien.xlsm") == Path(
        str(PureWindowsPath(r"C:\Users\vp\ThiDua")))
    assert workbook_folder("/home/vp/bang-dieu-khien.xlsm") == Path("/home/vp")
    assert workbook_folder("bang-dieu-khien.xlsm") is None  # remote engine, unsaved book


@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+84 912", "'+84 912"),
    ("01", "'01"),
    ("05/02/2026", "'05/02/2026"),
    ("Văn phòng", "Văn phòng"),
    (True, "Có"),
    (False, "Không"),
    (dt.date(2026, 2, 5), "'05/02/2026"),
    (dt.datetime(2026, 2, 5, 10, 30), "'05/02/2026"),
    (float("nan"), None),
    (float("inf"), None),
    (pd.NA, None),
    (pd.NaT, None),
    (np.int64(12), 12),
    (None, None),
    (7, 7),
    (SubjectKind.CA_NHAN, "Cá nhân"),
])
def test_cell_values_stay_what_the_clerk_should_see(value, shown):
    assert cell_value(value) == shown


def test_setup_report_names_missing_and_unwritable_folders(tmp_path):
    from exemplars.excel.diagnostics import setup_rows, verdict

    blocker = tmp_path / "tep-thuong"
    blocker.write_text("x")
    rows = {row[0]: row for row in setup_rows(defaults(
        cfg_thu_muc_ho_so=str(tmp_path / "khong-co"), cfg_thu_muc_ket_qua=str(blocker / "ket-qua"),
        cfg_thu_muc_lich_su=str(tmp_path)), None)}
    assert rows["Thư mục hồ sơ đơn vị"][2] == "Lỗi: thư mục không tồn tại"
    assert rows["Thư mục kết quả"][2].startswith("Lỗi: chưa có và không tạo được")
    assert rows["Thư mục lịch sử"][2] == "Tốt"
    assert verdict(list(rows.values())).startswith("Cài đặt có 2 lỗi cần sửa")

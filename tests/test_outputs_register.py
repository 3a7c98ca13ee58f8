"""The working register: sheets, outcomes, sorted problems, files, native charts."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from support.results import FORMULA_NAME, build_run_result

from exemplars.outputs.outcomes import FAST_TRACK, NOT_ELIGIBLE, RESERVE, SELECTED, candidate_outcomes
from exemplars.outputs.working_register import write_working_register

SHEETS = ["Tổng hợp", "Xếp hạng", "Danh sách chọn", "Lỗi", "Tình trạng nộp", "Biểu đồ"]


@pytest.fixture
def register(rb_dn, tmp_path):
    result = build_run_result(rb_dn)
    path = write_working_register(result, tmp_path / "so.xlsx")
    return result, path, openpyxl.load_workbook(path)


def column(ws, title: str) -> list:
    headers = [c.value for c in ws[1]]
    idx = headers.index(title) + 1
    return [ws.cell(r, idx).value for r in range(2, ws.max_row + 1)]


def test_all_sheets_present(register):
    _, _, wb = register
    assert wb.sheetnames == SHEETS


def test_outcomes(rb_dn):
    outcomes = candidate_outcomes(build_run_result(rb_dn))
    assert outcomes["C03"].status == SELECTED and outcomes["C03"].rank == 1
    assert outcomes["C05"].status == FAST_TRACK
    assert outcomes["C07"].status == RESERVE and "hạn mức" in outcomes["C07"].detail
    assert outcomes["C04"].status == NOT_ELIGIBLE and outcomes["C04"].eligible is False
    assert "A-11.1" in outcomes["C04"].detail


def test_summary_sheet_rows_and_colours(register):
    _, _, wb = register
    ws = wb["Tổng hợp"]
    assert column(ws, "Mã") == ["C01", "C02", "C03", "C04", "C05", "C06", "C07"]
    assert column(ws, "Đủ điều kiện")[3] == "Không"
    assert column(ws, "Kết quả")[2] == SELECTED
    assert column(ws, "Dòng")[0] == 12
    assert column(ws, "Loại đối tượng")[0] == "Tập thể"
    assert len(ws.conditional_formatting) >= 2
    assert ws.freeze_panes == "A2"


def test_ranking_and_selection(register):
    result, _, wb = register
    ranking = wb["Xếp hạng"]
    assert column(ranking, "Mã")[:3] == ["C03", "C01", "C06"]
    assert column(ranking, "Hạng")[:3] == [1, 2, 3]
    assert column(ranking, "Tỷ lệ phiếu")[0] == pytest.approx(8 / 9)
    assert "tiêu chí" in column(ranking, "Chi tiết điểm")[0]
    chosen = wb["Danh sách chọn"]
    amounts = column(chosen, "Số tiền (đồng)")
    assert amounts[:5] == [760_000, 1_520_000, 1_520_000, 760_000, 760_000]
    assert result.selection.reward_total == 4_560_000
    labels = column(chosen, "Hình thức khen thưởng")
    assert amounts[labels.index("Tổng danh sách chính")] == 4_560_000
    assert amounts[labels.index("Tổng khen thưởng đột xuất")] == 760_000
    rules = [v for v in column(chosen, "Cách tính") if v]
    assert all("Nghị định 152/2025/NĐ-CP" in r for r in rules)
    values = [c.value for row in chosen.iter_rows() for c in row]
    assert "Dự phòng (đủ điều kiện, không được chọn)" in values and "Phạm Thị Lan" in values


def test_problems_sorted_by_severity_file_cell(register):
    result, _, wb = register
    ws = wb["Lỗi"]
    # printed: the place as the unit's letter says it, the rule code last; unit, sheet, cell for filters
    assert [c.value for c in ws[1]] == ["Mức độ", "Tệp, vị trí (sheet!ô)", "Giá trị", "Nội dung", "Mã quy tắc",
                                        "Tệp", "Đơn vị", "Sheet", "Ô"]
    severities = column(ws, "Mức độ")
    assert severities == ["Lỗi", "Lỗi", "Cảnh báo", "Ghi chú"]
    assert column(ws, "Ô")[:2] == ["E13", "F13"]
    assert len(severities) == len(result.problems)
    assert ws.cell(4, 3).data_type == "s" and ws.cell(4, 3).value == "=SUM(A1)"
    assert ws.print_area == "'Lỗi'!$A$1:$E$5"


def test_file_status_and_missing_units(register):
    _, _, wb = register
    values = [c.value for row in wb["Tình trạng nộp"].iter_rows() for c in row if c.value is not None]
    assert "Đã nhận" in values and "Bỏ qua (tệp tạm, tệp ẩn, không phải bảng tính)" in values
    assert "Đơn vị chưa nộp (2)" in values and "QLXD" in values and "QLMT" in values


def test_native_charts_backed_by_tables(register):
    _, path, wb = register
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) >= 3
    kinds = {k for x in xml for k in ("barChart", "pieChart") if f"<c:{k}>" in x}
    assert kinds == {"barChart", "pieChart"}
    assert all("Biểu đồ" in x for x in xml)  # every series reads a table on the chart sheet
    ws = wb["Biểu đồ"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Đủ điều kiện" in values and "Chưa đủ điều kiện" in values
    i = values.index("Chưa đủ điều kiện")
    assert values[i + 1] == 1


def test_text_from_units_stays_text(register):
    _, _, wb = register
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert c.data_type == "s"
    assert FORMULA_NAME in column(wb["Tổng hợp"], "Họ và tên / Tên tập thể")

"""The submission list: ND 30 header block, sections, rank order, money, print setup, text safety."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from support.results import FORMULA_NAME, FORMULA_NOTE, build_run_result

from exemplars.domain import SubjectGroup
from exemplars.outputs.nd30 import doc_number_line, nd30_day_month, nd30_place_date
from exemplars.outputs.submission import (
    FAST_TRACK_TITLE,
    FAST_TRACK_TOTAL_LABEL,
    GROUP_TITLES,
    ROMAN,
    TOTAL_LABEL,
    WIDTHS,
    write_submission,
)
from exemplars.page_setup import layout_percent
from exemplars.settings import DocumentHeader, RunSettings

HEADER = DocumentHeader(doc_number="5", doc_date=dt.date(2026, 2, 5), signer_name="Cao Tiến Sỹ")


def settings_for(rb, out: Path, header: DocumentHeader = HEADER) -> RunSettings:
    return RunSettings(folder=out / "in", out_dir=out, rulebook=rb.id, year=2026, header=header)


def texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def row_of(ws, text: str) -> int:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row
    raise AssertionError(f"{text!r} not found")


@pytest.fixture
def sheet(rb_dn, tmp_path):
    result = build_run_result(rb_dn)
    path = write_submission(result, settings_for(rb_dn, tmp_path), rb_dn, tmp_path / "ds.xlsx")
    return openpyxl.load_workbook(path).active


@pytest.mark.parametrize("day, words", [
    (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (dt.date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
    (dt.date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
    (dt.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
])
def test_nd30_dates(day, words):
    assert nd30_day_month(day) == words
    assert nd30_place_date("Đồng Nai", day) == f"Đồng Nai, {words}"


def test_document_number_gets_leading_zero_and_symbol():
    assert doc_number_line("5", "KCNĐN-VP") == "Số: 05/KCNĐN-VP"
    assert doc_number_line("15", "KCNĐN-VP") == "Số: 15/KCNĐN-VP"
    assert doc_number_line("15/KCNĐN-VP", "X") == "Số: 15/KCNĐN-VP"
    assert doc_number_line("", "KCNĐN-VP").endswith("/KCNĐN-VP")


def test_header_block_and_title(sheet):
    found = texts(sheet)
    for expected in ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP ĐỒNG NAI",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 05/KCNĐN-VP",
                     "Đồng Nai, ngày 05 tháng 02 năm 2026", "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN NĂM 2026",
                     "TRƯỞNG BAN", "Cao Tiến Sỹ", "Nơi nhận:", "- Lưu: VT, TĐKT."):
        assert expected in found, expected
    assert any(t.startswith("(Kèm theo Công văn số 05/KCNĐN-VP ngày 05 tháng 02 năm 2026") for t in found)
    agency = sheet.cell(row_of(sheet, "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP ĐỒNG NAI"), 2)
    parent = sheet.cell(row_of(sheet, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"), 2)
    assert agency.font.b and not parent.font.b
    assert sheet.cell(row_of(sheet, "Đồng Nai, ngày 05 tháng 02 năm 2026"), 5).font.i
    nd30_line = sheet.cell(row_of(sheet, "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP ĐỒNG NAI") + 1, 3)
    assert nd30_line.border.bottom.style == "thin"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    first = row_of(sheet, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI")
    assert f"B{first}:D{first}" in merged


def test_sections_and_rank_order(sheet):
    found = texts(sheet)
    assert "I. TẬP THỂ" in found and "II. CÁ NHÂN" in found
    assert not any(t.startswith("III. HỘ GIA ĐÌNH") for t in found)  # the Đồng Nai plan has no households
    assert any(t.startswith(FAST_TRACK_TITLE) and "Trưởng ban quyết định" in t for t in found)
    start, end = row_of(sheet, "I. TẬP THỂ"), row_of(sheet, "II. CÁ NHÂN")
    collectives = [sheet.cell(r, 2).value for r in range(start + 3, end)]
    assert collectives == ["Tổ Hành chính - Quản trị", "Phòng Một cửa"]  # 92.5 before 90.0
    individuals = [sheet.cell(r, 2).value for r in range(end + 2, end + 4)]
    assert individuals == [FORMULA_NAME, "Nguyễn Thị Hồng Nhung"]  # rank 1 before rank 4
    headers = [sheet.cell(end + 1, c).value for c in range(1, 10)]
    assert headers[:8] == ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Lĩnh vực", "Tóm tắt thành tích",
                           "Sáng kiến, mô hình", "Hình thức khen thưởng đề nghị", "Ghi chú"]
    fast = row_of(sheet, next(t for t in found if t.startswith(FAST_TRACK_TITLE)))
    assert sheet.cell(fast + 2, 2).value == "Lê Minh Đức"
    assert "Phó Trưởng phòng" in sheet.cell(end + 2, 3).value


def test_reward_amounts_total_and_basis(sheet):
    found = texts(sheet)
    total_row = row_of(sheet, TOTAL_LABEL)
    assert sheet.cell(total_row, 9).value == "4.560.000"  # selection.reward_total: the council's list
    amounts = [sheet.cell(r, 9).value for r in range(1, total_row)]
    assert amounts.count("1.520.000") == 2 and amounts.count("760.000") == 2
    fast_row = row_of(sheet, f"{FAST_TRACK_TOTAL_LABEL} ĐỘT XUẤT")  # the fixture's fast track is đột xuất
    assert fast_row > row_of(sheet, next(t for t in found if t.startswith(FAST_TRACK_TITLE)))
    assert [sheet.cell(r, 9).value for r in range(total_row + 1, fast_row)].count("760.000") == 1
    assert sheet.cell(fast_row, 9).value == "760.000"
    basis = next(t for t in found if t.startswith("Cách tính mức tiền thưởng"))
    assert "152/2025/NĐ-CP" in basis and "2.530.000" in basis and "0,3 × 2.530.000 = 759.000" in basis


def test_unit_text_stays_text(sheet):
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    assert FORMULA_NAME in [c.value for c in cells]
    assert FORMULA_NOTE in [c.value for c in cells]


def test_print_setup_and_fonts(sheet):
    ps = sheet.page_setup
    assert ps.orientation == "landscape" and str(ps.paperSize) == "9"
    # a fixed scale, the page width's own: Excel and LibreOffice ignore manual page breaks in "fit to" mode
    assert ps.scale == layout_percent(WIDTHS, True) and 60 <= ps.scale <= 100
    assert not (sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)
    m = sheet.page_margins
    assert (round(m.left * 2.54, 2), round(m.right * 2.54, 2), round(m.top * 2.54, 2), round(m.bottom * 2.54, 2)) \
        == (3.0, 1.5, 2.0, 2.0)
    # the numbering row belongs to the first table only: no repeated rows; a table going on over
    # a page break gets its own headers again (test_outputs_print)
    assert sheet.print_title_rows is None
    assert [c.value for row in sheet.iter_rows() for c in row].count("(1)") == 1
    assert "&P" in sheet.oddHeader.center.text and sheet.HeaderFooter.differentFirst
    fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}
    sizes = {c.font.sz for row in sheet.iter_rows() for c in row if c.value is not None}
    assert sizes <= {11, 12, 13, 14}


def test_groups_of_the_rulebook_and_empty_group(rb_nn, tmp_path):
    result = build_run_result(rb_nn)
    header = DocumentHeader(doc_date=dt.date(2026, 3, 15))
    path = write_submission(result, settings_for(rb_nn, tmp_path, header), rb_nn, tmp_path / "ds.xlsx")
    ws = openpyxl.load_workbook(path).active
    found = texts(ws)
    title = "III. HỘ GIA ĐÌNH / TỔ HỢP TÁC / HỢP TÁC XÃ"
    assert title in found
    assert ws.cell(row_of(ws, title) + 2, 2).value == "Không có"
    assert "Thành phố Hồ Chí Minh, ngày 15 tháng 3 năm 2026" in found
    assert "GIÁM ĐỐC" in found
    assert not any(t.startswith("(Kèm theo") for t in found)  # no document number given
    # this plan names no decider for the fast track: the head of the agency decides
    assert f"{FAST_TRACK_TITLE} ĐỘT XUẤT (Thủ trưởng cơ quan quyết định)" in found


def test_every_subject_group_has_a_numbered_section():
    # the sections are numbered by zip(ROMAN, groups): a group beyond the numerals would vanish from the list
    assert set(GROUP_TITLES) == set(SubjectGroup)
    assert len(ROMAN) >= len(GROUP_TITLES)


def test_without_selection_every_group_says_none(rb_dn, tmp_path):
    result = build_run_result(rb_dn)
    result.selection = None
    path = write_submission(result, settings_for(rb_dn, tmp_path), rb_dn, tmp_path / "ds.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert texts(ws).count("Không có") == 2
    assert ws.cell(row_of(ws, TOTAL_LABEL), 9).value == "0"

"""Reading one workbook: marker vs header fallback, cell values, legacy fonts, row kinds."""

from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.styles import Font
from support.unit_files import edit_workbook, make_unit_file, sample_candidates

from exemplars.catalogue import LEGACY_TCVN3, LEGACY_VNI
from exemplars.columns import SHEET_CANDIDATES, SHEET_MARKER
from exemplars.consolidate import consolidate_folder
from exemplars.reader.fonts import declares_legacy_font, is_legacy_font
from exemplars.reader.workbook import column_index, column_letter, open_workbook, split_cell
from exemplars.results import FileStatus
from exemplars.vi import legacy


def _one(tmp_path, rb, change=None, unit=None, candidates=None, **block):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    path = make_unit_file(rb, folder / "dv.xlsx", rb.units[0] if unit is None else unit, candidates=candidates,
                          **block)
    if change is not None:
        edit_workbook(path, change)
    return consolidate_folder(folder, rb, 2020)


def _col(ws, header):
    for row in ws.iter_rows(max_row=15):
        for cell in row:
            if cell.value == header:
                return cell.column, cell.row
    raise AssertionError(header)


def test_cell_reference_helpers():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert column_index("AB") == 27 and column_index("1") == -1
    assert split_cell("$C$5") == (4, 2) and split_cell("C0") is None
    assert is_legacy_font(".VnTimeH") and is_legacy_font("VNI-Times") and not is_legacy_font("Times New Roman")


def test_marker_layout_is_used_when_untouched(tmp_path, rb_dn):
    cons = _one(tmp_path, rb_dn)
    assert cons.files[0].status is FileStatus.RECEIVED
    assert not [p for p in cons.problems if p.rule_id in ("F-22", "F-23")]


def test_inserted_column_and_title_rows_renamed_sheet(tmp_path, rb_dn):
    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        col, _ = _col(ws, "Họ và tên / Tên tập thể")
        ws.insert_cols(col)  # a new column before the names
        ws.cell(row=1, column=col).value = None
        ws.insert_rows(1, 2)  # two more title rows
        ws.cell(row=1, column=1).value = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
        ws.title = "DS de xuat"
    cons = _one(tmp_path, rb_dn, clerk, prepared_on=dt.date(2020, 11, 3))
    rec = cons.files[0]
    assert rec.status is FileStatus.RECEIVED and rec.sheet == "DS de xuat"
    assert len(cons.register) == 3
    assert list(cons.register["name"]) == [c.name for c in sample_candidates(rb_dn)]
    assert [p.rule_id for p in cons.problems if p.rule_id.startswith("F-2")] == ["F-23"]
    name_letter = rec.columns["name"]
    row = cons.register.iloc[1]
    assert cons.cell(row, "name") == f"{name_letter}{row['source_row']}"
    wb = openpyxl.load_workbook(tmp_path / "in" / "dv.xlsx")
    assert wb["DS de xuat"][cons.cell(row, "name")].value == row["name"]


def test_deleted_marker_moved_columns_two_row_header(tmp_path, rb_dn):
    def clerk(wb):
        del wb[SHEET_MARKER]
        ws = wb[SHEET_CANDIDATES]
        col_a, hr = _col(ws, "Tóm tắt thành tích")
        col_b, _ = _col(ws, "Loại đối tượng")
        for r in range(hr, ws.max_row + 1):  # swap two columns
            a, b = ws.cell(r, col_a), ws.cell(r, col_b)
            a.value, b.value = b.value, a.value
    cons = _one(tmp_path, rb_dn, clerk)
    assert cons.files[0].status is FileStatus.RECEIVED
    assert list(cons.register["subject_kind"]) == ["tap_the", "ca_nhan", "ca_nhan"]
    assert cons.register["achievements"].iloc[2].startswith("Cứu người")
    assert [p.rule_id for p in cons.problems if p.rule_id.startswith("F-2")] == ["F-22"]
    assert cons.files[0].template_version is None


def test_hygiene_dates_numbers_yes_no_and_choices(tmp_path, rb_dn):
    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        cols = {h: _col(ws, h)[0] for h in ("Họ và tên / Tên tập thể", "Ngày sinh", "STT", "Loại đối tượng",
                                             "Danh xưng", "Mức độ hoàn thành nhiệm vụ")}
        _, hr = _col(ws, "STT")
        crit = next(c.column for c in ws[hr] if isinstance(c.value, str) and c.value.startswith("[A-11.4]"))
        r1, r2, r3 = hr + 1, hr + 2, hr + 3
        ws.cell(r1, cols["Họ và tên / Tên tập thể"]).value = "  Phòng\u00a0Quản lý   doanh nghiệp\u200b "
        ws.cell(r2, cols["Họ và tên / Tên tập thể"]).value = "Nguye\u0302\u0303n Thị Hương"  # NFD
        ws.cell(r2, cols["Ngày sinh"]).value = "25/02/1985"
        ws.cell(r3, cols["Ngày sinh"]).value = dt.datetime(1990, 7, 11)  # 11/07 typed on an en-US Excel
        ws.cell(r2, cols["STT"]).value = "2"
        ws.cell(r1, cols["Loại đối tượng"]).value = "TẬP THỂ"
        ws.cell(r3, cols["Danh xưng"]).value = "ông"
        ws.cell(r3, cols["Mức độ hoàn thành nhiệm vụ"]).value = "Xuất sắc lắm"
        ws.cell(r1, crit).value = "x"
        ws.cell(r2, crit).value = "không"
        ws.cell(r3, crit).value = "chưa rõ"
    cons = _one(tmp_path, rb_dn, clerk)
    reg = cons.register
    assert list(reg["name"])[:2] == ["Phòng Quản lý doanh nghiệp", "Nguyễn Thị Hương"]
    assert list(reg["birth_date"])[1:] == [dt.date(1985, 2, 25), dt.date(1990, 7, 11)]
    assert list(reg["stt"]) == [1, 2, 3] and reg["subject_kind"].iloc[0] == "tap_the"
    assert reg["honorific"].iloc[2] == "ong" and reg["task_completion"].iloc[2] is None
    assert list(reg["tc:A-11.4"]) == [True, False, None]
    rules = {p.rule_id: p for p in cons.problems}
    assert rules["D-20"].severity.value == "notice"  # date typed as text
    assert rules["D-21"].severity.value == "warning" and rules["D-21"].cell.endswith(str(reg["source_row"].iloc[2]))
    assert rules["D-30"].severity.value == "notice"  # STT typed as text
    assert rules["D-40"].value == "chưa rõ" and rules["D-40"].candidate_id == reg["id"].iloc[2]
    assert rules["D-41"].severity.value == "error" and rules["D-41"].file == "dv.xlsx" and rules["D-41"].sheet


def test_sections_numbering_subtotal_and_signature_rows(tmp_path, rb_dn):
    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        name_col, hr = _col(ws, "Họ và tên / Tên tập thể")
        kind_col, _ = _col(ws, "Loại đối tượng")
        ws.insert_rows(hr + 1, 2)
        ws.cell(hr + 1, 1).value = "(1)"
        ws.cell(hr + 1, name_col).value = "(4)"
        ws.cell(hr + 2, 1).value = "I. Tập thể"
        ws.insert_rows(hr + 4, 1)
        ws.cell(hr + 4, 1).value = "II"
        ws.cell(hr + 4, name_col).value = "Cá nhân"
        ws.cell(hr + 5, kind_col).value = None  # kind left blank under "II. Cá nhân"
        last = hr + 7
        ws.cell(last + 2, name_col).value = "Tổng cộng: 3"
        ws.cell(last + 4, name_col).value = "Người lập biểu"
        ws.cell(last + 4, name_col + 6).value = "THỦ TRƯỞNG ĐƠN VỊ"
        ws.cell(last + 7, name_col).value = "Lê Văn Ký"
    cons = _one(tmp_path, rb_dn, clerk)
    reg = cons.register
    assert list(reg["name"]) == [c.name for c in sample_candidates(rb_dn)]
    assert reg["subject_kind"].iloc[1] == "ca_nhan"
    assert any(p.rule_id == "F-50" for p in cons.problems)


def test_legacy_tcvn3_and_vni_cells_with_fonts(tmp_path, rb_dn):
    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        name_col, hr = _col(ws, "Họ và tên / Tên tập thể")
        ach_col, _ = _col(ws, "Tóm tắt thành tích")
        pos_col, _ = _col(ws, "Chức vụ")
        c = ws.cell(hr + 1, name_col)
        c.value, c.font = legacy.encode("PHÒNG QUẢN LÝ DOANH NGHIỆP", legacy.TCVN3), Font(name=".VnTimeH")
        c = ws.cell(hr + 2, name_col)
        c.value, c.font = legacy.encode("Nguyễn Thị Hương", legacy.TCVN3), Font(name=".VnTime")
        c = ws.cell(hr + 2, ach_col)
        c.value, c.font = legacy.encode("Chủ trì số hóa hồ sơ", legacy.VNI), Font(name="VNI-Times")
        c = ws.cell(hr + 3, pos_col)
        c.value, c.font = "Trưởng phòng", Font(name=".VnTime")  # Unicode typed in a legacy font stays
    cons = _one(tmp_path, rb_dn, clerk)
    reg = cons.register
    assert reg["name"].iloc[0] == "PHÒNG QUẢN LÝ DOANH NGHIỆP"
    assert reg["name"].iloc[1] == "Nguyễn Thị Hương"
    assert reg["achievements"].iloc[1] == "Chủ trì số hóa hồ sơ"
    assert reg["position"].iloc[2] == "Trưởng phòng"
    # One notice per column and encoding: the two TCVN3 names are summed up in one.
    notes = sorted((p.rule_id, p.cell, p.message) for p in cons.problems if p.rule_id in (LEGACY_TCVN3, LEGACY_VNI))
    assert [r for r, _, _ in notes] == [LEGACY_TCVN3, LEGACY_VNI] and all(cell for _, cell, _ in notes)
    assert notes[0][2].startswith("Đã chuyển 2 ô ở cột «Họ và tên / Tên tập thể» từ mã TCVN3 (ABC)")
    assert ":" in notes[0][1] and "1 ô ở cột «Tóm tắt thành tích»" in notes[1][2]
    book = open_workbook(tmp_path / "in" / "dv.xlsx")
    assert book.uses_legacy_fonts and declares_legacy_font(book.data, "xlsx")
    book.close()


def test_legacy_text_without_fonts_is_decided_per_file_and_summed_up_per_column(tmp_path, rb_dn):
    # A unit typed its whole table in TCVN3 and saved it without the .VnTime font.  Alone, "Tæ phã"
    # reads as VNI ("Tỉ phã") and "Vâ Hµ" in capitals ("VÕ HÀ"); the file's other cells decide.
    base = sample_candidates(rb_dn)
    people = [("Trần Văn Đức", "Tổ phó"), ("Võ Hà", "Thợ lặn"), ("Nguyễn Thị Hương", "Phục vụ")]
    cands = [base[1 + i % 2].model_copy(update={"name": name, "position": position,
                                                "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao"})
             for i, (name, position) in enumerate(people)]

    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and any(cell.value == t for p in people for t in p):
                    cell.value = legacy.encode(cell.value, legacy.TCVN3)
                elif cell.value == "Hoàn thành xuất sắc nhiệm vụ được giao":
                    cell.value = legacy.encode(cell.value, legacy.TCVN3)
    cons = _one(tmp_path, rb_dn, clerk, candidates=cands)
    reg = cons.register
    assert list(reg["name"]) == ["Trần Văn Đức", "Võ Hà", "Nguyễn Thị Hương"]
    assert list(reg["position"]) == ["Tổ phó", "Thợ lặn", "Phục vụ"]
    notes = [p for p in cons.problems if p.rule_id in (LEGACY_TCVN3, LEGACY_VNI)]
    assert sorted(p.message.split(" từ mã")[0] for p in notes) == [
        "Đã chuyển 3 ô ở cột «Chức vụ»", "Đã chuyển 3 ô ở cột «Họ và tên / Tên tập thể»",
        "Đã chuyển 3 ô ở cột «Tóm tắt thành tích»"]
    assert {p.rule_id for p in notes} == {LEGACY_TCVN3} and all(p.sheet and ":" in p.cell for p in notes)


def test_plain_files_never_parse_styles(tmp_path, rb_dn):
    path = make_unit_file(rb_dn, tmp_path / "dv.xlsx", rb_dn.units[0])
    book = open_workbook(path)
    assert not book.uses_legacy_fonts and book.legacy_fonts(SHEET_CANDIDATES) == {}
    assert book.fmt == "xlsx" and len(book.sha256) == 64
    book.close()


def test_unit_block_by_labels_never_takes_the_next_label():
    from exemplars.reader.locate import read_unit_block

    rows = [["DANH SÁCH", "", "", "", ""],
            ["Tên đơn vị:", "", "Khối thi đua", "Khối quản lý nhà nước", ""],
            ["Ngày lập: 05/11/2020", "", "Năm đăng ký", 2020.0, ""],
            ["STT", "Họ và tên", "", "", ""]]
    block = read_unit_block(rows, 4, {})
    assert "unit_name" not in block
    assert block["bloc"] == ("Khối quản lý nhà nước", "D2")
    assert block["prepared_on"] == ("05/11/2020", "A3") and block["year"] == (2020.0, "D3")


def test_a_second_candidate_table_is_reported_not_lost_silently(tmp_path, rb_dn):
    def clerk(wb):
        extra = wb.copy_worksheet(wb[SHEET_CANDIDATES])
        extra.title = "Cá nhân"
    cons = _one(tmp_path, rb_dn, clerk)
    assert cons.files[0].status is FileStatus.RECEIVED and len(cons.register) == 3
    second = [p for p in cons.problems if p.rule_id == "F-34"]
    assert len(second) == 1 and second[0].severity.value == "error" and "«Cá nhân»" in second[0].message

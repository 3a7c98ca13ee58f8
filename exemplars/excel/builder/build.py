"""Build the clerk's control workbook ``bang-dieu-khien.xlsm`` (no xlwings import, no Excel).

XlsxWriter writes the sheets, named cells, dropdowns and form buttons; the VBA
project comes from ``vba_project``.  The output is deterministic (fixed created
date, fixed zip dates), so a rebuild of unchanged sources gives the same parts.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from exemplars.domain import Unit
from exemplars.excel import layout as L
from exemplars.excel.builder.assets import WORKBOOKS, asset_dir, in_source_tree
from exemplars.excel.builder.vba_project import MACROS_DIR, build_vba_project, own_modules, xlwings_modules
from exemplars.rulebook import list_rulebooks, load_rulebook
from exemplars.xlsx import FIXED_CREATED, Styles, atomic_path, new_workbook, write_table

#: The shipped workbook: ``workbook/`` of a checkout, the packaged copy of an installed package.
SHIPPED = asset_dir(WORKBOOKS) / L.DEFAULT_FILE
#: Where ``exemplars excel build`` writes: over the shipped file in a checkout, else the current folder.
DEFAULT_OUT = SHIPPED if in_source_tree() else Path(L.DEFAULT_FILE)
VOTE_INPUT_ROWS = 500


def build_control_workbook(out: Path | str = DEFAULT_OUT, *, include_xlwings: bool = True,
                           macros_dir: Path = MACROS_DIR) -> Path:
    """Write the control workbook to ``out`` (atomically) and return its path.

    ``include_xlwings=False`` leaves the xlwings module and class out of the VBA
    project: LibreOffice cannot compile them, so its check builds without them.
    ``macros_dir`` holds the product's ``.bas`` modules.
    """
    modules = own_modules(macros_dir) + (xlwings_modules() if include_xlwings else [])
    vba = build_vba_project(modules, len(L.SHEETS))
    out = Path(out)
    with atomic_path(out) as tmp:
        _write_workbook(tmp, vba)
    return out


def _write_workbook(path: Path, vba: bytes) -> None:
    wb = new_workbook(path)
    wb.set_properties({"created": FIXED_CREATED, "author": "exemplars",
                       "title": "Bảng điều khiển điển hình tiên tiến"})
    wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    wb.set_vba_name("ThisWorkbook")
    st = Styles(wb)
    sheets = {name: wb.add_worksheet(name) for name in L.SHEETS}
    for index, ws in enumerate(sheets.values(), start=1):
        ws.set_vba_name(f"Sheet{index}")
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
    sheets[L.SHEET_DASHBOARD].fit_to_pages(1, 1)  # the dashboard prints on one page
    rulebook = load_rulebook(L.DEFAULT_RULEBOOK)
    _dashboard(wb, sheets[L.SHEET_DASHBOARD], st)
    _settings(wb, sheets[L.SHEET_SETTINGS], st)
    _units(sheets[L.SHEET_UNITS], st, rulebook.units)
    _votes(sheets[L.SHEET_VOTES], st)
    for name, hint in L.RESULT_SHEETS.items():
        sheets[name].write_string(0, 0, hint, st.italic)
        sheets[name].set_column(0, 0, 60)
    _xlwings_conf(sheets[L.SHEET_XLWINGS], st)
    sheets[L.SHEET_DASHBOARD].activate()
    wb.close()


def _dashboard(wb, ws, st: Styles) -> None:
    title = wb.add_format({"font_name": "Times New Roman", "bold": True, "font_size": 16, "font_color": "#1F4E79"})
    button_help = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter",
                                 "text_wrap": True})
    value = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "border": 1, "text_wrap": True,
                           "valign": "top", "bg_color": "#F2F2F2"})
    ws.set_column("A:A", 2)
    ws.set_column("B:B", 36)
    ws.set_column("C:C", 80)
    ws.write_string(0, 1, "BẢNG ĐIỀU KHIỂN ĐIỂN HÌNH TIÊN TIẾN", title)
    ws.write_string(1, 1, "Điền trang «Cấu hình» trước, rồi bấm các nút lần lượt từ trên xuống. "
                    "Kết quả hiện ở các trang bên cạnh và trong thư mục kết quả.", st.italic)
    for index, button in enumerate(L.BUTTONS):
        row = L.button_row(index) - 1
        ws.set_row(row, 30)
        ws.insert_button(row, 1, {"macro": f"{L.BUTTON_MODULE}.{button.sub}",
                                  "caption": f"{index + 1}. {button.caption}",
                                  "width": 250, "height": 36, "x_offset": 2, "y_offset": 2})
        ws.write_string(row, 2, button.help, button_help)
    for first, heading, cells in ((L.STATUS_FIRST_ROW, "Trạng thái", L.STATUS_CELLS),
                                  (L.SUMMARY_FIRST_ROW, "Tóm tắt", L.SUMMARY_CELLS)):
        ws.write_string(first - 2, 1, heading, st.bold)
        for offset, (name, label) in enumerate(cells):
            ws.write_string(first - 1 + offset, 1, label, st.text_nowrap)
            ws.write_blank(first - 1 + offset, 2, None, value)
            wb.define_name(name, f"='{L.SHEET_DASHBOARD}'!$C${first + offset}")
    ws.write_string(L.STATUS_FIRST_ROW - 1, 2, "Chưa chạy lần nào.", value)


def _settings(wb, ws, st: Styles) -> None:
    entry = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "border": 1, "bg_color": "#FFF2CC",
                           "locked": False, "align": "left"})
    entry_date = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "border": 1,
                                "bg_color": "#FFF2CC", "locked": False, "num_format": "dd/mm/yyyy",
                                "align": "left"})
    ws.set_column("A:A", 34)
    ws.set_column("B:B", 46)
    ws.set_column("C:C", 90)
    ws.write_string(0, 0, "CẤU HÌNH LẦN CHẠY", st.title)
    ws.write_string(1, 0, "Chỉ sửa các ô màu vàng ở cột «Giá trị». Rê chuột vào ô để xem hướng dẫn.", st.italic)
    header_row = L.SETTINGS_FIRST_ROW - 2
    for col, text in enumerate(("Thiết lập", "Giá trị", "Ghi chú")):
        ws.write_string(header_row, col, text, st.header)
    rulebook_ids = [r.id for r in list_rulebooks()]
    for offset, item in enumerate(L.SETTINGS):
        row = L.SETTINGS_FIRST_ROW - 1 + offset
        ws.write_string(row, 0, item.label, st.text_nowrap)
        ws.write_string(row, 2, item.help, st.text_nowrap)
        if item.kind == "year":
            ws.write_number(row, 1, item.default, entry)
        elif item.kind == "date":
            ws.write_blank(row, 1, None, entry_date)
        elif item.default:
            ws.write_string(row, 1, str(item.default), entry)
        else:
            ws.write_blank(row, 1, None, entry)
        ws.data_validation(row, 1, row, 1, _validation(item, rulebook_ids))
        wb.define_name(item.name, f"='{L.SHEET_SETTINGS}'!$B${row + 1}")


def _validation(item: L.Setting, rulebook_ids: list[str]) -> dict:
    """Data validation with an input message; quy chế also accepts a .toml path, so no stop there."""
    message = {"input_title": item.label[:32], "input_message": item.help[:255]}
    if item.kind == "rulebook":
        return {"validate": "list", "source": rulebook_ids, "error_type": "information",
                "error_title": "Quy chế", "error_message": "Không phải mã có sẵn: sẽ được hiểu là đường dẫn tệp .toml.",
                **message}
    if item.kind == "period":
        return {"validate": "list", "source": list(L.PERIOD_CHOICES), **message}
    if item.kind == "nurture_round":
        return {"validate": "list", "source": list(L.NURTURE_ROUND_CHOICES), **message}
    if item.kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100,
                "error_title": "Năm", "error_message": "Năm phải là số từ 2000 đến 2100.", **message}
    if item.kind == "date":
        return {"validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1),
                "error_title": "Ngày", "error_message": "Nhập ngày dạng dd/mm/yyyy.", **message}
    return {"validate": "length", "criteria": "<=", "value": 255,
            "error_title": item.label[:32], "error_message": "Tối đa 255 ký tự.", **message}


def _units(ws, st: Styles, units: list[Unit]) -> None:
    rows = [(u.code, u.name, u.bloc or None, "; ".join(u.aliases) or None) for u in units]
    write_table(ws, st, list(zip(L.UNIT_HEADERS, (14, 44, 34, 40), strict=True)), rows)


def _votes(ws, st: Styles) -> None:
    write_table(ws, st, list(zip(L.VOTE_HEADERS, (16, 34, 28, 14, 18), strict=True)), [])
    for col in (3, 4):
        ws.data_validation(1, col, VOTE_INPUT_ROWS, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "input_title": L.VOTE_HEADERS[col][:32], "input_message": "Số nguyên, không âm.",
            "error_title": "Số phiếu", "error_message": "Nhập số nguyên không âm."})


def _xlwings_conf(ws, st: Styles) -> None:
    # Hidden, not very hidden: xlwings 0.37.8 reads it either way (VBA GetConfigFromSheet uses
    # wb.Sheets("xlwings.conf") and Range.End; Python's utils.read_config_sheet uses book.sheets[...]),
    # and its own release command hides this sheet the same way; IT can still unhide it.
    ws.hide()
    ws.set_column("A:A", 30)
    ws.set_column("B:B", 60)
    for row, (key, value) in enumerate(L.XLWINGS_SETTINGS):
        ws.write_string(row, 0, key)
        if isinstance(value, bool):
            ws.write_boolean(row, 1, value)
        elif value:
            ws.write_string(row, 1, value)
    for offset, note in enumerate(L.XLWINGS_NOTES):
        ws.write_string(len(L.XLWINGS_SETTINGS) + 2 + offset, 0, note, st.italic if offset else st.bold)

"""Data validations of the template: dropdowns, dates, whole numbers and input messages.

Excel limits an input title to 32 characters and a message to 255, and drops a
validation that exceeds them, so every text is cut to fit.
"""

from __future__ import annotations

import datetime as dt

from exemplars.columns import NO, YES
from exemplars.template import layout as L
from exemplars.template.lists import ListSheet

TITLE_MAX = 32
MESSAGE_MAX = 255
MIN_DATE = dt.date(1900, 1, 1)
MIN_YEAR = 1945
MAX_STT = 100_000


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _messages(title: str, message: str, error: str = "", error_title: str = "Giá trị không hợp lệ") -> dict:
    out = {"input_title": _cut(title, TITLE_MAX), "input_message": _cut(message, MESSAGE_MAX)}
    if error:
        out.update(error_title=_cut(error_title, TITLE_MAX), error_message=_cut(error, MESSAGE_MAX))
    return out


def _list(source: str | None, title: str, message: str, warning: bool = False) -> dict:
    """A drop-down of ``source``; only the input message when the list is empty (no source)."""
    if source is None:
        return _any(title, message)
    opts = {"validate": "list", "source": source,
            **_messages(title, message, "Hãy chọn một giá trị trong danh sách."
                        + (" Có thể giữ giá trị khác nếu thật cần." if warning else ""))}
    if warning:
        opts["error_type"] = "warning"
    return opts


def _date(title: str, message: str, max_date: dt.date, min_date: dt.date = MIN_DATE) -> dict:
    return {"validate": "date", "criteria": "between",
            # Plain dates: XlsxWriter takes datetime(1900, 1, 1) for a time of day (serial 0).
            "minimum": min_date, "maximum": max_date,
            **_messages(title, message, f"Ngày phải có dạng dd/mm/yyyy, từ {min_date:%d/%m/%Y} "
                        f"đến {max_date:%d/%m/%Y}.", "Ngày không hợp lệ")}


def _whole(title: str, message: str, lo: int, hi: int) -> dict:
    return {"validate": "integer", "criteria": "between", "minimum": lo, "maximum": hi,
            **_messages(title, message, f"Nhập số nguyên từ {lo} đến {hi}.", "Số không hợp lệ")}


def _any(title: str, message: str) -> dict:
    return {"validate": "any", **_messages(title, message)}


def column_validation(col: L.TableColumn, lists: ListSheet, max_date: dt.date,
                      max_year: int | None) -> dict | None:
    """XlsxWriter validation options for one table column (None when there is nothing to offer)."""
    if col.criterion is not None:
        c = col.criterion
        text = f"Chọn {YES} nếu đạt, {NO} nếu không đạt. {c.text}"
        return _list(lists.ref("yesno"), f"Tiêu chí {c.id}", text)
    spec = col.spec
    if spec.kind == "choice":
        source = L.choice_source(spec)
        return _list(lists.ref(source), spec.header, spec.help, warning=source == "fields")
    if spec.kind == "yesno":
        return _list(lists.ref("yesno"), spec.header, spec.help)
    if spec.kind == "date":
        return _date(spec.header, spec.help, max_date)
    if spec.kind == "int":
        if col.key == "year":
            return _whole(spec.header, spec.help, MIN_YEAR, max_year or max_date.year)
        return _whole(spec.header, spec.help, 1, MAX_STT)
    if spec.kind == "percent":
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1, "error_type": "warning",
                **_messages(spec.header, spec.help, "Tỷ lệ phải từ 0% đến 100%.", "Tỷ lệ không hợp lệ")}
    if spec.kind == "long_text":
        return {"validate": "length", "criteria": "<=", "value": 1000, "error_type": "warning",
                **_messages(spec.header, spec.help, "Nội dung nên ngắn gọn, dưới 1.000 ký tự.", "Nội dung quá dài")}
    return _any(spec.header, spec.help)


def validate_table(ws, cols: list[L.TableColumn], lists: ListSheet, max_date: dt.date) -> None:
    first, last = L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + L.VALIDATED_ROWS - 1
    for col in cols:
        opts = column_validation(col, lists, max_date, None)
        if opts:
            ws.data_validation(first, col.index, last, col.index, opts)


def validate_history(ws, cols: list[L.TableColumn], lists: ListSheet, max_date: dt.date, year: int | None) -> None:
    first, last = L.HISTORY_FIRST_DATA_ROW, L.HISTORY_FIRST_DATA_ROW + L.VALIDATED_ROWS - 1
    for col in cols:
        opts = column_validation(col, lists, max_date, year)
        if opts:
            ws.data_validation(first, col.index, last, col.index, opts)


def validate_unit_block(ws, lists: ListSheet) -> None:
    cells = L.unit_block_cells()
    opts = {
        "unit_name": (_list(lists.ref("units"), "Tên đơn vị", "Chọn tên đơn vị trong danh sách "
                            "(nếu đơn vị đã đổi tên, có thể ghi tên mới).", warning=True)
                      if lists.ref("units") else _any("Tên đơn vị", "Ghi đầy đủ tên đơn vị.")),
        "bloc": (_list(lists.ref("blocs"), "Khối thi đua", "Chọn Khối thi đua của đơn vị.", warning=True)
                 if lists.ref("blocs") else _any("Khối thi đua", "Ghi Khối thi đua của đơn vị.")),
        "prepared_by": _any("Người lập", "Họ và tên người lập danh sách."),
        "phone": _any("Điện thoại", "Số điện thoại liên hệ của người lập."),
        "prepared_on": _date("Ngày lập", "Ngày lập danh sách, dạng dd/mm/yyyy.", dt.date(2100, 12, 31),
                             dt.date(2000, 1, 1)),
        "year": _whole("Năm đăng ký", "Năm đăng ký điển hình tiên tiến, ví dụ 2026.", 2000, 2100),
    }
    for key, (row, col) in cells.items():
        ws.data_validation(row, col, row, col, opts[key])

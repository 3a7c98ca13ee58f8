"""Write a unit's plan workbook «Kế hoạch bồi dưỡng, nhân rộng» pre-filled with its exemplars.

Built like the registration template: Times New Roman, input cells unlocked and shaded, every
sheet protected (rows may be inserted), dropdowns from the hidden «Danh mục» sheet, date and
length validations with Vietnamese input messages, a guide sheet, and a very hidden marker that
tells the reader which layout, rulebook, year and unit the file was made for.  Same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from exemplars import page_setup
from exemplars.columns import NO, YES
from exemplars.domain import Unit
from exemplars.nurture import layout as L
from exemplars.nurture.guide import write_guide
from exemplars.nurture.model import Exemplar, PlanEntry
from exemplars.rulebook.schema import Rulebook
from exemplars.template.layout import line_capacity, wrapped_height
from exemplars.template.validation import MESSAGE_MAX, TITLE_MAX
from exemplars.xlsx import FONT, atomic_path, new_workbook, safe_text

_INPUT_BG = "#FFFDE7"
_PROTECTION = {"insert_rows": True, "delete_rows": True, "format_cells": True, "format_columns": True,
               "format_rows": True, "sort": True, "autofilter": True}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Formats:
    def __init__(self, wb):
        base = {"font_name": FONT, "font_size": 12, "valign": "top"}
        self.locked = wb.add_format(base)
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        self.subtitle = wb.add_format({**base, "italic": True, "align": "center", "text_wrap": True})
        self.label = wb.add_format({**base, "bold": True, "align": "right", "valign": "vcenter"})
        # 12 pt like the rows: the plan and actions sheets print at 75 %, where 11 pt would read 8 pt
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "border": 1,
                                     "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"})
        self.fixed = wb.add_format({**base, "border": 1, "text_wrap": True, "bg_color": "#F2F2F2"})
        inp = {**base, "locked": False, "border": 1, "bg_color": _INPUT_BG, "text_wrap": True}
        self.input = wb.add_format(inp)
        self.input_date = wb.add_format({**inp, "num_format": "dd/mm/yyyy", "align": "center"})
        self.column = wb.add_format({**base, "locked": False, "text_wrap": True})
        self.column_date = wb.add_format({**base, "locked": False, "num_format": "dd/mm/yyyy", "align": "center"})
        self.bold = wb.add_format({**base, "bold": True})
        self.italic = wb.add_format({**base, "italic": True})
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.plain = self.locked


class _Lists:
    """The «Danh mục» sheet: one list per column, referenced by the dropdowns."""

    def __init__(self, rb: Rulebook, exemplars: Sequence[Exemplar]):
        self.lists: dict[str, tuple[str, list[str]]] = {
            "exemplars": ("Điển hình của đơn vị", [L.exemplar_item(e.code, e.name) for e in exemplars]),
            "channels": ("Hình thức tuyên truyền", list(rb.nurture.channels)),
            "yesno": ("Có/Không", [YES, NO]),
            "rounds": ("Kỳ báo cáo", list(L.ROUND_CHOICES)),
        }

    def ref(self, name: str) -> str | None:
        items = self.lists[name][1]
        if not items:
            return None
        col = xl_col_to_name(list(self.lists).index(name))
        return f"='{L.LISTS_SHEET}'!${col}$2:${col}${len(items) + 1}"

    def write(self, ws, fmt: _Formats) -> None:
        for c, (header, items) in enumerate(self.lists.values()):
            ws.set_column(c, c, 40)
            ws.write_string(0, c, header, fmt.bold)
            for r, item in enumerate(items, start=1):
                ws.write_string(r, c, safe_text(item), fmt.plain)
        ws.hide()
        ws.protect("")


def _validation(col: L.Column, lists: _Lists, year: int) -> dict | None:
    messages = {"input_title": _cut(col.header, TITLE_MAX), "input_message": _cut(col.help or col.header, MESSAGE_MAX)}
    if col.kind == "date":
        low, high = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
        return {"validate": "date", "criteria": "between", "minimum": low, "maximum": high,
                "error_title": "Ngày không hợp lệ", **messages,
                "error_message": f"Ngày dạng dd/mm/yyyy, từ {low:%d/%m/%Y} đến {high:%d/%m/%Y}."}
    source = {"exemplar": "exemplars", "channel": "channels", "yesno": "yesno"}.get(col.kind)
    if source is not None and lists.ref(source):
        # Channels may be several, typed with ";": a warning lets the clerk keep such a text.
        return {"validate": "list", "source": lists.ref(source), "error_type": "warning" if source == "channels"
                else "stop", "error_title": "Giá trị không hợp lệ",
                "error_message": "Hãy chọn một giá trị trong danh sách.", **messages}
    if col.kind == "long_text":
        return {"validate": "length", "criteria": "<=", "value": 1000, "error_type": "warning",
                "error_title": "Nội dung quá dài", "error_message": "Nội dung nên ngắn gọn, dưới 1.000 ký tự.",
                **messages}
    if col.locked:
        return None
    return {"validate": "any", **messages}


#: The unit block's merged cells (label, value), first to last column: no page break inside one.
_BLOCK_SPANS = tuple(span for _k, _l, _r, label_col, value_col in L.UNIT_BLOCK
                     for span in ((label_col, value_col - 1), (value_col, value_col + L.VALUE_SPAN - 1)))


def _table(ws, fmt: _Formats, lists: _Lists, columns: tuple[L.Column, ...], rows: list[dict], year: int,
           title: str, subtitle: str, spare: int = L.SPARE_ROWS) -> None:
    for r in range(L.HEADER_ROW + 1):
        ws.set_row(r, None, fmt.locked)
    widths = [c.width for c in columns]
    breaks = [] if page_setup.readable(widths, True) else page_setup.column_breaks(widths, True, keep=_BLOCK_SPANS)
    last = (breaks[0] if breaks else len(columns)) - 1  # the title over the first printed page
    ws.merge_range(L.TITLE_ROW, 0, L.TITLE_ROW, last, title, fmt.title)
    ws.merge_range(L.SUBTITLE_ROW, 0, L.SUBTITLE_ROW, last, subtitle, fmt.subtitle)
    ws.set_row(L.TITLE_ROW, 24, fmt.locked)
    ws.set_row(L.HEADER_ROW, 60, fmt.locked)
    for i, col in enumerate(columns):
        ws.set_column(i, i, col.width, fmt.column_date if col.kind == "date" else fmt.column)
        ws.write_string(L.HEADER_ROW, i, col.header + (" (*)" if col.required else ""), fmt.header)
    total = len(rows) + spare
    capacities = [line_capacity(col.width) for col in columns]
    for n in range(total):
        r = L.FIRST_DATA_ROW + n
        values = rows[n] if n < len(rows) else {"stt": n + 1}
        height = wrapped_height(zip([values.get(c.key) for c in columns], capacities, strict=True))
        if height:
            ws.set_row(r, height)
        for i, col in enumerate(columns):
            value = values.get(col.key)
            cell_fmt = fmt.fixed if col.locked else fmt.input_date if col.kind == "date" else fmt.input
            if isinstance(value, dt.date):
                ws.write_datetime(r, i, dt.datetime(value.year, value.month, value.day), cell_fmt)
            elif isinstance(value, int) and not isinstance(value, bool):
                ws.write_number(r, i, value, cell_fmt)
            elif value:
                ws.write_string(r, i, safe_text(value), cell_fmt)
            else:
                ws.write_blank(r, i, None, cell_fmt)
    for i, col in enumerate(columns):
        opts = _validation(col, lists, year)
        if opts:
            ws.data_validation(L.FIRST_DATA_ROW, i, L.FIRST_DATA_ROW + total - 1, i, opts)
    ws.freeze_panes(L.FIRST_DATA_ROW, 2)
    if breaks:  # two pages across at the readable scale, broken between the unit block's cells
        page_setup.set_wide_page(ws, widths, last_row=L.FIRST_DATA_ROW + total - 1,
                                 repeat_rows=(L.HEADER_ROW, L.HEADER_ROW), keep=_BLOCK_SPANS)
    else:
        page_setup.set_page(ws, widths, last_row=L.FIRST_DATA_ROW + total - 1, landscape=True,
                            repeat_rows=(L.HEADER_ROW, L.HEADER_ROW))
    ws.protect("", _PROTECTION)


def _unit_block(ws, fmt: _Formats, lists: _Lists, unit: Unit, year: int, given: Mapping[str, object]) -> None:
    values = {"unit_name": unit.name, "round": next(iter(L.ROUND_CHOICES)), **given}
    for key, label, row, label_col, value_col in L.UNIT_BLOCK:
        if value_col - 1 > label_col:
            ws.merge_range(row, label_col, row, value_col - 1, label + ":", fmt.label)
        else:
            ws.write_string(row, label_col, label + ":", fmt.label)
        value = values.get(key, "")
        if isinstance(value, dt.date):
            ws.merge_range(row, value_col, row, value_col + L.VALUE_SPAN - 1, None, fmt.input_date)
            ws.write_datetime(row, value_col, dt.datetime(value.year, value.month, value.day), fmt.input_date)
        else:
            ws.merge_range(row, value_col, row, value_col + L.VALUE_SPAN - 1, safe_text(value), fmt.input)
    row, col = next((r, c) for k, _l, r, _lc, c in L.UNIT_BLOCK if k == "round")
    ws.data_validation(row, col, row, col, {"validate": "list", "source": lists.ref("rounds"),
                                            "input_title": "Kỳ báo cáo",
                                            "input_message": "Lập kế hoạch đầu năm, hoặc báo cáo tiến độ 6 tháng, "
                                            "9 tháng, cả năm (gửi lại chính tệp này)."})
    row, col = next((r, c) for k, _l, r, _lc, c in L.UNIT_BLOCK if k == "prepared_on")
    ws.data_validation(row, col, row, col, {"validate": "date", "criteria": "between",
                                            "minimum": dt.date(year - 1, 1, 1), "maximum": dt.date(year + 1, 12, 31),
                                            "input_title": "Ngày lập, báo cáo",
                                            "input_message": "Ngày lập kế hoạch hoặc ngày báo cáo, dd/mm/yyyy."})


def _numbered(rows: Sequence[Mapping[str, object]]) -> list[dict]:
    return [{**row, "stt": n} for n, row in enumerate(rows, start=1)]


def marker_items(rb: Rulebook, year: int, unit: Unit, exemplars: Sequence[Exemplar]) -> list[tuple[str, str]]:
    return [
        ("template_id", L.PLAN_TEMPLATE_ID),
        ("template_version", str(L.PLAN_TEMPLATE_VERSION)),
        ("rulebook_id", rb.id),
        ("year", str(year)),
        ("unit_code", unit.code),
        ("header_row", str(L.HEADER_ROW + 1)),
        ("first_data_row", str(L.FIRST_DATA_ROW + 1)),
        ("plan_sheet", L.SHEET_PLAN),
        ("plan_columns", json.dumps(L.letters(L.PLAN_COLUMNS), ensure_ascii=False)),
        ("actions_sheet", L.SHEET_ACTIONS),
        ("actions_columns", json.dumps(L.letters(L.ACTION_COLUMNS), ensure_ascii=False)),
        ("adoptions_sheet", L.SHEET_ADOPTIONS),
        ("adoptions_columns", json.dumps(L.letters(L.ADOPTION_COLUMNS), ensure_ascii=False)),
        ("unit_block", json.dumps(L.block_refs(), ensure_ascii=False)),
        ("exemplars", json.dumps([e.code for e in exemplars], ensure_ascii=False)),
    ]


def build_plan_workbook(rb: Rulebook, path: Path | str, unit: Unit, year: int, exemplars: Sequence[Exemplar],
                        entries: Mapping[str, PlanEntry] | None = None, *,
                        actions: Sequence[Mapping[str, object]] = (), adoptions: Sequence[Mapping[str, object]] = (),
                        block: Mapping[str, object] | None = None) -> Path:
    """Write the plan workbook of ``unit`` for its ``exemplars`` atomically to ``path``.

    ``entries`` pre-fill what is already known of an exemplar; ``actions`` and ``adoptions`` (column key
    → value, a date or text as typed) and ``block`` (unit block key → value) pre-fill the rest, as the
    demo's units have it, the way ``template.build_template`` pre-fills sample candidates.
    """
    path = Path(path)
    entries = entries or {}
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, in_memory=True)
        fmt = _Formats(wb)
        guide = wb.add_worksheet(L.SHEET_GUIDE)
        plan = wb.add_worksheet(L.SHEET_PLAN)
        actions_ws = wb.add_worksheet(L.SHEET_ACTIONS)
        adoptions_ws = wb.add_worksheet(L.SHEET_ADOPTIONS)
        lists_ws = wb.add_worksheet(L.LISTS_SHEET)
        marker = wb.add_worksheet(L.MARKER_SHEET)
        lists = _Lists(rb, exemplars)
        lists.write(lists_ws, fmt)
        write_guide(guide, rb, fmt, unit, year, exemplars)
        rows = []
        for n, e in enumerate(exemplars, start=1):
            known = entries.get(e.code) or PlanEntry(code=e.code)
            rows.append({"stt": n, "code": e.code, "name": e.name, "kind": e.kind_label, "field": e.field,
                         "model": known.model or e.model, "effect": known.effect or e.effect,
                         "leader_name": known.leader_name, "leader_position": known.leader_position,
                         "channels": known.channels, "evidence": known.evidence,
                         "stopped": YES if known.stopped else "", "stop_reason": known.stop_reason})
        title = f"KẾ HOẠCH BỒI DƯỠNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN NĂM {year}"
        subtitle = f"(Theo {rb.plan_title[0].lower()}{rb.plan_title[1:]} — {rb.agency})"
        _table(plan, fmt, lists, L.PLAN_COLUMNS, rows, year, title, subtitle, spare=0)
        _unit_block(plan, fmt, lists, unit, year, block or {})
        _table(actions_ws, fmt, lists, L.ACTION_COLUMNS, _numbered(actions), year, f"HOẠT ĐỘNG BỒI DƯỠNG, TUYÊN TRUYỀN, NHÂN RỘNG NĂM "
               f"{year}", f"{unit.name} — mỗi dòng một hoạt động; khi báo cáo tiến độ ghi ngày hoàn thành và kết quả")
        _table(adoptions_ws, fmt, lists, L.ADOPTION_COLUMNS, _numbered(adoptions), year, f"ĐƠN VỊ, NƠI ÁP DỤNG (NHÂN RỘNG) NĂM {year}",
               f"{unit.name} — mỗi dòng một đơn vị hoặc nơi áp dụng mô hình của điển hình")
        for r, (key, value) in enumerate(marker_items(rb, year, unit, exemplars)):
            marker.write_string(r, 0, key)
            marker.write_string(r, 1, value)
        marker.very_hidden()
        marker.protect("")
        plan.activate()
        wb.close()
    return path

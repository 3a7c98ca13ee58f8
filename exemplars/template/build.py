"""The unit registration template, built from a rulebook with XlsxWriter.

Same inputs give a byte-identical file (fixed creation date, sorted everything).

Sheets, in order: "Hướng dẫn" (how to fill, criteria, quotas, deadlines),
"Danh sách đề xuất" (title, unit block, one group row, ONE header row, input
rows), "Lịch sử khen thưởng" (award history), "Danh mục" (hidden lists behind
the dropdowns) and "_exemplars" (very hidden marker).

Marker sheet ``columns.SHEET_MARKER``: key in column A, value in column B, from
row 1, every value stored as text:

==========================  =====================================================
``template_id``             ``columns.TEMPLATE_ID``
``template_version``        ``columns.TEMPLATE_VERSION`` (digits)
``rulebook_id``             id of the rulebook the template was built from
``rulebook_version``        its version (digits)
``year``                    registration year, "" for a generic template
``unit_code``               code of the unit it was made for, "" if generic
``candidates_sheet``        ``columns.SHEET_CANDIDATES``
``header_row``              1-based row of the single header row of the table
``first_data_row``          1-based row of the first candidate
``columns``                 JSON {register key or "tc:<criterion id>" → letter}
``history_sheet``           ``columns.SHEET_HISTORY``
``history_header_row``      1-based header row of the history table
``history_first_data_row``  1-based first data row of the history table
``history_columns``         JSON {history key → letter}
``unit_block``              JSON {unit block key → value cell, e.g. "C3"}
==========================  =====================================================

A generic template (no ``year``) accepts dates up to 31/12/2100.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from exemplars import page_setup
from exemplars.columns import (
    SHEET_CANDIDATES,
    SHEET_GUIDE,
    SHEET_HISTORY,
    SHEET_LISTS,
    SHEET_MARKER,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    UNIT_BLOCK,
)
from exemplars.domain import Candidate, Unit
from exemplars.rulebook.schema import Rulebook
from exemplars.template import layout as L
from exemplars.template.fill import fill_with_openpyxl  # re-exported: filling belongs with the template
from exemplars.template.formats import TemplateFormats
from exemplars.template.guide import write_guide
from exemplars.template.lists import ListSheet
from exemplars.template.validation import validate_history, validate_table, validate_unit_block
from exemplars.xlsx import atomic_path, new_workbook, safe_text

GENERIC_MAX_YEAR = 2100
#: The unit block's (label, value) pairs, first to last column: no page break inside one.
_UNIT_BLOCK_SPANS = tuple((span[0], span[3]) for span in L.UNIT_BLOCK_SPANS)
_PROTECTION = {"insert_rows": True, "delete_rows": True, "format_cells": True, "format_columns": True,
               "format_rows": True, "sort": True, "autofilter": True}


class _Sheet(Worksheet):
    """A worksheet that skips XlsxWriter's future-function rewriting for plain references.

    The template's only formulas are the dropdown sources (``='Danh mục'!$A$2:$A$6``),
    which contain no function call; the rewriting (≈30 regular expressions per
    formula) was a third of the time of a pre-filled sample file.
    """

    def _prepare_formula(self, formula, *args, **kwargs):
        if isinstance(formula, str) and "(" not in formula and not formula.startswith("{"):
            return formula.removeprefix("=")
        return super()._prepare_formula(formula, *args, **kwargs)


def template_file_name(unit: Unit | None) -> str:
    """``mau-dang-ky-QLDN.xlsx`` for a unit, ``mau-dang-ky.xlsx`` for the generic one."""
    return f"mau-dang-ky-{unit.code}.xlsx" if unit else "mau-dang-ky.xlsx"


def build_template(
    rulebook: Rulebook,
    path: Path | str,
    *,
    unit: Unit | None = None,
    year: int | None = None,
    candidates: Sequence[Candidate] = (),
    unit_block: Mapping[str, object] | None = None,
    cell_overrides: Mapping[tuple[int, str], object] | None = None,
) -> Path:
    """Write the registration template (pre-filled with ``candidates`` if any) atomically to ``path``.

    ``cell_overrides`` maps (0-based candidate index, column key) to a value written
    as is instead of the candidate's own (sample files use it to type a date as text
    or a choice by hand, as clerks do).
    """
    path = Path(path)
    block = _unit_block_values(unit, year, unit_block)
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, in_memory=True)
        fmt = TemplateFormats(wb)
        guide = wb.add_worksheet(SHEET_GUIDE, worksheet_class=_Sheet)
        table = wb.add_worksheet(SHEET_CANDIDATES, worksheet_class=_Sheet)
        history = wb.add_worksheet(SHEET_HISTORY, worksheet_class=_Sheet)
        lists_ws = wb.add_worksheet(SHEET_LISTS, worksheet_class=_Sheet)
        marker = wb.add_worksheet(SHEET_MARKER, worksheet_class=_Sheet)
        lists = ListSheet(rulebook)
        lists.write(lists_ws, fmt)
        write_guide(guide, rulebook, fmt, year)
        max_date = dt.date(year or GENERIC_MAX_YEAR, 12, 31)
        _write_table(table, rulebook, fmt, lists, block, candidates, year, max_date, cell_overrides or {})
        _write_history(history, fmt, lists, candidates, year, max_date)
        _write_marker(marker, rulebook, year, unit)
        table.activate()
        wb.close()
    return path


def make_templates(rulebook: Rulebook, out_dir: Path | str, units: Sequence[Unit] | None = None,
                   year: int | None = None) -> list[Path]:
    """One template per unit in ``out_dir`` (or one generic template when ``units`` is empty)."""
    out_dir = Path(out_dir)
    if not units:
        return [build_template(rulebook, out_dir / template_file_name(None), year=year)]
    return [build_template(rulebook, out_dir / template_file_name(u), unit=u, year=year) for u in units]


def _unit_block_values(unit: Unit | None, year: int | None,
                       given: Mapping[str, object] | None) -> dict[str, object]:
    values: dict[str, object] = {}
    if unit is not None:
        values["unit_name"] = unit.name
        values["bloc"] = unit.bloc or None
    if year is not None:
        values["year"] = year
    values.update(given or {})
    return values


def _write_title(ws, rb: Rulebook, fmt: TemplateFormats, widths: Sequence[float], first_col: int, last_col: int,
                 year: int | None) -> None:
    title = rb.submission.title.replace("ĐĂNG KÝ", "ĐỀ XUẤT") + (f" NĂM {year}" if year else "")
    ws.merge_range(L.TITLE_ROW, first_col, L.TITLE_ROW, last_col, title, fmt.title)
    subtitle = f"(Theo {rb.plan_title[0].lower()}{rb.plan_title[1:]} — {rb.agency})"
    ws.merge_range(L.SUBTITLE_ROW, first_col, L.SUBTITLE_ROW, last_col, subtitle, fmt.subtitle)
    span = sum(widths[first_col: last_col + 1]) + 5 / 7 * (last_col - first_col)  # the merge as one column
    lines = page_setup.wrapped_lines(subtitle, span)
    if lines > 1:  # no program grows a merged row for its wrapped text
        ws.set_row(L.SUBTITLE_ROW, L.LINE_POINTS * lines, fmt.locked)


def _printed_pages(widths: Sequence[float]) -> list[tuple[int, int]]:
    """(first, last) column of each printed page of the candidates sheet.

    Wider than any readable page, the sheet prints at the readable scale with breaks between
    columns, never inside the unit block; STT (column A, the key the award history uses too)
    prints again on every page.
    """
    if page_setup.readable(widths, True, L.HEADER_PT):
        return [(0, len(widths) - 1)]
    breaks = page_setup.column_breaks(widths, True, L.HEADER_PT, repeated=1, keep=_UNIT_BLOCK_SPANS)
    return list(zip([0, *breaks], [b - 1 for b in breaks] + [len(widths) - 1], strict=True))


def _merge_per_page(ws, first: int, last: int, label: str, cell_fmt, pages: Sequence[tuple[int, int]]) -> None:
    """The group label over its columns, once on each page the group reaches (not cut at an edge)."""
    for a, b in pages:
        lo, hi = max(first, a), min(last, b)
        if lo < hi:
            ws.merge_range(L.GROUP_ROW, lo, L.GROUP_ROW, hi, label, cell_fmt)
        elif lo == hi:
            ws.write_string(L.GROUP_ROW, lo, label, cell_fmt)


def _write_unit_block(ws, fmt: TemplateFormats, block: Mapping[str, object]) -> None:
    cells = L.unit_block_cells()
    for i, (key, label) in enumerate(UNIT_BLOCK):
        l0, l1, v0, v1 = L.UNIT_BLOCK_SPANS[i % L.UNIT_BLOCK_PAIRS_PER_ROW]
        row, _col = cells[key]
        ws.merge_range(row, l0, row, l1, label + ":", fmt.label)
        value = block.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            ws.merge_range(row, v0, row, v1, None, fmt.input_date)
            ws.write_datetime(row, v0, dt.datetime(value.year, value.month, value.day), fmt.input_date)
        elif isinstance(value, int) and not isinstance(value, bool):
            ws.merge_range(row, v0, row, v1, None, fmt.input_int)
            ws.write_number(row, v0, value, fmt.input_int)
        else:
            ws.merge_range(row, v0, row, v1, safe_text(value) if value is not None else "", fmt.input)


def _write_table(ws, rb: Rulebook, fmt: TemplateFormats, lists: ListSheet, block: Mapping[str, object],
                 candidates: Sequence[Candidate], year: int | None, max_date: dt.date,
                 overrides: Mapping[tuple[int, str], object]) -> None:
    cols = L.table_columns(rb)
    for r in range(L.HEADER_ROW + 1):
        ws.set_row(r, None, fmt.locked)
    ws.set_row(L.TITLE_ROW, 24, fmt.locked)
    ws.set_row(L.GROUP_ROW, 34, fmt.locked)
    ws.set_row(L.HEADER_ROW, 100, fmt.locked)
    for c in cols:
        ws.set_column(c.index, c.index, c.width, fmt.column_format(c))
    widths = [c.width for c in cols]
    pages = _printed_pages(widths)
    # over the first printed page; from column B when column A prints on every page (a merged cell
    # starting there would be drawn, clipped, on each of them)
    _write_title(ws, rb, fmt, widths, 1 if len(pages) > 1 else 0, pages[0][1], year)
    _write_unit_block(ws, fmt, block)
    n_fixed = L.criteria_groups(rb)[0].first_index if rb.criteria else len(cols)
    _merge_per_page(ws, 0, n_fixed - 1, L.FIXED_GROUP_LABEL, fmt.group, pages)
    for g in L.criteria_groups(rb):
        _merge_per_page(ws, g.first_index, g.first_index + len(g.criteria) - 1, g.label, fmt.group, pages)
    for c in cols:
        ws.write_string(L.HEADER_ROW, c.index, c.header, fmt.header)

    rows = L.INPUT_ROWS if not candidates else len(candidates) + L.SPARE_ROWS
    cell_fmts = [fmt.cell_format(c) for c in cols]
    keys = [c.key for c in cols]
    capacities = [L.line_capacity(c.width) for c in cols]
    criteria = [c.criterion for c in cols if c.criterion is not None]
    for i in range(rows):
        r = L.FIRST_DATA_ROW + i
        if i < len(candidates):
            values = L.cell_values(rb, candidates[i], i + 1, criteria)
            values.update({key: v for (n, key), v in overrides.items() if n == i})
            height = L.wrapped_height(zip([values.get(k) for k in keys], capacities, strict=True))
            if height:
                ws.set_row(r, height)
            for j, key in enumerate(keys):
                _write_cell(ws, r, j, values.get(key), cell_fmts[j])
        else:
            for j in range(len(keys)):
                ws.write_blank(r, j, None, cell_fmts[j])
    validate_unit_block(ws, lists)
    validate_table(ws, cols, lists, max_date)
    ws.freeze_panes(L.FIRST_DATA_ROW, 0)
    last_printed = L.FIRST_DATA_ROW + (len(candidates) or L.PRINTED_BLANK_ROWS) - 1
    _page_setup(ws, widths, (L.GROUP_ROW, L.HEADER_ROW), last_printed, pages)
    ws.protect("", _PROTECTION)


def _write_history(ws, fmt: TemplateFormats, lists: ListSheet, candidates: Sequence[Candidate], year: int | None,
                   max_date: dt.date) -> None:
    cols = L.history_columns()
    last_col = len(cols) - 1
    for r in range(L.HISTORY_HEADER_ROW + 1):
        ws.set_row(r, None, fmt.locked)
    ws.set_row(L.HISTORY_HEADER_ROW, 36, fmt.locked)
    for c in cols:
        ws.set_column(c.index, c.index, c.width, fmt.column_format(c))
    ws.merge_range(0, 0, 0, last_col, "DANH HIỆU, HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT CỦA CÁC ĐỐI TƯỢNG ĐỀ XUẤT", fmt.title)
    ws.merge_range(1, 0, 1, last_col, "(Mỗi dòng một danh hiệu, hình thức khen thưởng; ghi 3–5 năm gần nhất; "
                   "STT ứng viên như ở sheet «Danh sách đề xuất».)", fmt.subtitle)
    for c in cols:
        ws.write_string(L.HISTORY_HEADER_ROW, c.index, c.header, fmt.header)
    lines = [row for i, cand in enumerate(candidates) for row in L.history_values(cand, i + 1)]
    rows = L.HISTORY_INPUT_ROWS if not candidates else len(lines) + L.SPARE_ROWS
    cell_fmts = [fmt.cell_format(c) for c in cols]
    for i in range(rows):
        r = L.HISTORY_FIRST_DATA_ROW + i
        if i < len(lines):
            values = {**lines[i], "stt": i + 1}
            height = L.wrapped_height((values.get(c.key), L.line_capacity(c.width)) for c in cols)
            if height:
                ws.set_row(r, height)
            for c in cols:
                _write_cell(ws, r, c.index, values.get(c.key), cell_fmts[c.index])
        else:
            for c in cols:
                ws.write_blank(r, c.index, None, cell_fmts[c.index])
    validate_history(ws, cols, lists, max_date, year)
    ws.freeze_panes(L.HISTORY_FIRST_DATA_ROW, 0)
    _page_setup(ws, [c.width for c in cols], (L.HISTORY_HEADER_ROW, L.HISTORY_HEADER_ROW),
                L.HISTORY_FIRST_DATA_ROW + ((len(lines) if candidates else 0) or L.PRINTED_BLANK_ROWS) - 1)
    ws.protect("", _PROTECTION)


def _write_cell(ws, row: int, col: int, value: object, cell_fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, cell_fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), cell_fmt)
    elif isinstance(value, int):
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, safe_text(value), cell_fmt)


def _page_setup(ws, widths: list[float], title_rows: tuple[int, int], last_row: int,
                pages: Sequence[tuple[int, int]] = ()) -> None:
    """A4 landscape, ND 30 margins, the header rows on every page, page numbers, and a print area
    over the rows to fill (not the formatted blank rows below), at a readable scale: fitted to the
    width, or for a sheet of several ``pages`` across at the readable scale with STT repeated."""
    if len(pages) > 1:
        page_setup.set_wide_page(ws, widths, last_row=last_row, repeat_rows=title_rows, repeat_cols=(0, 0),
                                 size=L.HEADER_PT, keep=_UNIT_BLOCK_SPANS)
    else:
        page_setup.set_page(ws, widths, last_row=last_row, landscape=True, repeat_rows=title_rows, size=L.HEADER_PT)


def marker_items(rb: Rulebook, year: int | None, unit: Unit | None) -> list[tuple[str, str]]:
    """The marker's (key, value) rows, in order (see the module docstring)."""
    columns = {c.key: c.letter for c in L.table_columns(rb)}
    history = {c.key: c.letter for c in L.history_columns()}
    return [
        ("template_id", TEMPLATE_ID),
        ("template_version", str(TEMPLATE_VERSION)),
        ("rulebook_id", rb.id),
        ("rulebook_version", str(rb.version)),
        ("year", "" if year is None else str(year)),
        ("unit_code", unit.code if unit else ""),
        ("candidates_sheet", SHEET_CANDIDATES),
        ("header_row", str(L.HEADER_ROW + 1)),
        ("first_data_row", str(L.FIRST_DATA_ROW + 1)),
        ("columns", json.dumps(columns, ensure_ascii=False)),
        ("history_sheet", SHEET_HISTORY),
        ("history_header_row", str(L.HISTORY_HEADER_ROW + 1)),
        ("history_first_data_row", str(L.HISTORY_FIRST_DATA_ROW + 1)),
        ("history_columns", json.dumps(history, ensure_ascii=False)),
        ("unit_block", json.dumps(L.unit_block_refs(), ensure_ascii=False)),
    ]


def _write_marker(ws, rb: Rulebook, year: int | None, unit: Unit | None) -> None:
    for r, (key, value) in enumerate(marker_items(rb, year, unit)):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.very_hidden()
    ws.protect("")


__all__ = ["build_template", "fill_with_openpyxl", "make_templates", "marker_items", "template_file_name"]

"""The "Biểu đồ" sheet of the working register: small summary tables and native Excel charts.

Each chart reads its own table on the same sheet, so a clerk can correct a figure
or copy a chart into a report and it stays live.  Charts are XlsxWriter charts
(``add_chart``), not pictures.  Each chart sits beside its table, inside the print
area, so the sheet prints on one portrait A4 page for a plan's usual dozen units.
"""

from __future__ import annotations

from collections import Counter

from exemplars import page_setup
from exemplars.domain import SubjectGroup, SubjectKind
from exemplars.register import cell_text
from exemplars.results import RunResult
from exemplars.xlsx import Styles, add_held_sheet, write_table

SHEET = "Biểu đồ"
NONE_LABEL = "(không có)"
#: Columns of the tables (A:D) and of the charts beside them (F:K): 6 columns of 64 px as
#: Excel and LibreOffice draw them with Times New Roman 12, room for a 370 px chart; the whole
#: sheet prints on one portrait page at a readable scale (``page_setup.readable``).
TABLE_WIDTHS = (26, 8, 8, 8)
GAP_COL, CHART_COLS, CHART_COL_WIDTH = 4, 6, 7.3
CHART_PX = (page_setup.anchor_px([CHART_COL_WIDTH] * CHART_COLS) - 4, 210)
#: Rows a chart covers (20 px each): the next table starts below both.
CHART_ROWS = CHART_PX[1] // 20 + 1
FONT = {"name": "Times New Roman", "size": 11}


def _by_unit(result: RunResult, outcomes) -> list[list]:
    """Đơn vị | ứng viên | đủ điều kiện | được chọn (units in rulebook order, then others)."""
    counts: dict[str, list[int]] = {}
    names = {u.code: u.name for u in result.consolidation.units}
    selection = result.selection
    chosen = {c.id for c in (selection.selected + selection.fast_track)} if selection else set()
    for r in result.consolidation.records():
        code = cell_text(r.get("unit_code"))
        label = names.get(code) or cell_text(r.get("unit_name")) or code or "(chưa rõ đơn vị)"
        row = counts.setdefault(label, [0, 0, 0])
        row[0] += 1
        outcome = outcomes.get(str(r["id"]))
        row[1] += 1 if outcome is not None and outcome.eligible else 0
        row[2] += 1 if str(r["id"]) in chosen else 0
    return [[name, *values] for name, values in counts.items()] or [[NONE_LABEL, 0, 0, 0]]


def _by_field(result: RunResult) -> list[list]:
    fields = Counter(cell_text(v) or "(chưa ghi lĩnh vực)" for v in result.consolidation.register.get("field", []))
    return [[name, n] for name, n in fields.most_common()] or [[NONE_LABEL, 0]]


def _eligibility(outcomes) -> list[list]:
    yes = sum(1 for o in outcomes.values() if o.eligible)
    no = sum(1 for o in outcomes.values() if o.eligible is False)
    rows = [["Đủ điều kiện", yes], ["Chưa đủ điều kiện", no]]
    unknown = sum(1 for o in outcomes.values() if o.eligible is None)
    return rows + ([["Chưa xét", unknown]] if unknown else [])


def _by_group(result: RunResult) -> list[list]:
    """Nhóm đối tượng | được chọn (thường xuyên) | đột xuất."""
    selection = result.selection
    kinds = result.consolidation.rulebook.subject_kinds
    groups = [g for g in SubjectGroup if any(SubjectKind(k).group is g for k in kinds)]
    rows = []
    for group in groups:
        regular = sum(1 for c in selection.selected if c.kind.group is group) if selection else 0
        fast = sum(1 for c in selection.fast_track if c.kind.group is group) if selection else 0
        rows.append([group.label, regular, fast])
    return rows


def _table(ws, styles: Styles, first_row: int, title: str, headers: list[str], rows) -> int:
    ws.write_string(first_row, 0, title, styles.bold)
    named = [(h, TABLE_WIDTHS[i]) for i, h in enumerate(headers)]
    write_table(ws, styles, named, rows, first_row=first_row + 1, freeze=False, autofilter=False,
                formats=[None] + [styles.int] * (len(headers) - 1))
    return first_row + 1  # header row of the table


def _place(ws, chart, title_row: int) -> None:
    """The chart to the right of its table, from the table's title row."""
    chart.set_size({"width": CHART_PX[0], "height": CHART_PX[1]})
    ws.insert_chart(title_row, GAP_COL + 1, chart, {"object_position": 2})


def _next_block(header_row: int, rows: int) -> int:
    """First row of the next table: below this table and below its chart, with a blank row."""
    return max(header_row + rows + 2, header_row - 1 + CHART_ROWS + 1)


def _series(chart, header_row: int, rows: int, value_cols: list[int], names: list[str], colours: list[str]):
    for col, name, colour in zip(value_cols, names, colours, strict=True):
        chart.add_series({
            "name": name,
            "categories": [SHEET, header_row + 1, 0, header_row + rows, 0],
            "values": [SHEET, header_row + 1, col, header_row + rows, col],
            "fill": {"color": colour},
            "data_labels": {"value": True, "font": FONT},
        })


def _pie(wb, header_row: int, rows: int, name: str, colours: list[str] | None = None):
    """A pie of the table's second column, each slice labelled with its count and share."""
    chart = wb.add_chart({"type": "pie"})
    series = {"name": name,
              "categories": [SHEET, header_row + 1, 0, header_row + rows, 0],
              "values": [SHEET, header_row + 1, 1, header_row + rows, 1],
              "data_labels": {"value": True, "percentage": True, "separator": "\n", "font": FONT}}
    if colours:
        series["points"] = [{"fill": {"color": colour}} for colour in colours]
    chart.add_series(series)
    return chart


def _style(chart, title: str) -> None:
    chart.set_title({"name": title, "name_font": {**FONT, "bold": True}})
    chart.set_legend({"position": "bottom", "font": FONT})


def _count_axes(chart, value_axis: str, value_title: str, reverse_categories: bool = False) -> None:
    """Whole-number value axis (counts of people) and a readable category axis.

    ``value_axis`` is "x" for bar charts (XlsxWriter's horizontal axis) and "y" for
    column charts; bar categories are reversed so the first table row is on top.
    """
    values = {"name": value_title, "num_font": FONT, "name_font": FONT, "min": 0, "major_unit": 1,
              "major_gridlines": {"visible": True}}
    # every category named (a unit or field name is the point of the chart), in a smaller type
    categories = {"num_font": {**FONT, "size": 9}, "reverse": reverse_categories, "interval_unit": 1}
    if value_axis == "x":
        chart.set_x_axis(values)
        chart.set_y_axis(categories)
    else:
        chart.set_y_axis(values)
        chart.set_x_axis(categories)


def add_charts_sheet(wb, styles: Styles, result: RunResult, outcomes) -> int:
    """Add the "Biểu đồ" sheet; returns the number of charts inserted."""
    ws = add_held_sheet(wb, SHEET)  # the charts' cached values are read from the sheet's cells
    for col, width in enumerate(TABLE_WIDTHS):
        ws.set_column(col, col, width)
    ws.set_column(GAP_COL, GAP_COL, 1)
    ws.set_column(GAP_COL + 1, GAP_COL + CHART_COLS, CHART_COL_WIDTH)
    charts = 0

    unit_rows = _by_unit(result, outcomes)
    h = _table(ws, styles, 0, "Ứng viên theo đơn vị", ["Đơn vị", "Ứng viên", "Đủ điều kiện", "Được chọn"], unit_rows)
    chart = wb.add_chart({"type": "bar"})
    _series(chart, h, len(unit_rows), [1, 2, 3], ["Ứng viên", "Đủ điều kiện", "Được chọn"],
            ["#5B9BD5", "#70AD47", "#ED7D31"])
    _style(chart, "Ứng viên theo đơn vị")
    _count_axes(chart, "x", "Số ứng viên", reverse_categories=True)
    # the unit chart lists every unit: it grows with them, about as tall as their table
    height = max(CHART_PX[1], 24 * len(unit_rows) + 80)
    chart.set_size({"width": CHART_PX[0], "height": height})
    ws.insert_chart(0, GAP_COL + 1, chart, {"object_position": 2})
    charts += 1
    row = max(h + len(unit_rows) + 2, height // 20 + 2)

    field_rows = _by_field(result)
    h = _table(ws, styles, row, "Ứng viên theo lĩnh vực", ["Lĩnh vực", "Ứng viên"], field_rows)
    chart = wb.add_chart({"type": "bar"})  # bars, not a pie: a plan has a dozen fields
    _series(chart, h, len(field_rows), [1], ["Ứng viên"], ["#5B9BD5"])
    _style(chart, "Ứng viên theo lĩnh vực")
    chart.set_legend({"none": True})
    _count_axes(chart, "x", "Số ứng viên", reverse_categories=True)
    height = max(CHART_PX[1], 16 * len(field_rows) + 60)
    chart.set_size({"width": CHART_PX[0], "height": height})
    ws.insert_chart(row, GAP_COL + 1, chart, {"object_position": 2})
    charts += 1
    row = max(h + len(field_rows) + 2, row + height // 20 + 2)

    eligibility_rows = _eligibility(outcomes)
    h = _table(ws, styles, row, "Đủ điều kiện / chưa đủ điều kiện", ["Kết quả xét", "Ứng viên"], eligibility_rows)
    chart = _pie(wb, h, len(eligibility_rows), "Kết quả xét điều kiện",
                 ["#70AD47", "#C00000", "#A5A5A5"][: len(eligibility_rows)])
    _style(chart, "Đủ điều kiện và chưa đủ điều kiện")
    chart.set_legend({"position": "right", "font": FONT})
    _place(ws, chart, row)
    charts += 1
    row = _next_block(h, len(eligibility_rows))

    group_rows = _by_group(result)
    h = _table(ws, styles, row, "Được chọn theo nhóm đối tượng", ["Nhóm đối tượng", "Thường xuyên", "Đột xuất"],
               group_rows)
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    _series(chart, h, len(group_rows), [1, 2], ["Thường xuyên", "Đột xuất"], ["#4472C4", "#FFC000"])
    _style(chart, "Được chọn theo nhóm đối tượng")
    _count_axes(chart, "y", "Số được chọn")
    _place(ws, chart, row)
    charts += 1
    last_row = _next_block(h, len(group_rows)) - 1
    widths = [*TABLE_WIDTHS, 1, *[CHART_COL_WIDTH] * CHART_COLS]
    page_setup.set_page(ws, widths, last_row=last_row, landscape=False)
    return charts

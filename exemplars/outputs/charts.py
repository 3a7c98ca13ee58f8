"""The "Biểu đồ" sheet of the working register: small summary tables and native Excel charts.

Each chart reads its own table on the same sheet, so a clerk can correct a figure
or copy a chart into a report and it stays live.  Charts are XlsxWriter charts
(``add_chart``), not pictures.
"""

from __future__ import annotations

from collections import Counter

from exemplars.domain import SubjectGroup, SubjectKind
from exemplars.register import cell_text
from exemplars.results import RunResult
from exemplars.xlsx import Styles, write_table

SHEET = "Biểu đồ"
NONE_LABEL = "(không có)"
CHART_SIZE = {"x_scale": 1.3, "y_scale": 1.1}
FONT = {"name": "Times New Roman"}


def _by_unit(result: RunResult, outcomes) -> list[list]:
    """Đơn vị | ứng viên | đủ điều kiện | được chọn (units in rulebook order, then others)."""
    counts: dict[str, list[int]] = {}
    names = {u.code: u.name for u in result.consolidation.units}
    selection = result.selection
    chosen = {c.id for c in (selection.selected + selection.fast_track)} if selection else set()
    for r in result.consolidation.register.to_dict("records"):
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


def _table(ws, styles: Styles, first_row: int, title: str, headers: list[tuple[str, float]], rows) -> int:
    ws.write_string(first_row, 0, title, styles.bold)
    write_table(ws, styles, headers, rows, first_row=first_row + 1, freeze=False, autofilter=False,
                formats=[None] + [styles.int] * (len(headers) - 1))
    return first_row + 1  # header row of the table


def _series(chart, header_row: int, rows: int, value_cols: list[int], names: list[str], colours: list[str]):
    for col, name, colour in zip(value_cols, names, colours, strict=True):
        chart.add_series({
            "name": name,
            "categories": [SHEET, header_row + 1, 0, header_row + rows, 0],
            "values": [SHEET, header_row + 1, col, header_row + rows, col],
            "fill": {"color": colour},
            "data_labels": {"value": True},
        })


def _pie(wb, header_row: int, rows: int, name: str, colours: list[str] | None = None):
    """A pie of the table's second column, each slice labelled with its count and share."""
    chart = wb.add_chart({"type": "pie"})
    series = {"name": name,
              "categories": [SHEET, header_row + 1, 0, header_row + rows, 0],
              "values": [SHEET, header_row + 1, 1, header_row + rows, 1],
              "data_labels": {"value": True, "percentage": True, "separator": "\n"}}
    if colours:
        series["points"] = [{"fill": {"color": colour}} for colour in colours]
    chart.add_series(series)
    return chart


def _style(chart, title: str) -> None:
    chart.set_title({"name": title, "name_font": {**FONT, "size": 12, "bold": True}})
    chart.set_legend({"position": "bottom", "font": FONT})


def _count_axes(chart, value_axis: str, value_title: str, reverse_categories: bool = False) -> None:
    """Whole-number value axis (counts of people) and a readable category axis.

    ``value_axis`` is "x" for bar charts (XlsxWriter's horizontal axis) and "y" for
    column charts; bar categories are reversed so the first table row is on top.
    """
    values = {"name": value_title, "num_font": FONT, "name_font": FONT, "min": 0, "major_unit": 1,
              "major_gridlines": {"visible": True}}
    categories = {"num_font": FONT, "reverse": reverse_categories}
    if value_axis == "x":
        chart.set_x_axis(values)
        chart.set_y_axis(categories)
    else:
        chart.set_y_axis(values)
        chart.set_x_axis(categories)


def add_charts_sheet(wb, styles: Styles, result: RunResult, outcomes) -> int:
    """Add the "Biểu đồ" sheet; returns the number of charts inserted."""
    ws = wb.add_worksheet(SHEET)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 3, 13)
    charts = 0

    unit_rows = _by_unit(result, outcomes)
    h = _table(ws, styles, 0, "Ứng viên theo đơn vị", [("Đơn vị", 36), ("Ứng viên", 13), ("Đủ điều kiện", 13),
                                                      ("Được chọn", 13)], unit_rows)
    chart = wb.add_chart({"type": "bar"})
    _series(chart, h, len(unit_rows), [1, 2, 3], ["Ứng viên", "Đủ điều kiện", "Được chọn"],
            ["#5B9BD5", "#70AD47", "#ED7D31"])
    _style(chart, "Ứng viên theo đơn vị")
    _count_axes(chart, "x", "Số ứng viên", reverse_categories=True)
    ws.insert_chart(0, 5, chart, CHART_SIZE)
    charts += 1

    row = h + len(unit_rows) + 3
    field_rows = _by_field(result)
    h = _table(ws, styles, row, "Ứng viên theo lĩnh vực", [("Lĩnh vực", 36), ("Ứng viên", 13)], field_rows)
    chart = _pie(wb, h, len(field_rows), "Ứng viên theo lĩnh vực")
    _style(chart, "Ứng viên theo lĩnh vực")
    ws.insert_chart(18, 5, chart, CHART_SIZE)
    charts += 1

    row = h + len(field_rows) + 3
    eligibility_rows = _eligibility(outcomes)
    h = _table(ws, styles, row, "Đủ điều kiện / chưa đủ điều kiện", [("Kết quả xét", 36), ("Ứng viên", 13)],
               eligibility_rows)
    chart = _pie(wb, h, len(eligibility_rows), "Kết quả xét điều kiện",
                 ["#70AD47", "#C00000", "#A5A5A5"][: len(eligibility_rows)])
    _style(chart, "Đủ điều kiện và chưa đủ điều kiện")
    ws.insert_chart(36, 5, chart, CHART_SIZE)
    charts += 1

    row = h + len(eligibility_rows) + 3
    group_rows = _by_group(result)
    h = _table(ws, styles, row, "Được chọn theo nhóm đối tượng",
               [("Nhóm đối tượng", 36), ("Thường xuyên", 13), ("Đột xuất", 13)], group_rows)
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    _series(chart, h, len(group_rows), [1, 2], ["Thường xuyên", "Đột xuất"], ["#4472C4", "#FFC000"])
    _style(chart, "Được chọn theo nhóm đối tượng")
    _count_axes(chart, "y", "Số được chọn")
    ws.insert_chart(54, 5, chart, CHART_SIZE)
    charts += 1
    return charts

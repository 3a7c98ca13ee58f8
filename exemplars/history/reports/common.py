"""Pieces every periodic report shares: the document heading, labels and the chart sheet.

The chart sheet ("Biểu đồ") holds three small tables and a native Excel chart on
each: the trend across the year's periods, candidates by unit, candidates by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import xlsxwriter

from exemplars.domain import MovementKind, SubjectGroup
from exemplars.history.reports.data import CandidateLine, PeriodData
from exemplars.settings import DocumentHeader
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table

CHART_SHEET = "Biểu đồ"
GROUP_NUMBERS = {SubjectGroup.TAP_THE: "I", SubjectGroup.CA_NHAN: "II", SubjectGroup.HO_THT_HTX: "III"}


@contextmanager
def report_workbook(target: Path) -> Iterator[tuple[xlsxwriter.Workbook, Styles]]:
    """An XlsxWriter workbook written atomically to ``target``."""
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)
        yield wb, Styles(wb)
        wb.close()


def heading(ws, styles: Styles, header: DocumentHeader, title: str, subtitle: str, columns: int) -> int:
    """Agency lines, title, subtitle and A4 landscape print setup; returns the table's header row
    (a blank row is left above it)."""
    print_setup(ws)
    last = max(columns - 1, 1)
    lines = [(header.parent_agency.upper(), styles.plain), (header.agency.upper(), styles.bold),
             ("", styles.plain), (title, styles.title), (subtitle, styles.italic)]
    for row, (text, fmt) in enumerate(lines):
        if row >= 3:
            ws.merge_range(row, 0, row, last, "", fmt)
        ws.write_string(row, 0, text, fmt)
    ws.set_row(len(lines) + 1, 36)  # room for two-line column headers
    return len(lines) + 1


def print_setup(ws) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # as wide as one page, as long as needed
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


def made_on(ws, styles: Styles, row: int, today: dt.date, locality: str) -> None:
    place = f"{locality}, " if locality else ""
    ws.write_string(row, 0, f"{place}ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", styles.italic)


def kind_label(line: CandidateLine) -> str:
    return line.kind.label if line.kind else ""


def movement_label(code: str) -> str:
    try:
        return MovementKind(code).label
    except ValueError:
        return code


def periods_text(periods) -> str:
    return ", ".join(p.short_label for p in periods)


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Có" if value else "Không")


def grouped(lines: list[CandidateLine]) -> list[tuple[str, list[CandidateLine]]]:
    """Lines in the submission's sections ("I. Tập thể", "II. Cá nhân", …), empty sections left out."""
    out = []
    for group, number in GROUP_NUMBERS.items():
        members = [c for c in lines if c.kind is not None and c.kind.group is group]
        if members:
            out.append((f"{number}. {group.label.upper()}", members))
    unknown = [c for c in lines if c.kind is None]
    if unknown:
        out.append(("KHÁC", unknown))
    return out


def _chart(wb, kind: str, title: str, sheet: str, first: int, last: int, col: int, series: list[tuple[int, str]],
           axis: str):
    chart = wb.add_chart({"type": kind})
    for value_col, colour in series:
        chart.add_series({
            "name": [sheet, first - 1, value_col],
            "categories": [sheet, first, col, last, col],
            "values": [sheet, first, value_col, last, value_col],
            "fill": {"color": colour},
            "data_labels": {"value": True},
        })
    chart.set_title({"name": title, "name_font": {"name": "Times New Roman", "size": 12}})
    counts = {"name": axis, "min": 0, "num_format": "0", "major_gridlines": {"visible": True}}
    chart.set_y_axis(counts if kind == "column" else {})
    chart.set_x_axis({} if kind == "column" else counts)
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 320})
    return chart


def _count_table(ws, styles: Styles, first: int, col: int, name_header: tuple[str, int],
                 rows: Sequence[tuple[str, int, int]]) -> None:
    """A (name, proposed, selected) table from column ``col``, headers on the row above ``first``."""
    for c, (title, width) in enumerate([name_header, ("Số đề xuất", 11), ("Được lựa chọn", 11)], start=col):
        ws.write_string(first - 1, c, title, styles.header)
        ws.set_column(c, c, width)
    for r, (name, proposed, chosen) in enumerate(rows, start=first):
        ws.write_string(r, col, name, styles.text_nowrap)
        ws.write_number(r, col + 1, proposed, styles.int)
        ws.write_number(r, col + 2, chosen, styles.int)


def chart_sheet(wb, styles: Styles, data: PeriodData) -> None:
    """Three tables and three native charts: trend across the year, by unit, by field."""
    ws = wb.add_worksheet(CHART_SHEET)
    print_setup(ws)
    first = 2
    ws.set_row(first - 1, 32)
    ws.write_string(0, 0, f"Số liệu cho biểu đồ — {data.period.label}", styles.bold)
    trend = [(p.period.short_label, p.candidates, p.eligible, p.selected) for p in data.trend]
    write_table(ws, styles, [("Kỳ", 12), ("Số đề xuất", 11), ("Đủ điều kiện", 11), ("Được lựa chọn", 11)],
                trend, first - 1, freeze=False, autofilter=False)
    units = [(u.name, len(lines), sum(c.selected for c in lines)) for u, lines in data.by_unit()]
    _count_table(ws, styles, first, 5, ("Đơn vị", 44), units)
    fields = data.by_field()
    _count_table(ws, styles, first, 9, ("Lĩnh vực", 32), fields)
    # Charts sit below the tables, one under the other (20 px per default row).
    row = first + max(len(trend), len(units), len(fields)) + 2
    blue, green, orange = "#5B9BD5", "#70AD47", "#ED7D31"
    charts = []
    if trend:
        charts.append(_chart(wb, "column", f"Diễn biến qua các kỳ năm {data.period.year}", CHART_SHEET, first,
                             first + len(trend) - 1, 0, [(1, blue), (2, orange), (3, green)], "Số lượng"))
    if units:
        chart = _chart(wb, "bar", "Theo đơn vị", CHART_SHEET, first, first + len(units) - 1, 5,
                       [(6, blue), (7, green)], "Số lượng")
        chart.set_size({"width": 640, "height": max(320, 24 * len(units) + 120)})
        charts.append(chart)
    if fields:
        charts.append(_chart(wb, "column", "Theo lĩnh vực", CHART_SHEET, first, first + len(fields) - 1, 9,
                             [(10, blue), (11, green)], "Số lượng"))
    for chart in charts:
        ws.insert_chart(row, 0, chart)
        row += chart.height // 20 + 2

"""Pieces every periodic report shares: the ND 30 frame, labels and the chart sheet.

Every report sheet is an official document (Nghị định 30/2020): the header block with
Quốc hiệu, Tiêu ngữ, số and date (``outputs.document``), the title, the table, then
"Nơi nhận" and the signer's block; it prints on A4 with its printed columns readable
(``page_setup``), its table header repeated on every page.

The chart sheet ("Biểu đồ") holds three small tables, one under the other, and a
native Excel chart for each below them: the trend across the year's periods,
candidates by unit, candidates by field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from exemplars import page_setup
from exemplars.domain import MovementKind, SubjectGroup
from exemplars.history.reports.data import CandidateLine, PeriodData
from exemplars.outputs import document, nd30
from exemplars.outputs.page import PageLayout
from exemplars.settings import ResolvedHeader
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table

CHART_SHEET = "Biểu đồ"
GROUP_NUMBERS = {SubjectGroup.TAP_THE: "I", SubjectGroup.CA_NHAN: "II", SubjectGroup.HO_THT_HTX: "III"}


@contextmanager
def report_workbook(target: Path) -> Iterator[tuple[xlsxwriter.Workbook, Styles]]:
    """An XlsxWriter workbook written atomically to ``target``; its ND 30 sheets carry no number on page 1."""
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)
        yield wb, Styles(wb)
        wb.close()
        page_setup.without_first_page_number(tmp)


@dataclass
class ReportPage:
    """One report sheet being written: its page layout, frame and printed columns."""

    page: PageLayout
    frame: document.Frame
    widths: list[float]
    first: int  # the table's header row
    heights: list[float] = field(default_factory=list)  # rows written by write_table, for the page ends


def _frame(widths: list[float], right_pt: float = 0.0) -> document.Frame:
    """The left block (agency, number) over about the first 40 % of the width, the rest at the right,
    which keeps at least ``right_pt`` points for its longest line (a long place name in the date line
    was clipped at both ends)."""
    total, run, split = sum(widths), 0.0, 1
    for i, w in enumerate(widths[:-1]):
        run += w
        split = i + 1
        if run >= total * 0.4:
            break
    while split > 1 and sum(page_setup.column_width_pt(w) for w in widths[split:]) < right_pt:
        split -= 1
        run -= widths[split]
    middle, line = run / 2, 0
    acc = 0.0
    for i, w in enumerate(widths[:split]):
        if acc <= middle < acc + w:
            line = i
        acc += w
    return document.Frame(left=(0, split - 1), right=(split, len(widths) - 1), line_column=line)


def _right_lines_pt(header: ResolvedHeader) -> float:
    """Width of the right block's longest line: the Quốc hiệu (bold 13) or the place and date (italic 13)."""
    date_line = nd30.nd30_place_date(header.locality, header.doc_date)
    return max(page_setup.text_width_pt(document.QUOC_HIEU, 13, bold=True), page_setup.text_width_pt(date_line, 13)) + 8


def heading(wb, ws, data: PeriodData, header: ResolvedHeader, title: str, subtitle: str,
            columns: Sequence[tuple[str, float]], printed: int | None = None) -> ReportPage:
    """The ND 30 header block, the title and subtitle; returns where the table starts.

    ``printed`` is how many of ``columns`` (from the left) print; the others follow on screen.
    """
    widths = [w for _, w in columns][: printed or len(columns)]
    page = PageLayout(wb, ws, tuple(widths), landscape=page_setup.orientation_for(widths))
    frame = _frame(widths, _right_lines_pt(header))
    document.header_block(page, frame, header, data.rulebook.submission.doc_symbol)
    last = len(widths) - 1
    page.merged((0, last), title, page.fmt("title"), height=page.lines_height(title, (0, last), 14, bold=True))
    if subtitle:
        page.merged((0, last), subtitle, page.fmt("center_italic"))
    page.skip(8)
    ws.hide_gridlines(2)  # a document, as the submission: no grid on screen nor on paper
    return ReportPage(page, frame, widths, page.row)


def sign_off(report: ReportPage, row: int, header: ResolvedHeader) -> None:
    """"Nơi nhận" and the signer's block from ``row``, then the sheet's A4 page setup."""
    report.page.resume(row, report.heights)
    report.page.skip(10)
    document.signature(report.page, report.frame, header, header.recipients)
    page_setup.set_page(report.page.ws, report.widths, last_row=report.page.row - 1,
                        landscape=report.page.landscape, repeat_rows=(report.first, report.first), official=True)


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


def chart_sheet(wb, styles: Styles, data: PeriodData) -> None:
    """Three tables in A:D, one under the other, and a native chart for each below them."""
    ws = wb.add_worksheet(CHART_SHEET)
    widths = (44, 11, 11, 11)
    ws.write_string(0, 0, f"Số liệu cho biểu đồ — {data.period.label}", styles.bold)
    trend = [(p.period.short_label, p.candidates, p.eligible, p.selected) for p in data.trend]
    units = [(u.name, len(lines), sum(c.selected for c in lines)) for u, lines in data.by_unit()]
    fields = data.by_field()
    blocks: list[tuple[str, tuple[str, ...], Sequence[Sequence[object]]]] = [
              ("Kỳ", ("Số đề xuất", "Đủ điều kiện", "Được lựa chọn"), trend),
              ("Đơn vị", ("Số đề xuất", "Được lựa chọn"), units),
              ("Lĩnh vực", ("Số đề xuất", "Được lựa chọn"), fields)]
    row, tables = 2, []
    for label, names, rows in blocks:
        write_table(ws, styles, [(label, widths[0])] + [(n, widths[i + 1]) for i, n in enumerate(names)], rows, row,
                    formats=[styles.text] + [styles.int] * len(names), freeze=False, autofilter=False)
        tables.append((row + 1, row + len(rows), len(names)))
        row += len(rows) + 3
    blue, green, orange = "#5B9BD5", "#70AD47", "#ED7D31"
    colours = [blue, orange, green]
    titles = [f"Diễn biến qua các kỳ năm {data.period.year}", "Theo đơn vị", "Theo lĩnh vực"]
    kinds = ["column", "bar", "column"]
    for (first, last, count), title, kind in zip(tables, titles, kinds, strict=True):
        if last < first:
            continue
        chart = _chart(wb, kind, title, CHART_SHEET, first, last, 0,
                       [(c + 1, colours[c] if count == 3 else (blue, green)[c]) for c in range(count)], "Số lượng")
        height = max(300, 22 * (last - first + 1) + 120) if kind == "bar" else 300
        chart.set_size({"width": page_setup.anchor_px(widths) - 4, "height": height})
        ws.insert_chart(row, 0, chart, {"object_position": 2})
        row += height // 20 + 2
    page_setup.set_page(ws, widths, last_row=row, landscape=False)

"""Lists of exemplars sent upward: the quarterly list for the City (B-30) and the annual list (B-34)."""

from __future__ import annotations

from pathlib import Path

from exemplars.history.report_common import (
    chart_sheet, grouped, heading, kind_label, made_on, periods_text, report_workbook,
)
from exemplars.history.report_data import CandidateLine, PeriodData
from exemplars.settings import DocumentHeader

SHEET_QUARTER = "Danh sách điển hình quý"
SHEET_ANNUAL = "Danh sách điển hình năm"


def _write_sections(ws, styles, first: int, columns: list[tuple[str, float]], lines: list[CandidateLine],
                    values) -> int:
    """Header, then a bold row per section ("I. TẬP THỂ" …) followed by its lines; returns the next row."""
    for c, (title, width) in enumerate(columns):
        ws.write_string(first, c, title, styles.header)
        ws.set_column(c, c, width)
    ws.freeze_panes(first + 1, 0)
    row = first + 1
    for section, members in grouped(lines):
        ws.merge_range(row, 0, row, len(columns) - 1, "", styles.header)
        ws.write_string(row, 0, section, styles.header)
        row += 1
        for number, line in enumerate(members, start=1):
            for c, value in enumerate(values(number, line)):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    fmt = styles.int if c == 0 else styles.number if isinstance(value, float) else styles.money
                    ws.write_number(row, c, value, fmt)
                else:
                    ws.write_string(row, c, str(value), styles.text)
            row += 1
    if not lines:
        ws.merge_range(row, 0, row, len(columns) - 1, "", styles.italic)
        ws.write_string(row, 0, "Chưa có điển hình tiên tiến nào được lựa chọn trong kỳ.", styles.italic)
        row += 1
    return row


def write_quarter_list(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """The exemplars selected in the quarter's run, by section, with their achievements summary."""
    lines = [c for c in data.selected if data.period in c.selected_in]
    columns = [("STT", 6), ("Họ và tên / Tên tập thể", 30), ("Loại đối tượng", 13), ("Đơn vị", 30),
               ("Lĩnh vực", 18), ("Tóm tắt thành tích", 60), ("Hình thức khen thưởng", 20), ("Điểm", 8)]
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_QUARTER)
        first = heading(ws, styles, header, f"DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                        f"Gửi kèm báo cáo định kỳ hằng quý — tổng số: {len(lines)}", len(columns))

        def values(number: int, c: CandidateLine):
            return (number, c.name, kind_label(c), c.unit_name, c.field, c.achievements, c.reward_label,
                    float(round(c.score, 2)) if c.score is not None else "")

        row = _write_sections(ws, styles, first, columns, lines, values)
        made_on(ws, styles, row + 1, data.today, header.locality)
        ws.write_string(row + 2, 0, header.signer_title, styles.bold)
        chart_sheet(wb, styles, data)
    return target


def write_annual_list(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """Every exemplar of the year (any run of the year selected it), with reward and amount."""
    lines = data.selected
    columns = [("STT", 6), ("Họ và tên / Tên tập thể", 30), ("Loại đối tượng", 13), ("Đơn vị", 30),
               ("Lĩnh vực", 18), ("Tóm tắt thành tích", 55), ("Kỳ được lựa chọn", 18),
               ("Hình thức khen thưởng", 20), ("Số tiền thưởng (đồng)", 14)]
    total = sum(c.amount for c in lines)
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_ANNUAL)
        first = heading(ws, styles, header, f"DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                        f"Tổng số: {len(lines)} điển hình", len(columns))

        def values(number: int, c: CandidateLine):
            return (number, c.name, kind_label(c), c.unit_name, c.field, c.achievements,
                    periods_text(c.selected_in), c.reward_label, c.amount)

        row = _write_sections(ws, styles, first, columns, lines, values)
        ws.merge_range(row, 0, row, len(columns) - 2, "", styles.header)
        ws.write_string(row, 0, "Tổng cộng", styles.header)
        ws.write_number(row, len(columns) - 1, total, styles.money)
        made_on(ws, styles, row + 2, data.today, header.locality)
        ws.write_string(row + 3, 0, header.signer_title, styles.bold)
        chart_sheet(wb, styles, data)
    return target

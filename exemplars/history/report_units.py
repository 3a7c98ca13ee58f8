"""Unit evaluation report (6, 9, 12 months) and the emulation blocs' report (khối thi đua).

B-28/B-29: each unit is evaluated at 6, 9 and 12 months "kèm tóm tắt thành tích";
B-33: the head of each bloc sends the bloc's results by the end of Q3.
"""

from __future__ import annotations

from pathlib import Path

from exemplars.history.report_common import (
    chart_sheet, heading, kind_label, made_on, movement_label, periods_text, report_workbook, yes_no,
)
from exemplars.history.report_data import CandidateLine, PeriodData
from exemplars.settings import DocumentHeader
from exemplars.xlsx import write_table

SHEET_UNITS = "Tổng hợp theo đơn vị"
SHEET_DETAILS = "Chi tiết, tóm tắt thành tích"
SHEET_BLOCS = "Theo khối thi đua"
SHEET_BLOC_UNITS = "Theo đơn vị trong khối"


def _counts(lines: list[CandidateLine]) -> tuple[int, int, int]:
    return len(lines), sum(bool(c.eligible) for c in lines), sum(c.selected for c in lines)


def write_unit_evaluation(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """Per unit: candidates, eligible, selected; then every candidate with its achievements summary."""
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_UNITS)
        heading_cols = [("STT", 6), ("Mã đơn vị", 11), ("Đơn vị", 38), ("Khối thi đua", 26), ("Đã gửi danh sách", 11),
                        ("Số đề xuất", 11), ("Đủ điều kiện", 11), ("Được lựa chọn", 11)]
        first = heading(ws, styles, header, f"BÁO CÁO ĐÁNH GIÁ ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                        "Đánh giá định kỳ theo đơn vị, kèm tóm tắt thành tích đạt được", len(heading_cols))
        rows, totals = [], [0, 0, 0]
        for number, (unit, lines) in enumerate(data.by_unit(), start=1):
            proposed, eligible, selected = _counts(lines)
            totals = [totals[0] + proposed, totals[1] + eligible, totals[2] + selected]
            sent = unit.code in data.sent_units or bool(lines)
            rows.append((number, unit.code, unit.name, data.bloc_of(unit.code), yes_no(sent),
                         proposed, eligible, selected))
        count = write_table(ws, styles, heading_cols, rows, first,
                            formats=[styles.int, styles.text_nowrap, styles.text, styles.text, styles.text,
                                     styles.int, styles.int, styles.int])
        total_row = first + count + 1
        ws.merge_range(total_row, 0, total_row, 4, "", styles.header)
        ws.write_string(total_row, 0, "Tổng cộng", styles.header)
        for offset, value in enumerate(totals):
            ws.write_number(total_row, 5 + offset, value, styles.header)
        made_on(ws, styles, total_row + 2, data.today, header.locality)

        ws = wb.add_worksheet(SHEET_DETAILS)
        detail_cols = [("STT", 6), ("Đơn vị", 28), ("Họ và tên / Tên tập thể", 28), ("Loại đối tượng", 13),
                       ("Lĩnh vực", 18), ("Phong trào", 16), ("Tóm tắt thành tích", 60), ("Đủ điều kiện", 10),
                       ("Lý do chưa đủ", 30), ("Được lựa chọn", 10), ("Kỳ đề xuất", 18)]
        first = heading(ws, styles, header, f"TÓM TẮT THÀNH TÍCH {data.period.label.upper()}",
                        "Danh sách đề xuất của các đơn vị trong kỳ", len(detail_cols))
        lines = [c for _, unit_lines in data.by_unit() for c in unit_lines]
        write_table(ws, styles, detail_cols, [
            (n, c.unit_name, c.name, kind_label(c), c.field, movement_label(c.movement), c.achievements,
             yes_no(c.eligible), c.reasons, yes_no(c.selected), periods_text(c.periods))
            for n, c in enumerate(lines, start=1)
        ], first, formats=[styles.int] + [styles.text] * 10)
        chart_sheet(wb, styles, data)
    return target


def write_bloc_report(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """Per bloc and per unit of each bloc: units, senders, candidates, eligible, selected and exemplars."""
    blocs: dict[str, list] = {}
    for unit, lines in data.by_unit():
        blocs.setdefault(data.bloc_of(unit.code), []).append((unit, lines))
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_BLOCS)
        cols = [("STT", 6), ("Khối thi đua", 34), ("Số đơn vị", 10), ("Đơn vị đã gửi", 10), ("Số đề xuất", 11),
                ("Đủ điều kiện", 11), ("Được lựa chọn", 11), ("Điển hình tiên tiến", 60)]
        first = heading(ws, styles, header,
                        f"KẾT QUẢ XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN THEO KHỐI THI ĐUA — {data.period.label.upper()}",
                        "Sơ kết, đánh giá trong các Khối thi đua", len(cols))
        rows = []
        for number, (bloc, members) in enumerate(blocs.items(), start=1):
            lines = [c for _, unit_lines in members for c in unit_lines]
            senders = sum(1 for unit, unit_lines in members if unit.code in data.sent_units or unit_lines)
            rows.append((number, bloc, len(members), senders, *_counts(lines),
                         "; ".join(f"{c.name} ({c.unit_name})" for c in lines if c.selected)))
        write_table(ws, styles, cols, rows, first, formats=[styles.int, styles.text] + [styles.int] * 5 + [styles.text])
        made_on(ws, styles, first + len(rows) + 2, data.today, header.locality)

        ws = wb.add_worksheet(SHEET_BLOC_UNITS)
        cols = [("Khối thi đua", 30), ("Mã đơn vị", 11), ("Đơn vị", 36), ("Đã gửi danh sách", 10), ("Số đề xuất", 11),
                ("Đủ điều kiện", 11), ("Được lựa chọn", 11), ("Điển hình tiên tiến", 50)]
        first = heading(ws, styles, header, f"CHI TIẾT THEO ĐƠN VỊ — {data.period.label.upper()}", "", len(cols))
        rows = [(bloc, unit.code, unit.name, yes_no(unit.code in data.sent_units or bool(lines)), *_counts(lines),
                 "; ".join(c.name for c in lines if c.selected))
                for bloc, members in blocs.items() for unit, lines in members]
        write_table(ws, styles, cols, rows, first,
                    formats=[styles.text, styles.text_nowrap, styles.text, styles.text] + [styles.int] * 3
                    + [styles.text])
        chart_sheet(wb, styles, data)
    return target

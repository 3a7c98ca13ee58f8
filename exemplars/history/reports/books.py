"""The periodic report workbooks, one writer per report.

* unit evaluation at 6, 9 and 12 months "kèm tóm tắt thành tích" (B-28, B-29);
* the emulation blocs' report, due by the end of Q3 (B-33);
* the quarterly list of exemplars sent to the City (B-30) and the annual list (B-34);
* the deadline tracker with ready-to-send reminders.

The unit evaluation and the lists also show the nurturing work as of the period's end (a sheet
per exemplar and a native chart of replication over time), and the tracker the deadlines of the
nurturing plans and progress reports, when the history holds them (``exemplars.nurture``).

Every writer takes the gathered ``PeriodData`` and the resolved document header and
writes atomically; every workbook ends with the chart sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from exemplars.history.deadlines import DeadlineState, deadlines_for, due_date, summary_counts
from exemplars.history.reports.common import (
    chart_sheet,
    grouped,
    heading,
    kind_label,
    made_on,
    movement_label,
    periods_text,
    print_setup,
    report_workbook,
    yes_no,
)
from exemplars.history.reports.data import CandidateLine, PeriodData
from exemplars.nurture.collect_book import write_deadline_sheet
from exemplars.nurture.sheets import add_nurture_sheets
from exemplars.settings import DocumentHeader
from exemplars.vi.notation import format_date
from exemplars.xlsx import write_table

SHEET_UNITS = "Tổng hợp theo đơn vị"
SHEET_DETAILS = "Chi tiết, tóm tắt thành tích"
SHEET_BLOCS = "Theo khối thi đua"
SHEET_BLOC_UNITS = "Theo đơn vị trong khối"
SHEET_QUARTER = "Danh sách điển hình quý"
SHEET_ANNUAL = "Danh sách điển hình năm"
SHEET_TRACKER = "Theo dõi thời hạn"
SHEET_REMINDERS = "Văn bản nhắc"


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
        add_nurture_sheets(wb, styles, data.nurture)
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
        title = f"KẾT QUẢ XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN THEO KHỐI THI ĐUA — {data.period.label.upper()}"
        first = heading(ws, styles, header, title,
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
        unit_rows = [(bloc, unit.code, unit.name, yes_no(unit.code in data.sent_units or bool(lines)),
                      *_counts(lines), "; ".join(c.name for c in lines if c.selected))
                     for bloc, members in blocs.items() for unit, lines in members]
        write_table(ws, styles, cols, unit_rows, first,
                    formats=[styles.text, styles.text_nowrap, styles.text, styles.text] + [styles.int] * 3
                    + [styles.text])
        chart_sheet(wb, styles, data)
    return target


def _write_sections(ws, styles, first: int, columns: Sequence[tuple[str, float]], lines: list[CandidateLine],
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
        add_nurture_sheets(wb, styles, data.nurture)
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
        add_nurture_sheets(wb, styles, data.nurture)
        chart_sheet(wb, styles, data)
    return target


def write_tracker(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """Per unit: due date, received date, state, days overdue; a second sheet with the reminders."""
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_TRACKER)
        cols = [("STT", 6), ("Mã đơn vị", 11), ("Đơn vị", 36), ("Khối thi đua", 24), ("Nội dung", 40),
                ("Hạn gửi", 12), ("Ngày nhận", 12), ("Tình trạng", 20), ("Số ngày quá hạn", 10), ("Tệp đã nhận", 30)]
        as_of = format_date(data.today)
        first = heading(ws, styles, header, f"THEO DÕI THỜI HẠN GỬI DANH SÁCH — {data.period.label.upper()}",
                        f"Tình hình đến ngày {as_of}", len(cols))
        state_format = {DeadlineState.ON_TIME: styles.ok, DeadlineState.LATE: styles.warning,
                        DeadlineState.MISSING: styles.error, DeadlineState.NOT_DUE: styles.text}
        formats = [styles.int, styles.text_nowrap, styles.text, styles.text, styles.text, styles.date, styles.date,
                   styles.text, styles.int, styles.text]
        count = write_table(ws, styles, cols, [
            (n, r.unit.code, r.unit.name, data.bloc_of(r.unit.code), r.deadline.label, r.due,
             r.received.date() if r.received else None, r.state.label, r.days_overdue, "; ".join(r.files))
            for n, r in enumerate(data.tracker, start=1)
        ], first, formats=formats)
        for offset, r in enumerate(data.tracker, start=1):  # colour the state cell
            ws.write_string(first + offset, 7, r.state.label, state_format[r.state])
        row = first + count + 2
        counts = summary_counts(data.tracker)
        ws.write_string(row, 0, "Tổng hợp: " + "; ".join(f"{s.label}: {n}" for s, n in counts.items()), styles.bold)
        for deadline in deadlines_for(data.rulebook, data.period, "blocs") + deadlines_for(
                data.rulebook, data.period, "office"):
            row += 1
            ws.write_string(row, 0, f"Lưu ý: {deadline.label} — hạn {due_date(deadline, data.period):%d/%m/%Y}.",
                            styles.italic)
        row += 1
        if data.tracked_run is None:
            ws.write_string(row, 0, f"Chưa có lần tổng hợp nào cho kỳ {data.period.label}: "
                                    "coi như chưa nhận được tệp của đơn vị nào.", styles.italic)
        else:
            run = data.tracked_run
            ws.write_string(row, 0, f"Ngày nhận theo thời điểm lưu tệp, ghi ở lần tổng hợp số {run.id} "
                                    f"({run.period.label}, lúc {run.finished_at.replace('T', ' ')}).", styles.italic)
        made_on(ws, styles, row + 2, data.today, header.locality)

        ws = wb.add_worksheet(SHEET_REMINDERS)
        print_setup(ws)
        ws.write_string(0, 0, f"VĂN BẢN NHẮC GỬI DANH SÁCH — {data.period.label.upper()}", styles.bold)
        reminders = [r for r in data.tracker if r.needs_reminder]
        write_table(ws, styles, [("STT", 6), ("Đơn vị", 34), ("Tình trạng", 18), ("Số ngày quá hạn", 10),
                                 ("Nội dung nhắc (sao chép để gửi)", 100)],
                    [(n, r.unit.name, r.state.label, r.days_overdue, r.reminder)
                     for n, r in enumerate(reminders, start=1)],
                    2, formats=[styles.int, styles.text, styles.text, styles.int, styles.text])
        if not reminders:
            ws.write_string(4, 0, "Tất cả các đơn vị đã gửi đúng hạn hoặc chưa đến hạn; không cần nhắc.",
                            styles.italic)
        if data.nurture_tracker:
            write_deadline_sheet(wb, styles, data.nurture_tracker,
                                 f"THỜI HẠN GỬI KẾ HOẠCH, BÁO CÁO TIẾN ĐỘ BỒI DƯỠNG — {data.period.label.upper()}")
        chart_sheet(wb, styles, data)
    return target

"""The deadline tracker workbook: each unit's state against the period's deadlines, and reminders."""

from __future__ import annotations

from pathlib import Path

from exemplars.history.deadlines import DeadlineState, deadlines_for, due_date, summary_counts
from exemplars.history.report_common import chart_sheet, heading, made_on, report_workbook
from exemplars.history.report_data import PeriodData
from exemplars.settings import DocumentHeader
from exemplars.xlsx import write_table

SHEET_TRACKER = "Theo dõi thời hạn"
SHEET_REMINDERS = "Văn bản nhắc"


def write_tracker(target: Path, data: PeriodData, header: DocumentHeader) -> Path:
    """Per unit: due date, received date, state, days overdue; a second sheet with the reminders."""
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_TRACKER)
        cols = [("STT", 6), ("Mã đơn vị", 11), ("Đơn vị", 36), ("Khối thi đua", 24), ("Nội dung", 40),
                ("Hạn gửi", 12), ("Ngày nhận", 12), ("Tình trạng", 20), ("Số ngày quá hạn", 10), ("Tệp đã nhận", 30)]
        as_of = data.today.strftime("%d/%m/%Y")
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
        if data.exact_run is None:
            row += 1
            ws.write_string(row, 0, f"Chưa có lần tổng hợp nào cho kỳ {data.period.label}: "
                                    "coi như chưa nhận được tệp của đơn vị nào.", styles.italic)
        made_on(ws, styles, row + 2, data.today, header.locality)

        ws = wb.add_worksheet(SHEET_REMINDERS)
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
        chart_sheet(wb, styles, data)
    return target

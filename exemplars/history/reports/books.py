"""The periodic report workbooks, one writer per report.

* unit evaluation at 6, 9 and 12 months "kèm tóm tắt thành tích" (B-28, B-29);
* the emulation blocs' report, due by the end of Q3 (B-33);
* the quarterly list of exemplars sent to the City (B-30) and the annual list (B-34);
* the deadline tracker with ready-to-send reminders.

The unit evaluation and the lists also show the nurturing work as of the period's end (a sheet
per exemplar and a native chart of replication over time), and the tracker the deadlines of the
nurturing plans and progress reports, when the history holds them (``exemplars.nurture``).

Every writer takes the gathered ``PeriodData`` and the resolved document header and
writes atomically; every report sheet is an ND 30 document (``common.heading`` and
``common.sign_off``) and every workbook ends with the chart sheet.  Columns a reader of
the paper does not need (unit codes, file names) come last and stay off the print area.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from exemplars import page_setup
from exemplars.history.deadlines import DeadlineState, ReceivedBasis, deadlines_for, due_date, summary_counts
from exemplars.history.reports.common import (
    ReportPage,
    chart_sheet,
    grouped,
    heading,
    kind_label,
    movement_label,
    periods_text,
    report_workbook,
    sign_off,
    yes_no,
)
from exemplars.history.reports.data import CandidateLine, PeriodData
from exemplars.nurture.collect_book import write_deadline_sheet
from exemplars.nurture.sheets import add_nurture_sheets
from exemplars.settings import ResolvedHeader
from exemplars.vi.notation import format_date
from exemplars.xlsx import ONE_LINE_PT, fitted_height, write_table

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


def write_unit_evaluation(target: Path, data: PeriodData, header: ResolvedHeader) -> Path:
    """Per unit: candidates, eligible, selected; then every candidate with its achievements summary."""
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_UNITS)
        cols = [("STT", 5), ("Đơn vị", 36), ("Khối thi đua", 26), ("Đã gửi danh sách", 10), ("Số đề xuất", 10),
                ("Đủ điều kiện", 10), ("Được lựa chọn", 10), ("Mã đơn vị", 10)]
        report = heading(wb, ws, data, header, f"BÁO CÁO ĐÁNH GIÁ ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                         "Đánh giá định kỳ theo đơn vị, kèm tóm tắt thành tích đạt được", cols, printed=7)
        rows, totals = [], [0, 0, 0]
        for number, (unit, lines) in enumerate(data.by_unit(), start=1):
            proposed, eligible, selected = _counts(lines)
            totals = [totals[0] + proposed, totals[1] + eligible, totals[2] + selected]
            sent = unit.code in data.sent_units or bool(lines)
            rows.append((number, unit.name, data.bloc_of(unit.code), yes_no(sent), proposed, eligible, selected,
                         unit.code))
        count = write_table(ws, styles, cols, rows, report.first, heights=report.heights,
                            formats=[styles.int, styles.text, styles.text, styles.text, styles.int, styles.int,
                                     styles.int, styles.text_nowrap])
        total_row = report.first + count + 1
        ws.merge_range(total_row, 0, total_row, 3, "", styles.header)
        ws.write_string(total_row, 0, "Tổng cộng", styles.header)
        for offset, value in enumerate(totals):
            ws.write_number(total_row, 4 + offset, value, styles.header)
        report.heights.append(ONE_LINE_PT)
        sign_off(report, total_row + 1, header)

        ws = wb.add_worksheet(SHEET_DETAILS)
        cols = [("STT", 5), ("Đơn vị", 22), ("Họ và tên / Tên tập thể", 24), ("Loại đối tượng", 10),
                ("Tóm tắt thành tích", 50), ("Đủ điều kiện", 8), ("Được lựa chọn", 8), ("Lý do chưa đủ", 22),
                ("Lĩnh vực", 18), ("Phong trào", 16), ("Kỳ đề xuất", 18)]
        report = heading(wb, ws, data, header, f"TÓM TẮT THÀNH TÍCH {data.period.label.upper()}",
                         "Danh sách đề xuất của các đơn vị trong kỳ", cols, printed=8)
        lines = [c for _, unit_lines in data.by_unit() for c in unit_lines]
        count = write_table(ws, styles, cols, [
            (n, c.unit_name, c.name, kind_label(c), c.achievements, yes_no(c.eligible), yes_no(c.selected), c.reasons,
             c.field, movement_label(c.movement), periods_text(c.periods))
            for n, c in enumerate(lines, start=1)
        ], report.first, formats=[styles.int] + [styles.text] * 7 + [styles.text_nowrap] * 3, heights=report.heights)
        sign_off(report, report.first + count + 1, header)
        add_nurture_sheets(wb, styles, data.nurture)
        chart_sheet(wb, styles, data)
    return target


def write_bloc_report(target: Path, data: PeriodData, header: ResolvedHeader) -> Path:
    """Per bloc and per unit of each bloc: units, senders, candidates, eligible, selected and exemplars."""
    blocs: dict[str, list] = {}
    for unit, lines in data.by_unit():
        blocs.setdefault(data.bloc_of(unit.code), []).append((unit, lines))
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_BLOCS)
        cols = [("STT", 5), ("Khối thi đua", 30), ("Số đơn vị", 9), ("Đơn vị đã gửi", 9), ("Số đề xuất", 9),
                ("Đủ điều kiện", 9), ("Được lựa chọn", 9), ("Điển hình tiên tiến", 60)]
        title = f"KẾT QUẢ XÂY DỰNG, NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN THEO KHỐI THI ĐUA — {data.period.label.upper()}"
        report = heading(wb, ws, data, header, title, "Sơ kết, đánh giá trong các Khối thi đua", cols)
        rows = []
        for number, (bloc, members) in enumerate(blocs.items(), start=1):
            lines = [c for _, unit_lines in members for c in unit_lines]
            senders = sum(1 for unit, unit_lines in members if unit.code in data.sent_units or unit_lines)
            rows.append((number, bloc, len(members), senders, *_counts(lines),
                         "; ".join(f"{c.name} ({c.unit_name})" for c in lines if c.selected)))
        count = write_table(ws, styles, cols, rows, report.first, heights=report.heights,
                            formats=[styles.int, styles.text] + [styles.int] * 5 + [styles.text])
        sign_off(report, report.first + count + 1, header)

        ws = wb.add_worksheet(SHEET_BLOC_UNITS)
        cols = [("Khối thi đua", 26), ("Đơn vị", 32), ("Đã gửi danh sách", 9), ("Số đề xuất", 9),
                ("Đủ điều kiện", 9), ("Được lựa chọn", 9), ("Điển hình tiên tiến", 50), ("Mã đơn vị", 10)]
        report = heading(wb, ws, data, header, f"CHI TIẾT THEO ĐƠN VỊ — {data.period.label.upper()}", "", cols,
                         printed=7)
        unit_rows = [(bloc, unit.name, yes_no(unit.code in data.sent_units or bool(lines)), *_counts(lines),
                      "; ".join(c.name for c in lines if c.selected), unit.code)
                     for bloc, members in blocs.items() for unit, lines in members]
        count = write_table(ws, styles, cols, unit_rows, report.first, heights=report.heights,
                            formats=[styles.text, styles.text, styles.text] + [styles.int] * 3
                            + [styles.text, styles.text_nowrap])
        sign_off(report, report.first + count + 1, header)
        chart_sheet(wb, styles, data)
    return target


def _write_sections(ws, styles, report: ReportPage, columns: Sequence[tuple[str, float]],
                    lines: list[CandidateLine], values) -> int:
    """Header, then a bold row per section ("I. TẬP THỂ" …) followed by its lines; returns the next row."""
    first = report.first
    widths = [w for _, w in columns]
    for c, (title, width) in enumerate(columns):
        ws.write_string(first, c, title, styles.header)
        ws.set_column(c, c, width)
    head = fitted_height([t for t, _ in columns], widths, bold=True)
    ws.set_row(first, head)
    report.heights.append(head or ONE_LINE_PT)
    ws.freeze_panes(first + 1, 0)
    row = first + 1
    for section, members in grouped(lines):
        ws.merge_range(row, 0, row, len(columns) - 1, "", styles.header)
        ws.write_string(row, 0, section, styles.header)
        report.heights.append(ONE_LINE_PT)
        row += 1
        for number, line in enumerate(members, start=1):
            row_values = list(values(number, line))
            height = fitted_height(row_values, widths)
            if height is not None:
                ws.set_row(row, height)
            report.heights.append(height or ONE_LINE_PT)
            for c, value in enumerate(row_values):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    fmt = styles.int if c == 0 else styles.number if isinstance(value, float) else styles.money
                    ws.write_number(row, c, value, fmt)
                else:
                    ws.write_string(row, c, str(value), styles.text)
            row += 1
    if not lines:
        ws.merge_range(row, 0, row, len(columns) - 1, "", styles.italic)
        ws.write_string(row, 0, "Chưa có điển hình tiên tiến nào được lựa chọn trong kỳ.", styles.italic)
        report.heights.append(ONE_LINE_PT)
        row += 1
    return row


def write_quarter_list(target: Path, data: PeriodData, header: ResolvedHeader) -> Path:
    """The exemplars selected in the quarter's run, by section, with their achievements summary."""
    lines = [c for c in data.selected if data.period in c.selected_in]
    columns = [("STT", 5), ("Họ và tên / Tên tập thể", 26), ("Loại đối tượng", 10), ("Đơn vị", 26),
               ("Tóm tắt thành tích", 56), ("Hình thức khen thưởng", 18), ("Điểm", 7), ("Lĩnh vực", 18)]
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_QUARTER)
        report = heading(wb, ws, data, header, f"DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                         f"Gửi kèm báo cáo định kỳ hằng quý — tổng số: {len(lines)}", columns, printed=7)

        def values(number: int, c: CandidateLine):
            return (number, c.name, kind_label(c), c.unit_name, c.achievements, c.reward_label,
                    float(round(c.score, 2)) if c.score is not None else "", c.field)

        row = _write_sections(ws, styles, report, columns, lines, values)
        sign_off(report, row, header)
        add_nurture_sheets(wb, styles, data.nurture)
        chart_sheet(wb, styles, data)
    return target


def write_annual_list(target: Path, data: PeriodData, header: ResolvedHeader) -> Path:
    """Every exemplar of the year (any run of the year selected it), with reward and amount."""
    lines = data.selected
    columns = [("STT", 5), ("Họ và tên / Tên tập thể", 26), ("Loại đối tượng", 10), ("Đơn vị", 24),
               ("Tóm tắt thành tích", 46), ("Kỳ được lựa chọn", 12), ("Hình thức khen thưởng", 16),
               ("Số tiền thưởng (đồng)", 12), ("Lĩnh vực", 18)]
    total = sum(c.amount for c in lines)
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_ANNUAL)
        report = heading(wb, ws, data, header, f"DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN {data.period.label.upper()}",
                         f"Tổng số: {len(lines)} điển hình", columns, printed=8)

        def values(number: int, c: CandidateLine):
            return (number, c.name, kind_label(c), c.unit_name, c.achievements, periods_text(c.selected_in),
                    c.reward_label, c.amount, c.field)

        row = _write_sections(ws, styles, report, columns, lines, values)
        ws.merge_range(row, 0, row, 6, "", styles.header)
        ws.write_string(row, 0, "Tổng cộng", styles.header)
        ws.write_number(row, 7, total, styles.money)
        report.heights.append(ONE_LINE_PT)
        sign_off(report, row + 1, header)
        add_nurture_sheets(wb, styles, data.nurture)
        chart_sheet(wb, styles, data)
    return target


def write_tracker(target: Path, data: PeriodData, header: ResolvedHeader) -> Path:
    """Per unit: due date, received date and where it comes from, state, days overdue; then the reminders."""
    with report_workbook(target) as (wb, styles):
        ws = wb.add_worksheet(SHEET_TRACKER)
        cols = [("STT", 5), ("Đơn vị", 30), ("Nội dung", 30), ("Hạn gửi", 11), ("Ngày nhận", 11),
                ("Căn cứ ngày nhận", 22), ("Tình trạng", 16), ("Số ngày quá hạn", 8), ("Mã đơn vị", 10),
                ("Khối thi đua", 24), ("Tệp đã nhận", 30)]
        as_of = format_date(data.today)
        report = heading(wb, ws, data, header, f"THEO DÕI THỜI HẠN GỬI DANH SÁCH — {data.period.label.upper()}",
                         f"Tình hình đến ngày {as_of}", cols, printed=8)
        state_format = {DeadlineState.ON_TIME: styles.ok, DeadlineState.LATE: styles.warning,
                        DeadlineState.MISSING: styles.error, DeadlineState.NOT_DUE: styles.text}
        formats = [styles.int, styles.text, styles.text, styles.date, styles.date, styles.text, styles.text,
                   styles.int, styles.text_nowrap, styles.text_nowrap, styles.text_nowrap]
        first = report.first
        count = write_table(ws, styles, cols, [
            (n, r.unit.name, r.deadline.label, r.due, r.received, r.basis.label if r.basis else "", r.state.label,
             r.days_overdue, r.unit.code, data.bloc_of(r.unit.code), "; ".join(r.files))
            for n, r in enumerate(data.tracker, start=1)
        ], first, formats=formats, heights=report.heights)
        for offset, r in enumerate(data.tracker, start=1):  # colour the state cell
            ws.write_string(first + offset, 6, r.state.label, state_format[r.state])
        notes = [("Tổng hợp: " + "; ".join(f"{s.label}: {n}" for s, n in summary_counts(data.tracker).items()),
                  styles.bold)]
        for deadline in deadlines_for(data.rulebook, data.period, "blocs") + deadlines_for(
                data.rulebook, data.period, "office"):
            notes.append((f"Lưu ý: {deadline.label} — hạn {due_date(deadline, data.period):%d/%m/%Y}.", styles.italic))
        if data.tracked_run is None:
            notes.append((f"Chưa có lần tổng hợp nào cho kỳ {data.period.label}: "
                          "coi như chưa nhận được tệp của đơn vị nào.", styles.italic))
        else:
            run = data.tracked_run
            bases = {r.basis for r in data.tracker if r.basis is not None}
            notes.append((f"Ngày nhận: {received_note(bases)} Số liệu của lần tổng hợp số {run.id} "
                          f"({run.period.label}, lúc {run.finished_at.replace('T', ' ')}).", styles.italic))
        row = first + count + 2
        last = len(report.widths) - 1
        for text, fmt in notes:
            height = fitted_height([text], [sum(report.widths)]) or ONE_LINE_PT
            ws.merge_range(row, 0, row, last, "", fmt)
            ws.write_string(row, 0, text, fmt)
            ws.set_row(row, height)
            report.heights.append(height)
            row += 1
        sign_off(report, row, header)

        ws = wb.add_worksheet(SHEET_REMINDERS)
        ws.write_string(0, 0, f"VĂN BẢN NHẮC GỬI DANH SÁCH — {data.period.label.upper()}", styles.bold)
        reminders = [r for r in data.tracker if r.needs_reminder]
        cols = [("STT", 5), ("Đơn vị", 30), ("Tình trạng", 16), ("Số ngày quá hạn", 8),
                ("Nội dung nhắc (sao chép để gửi)", 90)]
        count = write_table(ws, styles, cols, [(n, r.unit.name, r.state.label, r.days_overdue, r.reminder)
                                               for n, r in enumerate(reminders, start=1)],
                            2, formats=[styles.int, styles.text, styles.text, styles.int, styles.text])
        if not reminders:
            ws.write_string(4, 0, "Tất cả các đơn vị đã gửi đúng hạn hoặc chưa đến hạn; không cần nhắc.",
                            styles.italic)
        page_setup.set_page(ws, [w for _, w in cols], last_row=max(4, 2 + count), repeat_rows=(2, 2))
        if data.nurture_tracker:
            write_deadline_sheet(wb, styles, data.nurture_tracker,
                                 f"THỜI HẠN GỬI KẾ HOẠCH, BÁO CÁO TIẾN ĐỘ BỒI DƯỠNG — {data.period.label.upper()}")
        chart_sheet(wb, styles, data)
    return target


def received_note(bases) -> str:
    """How the tracker's received days were found, in the clerk's words."""
    parts = []
    if ReceivedBasis.OFFICE in bases:
        parts.append("theo sổ nhận hồ sơ của Văn phòng")
    if ReceivedBasis.PREPARED in bases:
        parts.append("đơn vị chưa được Văn phòng ghi ngày nhận thì tính theo «Ngày lập» ghi trên danh sách")
    if ReceivedBasis.MODIFIED in bases:
        parts.append("tệp không có cả ngày nhận và ngày lập thì tạm tính theo thời điểm lưu tệp "
                     "(có thể muộn hơn ngày thực nhận nếu tệp đã được sao chép hay lưu lại)")
    return ("; ".join(parts) + ".") if parts else "chưa nhận được tệp nào."

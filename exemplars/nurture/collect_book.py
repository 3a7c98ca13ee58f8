"""The workbook of one round «Theo dõi bồi dưỡng, nhân rộng»: progress, actions, adoptions,
findings, deadlines and the chart of replication over time.  Written atomically; every text from
a unit file is written as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exemplars.history.deadlines import DeadlineState
from exemplars.nurture.deadlines import NurtureDeadlineRow
from exemplars.nurture.model import ActionState
from exemplars.nurture.sheets import (
    NurtureSection,
    fitted_table,
    print_table,
    write_progress_sheet,
    write_replication_chart,
)
from exemplars.xlsx import Styles, atomic_path, new_workbook

SHEET_ACTIONS = "Hoạt động"
SHEET_ADOPTIONS = "Nơi áp dụng"
SHEET_PROBLEMS = "Lỗi"
SHEET_DEADLINES = "Thời hạn gửi"
SHEET_FILES = "Tệp đã nhận"
_ACTION_STATE = {s.value: s.label for s in ActionState}
_FILE_STATUS = {"received": "Đã nhận", "error": "Lỗi, không đọc được", "superseded": "Đã được thay bằng tệp mới hơn"}


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else ""


def write_deadline_sheet(wb, styles: Styles, rows: list[NurtureDeadlineRow], title: str) -> None:
    ws = wb.add_worksheet(SHEET_DEADLINES)
    ws.write_string(0, 0, title, styles.bold)
    colour = {DeadlineState.ON_TIME: styles.ok, DeadlineState.LATE: styles.warning,
              DeadlineState.MISSING: styles.error, DeadlineState.NOT_DUE: styles.text}
    cols = [("STT", 5), ("Mã đơn vị", 10), ("Đơn vị", 26), ("Nội dung", 30), ("Hạn gửi", 12), ("Ngày nhận", 12),
            ("Tình trạng", 16), ("Số ngày quá hạn", 9), ("Tệp đã nhận", 24)]  # one readable landscape page
    count = fitted_table(ws, styles, cols, [
        (n, r.unit_code, r.unit_name, r.deadline.label, r.due, r.received.date() if r.received else None,
         r.state.label, r.days_overdue, "; ".join(r.files)) for n, r in enumerate(rows, start=1)], 2,
        formats=[styles.int, styles.text_nowrap, styles.text, styles.text, styles.date, styles.date, styles.text,
                 styles.int, styles.text])
    for offset, r in enumerate(rows, start=1):
        ws.write_string(2 + offset, 6, r.state.label, colour[r.state])
    if not rows:
        ws.write_string(3, 0, "Quy chế không đặt thời hạn cho kỳ này.", styles.italic)
    print_table(ws, cols, 2, max(3, 2 + count))


def write_round_book(target: Path, section: NurtureSection, actions: list[dict[str, Any]],
                     files: list[dict[str, Any]], problems: list[dict[str, Any]],
                     deadlines: list[NurtureDeadlineRow]) -> Path:
    """Write the round workbook to ``target`` (rows as read back from the history store)."""
    names = {r["code"]: r["name"] for r in section.exemplars}
    label = section.round.label if section.round else ""
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)
        styles = Styles(wb)
        write_progress_sheet(wb, styles, section)
        ws = wb.add_worksheet(SHEET_ACTIONS)
        ws.write_string(0, 0, f"HOẠT ĐỘNG BỒI DƯỠNG, TUYÊN TRUYỀN, NHÂN RỘNG — {label.upper()}", styles.bold)
        state_fmt = {"done": styles.ok, "late": styles.warning, "pending": styles.text}
        cols = [("STT", 5), ("Điển hình", 18), ("Nội dung hoạt động", 24), ("Người thực hiện", 14), ("Thời hạn", 11),
                ("Kết quả dự kiến", 17), ("Ngày hoàn thành", 11), ("Kết quả đạt được", 18), ("Tình trạng", 12),
                ("Tệp, dòng", 14)]  # one readable landscape page; long texts wrap
        count = fitted_table(ws, styles, cols, [(n, names.get(a["code"], a["code"]), a["what"], a["who"], _day(a["due"]), a["expected"],
                      _day(a["done_on"]), a["result"], _ACTION_STATE.get(a["state"], a["state"]),
                      f"{a['source_file']} dòng {a['source_row']}") for n, a in enumerate(actions, start=1)], 2)
        print_table(ws, cols, 2, 2 + count)
        for offset, a in enumerate(actions, start=1):
            ws.write_string(2 + offset, 8, _ACTION_STATE.get(a["state"], a["state"]), state_fmt.get(a["state"],
                                                                                                      styles.text))
        ws = wb.add_worksheet(SHEET_ADOPTIONS)
        ws.write_string(0, 0, f"ĐƠN VỊ, NƠI ÁP DỤNG MÔ HÌNH — {label.upper()}", styles.bold)
        cols = [("STT", 5), ("Điển hình", 26), ("Đơn vị, nơi áp dụng", 28), ("Từ ngày", 12), ("Kết quả áp dụng", 32),
                ("Đã tính", 8), ("Tệp, dòng", 20)]
        count = fitted_table(ws, styles, cols, [(n, names.get(a["code"], a["code"]), a["place"], _day(a["since"]), a["result"],
                      "Có" if a["counted"] else "Chưa", f"{a['source_file']} dòng {a['source_row']}")
                     for n, a in enumerate(section.adoptions, start=1)], 2)
        print_table(ws, cols, 2, 2 + count)
        ws = wb.add_worksheet(SHEET_PROBLEMS)
        severity = {"error": ("Lỗi", styles.error), "warning": ("Cảnh báo", styles.warning),
                    "notice": ("Ghi chú", styles.text)}
        cols = [("STT", 5), ("Mức độ", 10), ("Mã quy tắc", 10), ("Tệp", 22), ("Sheet", 12), ("Ô", 6),
                ("Giá trị", 14), ("Nội dung", 48)]
        count = fitted_table(ws, styles, cols, [(n, severity[p["severity"]][0], p["rule_id"], p["file"], p["sheet"], p["cell"], p["value"],
                      p["message"]) for n, p in enumerate(problems, start=1)], 0)
        print_table(ws, cols, 0, max(count, 1))
        for offset, p in enumerate(problems, start=1):
            text, fmt = severity[p["severity"]]
            ws.write_string(offset, 1, text, fmt)
        ws = wb.add_worksheet(SHEET_FILES)
        cols = [("STT", 5), ("Tệp", 30), ("Đơn vị", 10), ("Tình trạng", 20), ("Lưu lúc", 17), ("Ghi chú", 44)]
        count = fitted_table(ws, styles, cols, [(n, f["path"], f["unit_code"], _FILE_STATUS.get(f["status"], f["status"]),
                      (f["modified"] or "").replace("T", " "), f["message"]) for n, f in enumerate(files, start=1)], 0)
        print_table(ws, cols, 0, max(count, 1))
        write_deadline_sheet(wb, styles, deadlines, f"THỜI HẠN GỬI KẾ HOẠCH, BÁO CÁO TIẾN ĐỘ — {label.upper()}")
        write_replication_chart(wb, styles, section)
        wb.close()
    return target

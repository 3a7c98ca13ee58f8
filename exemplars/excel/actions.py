"""What each button does, given the calling workbook ``book`` (any xlwings engine).

Every action reads all its inputs first, builds a ``RunSettings``, calls the
same pipeline function as the CLI, writes the result sheets and ends with a
short Vietnamese message (status cell + message box).  ``run_button`` turns an
``ExemplarsError`` into that message, and any other exception into a short
message plus the details in the dashboard's «Chi tiết lỗi» cell.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exemplars import pipeline
from exemplars.consolidate.units import units_from_rows
from exemplars.errors import ExemplarsError
from exemplars.excel import layout as L
from exemplars.excel import tables
from exemplars.excel.diagnostics import HEADERS as SETUP_HEADERS
from exemplars.excel.diagnostics import setup_rows, verdict
from exemplars.excel.settings_io import ControlInputs, configured_interpreter, read_inputs
from exemplars.excel.sheets import ProgressCell, set_status_bar, summary_values, write_named, write_table
from exemplars.findings import count_by_severity
from exemplars.history.reports import REPORT_DIR, REPORT_NAMES
from exemplars.history.reports import periodic_report as write_periodic_reports
from exemplars.results import OUTPUTS, RANK, VALIDATE, FileStatus, RunResult
from exemplars.vi.notation import format_vnd

DETAIL_LIMIT = 4000
RECEIVED = (FileStatus.RECEIVED, FileStatus.OLD_TEMPLATE, FileStatus.EMPTY)


@dataclass
class ButtonRun:
    book: object
    title: str
    progress: ProgressCell


def run_button(book, title: str, body: Callable[[ButtonRun], str]) -> str:
    """Run ``body``; show its message, or a friendly one for any failure. Returns the message shown."""
    write_named(book, {"dk_trang_thai": f"Đang chạy «{title}»…", "dk_tien_trinh": "", "dk_chi_tiet_loi": "",
                       "dk_thoi_diem": dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S")})
    set_status_bar(book, f"{title}…")
    mode, detail = "info", ""
    try:
        message = body(ButtonRun(book, title, ProgressCell(book)))
    except ExemplarsError as exc:
        mode, message = "critical", f"Chưa chạy xong «{title}»: {exc.message}"
    except Exception as exc:  # unexpected: short message here, the details go to a cell, not a popup
        mode = "critical"
        message = (f"Lỗi không mong đợi khi chạy «{title}» ({type(exc).__name__}). "
                   "Chi tiết ở ô «Chi tiết lỗi» của Bảng điều khiển; hãy gửi nội dung đó cho người hỗ trợ.")
        detail = traceback.format_exc()[-DETAIL_LIMIT:]
    write_named(book, {"dk_trang_thai": message, "dk_chi_tiet_loi": detail})
    set_status_bar(book, False)
    book.app.alert(message, title=title, buttons="ok", mode=mode)
    return message


def _units(inputs: ControlInputs):
    """The «Đơn vị» sheet's units; None (the rulebook's list) when the sheet has no data rows."""
    if sum(1 for row in inputs.unit_rows if any(v not in (None, "") for v in row)) < 2:
        return None
    return units_from_rows(inputs.unit_rows, source=f"trang «{L.SHEET_UNITS}»")


def _show(run: ButtonRun, table: tables.Table, sheet: str, note: str = "") -> None:
    write_table(run.book, sheet, table.headers, table.rows, table.widths, note, table.number_formats)


def _show_result(run: ButtonRun, result: RunResult, out_dir: Path) -> dict:
    """Register, problems and submissions sheets plus the dashboard summary; returns the counts."""
    cons = result.consolidation
    problems = result.problems
    counts = count_by_severity(problems)
    _show(run, tables.register_table(result), L.SHEET_REGISTER,
          f"Sổ tổng hợp đầy đủ: {out_dir / pipeline.REGISTER_FILE}")
    _show(run, tables.problem_table(problems), L.SHEET_PROBLEMS)
    _show(run, tables.files_table(cons), L.SHEET_SUBMISSIONS)
    received = sum(1 for f in cons.files if f.status in RECEIVED)
    write_named(run.book, summary_values(
        so_tep=received, so_ung_vien=len(cons.register), so_loi=counts["error"], so_canh_bao=counts["warning"],
        chua_nop=", ".join(u.code for u in cons.units_missing) or "Không",
        so_duoc_chon=len(result.selection.selected) if result.selection else None,
        tien_thuong=result.selection.reward_total if result.selection else None,
        thu_muc_ket_qua=str(out_dir)))
    return {"received": received, "candidates": len(cons.register), **counts,
            "missing": len(cons.units_missing)}


def _counts_text(c: dict) -> str:
    return (f"{c['candidates']} ứng viên từ {c['received']} tệp; {c['error']} lỗi, {c['warning']} cảnh báo; "
            f"{c['missing']} đơn vị chưa nộp.")


def make_templates(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True)
        settings = inputs.settings()
        paths = pipeline.make_templates(settings, _units(inputs))
        folder = Path(settings.out_dir) / pipeline.TEMPLATES_DIR
        write_named(book, summary_values(thu_muc_ket_qua=str(folder)))
        return f"Đã tạo {len(paths)} mẫu đăng ký tại {folder}. Gửi mỗi đơn vị tệp mang tên đơn vị đó."

    return run_button(book, "Tạo mẫu cho đơn vị", body)


def consolidate(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True)
        settings = inputs.settings()
        cons = pipeline.consolidate(settings, units=_units(inputs), progress=run.progress)
        counts = _show_result(run, RunResult(consolidation=cons), Path(settings.out_dir))
        return "Đã tổng hợp " + _counts_text(counts)

    return run_button(book, "Tổng hợp hồ sơ", body)


def _run_until(book, until: str, title: str, done: Callable[[RunResult, dict], str]) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True, votes=True)
        settings = inputs.settings()
        result = pipeline.run(settings, until=until, units=_units(inputs), vote_rows=inputs.vote_rows,
                              vote_source=f"trang «{L.SHEET_VOTES}»", progress=run.progress)
        counts = _show_result(run, result, Path(settings.out_dir))
        if result.ranking is not None:
            _show(run, tables.ranking_table(result), L.SHEET_RANKING)
        if result.selection is not None:
            _show(run, tables.selection_table(result), L.SHEET_SELECTION,
                  f"Văn bản đã xuất vào thư mục: {settings.out_dir}")
        return done(result, counts)

    return run_button(book, title, body)


def validate(book) -> str:
    def done(result: RunResult, counts: dict) -> str:
        table = result.assessment.table if result.assessment is not None else None
        eligible = int(table["eligible"].sum()) if table is not None and len(table) else 0
        return f"Đã kiểm tra {counts['candidates']} ứng viên: {eligible} đủ điều kiện; " \
               f"{counts['error']} lỗi, {counts['warning']} cảnh báo (xem trang «{L.SHEET_PROBLEMS}»)."

    return _run_until(book, VALIDATE, "Kiểm tra", done)


def rank(book) -> str:
    def done(result: RunResult, counts: dict) -> str:
        table = result.ranking.table if result.ranking is not None else None
        ranked = int(table["rank"].notna().sum()) if table is not None and len(table) else 0
        return f"Đã xếp hạng {ranked} ứng viên đủ điều kiện (xem trang «{L.SHEET_RANKING}»)."

    return _run_until(book, RANK, "Xếp hạng", done)


def registration_list(book) -> str:
    def done(result: RunResult, counts: dict) -> str:
        s = result.selection
        selected, fast, total = (len(s.selected), len(s.fast_track), s.reward_total) if s is not None else (0, 0, 0)
        return (f"Đã chọn {selected} điển hình, {fast} đề xuất đột xuất; tổng tiền thưởng "
                f"{format_vnd(total)} đồng. Danh sách và văn bản đã lưu vào thư mục kết quả.")

    return _run_until(book, OUTPUTS, "Lập danh sách đăng ký", done)


def periodic_report(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book)
        settings = inputs.settings()
        written = write_periodic_reports(settings, settings.period)
        folder = Path(settings.out_dir) / REPORT_DIR
        write_named(book, summary_values(thu_muc_ket_qua=str(folder)))
        names = ", ".join(REPORT_NAMES[key] for key in written)
        return f"Đã lập {len(written)} báo cáo kỳ {inputs.period_label()} ({names}) tại {folder}."

    return run_button(book, "Báo cáo định kỳ", body)


def check_setup(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book)
        rows = setup_rows(inputs.values, inputs.base_dir, book.fullname, configured_interpreter(book))
        write_table(book, L.SHEET_SETUP, SETUP_HEADERS, rows, (34, 70, 60))
        return verdict(rows)

    return run_button(book, "Kiểm tra cài đặt", body)


def dossier(book) -> str:
    def body(run: ButtonRun) -> str:
        inputs = read_inputs(book, units=True, votes=True)
        settings = inputs.settings()
        result, made = pipeline.dossier(settings, units=_units(inputs), vote_rows=inputs.vote_rows,
                                        vote_source=f"trang «{L.SHEET_VOTES}»", progress=run.progress)
        if result.selection is not None:  # the dossier's own findings (HS-01) join the «Lỗi» sheet
            result.selection.problems.extend(made.findings)
        _show_result(run, result, Path(settings.out_dir))
        write_named(book, summary_values(thu_muc_ket_qua=str(made.folder)))
        reports = sum(1 for k in made.written if k.startswith("report:") and not k.endswith("_pdf"))
        minutes = "có biên bản họp Hội đồng" if "minutes" in made.written else \
            "chưa có biên bản (chưa có phiếu bầu của Hội đồng)"
        return (f"Đã lập hồ sơ trình ký tại {made.folder}: tờ trình, {reports} báo cáo thành tích, dự thảo quyết "
                f"định, tệp in Giấy khen; {minutes}.")

    return run_button(book, "Lập hồ sơ trình ký", body)

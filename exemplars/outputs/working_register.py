"""The office's working register "Sổ làm việc": every candidate, ranking, selection, problems, files.

This is the standing office's own workbook (not a document sent upward): wide
tables with filters, frozen headers, colours for the outcome of each candidate
and a "Biểu đồ" sheet of native Excel charts (``charts``).
"""

from __future__ import annotations

from pathlib import Path

from exemplars.outputs.charts import add_charts_sheet
from exemplars.outputs.outcomes import (
    FAST_TRACK,
    NOT_ELIGIBLE,
    RESERVE,
    SELECTED,
    Outcome,
    candidate_outcomes,
    fast_track_label,
    sorted_problems,
)
from exemplars.register import cell_text, is_blank, label_of, number_or_none
from exemplars.results import DRAFT_MARK, OFFICE_PROPOSAL_LABEL, RunResult
from exemplars.vi.notation import format_coefficient
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table


def register_name(year: int) -> str:
    return f"so-lam-viec-{year}.xlsx"


def _status_colours(ws, styles: Styles, column: int, rows: int, first_row: int = 1) -> None:
    """Green for selected, amber for reserve and fast track, red for not eligible."""
    if rows <= 0:
        return
    rng = (first_row, column, first_row + rows - 1, column)
    for text, fmt in ((SELECTED, styles.ok), (FAST_TRACK, styles.warning), (RESERVE, styles.warning),
                      (NOT_ELIGIBLE, styles.error), ("Không", styles.error), ("Lỗi", styles.error),
                      ("Cảnh báo", styles.warning)):
        ws.conditional_format(*rng, {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": fmt})


def _summary_sheet(wb, styles: Styles, result: RunResult, outcomes: dict[str, Outcome]) -> None:
    ws = wb.add_worksheet("Tổng hợp")
    headers = [("Mã", 8), ("Đơn vị", 24), ("Loại đối tượng", 12), ("Họ và tên / Tên tập thể", 28),
               ("Phong trào", 16), ("Lĩnh vực", 20), ("Đủ điều kiện", 10), ("Lý do", 40), ("Điểm", 8),
               ("Hạng", 7), ("Kết quả", 22), ("Tệp", 22), ("Sheet", 18), ("Dòng", 7)]
    rows = []
    for r in result.consolidation.register.to_dict("records"):
        o = outcomes.get(str(r["id"]))
        eligible = "" if o is None or o.eligible is None else ("Có" if o.eligible else "Không")
        rows.append([
            cell_text(r.get("id")), cell_text(r.get("unit_name")) or cell_text(r.get("unit_code")),
            label_of("subject_kind", r.get("subject_kind")), cell_text(r.get("name")),
            label_of("movement", r.get("movement")), cell_text(r.get("field")), eligible,
            o.detail or o.reasons if o else "", o.score if o else None, o.rank if o else None,
            o.status if o else "", cell_text(r.get("source_file")), cell_text(r.get("source_sheet")),
            number_or_none(r.get("source_row")),
        ])
    formats = [None] * 8 + [styles.number, styles.int, None, None, None, styles.int]
    n = write_table(ws, styles, headers, rows, formats=formats)
    _status_colours(ws, styles, 6, n)
    _status_colours(ws, styles, 10, n)


def _ranking_sheet(wb, styles: Styles, result: RunResult, outcomes: dict[str, Outcome]) -> None:
    ws = wb.add_worksheet("Xếp hạng")
    headers = [("Hạng", 7), ("Mã", 8), ("Họ và tên / Tên tập thể", 28), ("Đơn vị", 22), ("Loại đối tượng", 12),
               ("Điểm", 8), ("Chi tiết điểm", 44), ("Tiêu chí đạt", 9), ("Tiêu chí áp dụng", 10),
               ("Tỷ lệ phiếu", 9), ("Đủ phiếu", 8), ("Kết quả", 22), ("Ghi chú xếp hạng", 50)]
    assessed = result.assessment.table if result.assessment is not None else None
    notes = result.selection.notes if result.selection is not None else {}  # ties at the last place
    rows = []
    table = result.ranking.table if result.ranking is not None else None
    for r in (table.to_dict("records") if table is not None else []):
        cid = str(r["id"])
        met = applicable = None
        if assessed is not None and cid in assessed.index:
            met = number_or_none(assessed.at[cid, "criteria_met"])
            applicable = number_or_none(assessed.at[cid, "criteria_applicable"])
        vote_ok = r.get("vote_ok")
        rows.append([
            None if is_blank(r.get("rank")) else int(r["rank"]), cid, cell_text(r.get("name")),
            cell_text(r.get("unit_name")), label_of("subject_kind", r.get("subject_kind")),
            number_or_none(r.get("score")), cell_text(r.get("breakdown")), met, applicable,
            number_or_none(r.get("vote_share")), "" if is_blank(vote_ok) else ("Có" if vote_ok else "Không"),
            outcomes[cid].status if cid in outcomes else "", notes.get(cid, ""),
        ])
    formats = [styles.int, None, None, None, None, styles.number, None, styles.int, styles.int, styles.percent,
               None, None, None]
    n = write_table(ws, styles, headers, rows, formats=formats)
    _status_colours(ws, styles, 10, n)
    _status_colours(ws, styles, 11, n)


def _selection_sheet(wb, styles: Styles, result: RunResult) -> None:
    ws = wb.add_worksheet("Danh sách chọn")
    headers = [("STT", 6), ("Mã", 8), ("Họ và tên / Tên tập thể", 28), ("Loại đối tượng", 12), ("Đơn vị", 22),
               ("Diện", 14), ("Hạng", 7), ("Điểm", 8), ("Hình thức khen thưởng", 26), ("Hệ số", 8),
               ("Lương cơ sở", 12), ("Số tiền (đồng)", 14), ("Cách tính", 60)]
    selection = result.selection
    chosen = (selection.selected + selection.fast_track) if selection else []
    movements = {str(r["id"]): r.get("movement") for r in result.consolidation.records()}
    rows = []
    for i, c in enumerate(chosen, start=1):
        r = c.reward
        track = fast_track_label(movements.get(c.id)) if c.track == "fast_track" else "Thường xuyên"
        if c.office_proposed:
            track = f"{track} ({OFFICE_PROPOSAL_LABEL})"
        rows.append([i, c.id, c.name, c.kind.label, c.unit_name, track,
                     c.rank, c.score, r.form_label if r else "", format_coefficient(r.coefficient) if r else "",
                     r.base_salary if r else None, r.amount if r else None, r.rule if r else ""])
    formats = [styles.int, None, None, None, None, None, styles.int, styles.number, None, None, styles.money,
               styles.money, None]
    n = write_table(ws, styles, headers, rows, formats=formats, autofilter=False)
    total_row = n + 1
    fast_total = sum(c.reward.amount for c in selection.fast_track if c.reward) if selection else 0
    ws.write_string(total_row, 8, "Tổng danh sách chính", styles.bold)
    ws.write_number(total_row, 11, selection.reward_total if selection else 0, styles.money)
    ws.write_string(total_row + 1, 8, "Tổng khen thưởng đột xuất", styles.bold)
    ws.write_number(total_row + 1, 11, fast_total, styles.money)
    if selection is not None and selection.draft:
        ws.write_string(total_row + 2, 0, DRAFT_MARK, styles.bold)
    reserve_row = total_row + 3
    ws.write_string(reserve_row, 0, "Dự phòng (đủ điều kiện, không được chọn)", styles.bold)
    reserve = [[i, c.id, c.name, c.kind.label, c.unit_name, why]
               for i, (c, why) in enumerate(selection.reserve if selection else [], start=1)]
    write_table(ws, styles, [("STT", 6), ("Mã", 8), ("Họ và tên / Tên tập thể", 28), ("Loại đối tượng", 12),
                             ("Đơn vị", 22), ("Lý do", 40)], reserve, first_row=reserve_row + 1,
                formats=[styles.int] + [None] * 5, freeze=False, autofilter=False)
    ws.freeze_panes(1, 0)


def _problems_sheet(wb, styles: Styles, result: RunResult) -> None:
    ws = wb.add_worksheet("Lỗi")
    headers = [("Mức độ", 10), ("Mã quy tắc", 12), ("Đơn vị", 10), ("Tệp", 24), ("Sheet", 18), ("Ô", 7),
               ("Giá trị", 24), ("Nội dung", 70)]
    rows = [[p.severity.label, p.rule_id, p.unit_code, p.file, p.sheet, p.cell, p.value, p.message]
            for p in sorted_problems(result.problems)]
    n = write_table(ws, styles, headers, rows)
    _status_colours(ws, styles, 0, n)


def _files_sheet(wb, styles: Styles, result: RunResult) -> None:
    ws = wb.add_worksheet("Tình trạng nộp")
    headers = [("Tệp", 30), ("Mã đơn vị", 10), ("Tên đơn vị", 28), ("Trạng thái", 26), ("Số ứng viên", 10),
               ("Phiên bản mẫu", 10), ("Ghi chú", 50)]
    rows = [[f.path, f.unit_code, f.unit_name, f.status.label, f.candidates, f.template_version, f.message]
            for f in result.consolidation.files]
    n = write_table(ws, styles, headers, rows, formats=[None] * 4 + [styles.int, styles.int, None],
                    autofilter=False)
    missing_row = n + 2
    missing = result.consolidation.units_missing
    title = f"Đơn vị chưa nộp ({len(missing)})" if missing else "Tất cả đơn vị đã nộp."
    ws.write_string(missing_row, 0, title, styles.bold)
    write_table(ws, styles, [("Mã đơn vị", 30), ("Tên đơn vị", 10), ("Khối thi đua", 28)],
                [[u.code, u.name, u.bloc] for u in missing], first_row=missing_row + 1, freeze=False,
                autofilter=False)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 28)


def write_working_register(result: RunResult, target: Path) -> Path:
    """Write the working register to ``target`` atomically; returns ``target``."""
    outcomes = candidate_outcomes(result)
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)
        styles = Styles(wb)
        _summary_sheet(wb, styles, result, outcomes)
        _ranking_sheet(wb, styles, result, outcomes)
        _selection_sheet(wb, styles, result)
        _problems_sheet(wb, styles, result)
        _files_sheet(wb, styles, result)
        add_charts_sheet(wb, styles, result, outcomes)
        if result.selection is not None and result.selection.draft:
            for ws in wb.worksheets():  # printed pages say it too
                ws.set_header(f'&C&"Times New Roman,Bold"&12{DRAFT_MARK}')
        wb.close()
    return target

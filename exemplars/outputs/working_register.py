"""The office's working register "Sổ làm việc": every candidate, ranking, selection, problems, files.

This is the standing office's own workbook (not a document sent upward): wide
tables with filters, frozen headers, colours for the outcome of each candidate
and a "Biểu đồ" sheet of native Excel charts (``charts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exemplars.domain import MovementKind
from exemplars.findings import Finding, Severity
from exemplars.outputs.charts import add_charts_sheet
from exemplars.register import cell_text, is_blank, label_of
from exemplars.results import RunResult
from exemplars.rewards import format_coefficient
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table

SELECTED = "Được chọn"
FAST_TRACK = "Đột xuất (thủ trưởng quyết định)"
RESERVE = "Dự phòng"
ELIGIBLE_NOT_SELECTED = "Đủ điều kiện, chưa được chọn"
NOT_ELIGIBLE = "Chưa đủ điều kiện"
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}


def fast_track_label(movement: object) -> str:
    """The real movement of a fast-track candidate (Đột xuất / Người tốt, việc tốt / Phong trào)."""
    member = MovementKind.from_label(str(movement)) if not is_blank(movement) else None
    return member.fast_track_label if member is not None else "Đột xuất"


def register_name(year: int) -> str:
    return f"so-lam-viec-{year}.xlsx"


@dataclass(frozen=True)
class Outcome:
    """What became of one candidate, in the clerk's words."""

    eligible: bool | None
    reasons: str
    score: float | None
    rank: int | None
    status: str
    detail: str = ""


def _number(value) -> float | None:
    return None if is_blank(value) else float(value)


def candidate_outcomes(result: RunResult) -> dict[str, Outcome]:
    """Candidate id → eligibility, score, rank and status (selected, fast track, reserve…)."""
    assessed = result.assessment.table if result.assessment is not None else None
    ranked = {}
    if result.ranking is not None and "id" in result.ranking.table:
        ranked = {str(r["id"]): r for r in result.ranking.table.to_dict("records")}
    selection = result.selection
    selected = {c.id for c in selection.selected} if selection else set()
    fast = {c.id for c in selection.fast_track} if selection else set()
    reserve = {c.id: why for c, why in selection.reserve} if selection else {}
    out: dict[str, Outcome] = {}
    register = result.consolidation.register
    movements = {str(r["id"]): r.get("movement") for r in result.consolidation.records()} if fast else {}
    for cid in (register["id"].astype(str) if "id" in register else []):
        eligible, reasons = None, ""
        if assessed is not None and cid in assessed.index:
            eligible = bool(assessed.at[cid, "eligible"])
            reasons = cell_text(assessed.at[cid, "reasons"])
        rank_row = ranked.get(cid, {})
        rank: Any = rank_row.get("rank")  # a record value: number, NaN or None
        rank = None if is_blank(rank) else int(rank)
        if cid in selected:
            status, detail = SELECTED, ""
        elif cid in fast:
            status, detail = FAST_TRACK, fast_track_label(movements.get(cid))
        elif cid in reserve:
            status, detail = RESERVE, reserve[cid]
        elif eligible is False:
            status, detail = NOT_ELIGIBLE, reasons
        elif eligible:
            status, detail = ELIGIBLE_NOT_SELECTED, ""
        else:
            status, detail = "Chưa xét", ""
        out[cid] = Outcome(eligible, reasons, _number(rank_row.get("score")), rank, status, detail)
    return out


def _cell_key(cell: str) -> tuple[int, int]:
    """"AB12" → (28, 12) so that F9 sorts before F14 and Z1 before AA1."""
    m = re.fullmatch(r"([A-Za-z]*)(\d*)", cell or "")
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return (col, int(m.group(2) or 0))


def sorted_problems(problems: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notices; within a severity by file, sheet and cell."""
    return sorted(problems, key=lambda p: (SEVERITY_ORDER[p.severity], p.file, p.sheet, _cell_key(p.cell), p.rule_id))


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
            _number(r.get("source_row")),
        ])
    formats = [None] * 8 + [styles.number, styles.int, None, None, None, styles.int]
    n = write_table(ws, styles, headers, rows, formats=formats)
    _status_colours(ws, styles, 6, n)
    _status_colours(ws, styles, 10, n)


def _ranking_sheet(wb, styles: Styles, result: RunResult, outcomes: dict[str, Outcome]) -> None:
    ws = wb.add_worksheet("Xếp hạng")
    headers = [("Hạng", 7), ("Mã", 8), ("Họ và tên / Tên tập thể", 28), ("Đơn vị", 22), ("Loại đối tượng", 12),
               ("Điểm", 8), ("Chi tiết điểm", 44), ("Tiêu chí đạt", 9), ("Tiêu chí áp dụng", 10),
               ("Tỷ lệ phiếu", 9), ("Đủ phiếu", 8), ("Kết quả", 22)]
    assessed = result.assessment.table if result.assessment is not None else None
    rows = []
    table = result.ranking.table if result.ranking is not None else None
    for r in (table.to_dict("records") if table is not None else []):
        cid = str(r["id"])
        met = applicable = None
        if assessed is not None and cid in assessed.index:
            met = _number(assessed.at[cid, "criteria_met"])
            applicable = _number(assessed.at[cid, "criteria_applicable"])
        vote_ok = r.get("vote_ok")
        rows.append([
            None if is_blank(r.get("rank")) else int(r["rank"]), cid, cell_text(r.get("name")),
            cell_text(r.get("unit_name")), label_of("subject_kind", r.get("subject_kind")),
            _number(r.get("score")), cell_text(r.get("breakdown")), met, applicable,
            _number(r.get("vote_share")), "" if is_blank(vote_ok) else ("Có" if vote_ok else "Không"),
            outcomes[cid].status if cid in outcomes else "",
        ])
    formats = [styles.int, None, None, None, None, styles.number, None, styles.int, styles.int, styles.percent,
               None, None]
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
        wb.close()
    return target

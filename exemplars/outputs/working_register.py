"""The office's working register "Sổ làm việc": every candidate, ranking, selection, problems, files.

This is the standing office's own workbook (not a document sent upward): wide
tables with filters, frozen headers, colours for the outcome of each candidate
and a "Biểu đồ" sheet of native Excel charts (``charts``).

Each sheet prints on A4 (``page_setup``): the columns a reader of the paper needs come
first and are the print area; the long technical columns (score breakdown, rule codes,
source file, sheet and row) follow them on screen only, so the printed text stays at 9 pt
or more and the demo's register fits on a few pages.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from exemplars import page_setup
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
from exemplars.xlsx import RowStream, Styles, atomic_path, fitted_height, new_workbook, write_table


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


def print_columns(ws, headers, printed: int, last_row: int) -> None:
    """Print the first ``printed`` columns of a table sheet (header row repeated on every page)."""
    widths = [w for _, w in headers[:printed]]
    page_setup.set_page(ws, widths, last_row=last_row, repeat_rows=(0, 0))


def _summary_sheet(wb, styles: Styles, result: RunResult, outcomes: dict[str, Outcome]) -> None:
    ws = wb.add_worksheet("Tổng hợp")
    # printed (portrait): unit, kind, name, eligibility, score, rank, outcome; the rest on screen
    headers = [("Đơn vị", 22), ("Loại đối tượng", 10), ("Họ và tên / Tên tập thể", 27), ("Đủ điều kiện", 8),
               ("Điểm", 7), ("Hạng", 5), ("Kết quả", 17), ("Mã", 10), ("Lý do", 44), ("Phong trào", 16),
               ("Lĩnh vực", 20), ("Tệp", 22), ("Sheet", 18), ("Dòng", 7)]

    def rows():  # one row at a time: the streamed sheet never holds the table
        for r in result.consolidation.records():
            o = outcomes.get(str(r["id"]))
            eligible = "" if o is None or o.eligible is None else ("Có" if o.eligible else "Không")
            yield [
                cell_text(r.get("unit_name")) or cell_text(r.get("unit_code")),
                label_of("subject_kind", r.get("subject_kind")), cell_text(r.get("name")), eligible,
                o.score if o else None, o.rank if o else None, o.status if o else "", cell_text(r.get("id")),
                o.detail or o.reasons if o else "", label_of("movement", r.get("movement")),
                cell_text(r.get("field")), cell_text(r.get("source_file")), cell_text(r.get("source_sheet")),
                number_or_none(r.get("source_row")),
            ]
    off = styles.text_nowrap  # on-screen columns: one line each, so the printed rows keep their height
    formats = [None] * 4 + [styles.number, styles.int, None] + [off] * 6 + [styles.int]
    n = write_table(ws, styles, headers, rows(), formats=formats)
    _status_colours(ws, styles, 3, n)
    _status_colours(ws, styles, 6, n)
    print_columns(ws, headers, 7, n)


def _ranking_sheet(wb, styles: Styles, result: RunResult, outcomes: dict[str, Outcome]) -> None:
    ws = wb.add_worksheet("Xếp hạng")
    headers = [("Hạng", 5), ("Họ và tên / Tên tập thể", 31), ("Đơn vị", 28), ("Điểm", 7), ("Tỷ lệ phiếu", 7),
               ("Kết quả", 17), ("Loại đối tượng", 10), ("Mã", 10), ("Tiêu chí đạt", 9), ("Tiêu chí áp dụng", 9),
               ("Đủ phiếu", 7), ("Chi tiết điểm", 60), ("Ghi chú xếp hạng", 50)]
    assessed = result.assessment.table if result.assessment is not None else None
    notes = result.selection.notes if result.selection is not None else {}  # ties at the last place
    table = result.ranking.table if result.ranking is not None else None
    # whole columns once: a pandas scalar look-up per candidate cost more than writing the row
    met_of = assessed["criteria_met"].to_dict() if assessed is not None else {}
    applicable_of = assessed["criteria_applicable"].to_dict() if assessed is not None else {}

    def rows():
        for r in (table.to_dict("records") if table is not None else []):
            cid = str(r["id"])
            met = number_or_none(met_of[cid]) if cid in met_of else None
            applicable = number_or_none(applicable_of[cid]) if cid in applicable_of else None
            vote_ok = r.get("vote_ok")
            yield [
                None if is_blank(r.get("rank")) else int(r["rank"]), cell_text(r.get("name")),
                cell_text(r.get("unit_name")), number_or_none(r.get("score")), number_or_none(r.get("vote_share")),
                outcomes[cid].status if cid in outcomes else "", label_of("subject_kind", r.get("subject_kind")),
                cid, met, applicable, "" if is_blank(vote_ok) else ("Có" if vote_ok else "Không"),
                cell_text(r.get("breakdown")), notes.get(cid, ""),
            ]
    off = styles.text_nowrap
    formats = [styles.int, None, None, styles.number, styles.percent, None, off, off, styles.int, styles.int,
               off, off, off]
    n = write_table(ws, styles, headers, rows(), formats=formats)
    _status_colours(ws, styles, 5, n)
    _status_colours(ws, styles, 10, n)
    print_columns(ws, headers, 6, n)


def _selection_sheet(wb, styles: Styles, result: RunResult) -> None:
    """The chosen list with its money (printed), then the reserve (on screen: «Tổng hợp» prints it)."""
    ws = wb.add_worksheet("Danh sách chọn")
    headers = [("STT", 5), ("Họ và tên / Tên tập thể", 26), ("Loại đối tượng", 10), ("Đơn vị", 22), ("Diện", 12),
               ("Hạng", 5), ("Điểm", 7), ("Hình thức khen thưởng", 22), ("Hệ số", 6), ("Lương cơ sở", 11),
               ("Số tiền (đồng)", 12), ("Mã", 10), ("Cách tính", 60)]
    selection = result.selection
    chosen = (selection.selected + selection.fast_track) if selection else []
    movements = {str(r["id"]): r.get("movement") for r in result.consolidation.records()}
    rows = []
    for i, c in enumerate(chosen, start=1):
        r = c.reward
        track = fast_track_label(movements.get(c.id)) if c.track == "fast_track" else "Thường xuyên"
        if c.office_proposed:
            track = f"{track} ({OFFICE_PROPOSAL_LABEL})"
        rows.append([i, c.name, c.kind.label, c.unit_name, track, c.rank, c.score,
                     r.form_label if r else "", format_coefficient(r.coefficient) if r else "",
                     r.base_salary if r else None, r.amount if r else None, c.id, r.rule if r else ""])
    formats = [styles.int, None, None, None, None, styles.int, styles.number, None, None, styles.money,
               styles.money, styles.text_nowrap, styles.text_nowrap]
    n = write_table(ws, styles, headers, rows, formats=formats, autofilter=False)
    total_row = n + 1
    fast_total = sum(c.reward.amount for c in selection.fast_track if c.reward) if selection else 0
    ws.write_string(total_row, 7, "Tổng danh sách chính", styles.bold)
    ws.write_number(total_row, 10, selection.reward_total if selection else 0, styles.money)
    ws.write_string(total_row + 1, 7, "Tổng khen thưởng đột xuất", styles.bold)
    ws.write_number(total_row + 1, 10, fast_total, styles.money)
    if selection is not None and selection.draft:
        ws.write_string(total_row + 2, 0, DRAFT_MARK, styles.bold)
    reserve_row = total_row + 3
    ws.write_string(reserve_row, 0, "Dự phòng (đủ điều kiện, không được chọn)", styles.bold)
    # the reserve's reason spans the columns E:K, so the list reads in the chosen list's widths
    reason_width = sum(w for _, w in headers[4:11])
    for col, title in enumerate(("STT", "Họ và tên / Tên tập thể", "Loại đối tượng", "Đơn vị")):
        ws.write_string(reserve_row + 1, col, title, styles.header)
    ws.merge_range(reserve_row + 1, 4, reserve_row + 1, 10, "Lý do", styles.header)
    ws.write_string(reserve_row + 1, 11, "Mã", styles.header)
    # every candidate not chosen can be here (100,000 rows): each row written whole, its reason merged E:K
    stream = RowStream(ws, styles)
    reserve_formats = [styles.int] + [None] * 11
    for i, (kept, why) in enumerate(selection.reserve if selection else [], start=1):
        row = reserve_row + 1 + i
        height = fitted_height([kept.name, kept.unit_name, why], [headers[1][1], headers[3][1], reason_width])
        stream.row(row, [i, kept.name, kept.kind.label, kept.unit_name, why, *[None] * 6, kept.id], reserve_formats,
                   height=height)
        stream.merge(row, 4, 10)
    ws.freeze_panes(1, 0)
    print_columns(ws, headers, 11, total_row + 2)  # the totals and, for an unvoted list, the draft mark


def _problems_sheet(wb, styles: Styles, result: RunResult) -> None:
    ws = wb.add_worksheet("Lỗi")
    # printed: level, file and place, value, message, rule code; file, unit, sheet, cell for filtering
    headers = [("Mức độ", 8), ("Tệp, vị trí (sheet!ô)", 24), ("Giá trị", 16), ("Nội dung", 90),
               ("Mã quy tắc", 13), ("Tệp", 24), ("Đơn vị", 9), ("Sheet", 14), ("Ô", 6)]
    rows = []
    for p in sorted_problems(result.problems):
        where = f"{p.sheet}!{p.cell}" if p.sheet and p.cell else p.sheet or p.cell
        rows.append([p.severity.label, "\n".join(t for t in (PurePosixPath(p.file).name, where) if t), p.value,
                     p.message, p.rule_id, p.file, p.unit_code, p.sheet, p.cell])
    off = styles.text_nowrap
    n = write_table(ws, styles, headers, rows, formats=[None] * 5 + [off] * 4)
    _status_colours(ws, styles, 0, n)
    print_columns(ws, headers, 5, n)


def _files_sheet(wb, styles: Styles, result: RunResult) -> None:
    ws = wb.add_worksheet("Tình trạng nộp")
    headers = [("Tệp", 30), ("Mã đơn vị", 10), ("Tên đơn vị", 28), ("Trạng thái", 22), ("Số ứng viên", 9),
               ("Phiên bản mẫu", 9), ("Ghi chú", 44)]
    rows = [[f.path, f.unit_code, f.unit_name, f.status.label, f.candidates, f.template_version, f.message]
            for f in result.consolidation.files]
    n = write_table(ws, styles, headers, rows, formats=[None] * 4 + [styles.int, styles.int, None],
                    autofilter=False)
    missing_row = n + 2
    missing = result.consolidation.units_missing
    title = f"Đơn vị chưa nộp ({len(missing)})" if missing else "Tất cả đơn vị đã nộp."
    ws.write_string(missing_row, 0, title, styles.bold)
    # under the file table's columns: code under «Tệp», name under «Tên đơn vị», bloc under «Trạng thái»
    write_table(ws, styles, [("Mã đơn vị", 30), ("", 10), ("Tên đơn vị", 28), ("Khối thi đua", 22)],
                [[u.code, "", u.name, u.bloc] for u in missing], first_row=missing_row + 1, freeze=False,
                autofilter=False)
    print_columns(ws, headers, len(headers), missing_row + 1 + len(missing))


def write_working_register(result: RunResult, target: Path, outcomes: dict[str, Outcome] | None = None) -> Path:
    """Write the working register to ``target`` atomically; returns ``target``."""
    outcomes = candidate_outcomes(result) if outcomes is None else outcomes
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp, constant_memory=True)  # one row at a time: 100,000 rows never sit in memory
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

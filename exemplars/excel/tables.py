"""Result records → the tables shown on the control workbook's sheets (headers, rows, widths).

Only presentation: labels instead of codes, one row per record.  The full
registers and documents are the files the pipeline writes; these sheets give
the clerk an overview without leaving the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from exemplars.findings import Finding
from exemplars.outputs.outcomes import candidate_outcomes, sorted_problems
from exemplars.register import cell_text, is_blank, label_of
from exemplars.results import DRAFT_MARK, OFFICE_PROPOSAL_LABEL, Consolidation, RunResult, SelectedCandidate

MONEY_FORMAT = "#,##0"


@dataclass
class Table:
    headers: list[str]
    widths: list[float]
    rows: list[list[Any]] = field(default_factory=list)
    #: 0-based column → Excel number format of its data cells
    number_formats: dict[int, str] = field(default_factory=dict)


def _table(columns: Sequence[tuple[str, float]]) -> Table:
    return Table([h for h, _ in columns], [w for _, w in columns])


def register_table(result: RunResult) -> Table:
    """One row per candidate; with an assessment, whether and why it is eligible."""
    cons = result.consolidation
    columns = [("STT", 6), ("Mã ứng viên", 16), ("Đơn vị", 26), ("Loại đối tượng", 12),
               ("Họ và tên / Tên tập thể", 30), ("Ngày sinh", 12), ("Chức vụ", 20), ("Phong trào thi đua", 18),
               ("Hình thức khen thưởng đề nghị", 24)]
    assessed = result.assessment is not None
    if assessed:
        columns += [("Đủ điều kiện", 10), ("Lý do chưa đủ", 50)]
    columns += [("Tệp nguồn", 30), ("Dòng", 7)]
    table = _table(columns)
    outcomes = candidate_outcomes(result) if assessed else {}
    for n, row in enumerate(cons.register.to_dict("records"), start=1):
        award = cons.rulebook.reward_form(cell_text(row.get("proposed_award")))
        values = [n, row.get("id"), row.get("unit_name"), label_of("subject_kind", row.get("subject_kind")),
                  row.get("name"), row.get("birth_date"), row.get("position"),
                  label_of("movement", row.get("movement")),
                  award.label if award else row.get("proposed_award")]
        if assessed:
            outcome = outcomes.get(str(row.get("id")))
            values += [outcome.eligible if outcome else None, outcome.reasons if outcome else ""]
        values += [row.get("source_file"), row.get("source_row")]
        table.rows.append(values)
    return table


def problem_table(problems: list[Finding]) -> Table:
    """Every problem, errors first, each with the place a clerk can open."""
    table = _table([("Mức độ", 10), ("Mã quy tắc", 10), ("Nội dung", 70), ("Tệp", 28), ("Trang", 18), ("Ô", 7),
                    ("Giá trị", 24), ("Mã ứng viên", 16), ("Đơn vị", 10)])
    for p in sorted_problems(problems):
        table.rows.append([p.severity.label, p.rule_id, p.message, p.file, p.sheet, p.cell, p.value,
                           p.candidate_id, p.unit_code])
    return table


def files_table(cons: Consolidation) -> Table:
    """Every file of the folder, then each unit that sent nothing."""
    table = _table([("Tệp", 34), ("Mã đơn vị", 10), ("Tên đơn vị", 30), ("Tình trạng", 24), ("Số ứng viên", 10),
                    ("Sửa lần cuối", 14), ("Ghi chú", 50)])
    for f in cons.files:
        table.rows.append([f.path, f.unit_code, f.unit_name, f.status.label, f.candidates, f.modified, f.message])
    for unit in cons.units_missing:
        table.rows.append(["", unit.code, unit.name, "Chưa nộp", 0, None, ""])
    return table


def ranking_table(result: RunResult) -> Table:
    """Candidates best first with score, votes and what became of them so far."""
    table = _table([("Hạng", 7), ("Mã ứng viên", 16), ("Họ và tên / Tên tập thể", 30), ("Loại đối tượng", 12),
                    ("Đơn vị", 26), ("Phong trào", 16), ("Điểm", 8), ("Phiếu đồng ý", 10),
                    ("Tổng số thành viên", 10), ("Tỷ lệ phiếu", 10), ("Đủ điều kiện", 10), ("Cách tính điểm", 50),
                    ("Ghi chú", 40)])
    if result.ranking is None:
        return table
    outcomes = candidate_outcomes(result)
    for row in result.ranking.table.to_dict("records"):
        share: Any = row.get("vote_share")  # a record value: float, NaN or None
        outcome = outcomes.get(str(row.get("id")))
        table.rows.append([
            row.get("rank"), row.get("id"), row.get("name"), label_of("subject_kind", row.get("subject_kind")),
            row.get("unit_name"), label_of("movement", row.get("movement")), row.get("score"),
            row.get("vote_yes"), row.get("vote_members"),
            "" if is_blank(share) else f"{float(share):.0%}",
            row.get("eligible"), row.get("breakdown"), outcome.reasons if outcome else "",
        ])
    return table


def _selected_row(n: int, track: str, c: SelectedCandidate, note: str = "") -> list[Any]:
    reward = c.reward
    if c.office_proposed:
        track = f"{track} ({OFFICE_PROPOSAL_LABEL})"
    return [n, track, c.id, c.name, c.kind.label, c.unit_name, c.score, c.rank,
            reward.form_label if reward else "", reward.amount if reward else None,
            note or (reward.rule if reward else "")]


def selection_table(result: RunResult) -> Table:
    """Selected, fast-track and reserve candidates with the reward of each."""
    table = _table([("STT", 6), ("Diện", 22), ("Mã ứng viên", 16), ("Họ và tên / Tên tập thể", 30),
                    ("Loại đối tượng", 12), ("Đơn vị", 26), ("Điểm", 8), ("Hạng", 7),
                    ("Hình thức khen thưởng", 24), ("Tiền thưởng (đồng)", 14), ("Cách tính / Lý do", 50)])
    table.number_formats[9] = MONEY_FORMAT
    selection = result.selection
    if selection is None:
        return table
    n = 0
    chosen = f"Được chọn ({DRAFT_MARK})" if selection.draft else "Được chọn"
    for track, candidates in ((chosen, selection.selected), ("Đột xuất (thủ trưởng quyết định)",
                                                             selection.fast_track)):
        for c in candidates:
            n += 1
            table.rows.append(_selected_row(n, track, c))
    for c, why in selection.reserve:
        n += 1
        table.rows.append(_selected_row(n, "Dự phòng", c, why))
    return table

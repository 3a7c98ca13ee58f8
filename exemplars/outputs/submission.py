"""The list sent upward: "Danh sách đăng ký điển hình tiên tiến" laid out per Nghị định 30/2020.

One sheet, A4 landscape: the header block (cơ quan chủ quản / cơ quan ban hành /
số ký hiệu on the left, Quốc hiệu / Tiêu ngữ / địa danh, ngày tháng on the right),
the title, one section per subject group of the rulebook, the fast-track part,
the reward money part with its legal basis, the signature block and "Nơi nhận".
Every candidate text is taken from the register row of the selected candidate and
written as a string, so a unit's "=…" text stays text.
"""

from __future__ import annotations

import math
from pathlib import Path

from exemplars.domain import MovementKind, SubjectGroup
from exemplars.outputs import document, nd30
from exemplars.outputs.page import OfficialSheet, PageLayout
from exemplars.register import cell_text, is_blank, join_parts, label_of, row_dict
from exemplars.results import DRAFT_MARK, OFFICE_PROPOSAL_LABEL, Consolidation, RunResult, SelectedCandidate, Selection
from exemplars.rulebook.schema import Rulebook
from exemplars.selection import fast_track_total
from exemplars.settings import ResolvedHeader, RunSettings
from exemplars.vi.notation import format_date, format_vnd
from exemplars.xlsx import atomic_path, new_workbook, safe_text

SHEET_NAME = "Danh sách"
#: Column widths (characters).  B and D are equal so the short line under the
#: issuing agency (column C) sits centred under the left header block B:D; the total
#: keeps 12 pt text at 9 pt or more once fitted to the landscape page width.
WIDTHS = (5, 19, 16, 19, 30, 22, 17, 9, 13)
LEFT_BLOCK = (1, 3)
RIGHT_BLOCK = (4, 8)
LINE_COLUMN = 2
FRAME = document.Frame(left=LEFT_BLOCK, right=RIGHT_BLOCK, line_column=LINE_COLUMN, recipients=(0, 2))
LAST_COL = len(WIDTHS) - 1
AMOUNT_COL = LAST_COL
ROMAN = ("I", "II", "III", "IV", "V")
MONEY_HEADER = "Mức tiền thưởng (đồng)"

GROUP_TITLES = {
    SubjectGroup.TAP_THE: "TẬP THỂ",
    SubjectGroup.CA_NHAN: "CÁ NHÂN",
    SubjectGroup.HO_THT_HTX: "HỘ GIA ĐÌNH / TỔ HỢP TÁC / HỢP TÁC XÃ",
}
GROUP_HEADERS = {
    SubjectGroup.TAP_THE: ("STT", "Tên tập thể", "Đơn vị chủ quản", "Lĩnh vực", "Tóm tắt thành tích, mô hình",
                           "Hiệu quả, khả năng nhân rộng", "Hình thức khen thưởng đề nghị", "Ghi chú",
                           MONEY_HEADER),
    SubjectGroup.CA_NHAN: ("STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Lĩnh vực", "Tóm tắt thành tích",
                           "Sáng kiến, mô hình", "Hình thức khen thưởng đề nghị", "Ghi chú", MONEY_HEADER),
    SubjectGroup.HO_THT_HTX: ("STT", "Tên hộ gia đình, tổ hợp tác, hợp tác xã", "Đơn vị đề xuất", "Lĩnh vực",
                              "Tóm tắt thành tích, mô hình", "Hiệu quả, khả năng nhân rộng",
                              "Hình thức khen thưởng đề nghị", "Ghi chú", MONEY_HEADER),
}
FAST_TRACK_HEADERS = ("STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị công tác", "Phong trào",
                      "Tóm tắt thành tích", "Sáng kiến, mô hình", "Hình thức khen thưởng đề nghị", "Ghi chú",
                      MONEY_HEADER)
FAST_TRACK_TITLE = "DANH SÁCH ĐỀ XUẤT KHEN THƯỞNG"
TOTAL_LABEL = "TỔNG CỘNG MỨC TIỀN THƯỞNG DANH SÁCH CHÍNH"
SUPERIOR_LABEL = "ĐỀ NGHỊ CẤP TRÊN KHEN THƯỞNG"
FAST_TRACK_TOTAL_LABEL = "CỘNG MỨC TIỀN THƯỞNG KHEN THƯỞNG"


def superior_label(selection: Selection) -> str:
    """The line of the money the province/city decides and pays, apart from the agency's own total."""
    day = selection.superior_decision_date
    when = f"; ngày quyết định {format_date(day)}" if day else ""
    return f"{SUPERIOR_LABEL} (cấp trên quyết định và chi trả, không tính vào tổng trên{when})"


def submission_name(year: int) -> str:
    return f"danh-sach-dang-ky-{year}.xlsx"


def _by_rank(candidates: list[SelectedCandidate]) -> list[SelectedCandidate]:
    return sorted(candidates, key=lambda c: (c.rank if c.rank is not None else math.inf, -c.score, c.name))


class _Register:
    """Register rows of the run, looked up by candidate id."""

    def __init__(self, consolidation: Consolidation):
        # the run's one copy of the register as dicts: a second one cost 100 MiB at 100,000 candidates
        records = consolidation.records() if "id" in consolidation.register else []
        self._rows = {str(r["id"]): r for r in records}

    def row(self, candidate_id: str) -> dict:
        return row_dict(self._rows.get(candidate_id))


def _award_text(candidate: SelectedCandidate, row: dict, rulebook: Rulebook) -> str:
    if candidate.reward is not None:
        return candidate.reward.form_label
    form = rulebook.reward_form(cell_text(row.get("proposed_award")))
    return form.label if form else cell_text(row.get("proposed_award"))


def _achievements(row: dict) -> str:
    return cell_text(row.get("achievements"))


def _initiative(row: dict) -> str:
    text = cell_text(row.get("initiative"))
    level = label_of("initiative_level", row.get("initiative_level"))
    decision = cell_text(row.get("initiative_decision"))
    if text and level and level != "Chưa công nhận":
        text += f" ({level}" + (f", {decision})" if decision else ")")
    return text


def _effectiveness(row: dict) -> str:
    replicability = label_of("replicability", row.get("replicability"))
    parts = [cell_text(row.get("effectiveness"))]
    if replicability:
        parts.append(f"Khả năng nhân rộng: {replicability}.")
    return join_parts(*parts, sep="\n")


def _note(c: SelectedCandidate, row: dict) -> str:
    """The unit's note, after the label of a top-down proposal of the standing office (A-24)."""
    return join_parts(OFFICE_PROPOSAL_LABEL if c.office_proposed else "", cell_text(row.get("note")), sep="; ")


def _group_values(group: SubjectGroup, c: SelectedCandidate, row: dict, rb: Rulebook) -> list[str]:
    name = cell_text(row.get("name")) or c.name
    field = cell_text(row.get("field"))
    award = _award_text(c, row, rb)
    note = _note(c, row)
    unit = cell_text(row.get("unit_name")) or c.unit_name
    if group is SubjectGroup.CA_NHAN:
        where = join_parts(cell_text(row.get("position")), cell_text(row.get("workplace")), unit)
        return [name, where, field, _achievements(row), _initiative(row), award, note, _amount(c)]
    summary = join_parts(_achievements(row), _initiative(row) and f"Mô hình: {_initiative(row)}", sep="\n")
    return [name, unit, field, summary, _effectiveness(row), award, note, _amount(c)]


def _movement(row: dict) -> MovementKind | None:
    value = row.get("movement")
    return MovementKind.from_label(str(value)) if not is_blank(value) else None


def fast_track_movements(rows: list[dict], rb: Rulebook) -> str:
    """"Đột xuất, Người tốt, việc tốt" — the real movements of the fast-track list, in the rulebook's order."""
    present = {m for m in (_movement(r) for r in rows) if m is not None}
    order = list(rb.selection.fast_track_movements) + [m for m in MovementKind if m not in rb.selection.fast_track_movements]
    return ", ".join(m.fast_track_label for m in order if m in present)


def _fast_track_values(c: SelectedCandidate, row: dict, rb: Rulebook) -> list[str]:
    unit = cell_text(row.get("unit_name")) or c.unit_name
    where = join_parts(cell_text(row.get("position")), cell_text(row.get("workplace")), unit)
    movement = _movement(row)
    return [cell_text(row.get("name")) or c.name, where, movement.fast_track_label if movement else "",
            _achievements(row), _initiative(row), _award_text(c, row, rb), _note(c, row),
            _amount(c)]


def _amount(c: SelectedCandidate) -> str:
    return format_vnd(c.reward.amount) if c.reward is not None else ""


def legal_basis(candidates: list[SelectedCandidate]) -> str:
    """The note under the total: how each distinct amount was computed, decree and base salary."""
    lines = [c.reward for c in candidates if c.reward is not None]
    if not lines:
        return ""
    rules: dict[tuple[str, str], str] = {}
    for r in lines:
        who = "tập thể" if r.subject_kind.is_collective else r.subject_kind.label.lower()
        rules.setdefault((r.form_label, who), r.rule.split(" (")[0])
    rule_text = "; ".join(f"{form} ({who}): {rule}" for (form, who), rule in rules.items())
    decrees = sorted({r.decree for r in lines})
    salaries = sorted({(r.base_salary, r.base_salary_instrument) for r in lines})
    salary_text = "; ".join(f"{format_vnd(amount)} đồng theo {instrument}" for amount, instrument in salaries)
    return (f"Cách tính mức tiền thưởng (hệ số × mức lương cơ sở): {rule_text}. Căn cứ: Nghị định "
            f"{', '.join(decrees)}; mức lương cơ sở {salary_text}; số tiền làm tròn lên hàng chục nghìn đồng.")


def _title(page: PageLayout, header: ResolvedHeader, rb: Rulebook, year: int, draft: bool) -> None:
    title = f"{rb.submission.title} NĂM {year}"
    page.merged((0, LAST_COL), title, page.fmt("title"), height=max(22, page.lines_height(title, (0, LAST_COL), 14,
                                                                                        caps=True)))
    if draft:  # the council has not voted: nobody may sign this as the list
        page.merged((0, LAST_COL), f"({DRAFT_MARK})", page.fmt("draft"), height=22)
    if header.doc_number.strip():
        ref = nd30.full_doc_reference(header.doc_number, rb.submission.doc_symbol)
        text = f"(Kèm theo Công văn số {ref} {nd30.nd30_day_month(header.doc_date)} của {header.agency})"
        page.merged((0, LAST_COL), text, page.fmt("center_italic"))
    page.skip(10)


def _table(page: PageLayout, title: str, headers: tuple[str, ...], rows: list[list[str]],
           numbered: bool = False, keep_with: float = 0.0) -> None:
    """A section title, its table and rows; the last row keeps ``keep_with`` points with it."""
    first = page.row_height([str(1), *rows[0]]) if rows else 20
    if len(rows) <= 1:  # the first row is the last: what follows it comes along with the title
        first += keep_with
    page.keep_together(20 + page.row_height(list(headers), bold=True) + (16 if numbered else 0) + first)
    page.merged((0, LAST_COL), title, page.fmt("section"), height=20)
    page.header_row(headers)
    if numbered:
        page.number_row(len(headers))
    if not rows:
        page.none_row("Không có")
    for i, values in enumerate(rows, start=1):
        page.data_row([str(i), *values], right=(AMOUNT_COL,), keep_with=keep_with if i == len(rows) else 0.0)
    page.end_table()


def write_submission(result: RunResult, settings: RunSettings, rulebook: Rulebook, target: Path) -> Path:
    """Write the submission workbook to ``target`` atomically; returns ``target``."""
    header = settings.header.resolved(rulebook)
    year = result.consolidation.year
    selection = result.selection
    selected = _by_rank(selection.selected) if selection else []
    fast = _by_rank(selection.fast_track) if selection else []
    register = _Register(result.consolidation)
    groups = [g for g in GROUP_TITLES if any(k.group is g for k in rulebook.subject_kinds)]
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp, in_memory=True)  # a small book: no temporary part files
        ws = wb.add_worksheet(SHEET_NAME, worksheet_class=OfficialSheet)
        page = PageLayout(wb, ws, WIDTHS)
        document.header_block(page, FRAME, header, rulebook.submission.doc_symbol)
        _title(page, header, rulebook, year, bool(selection and selection.draft))
        fast_note = safe_text(
            f"Do {rulebook.selection.fast_track_proposer} đề xuất; {rulebook.selection.fast_track_decider or 'Thủ trưởng cơ quan'} "
            "xem xét, quyết định khen thưởng theo thẩm quyền, không tính vào số lượng xét chọn thường xuyên.")
        basis = legal_basis(selected + fast)
        # What follows the last table row on its page: totals, notes, legal basis and the signature
        tail = document.signature_height(page, header, header.recipients) + 20
        tail += page.lines_height(basis, (0, LAST_COL), 12) if basis else 0
        tail += (20 + page.lines_height(fast_note, (0, LAST_COL), 12)) if fast else (
            20 * (1 + bool(selection is not None and selection.superior_total)))
        # ROMAN numbers more sections than any rulebook has groups (a test keeps it so)
        sections = list(zip(ROMAN, groups, strict=False))
        for number, group in sections:
            rows = [_group_values(group, c, register.row(c.id), rulebook) for c in selected if c.kind.group is group]
            last = not fast and (number, group) == sections[-1]
            _table(page, f"{number}. {GROUP_TITLES[group]}", GROUP_HEADERS[group], rows, numbered=number == "I",
                   keep_with=tail if last else 0.0)
        # reward_total is the council's list only; the fast track is decided apart and totalled apart
        page.total_row(TOTAL_LABEL, format_vnd(selection.reward_total if selection else 0), amount_col=AMOUNT_COL)
        if selection is not None and selection.superior_total:
            page.total_row(superior_label(selection), format_vnd(selection.superior_total), amount_col=AMOUNT_COL)
        if fast:
            decider = rulebook.selection.fast_track_decider or "Thủ trưởng cơ quan"
            rows = [_fast_track_values(c, register.row(c.id), rulebook) for c in fast]
            movements = fast_track_movements([register.row(c.id) for c in fast], rulebook).upper()
            _table(page, f"{FAST_TRACK_TITLE} {movements} ({decider} quyết định)", FAST_TRACK_HEADERS, rows,
                   keep_with=tail)
            fast_total = fast_track_total(selection, rulebook) if selection else 0
            page.total_row(f"{FAST_TRACK_TOTAL_LABEL} {movements}", format_vnd(fast_total), amount_col=AMOUNT_COL)
            page.merged((0, LAST_COL), fast_note, page.fmt("note"))
        if basis:
            page.merged((0, LAST_COL), basis, page.fmt("note"))
        document.signature(page, FRAME, header, header.recipients)
        page.finish()
        wb.close()
    return target

"""The "Hướng dẫn" sheet of the registration template: how to fill it, from the rulebook.

Everything here is text for the clerk of a unit: the steps, the criteria per
subject kind with their ids (the same ids head the criteria columns), the
quotas, the cross-record rules and the deadlines of the plan.
"""

from __future__ import annotations

from exemplars import page_setup
from exemplars.columns import NO, SHEET_CANDIDATES, SHEET_HISTORY, YES
from exemplars.rulebook.describe import criterion_flags, movement_labels
from exemplars.rulebook.schema import Deadline, Rulebook
from exemplars.template.layout import PRINTED_BLANK_ROWS, line_capacity, wrapped_height

_TEXT_WIDTH = 95
_NOTE_WIDTH = 34
_WHO = {"units": "Các đơn vị", "blocs": "Trưởng Khối thi đua", "office": "Văn phòng (Thường trực Hội đồng)"}
_PERIOD_END = {"quy": "mỗi quý", "6_thang": "kỳ 6 tháng", "9_thang": "kỳ 9 tháng", "nam": "năm"}


def deadline_text(d: Deadline, year: int | None) -> str:
    """One Vietnamese line, e.g. "Đơn vị báo cáo … — hạn ngày 15/11/2026."."""
    if d.month and d.day:
        when = f"ngày {d.day:02d}/{d.month:02d}" + (f"/{year}" if year else " hằng năm")
    elif d.offset_days:
        when = f"{d.offset_days} ngày sau khi kết thúc {_PERIOD_END[d.period]}"
    else:
        when = f"cuối {_PERIOD_END[d.period]}"
    return f"{d.label} — hạn {when}."


def quota_lines(rb: Rulebook) -> list[str]:
    sel = rb.selection
    out: list[str] = []
    if sel.mode == "quotas":
        for q in rb.quotas:
            out.append(f"[{q.id}] {q.label}.")
    else:
        hi = sel.max_total if sel.max_total is not None else "không giới hạn"
        out.append(f"Lựa chọn từ {sel.min_total:02d} đến {hi:02d} mô hình, điển hình tiên tiến có khả năng nhân rộng."
                   if isinstance(hi, int) else f"Lựa chọn ít nhất {sel.min_total:02d} mô hình, điển hình tiên tiến.")
    if sel.max_individuals_per_collective:
        out.append(f"Mỗi tập thể đề xuất chọn tối đa {sel.max_individuals_per_collective:02d} cá nhân "
                   f"(ghi tên tập thể ở cột «Thuộc tập thể»).")
    if sel.fast_track_movements:
        out.append(f"Không khống chế số lượng đối với: {movement_labels(sel.fast_track_movements)}.")
    return out


def rule_lines(rb: Rulebook) -> list[str]:
    cr = rb.cross_rules
    out: list[str] = []
    if cr.collective_needs_exemplary_member:
        out.append("Tập thể được đề xuất phải có cá nhân điển hình tiên tiến.")
    if cr.collective_no_disciplined_member:
        out.append("Tập thể được đề xuất không có cá nhân bị kỷ luật, phê bình trong kỳ.")
    if cr.leader_requires_collective:
        out.append("Cá nhân là người đứng đầu chỉ được chọn khi tập thể do mình phụ trách đạt tiêu chí tập thể "
                   "(đánh dấu cột «Lãnh đạo, quản lý» là Có).")
    if cr.household_culture:
        hc = cr.household_culture
        out.append(f"{', '.join(k.label for k in hc.applies_to)}: đạt «{', '.join(hc.titles)}» ít nhất "
                   f"{hc.min_consecutive_years} năm liên tục, hoặc «{', '.join(hc.outstanding_titles)}»; "
                   f"ghi từng năm ở sheet «{SHEET_HISTORY}».")
    if cr.min_task_completion:
        out.append(f"Mức độ hoàn thành nhiệm vụ tối thiểu: {cr.min_task_completion.label}.")
    if cr.blocking_discipline:
        out.append("Không đề xuất đối tượng bị: " + ", ".join(d.label for d in cr.blocking_discipline) + ".")
    return out


def _steps() -> list[str]:
    return [
        f"1. Ghi thông tin đơn vị ở đầu sheet «{SHEET_CANDIDATES}» (Tên đơn vị chọn trong danh sách).",
        "2. Mỗi dòng một đối tượng đề xuất (tập thể, cá nhân…). Ghi đầy đủ họ tên, tên tập thể, không viết tắt.",
        "3. Các cột có mũi tên: chọn trong danh sách. Ngày ghi dạng dd/mm/yyyy (ví dụ 05/02/1985).",
        f"4. Ở các cột tiêu chí, chọn «{YES}» nếu đối tượng đạt tiêu chí, «{NO}» nếu không đạt; "
        "bỏ trống tiêu chí không áp dụng cho loại đối tượng đó.",
        f"5. Sheet «{SHEET_HISTORY}»: mỗi dòng một danh hiệu, hình thức khen thưởng đã đạt "
        "(3–5 năm gần nhất), ghi STT ứng viên như ở danh sách đề xuất.",
        "6. Không đổi tên sheet, không xóa hoặc chèn cột; có thể chèn thêm dòng khi cần.",
        f"7. Vùng in sẵn có {PRINTED_BLANK_ROWS} dòng. Nếu đề xuất nhiều hơn, chọn các dòng đã ghi rồi vào "
        "File › Print, mục Settings chọn «Print Selection» (In vùng chọn); dòng tiêu đề vẫn in ở mọi trang.",
        "8. Lưu tệp dạng .xlsx, đặt tên theo đơn vị và gửi về Văn phòng đúng hạn.",
    ]


def write_guide(ws, rb: Rulebook, styles, year: int | None) -> None:
    """Fill the guide sheet (already created) for ``rb``; ``styles`` has title, italic, bold, plain, wrap."""
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, _TEXT_WIDTH)
    ws.set_column(2, 2, _NOTE_WIDTH)
    title = "HƯỚNG DẪN LẬP DANH SÁCH ĐỀ XUẤT ĐIỂN HÌNH TIÊN TIẾN" + (f" NĂM {year}" if year else "")
    ws.merge_range(0, 0, 0, 2, title, styles.title)
    ws.merge_range(1, 0, 1, 2, f"{rb.plan_title} — {rb.agency}", styles.italic)
    r = 3

    def heading(text: str) -> None:
        nonlocal r
        r += 1
        ws.write_string(r, 0, text, styles.bold)
        r += 1

    def line(text: str, first: str = "", note: str = "") -> None:
        nonlocal r
        # Neither Excel nor LibreOffice grows a row for wrapped text written by a library.
        ws.set_row(r, wrapped_height([(text, line_capacity(_TEXT_WIDTH)), (note, line_capacity(_NOTE_WIDTH))]))
        ws.write_string(r, 0, first, styles.plain)
        ws.write_string(r, 1, text, styles.wrap)
        if note:
            ws.write_string(r, 2, note, styles.wrap)
        r += 1

    heading("I. CÁCH ĐIỀN")
    for s in _steps():
        line(s)
    heading("II. TIÊU CHÍ (mã tiêu chí ghi ở đầu cột tương ứng)")
    for kind in rb.subject_kinds:
        crits = rb.criteria_for(kind)
        if not crits:
            continue
        ws.write_string(r, 0, kind.label, styles.bold)
        r += 1
        for c in crits:
            line(c.text, c.id, "; ".join(criterion_flags(c)))
    heading("III. SỐ LƯỢNG")
    for q in quota_lines(rb):
        line(q)
    rules = rule_lines(rb)
    if rules:
        heading("IV. QUY ĐỊNH KIỂM TRA")
        for q in rules:
            line(q)
    heading("V. HÌNH THỨC KHEN THƯỞNG")
    for f in rb.reward_forms:
        line(f.label + (f" ({f.issuer})" if f.issuer else ""))
    if rb.deadlines:
        heading("VI. THỜI HẠN")
        for d in rb.deadlines:
            line(deadline_text(d, year), d.id, _WHO[d.who])
    page_setup.set_page(ws, [12, _TEXT_WIDTH, _NOTE_WIDTH], last_row=r, landscape=True)
    ws.protect("", {"format_columns": True, "format_rows": True})

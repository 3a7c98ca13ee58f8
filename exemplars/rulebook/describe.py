"""Vietnamese plain-text description of a rulebook (``exemplars profiles show``)."""

from __future__ import annotations

from exemplars.domain import MovementKind, SubjectKind
from exemplars.rulebook.schema import PERIOD_LABELS, Criterion, Rulebook


def movement_labels(ms: list[MovementKind]) -> str:
    return ", ".join(m.label for m in ms)


def criterion_flags(c: Criterion, optional: str = "không bắt buộc") -> list[str]:
    """When a criterion binds, in words: mandatory or not, leaders only, which movements."""
    flags = ["bắt buộc" if c.mandatory else optional]
    if c.leaders_only:
        flags.append("chỉ với lãnh đạo, quản lý")
    if c.only_movements:
        flags.append("phong trào: " + movement_labels(c.only_movements))
    return flags


def describe_rulebook(rb: Rulebook) -> str:
    out: list[str] = []
    out.append(f"{rb.plan_title}")
    out.append(f"Mã quy chế: {rb.id} (phiên bản {rb.version})")
    out.append(f"Cơ quan: {rb.agency}" + (f" — {rb.parent_agency}" if rb.parent_agency else ""))
    out.append(f"Giai đoạn: {rb.plan_years[0]}–{rb.plan_years[1]}; kỳ đánh giá: "
               + ", ".join(PERIOD_LABELS[p] for p in rb.periods))
    out.append("Loại đối tượng: " + ", ".join(k.label for k in rb.subject_kinds))
    out.append("")
    out.append("TIÊU CHÍ")
    for kind in rb.subject_kinds:
        crits = rb.criteria_for(kind)
        if not crits:
            continue
        out.append(f"  {kind.label}:")
        for c in crits:
            flags = criterion_flags(c, optional="không bắt buộc (cộng điểm)")
            out.append(f"    [{c.id}] {c.text} ({'; '.join(flags)})")
    out.append("")
    out.append("SỐ LƯỢNG")
    sel = rb.selection
    if sel.mode == "quotas":
        for q in rb.quotas:
            out.append(f"  [{q.id}] {q.label}: tối đa {q.max} ({', '.join(k.label for k in q.subject_kinds)};"
                       f" phong trào {movement_labels(q.movements)})")
    else:
        hi = sel.max_total if sel.max_total is not None else "không giới hạn"
        out.append(f"  Lựa chọn từ {sel.min_total} đến {hi} mô hình, điển hình có khả năng nhân rộng.")
    if sel.max_individuals_per_collective:
        out.append(f"  Mỗi tập thể đề xuất tối đa {sel.max_individuals_per_collective:02d} cá nhân.")
    if sel.fast_track_movements:
        out.append(f"  Không khống chế số lượng: {movement_labels(sel.fast_track_movements)} — "
                   f"{sel.fast_track_proposer} đề xuất, {sel.fast_track_decider or 'Thủ trưởng'} quyết định.")
    out.append(f"  Người quyết định lựa chọn: {sel.decided_by}.")
    out.append("")
    out.append("QUY ĐỊNH KIỂM TRA CHÉO")
    cr = rb.cross_rules
    if cr.collective_needs_exemplary_member:
        out.append("  Tập thể phải có cá nhân điển hình tiên tiến.")
    if cr.collective_no_disciplined_member:
        out.append("  Tập thể không có cá nhân bị kỷ luật, phê bình.")
    if cr.leader_requires_collective:
        out.append("  Người đứng đầu chỉ được chọn khi tập thể của mình đạt tiêu chí tập thể.")
    if cr.household_culture:
        hc = cr.household_culture
        out.append(f"  Hộ gia đình: đạt '{', '.join(hc.titles)}' ít nhất {hc.min_consecutive_years} năm liên tục"
                   f" hoặc '{', '.join(hc.outstanding_titles)}'.")
    if cr.min_task_completion:
        out.append(f"  Mức hoàn thành nhiệm vụ tối thiểu: {cr.min_task_completion.label}.")
    if cr.blocking_discipline:
        out.append("  Không xét khi bị: " + ", ".join(d.label for d in cr.blocking_discipline) + ".")
    out.append(f"  Phiếu bầu của Hội đồng: cần ít nhất {rb.voting.threshold:.0%} "
               + ("tổng số thành viên" if rb.voting.base == "members" else "số phiếu bầu") + ".")
    out.append("")
    out.append("HÌNH THỨC KHEN THƯỞNG")
    for f in rb.reward_forms:
        out.append(f"  {f.label}")
    if rb.deadlines:
        out.append("")
        out.append("THỜI HẠN")
        for d in rb.deadlines:
            when = f"ngày {d.day:02d}/{d.month:02d}" if d.month else (
                f"{d.offset_days} ngày sau khi hết kỳ" if d.offset_days else "cuối kỳ")
            out.append(f"  [{d.id}] {d.label} — kỳ {PERIOD_LABELS[d.period]}, {when}")
    if rb.units:
        out.append("")
        out.append(f"ĐƠN VỊ ({len(rb.units)})")
        for u in rb.units:
            out.append(f"  {u.code:<10} {u.name}" + (f" — {u.bloc}" if u.bloc else ""))
    return "\n".join(out)


__all__ = ["describe_rulebook", "SubjectKind"]

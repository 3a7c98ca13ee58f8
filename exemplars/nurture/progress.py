"""One round of plans or progress reports: every exemplar's figures as of the reference day.

A unit that sent several files is read from the latest saved one (notice NR-08); one that sent
nothing keeps the plan of the previous round (notice NR-09).  An exemplar
whose unit sent no plan, or whose plan has no action for it, has no plan (error NR-04); an action
past its date with neither a completion date nor a result is late (warning NR-03).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from exemplars.catalogue import NURTURE_ACTION_LATE, NURTURE_CARRIED, NURTURE_NO_PLAN, NURTURE_SECOND_FILE
from exemplars.findings import Finding, Severity
from exemplars.nurture.model import ActionState, Exemplar, ExemplarProgress, NurtureStatus, UnitPlan, status_of
from exemplars.nurture.reader import PlanFile


@dataclass
class RoundResult:
    """What a round found: per exemplar progress, the files read and every finding."""

    round_code: str
    round_kind: str
    as_of: dt.date
    exemplars: list[ExemplarProgress]
    files: list[PlanFile]
    problems: list[Finding] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        out = {"exemplars": len(self.exemplars), "done": 0, "late": 0, "pending": 0, "adopters": 0}
        for p in self.exemplars:
            out["done"] += p.done
            out["late"] += p.late
            out["pending"] += p.pending
            out["adopters"] += len(p.adopters)
        for status in NurtureStatus:
            out[status.value] = sum(1 for p in self.exemplars if p.status is status)
        return out


def latest_per_unit(files: list[PlanFile]) -> tuple[dict[str, UnitPlan], list[Finding]]:
    """The plan of each unit from its latest saved readable file; the others are marked superseded."""
    by_unit: dict[str, list[PlanFile]] = {}
    for f in files:
        if f.plan is not None and f.unit_code:
            by_unit.setdefault(f.unit_code, []).append(f)
    plans, notices = {}, []
    for unit, group in by_unit.items():
        group.sort(key=lambda f: (f.modified or dt.datetime.min, f.path))
        used = group[-1]
        plans[unit] = used.plan
        for older in group[:-1]:
            older.status = "superseded"
            older.message = f"Đã được thay bằng tệp lưu sau «{used.path}»."
        if len(group) > 1:
            notices.append(Finding(severity=Severity.NOTICE, rule_id=NURTURE_SECOND_FILE, file=used.path,
                                   unit_code=unit, message=f"Đơn vị {unit} gửi nhiều tệp kế hoạch; dùng tệp lưu gần "
                                   f"nhất «{used.path}»."))
    return {u: p for u, p in plans.items() if p is not None}, notices


def _late_findings(progress: ExemplarProgress, as_of: dt.date) -> list[Finding]:
    out = []
    for a in progress.actions:
        if a.state(as_of) is ActionState.LATE and a.place is not None and a.due is not None:
            out.append(Finding(
                severity=Severity.WARNING, rule_id=NURTURE_ACTION_LATE, file=a.place.file, sheet=a.place.sheet,
                cell=a.place.cell("done_on"), value=a.due.strftime("%d/%m/%Y"), unit_code=progress.exemplar.unit_code,
                message=f"«{progress.exemplar.name}»: hoạt động «{a.what or 'dòng ' + str(a.place.row)}» hạn "
                        f"{a.due:%d/%m/%Y}, đến {as_of:%d/%m/%Y} chưa có kết quả."))
    return out


def evaluate_round(exemplars: Sequence[Exemplar], files: list[PlanFile], as_of: dt.date, round_code: str,
                   round_kind: str, carried: Mapping[str, UnitPlan] | None = None,
                   carried_from: str = "") -> RoundResult:
    """Every exemplar's progress in this round, with the round's findings (files' first, then per exemplar).

    ``carried``: the plans of the previous round, kept for a unit that sent nothing this round.
    """
    plans, notices = latest_per_unit(files)
    problems = [p for f in files if f.status != "superseded" for p in f.problems] + notices
    for unit, kept in (carried or {}).items():
        if unit not in plans and any(e.unit_code == unit for e in exemplars):
            plans[unit] = kept
            problems.append(Finding(severity=Severity.NOTICE, rule_id=NURTURE_CARRIED, unit_code=unit, file=kept.file,
                                    message=f"Đơn vị {unit} chưa gửi báo cáo kỳ này; dùng kế hoạch, tiến độ đã báo "
                                    f"cáo ở kỳ {carried_from}."))
    out = []
    for e in exemplars:
        plan = plans.get(e.unit_code)
        entry = plan.entries.get(e.code) if plan else None
        actions = [a for a in plan.actions if a.code == e.code] if plan else []
        adoptions = [a for a in plan.adoptions if a.code == e.code] if plan else []
        progress = ExemplarProgress(exemplar=e, status=status_of(entry, actions, adoptions, as_of), entry=entry,
                                    actions=actions, adoptions=adoptions, as_of=as_of)
        if progress.status is NurtureStatus.NO_PLAN:
            reason = ("đơn vị chưa gửi kế hoạch" if plan is None else
                      "kế hoạch không có dòng của điển hình này" if entry is None else "chưa có hoạt động nào")
            problems.append(Finding(
                severity=Severity.ERROR, rule_id=NURTURE_NO_PLAN, file=plan.file if plan else "",
                sheet=entry.place.sheet if entry and entry.place else "",
                cell=entry.place.cell("name") if entry and entry.place else "", unit_code=e.unit_code,
                candidate_id=e.code, message=f"«{e.name}» ({e.unit_name}): chưa có kế hoạch bồi dưỡng, nhân rộng "
                f"({reason})."))
        problems += _late_findings(progress, as_of)
        out.append(progress)
    return RoundResult(round_code, round_kind, as_of, out, files, problems)

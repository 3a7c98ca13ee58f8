"""Over-nomination (A-22, at most N individuals per collective) settled after the ranking.

With ``selection.over_nomination = "keep_best"`` (the default) validation does not reject an
over-full collective: here, once every candidate has its rank, the best-ranked eligible
members (up to the cap) stay selectable and every other member of that collective gets a
warning naming the rule and the member kept, so the unit's feedback says who was kept and
why.  With ``"reject_all"`` validation rejects every member (``validate.cross``) and nothing
is left to settle here.  Fast-track movements are not capped (A-23).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from exemplars.catalogue import PER_COLLECTIVE
from exemplars.domain import SubjectKind
from exemplars.findings import Finding, Severity, short_value
from exemplars.register import collective_display, collective_key_of_member, kind_of, movement_of, text_of
from exemplars.results import Consolidation
from exemplars.rulebook.schema import Rulebook
from exemplars.vi.notation import number_vi


def _finding(cons: Consolidation, row: dict[str, Any], severity: Severity, message: str) -> Finding:
    return Finding(severity=severity, rule_id=PER_COLLECTIVE, message=message,
                   file=str(row.get("source_file") or ""), sheet=str(row.get("source_sheet") or ""),
                   cell=cons.cell(row, "collective") if row.get("source_file") else "",
                   value=short_value(collective_display(row)), candidate_id=str(row["id"]),
                   unit_code=str(row.get("unit_code") or ""))


def _standing(record: dict[str, Any] | None) -> str:
    if record is None or record.get("rank") is None:
        return "không đủ điều kiện"
    return f"hạng {int(record['rank'])}, {number_vi(float(record['score']))} điểm"


def settle_over_nomination(cons: Consolidation, ranked: list[dict[str, Any]],
                           rulebook: Rulebook) -> tuple[dict[str, str], list[Finding]]:
    """(candidate id → reason it is not selectable, findings) for the members beyond the cap.

    ``ranked`` is the ranking table as records, best first.
    """
    cap = rulebook.selection.max_individuals_per_collective
    if not cap or rulebook.selection.over_nomination != "keep_best":
        return {}, []
    uncapped = set(rulebook.selection.fast_track_movements)
    by_id = {str(r["id"]): r for r in ranked}
    order = {str(r["id"]): i for i, r in enumerate(ranked)}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in cons.records():
        if kind_of(row) is SubjectKind.CA_NHAN and movement_of(row) not in uncapped:
            groups[collective_key_of_member(row)].append(row)
    blocked: dict[str, str] = {}
    findings: list[Finding] = []
    for members in groups.values():
        if len(members) <= cap:
            continue
        members.sort(key=lambda r: order.get(str(r["id"]), len(order)))
        eligible = [m for m in members if by_id.get(str(m["id"]), {}).get("eligible")]
        kept = eligible[:cap]
        collective = collective_display(members[0])
        kept_text = ", ".join(f"«{text_of(m, 'name')}» ({_standing(by_id.get(str(m['id'])))})" for m in kept)
        head = f"tập thể «{collective}» đề xuất {len(members)} cá nhân, vượt mức tối đa {cap:02d} cá nhân mỗi tập thể"
        for member in members:
            name = f"«{text_of(member, 'name')}»"
            if member in kept:
                findings.append(_finding(cons, member, Severity.NOTICE, (
                    f"{name}: {head} [{PER_COLLECTIVE}]; giữ {name} vì xếp hạng cao nhất trong tập thể "
                    f"({_standing(by_id.get(str(member['id'])))}), các cá nhân khác không được chọn.")))
                continue
            why = f"giữ {kept_text} vì xếp hạng cao nhất trong tập thể" if kept else \
                "không cá nhân nào của tập thể đủ điều kiện"
            findings.append(_finding(cons, member, Severity.WARNING, (
                f"{name}: {head} [{PER_COLLECTIVE}]; {why}; {name} ({_standing(by_id.get(str(member['id'])))}) "
                "không được chọn.")))
            blocked[str(member["id"])] = f"{head} ({PER_COLLECTIVE}); {why}"
    return blocked, findings

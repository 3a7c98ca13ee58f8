"""Cross-record rules: individuals per collective (A-22), collectives and their members (A-17),
leaders and their collectives (A-20, B-16).

An individual belongs to the collective named in its ``collective`` column, or to
its unit when that column is blank; names are compared folded (case, spaces and
diacritics ignored) and within the same unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from exemplars.catalogue import LEADER_FROM_POSITION, PER_COLLECTIVE, PLAN_BOUND_DEFAULTS
from exemplars.columns import criterion_column
from exemplars.domain import SubjectKind, TaskCompletion
from exemplars.findings import Severity
from exemplars.register import (
    Row,
    collective_display,
    collective_key_of_candidate,
    collective_key_of_member,
    enum_of,
    is_disciplined,
    is_leader,
    kind_of,
    label_value,
    movement_of,
    text_of,
    value_of,
    who,
)
from exemplars.rulebook.schema import Rulebook
from exemplars.validate.collector import Findings
from exemplars.vi.text import fold

DEFAULT_RULE_COLLECTIVE_MEMBERS = PLAN_BOUND_DEFAULTS["collective_members"]
DEFAULT_RULE_LEADER = PLAN_BOUND_DEFAULTS["leader_requires_collective"]


def check_cross_records(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> None:
    """Apply the cross-record rules the rulebook switches on, in dependency order."""
    check_individuals_per_collective(findings, rows, rulebook)
    check_collective_members(findings, rows, rulebook)
    check_leaders(findings, rows, rulebook)
    check_leader_collective_rating(findings, rows, rulebook)


def reads_as_leader(position: str, phrases: list[str]) -> str:
    """The leader phrase a position contains as whole words ("Phó Trưởng phòng" → "Trưởng phòng"); "" if none."""
    folded = f" {fold(position)} "
    for phrase in sorted(phrases, key=len, reverse=True):
        if f" {fold(phrase)} " in folded:
            return phrase
    return ""


def infer_leaders(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> list[Row]:
    """Rows with a blank leader flag and a leader's position become leaders, each with a warning.

    Copies, not the register's rows: the unit's cell stays as typed, the rules read the inference.
    """
    out: list[Row] = []
    for row in rows:
        position = text_of(row, "position")
        phrase = reads_as_leader(position, rulebook.cross_rules.leader_positions) if position else ""
        if phrase and kind_of(row) is SubjectKind.CA_NHAN and value_of(row, "is_leader") is None:
            findings.add(row, "is_leader", LEADER_FROM_POSITION, Severity.WARNING,
                         f"{who(row)}: chức vụ «{position}» là chức vụ lãnh đạo, quản lý nhưng ô «Lãnh đạo, quản "
                         f"lý» để trống; chương trình xét như lãnh đạo, quản lý (các tiêu chí dành cho lãnh đạo "
                         f"được áp dụng). Nếu không đúng, đơn vị ghi «Không».", value=position)
            row = {**row, "is_leader": True}
        out.append(row)
    return out


def _sorted(rows: Sequence[Row]) -> list[Row]:
    """Rows in a stable order independent of file and row order (ids are stable)."""
    return sorted(rows, key=lambda r: str(r["id"]))


def _individuals(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if kind_of(r) is SubjectKind.CA_NHAN]


def _collectives(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if (k := kind_of(r)) is not None and k.is_collective]


def check_individuals_per_collective(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> None:
    """A-22 with ``over_nomination = "reject_all"``: every member of an over-full collective is rejected."""
    cap = rulebook.selection.max_individuals_per_collective
    if not cap or rulebook.selection.over_nomination != "reject_all":
        return  # keep_best is settled after the ranking (exemplars.nominations)
    uncapped = set(rulebook.selection.fast_track_movements)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in _sorted(_individuals(rows)):
        if movement_of(row) not in uncapped:
            groups[collective_key_of_member(row)].append(row)
    for members in groups.values():
        if len(members) <= cap:
            continue
        for row in members:
            others = ", ".join(who(o) for o in members if o is not row)
            collective = collective_display(row)
            findings.add(
                row, "collective", PER_COLLECTIVE, Severity.ERROR,
                f"{who(row)}: tập thể «{collective}» đề xuất {len(members)} cá nhân, vượt mức tối đa "
                f"{cap:02d} cá nhân mỗi tập thể (cùng tập thể: {others}).",
                reason=f"tập thể «{collective}» đề xuất quá {cap:02d} cá nhân",
                value=collective,
            )


def _collectives_under_rule(rows: list[Row], rulebook: Rulebook):
    """The collectives the A-17 rule covers and its rule id.

    Bound by id (``collective_members_criterion``), the rule applies exactly where its criterion
    applies: the criterion's subject kinds and movements (a fast-track collective is not covered
    when the criterion is limited to thường xuyên and cải cách hành chính).  Unbound, it covers
    every tập thể and reports the default id.
    """
    criterion = rulebook.criterion(rulebook.cross_rules.collective_members_criterion)
    if criterion is None:
        return [r for r in rows if kind_of(r) is SubjectKind.TAP_THE], DEFAULT_RULE_COLLECTIVE_MEMBERS, None
    covered = [r for r in rows if criterion.applies(kind_of(r), movement_of(r), is_leader(r))]
    return covered, criterion.id, criterion


def check_collective_members(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> None:
    """A-17: no disciplined or criticised member, and at least one exemplary individual."""
    rules = rulebook.cross_rules
    if not (rules.collective_no_disciplined_member or rules.collective_needs_exemplary_member):
        return
    covered, rule_id, criterion = _collectives_under_rule(_collectives(rows), rulebook)
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in _sorted(_individuals(rows)):
        members[collective_key_of_member(row)].append(row)
    for row in _sorted(covered):
        own = members.get(collective_key_of_candidate(row), [])
        name = text_of(row, "name")
        if rules.collective_no_disciplined_member:
            bad = [m for m in own if is_disciplined(m)]
            if bad:
                listed = ", ".join(f"{who(m)} ({label_value(m, 'discipline').lower()})" for m in bad)
                findings.add(row, "name", rule_id, Severity.ERROR,
                             f"Tập thể «{name}» có cá nhân bị kỷ luật, phê bình trong kỳ: {listed} "
                             f"nên không đạt tiêu chí [{rule_id}].",
                             reason=f"có cá nhân bị kỷ luật, phê bình ({listed})")
        if rules.collective_needs_exemplary_member:
            exemplary = [m for m in own if not findings.is_blocked(str(m["id"]))]
            answered = criterion is not None and value_of(row, criterion_column(criterion.id)) is True
            if not exemplary and not answered:
                findings.add(row, "name", rule_id, Severity.ERROR,
                             f"Tập thể «{name}» không có cá nhân điển hình tiên tiến: không có cá nhân nào của "
                             f"tập thể đủ điều kiện trong danh sách đề xuất và đơn vị không xác nhận tiêu chí "
                             f"[{rule_id}].",
                             reason="không có cá nhân điển hình tiên tiến")


def _leader_rule_id(rulebook: Rulebook) -> str:
    """The plan's leader rule ("A-20" from A-20.1…, "B-16"), from its leaders-only criteria."""
    for criterion in rulebook.criteria:
        if criterion.leaders_only:
            return criterion.id.split(".")[0]
    return DEFAULT_RULE_LEADER


def check_leaders(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> None:
    """A-20 / B-16: a leader is an exemplar only if his or her collective meets the collective criteria."""
    if not rulebook.cross_rules.leader_requires_collective:
        return
    rule_id = _leader_rule_id(rulebook)
    by_key = {collective_key_of_candidate(r): r for r in _sorted(_collectives(rows))}
    # Collective eligibility is frozen before any leader finding, so the order of leaders never matters.
    eligible = {key: not findings.is_blocked(str(r["id"])) for key, r in by_key.items()}
    reasons = {key: findings.reasons(str(r["id"])) for key, r in by_key.items()}
    for row in _sorted(_individuals(rows)):
        if not is_leader(row):
            continue
        key = collective_key_of_member(row)
        collective = collective_display(row)
        if key not in by_key:
            findings.add(row, "collective", rule_id, Severity.ERROR,
                         f"{who(row)} là lãnh đạo, quản lý nhưng tập thể «{collective}» chưa được đề xuất nên "
                         f"không xác định được tập thể có đạt tiêu chí điển hình hay không [{rule_id}].",
                         reason=f"tập thể «{collective}» chưa được đề xuất nên không xác định được",
                         value=collective)
        elif not eligible[key]:
            findings.add(row, "collective", rule_id, Severity.ERROR,
                         f"{who(row)} là lãnh đạo, quản lý nhưng tập thể «{collective}» không đạt tiêu chí "
                         f"điển hình ({reasons[key]}) [{rule_id}].",
                         reason=f"tập thể «{collective}» không đạt tiêu chí điển hình",
                         value=collective)


def check_leader_collective_rating(findings: Findings, rows: Sequence[Row], rulebook: Rulebook) -> None:
    """A-20.3: a leader whose collective is in the register needs it rated at least ``min_rating``.

    The check applies exactly where its criterion applies (leaders of the criterion's kinds and
    movements); a collective not nominated is left to ``check_leaders``.
    """
    rule = rulebook.cross_rules.leader_collective_rating
    criterion = rulebook.criterion(rule.criterion) if rule is not None else None
    if rule is None or criterion is None:
        return
    order = list(TaskCompletion)
    by_key = {collective_key_of_candidate(r): r for r in _sorted(_collectives(rows))}
    for row in _sorted(_individuals(rows)):
        if not (is_leader(row) and criterion.applies(kind_of(row), movement_of(row), True)):
            continue
        collective_row = by_key.get(collective_key_of_member(row))
        if collective_row is None:
            continue
        rating = enum_of(collective_row, "task_completion", TaskCompletion)
        if rating is not None and order.index(rating) <= order.index(rule.min_rating):
            continue
        collective = collective_display(row)
        shown = f"«{rating.label}»" if rating is not None else "chưa được đánh giá"
        findings.add(row, "collective", criterion.id, Severity.ERROR,
                     f"{who(row)} là lãnh đạo, quản lý; tập thể «{collective}» do mình lãnh đạo có mức hoàn thành "
                     f"nhiệm vụ {shown}, chưa đạt «{rule.min_rating.label}» nên không đạt tiêu chí "
                     f"[{criterion.id}] «{criterion.label}».",
                     reason=f"tập thể «{collective}» chưa đạt «{rule.min_rating.label}» [{criterion.id}]",
                     value=collective)

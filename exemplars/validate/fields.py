"""Field rules of one register record: subject kind, required fields, allowed values,
criteria answers, discipline and task completion (step 1 of ``exemplars.validate``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from exemplars.catalogue import (
    CRITERION_UNANSWERED,
    DISCIPLINE_BLOCKS,
    FIELD_MISSING,
    KIND_OUTSIDE_PLAN,
    OFFICE_MARK_ELSEWHERE,
    TASK_TOO_LOW,
    UNDER_REVIEW,
    VALUE_OUTSIDE_LIST,
)
from exemplars.columns import CANDIDATE_COLUMNS, criterion_column
from exemplars.domain import Discipline, LabelledEnum, SubjectGroup, TaskCompletion
from exemplars.findings import Severity
from exemplars.register import Row, enum_of, is_leader, kind_of, movement_of, value_of, who
from exemplars.rulebook.schema import Rulebook
from exemplars.validate.collector import Findings
from exemplars.vi.text import fold

#: TaskCompletion members from best to worst, as declared.
_TASK_ORDER = list(TaskCompletion)


def check_kind(findings: Findings, row: Row, rulebook: Rulebook) -> None:
    kind = kind_of(row)
    if kind is not None and kind not in rulebook.subject_kinds:
        allowed = ", ".join(k.label for k in rulebook.subject_kinds)
        findings.add(row, "subject_kind", KIND_OUTSIDE_PLAN, Severity.ERROR,
                     f"{who(row)}: loại đối tượng «{kind.label}» không thuộc đối tượng của kế hoạch "
                     f"(chỉ gồm: {allowed}).",
                     reason=f"loại đối tượng «{kind.label}» không thuộc kế hoạch")


def check_required(findings: Findings, row: Row, rulebook: Rulebook, known_cells: set) -> None:
    """Required fields of the subject group and the controlled values of choice columns."""
    kind = kind_of(row)
    for column in CANDIDATE_COLUMNS:
        if kind is None:  # unknown kind: only what every subject group needs
            required = set(column.required_for) == set(SubjectGroup)
        else:
            required = kind.group in column.required_for
        value = value_of(row, column.key)
        if value is None and not required:
            continue
        if value is not None and (column.kind != "choice" or not known_cells):
            _check_choice(findings, row, rulebook, column, value, required, False)
            continue
        place = (str(row.get("source_file") or ""), str(row.get("source_sheet") or ""),
                 findings.cons.cell(row, column.key) if row.get("source_file") else "")
        if value is None:
            group = kind.group.label.lower() if kind else "mọi đối tượng"
            reason = f"thiếu «{column.header}»"
            if place[2] and place in known_cells:
                # The consolidator already reported this cell (e.g. an unreadable date): block, don't repeat.
                findings.blocking[str(row["id"])].append(reason)
                continue
            findings.add(row, column.key, FIELD_MISSING, Severity.ERROR,
                         f"{who(row)}: thiếu «{column.header}» (bắt buộc với {group}).", reason=reason)
            continue
        _check_choice(findings, row, rulebook, column, value, required, place in known_cells)


def _check_choice(findings: Findings, row: Row, rulebook: Rulebook, column, value: Any, required: bool,
                  already_reported: bool) -> None:
    if column.kind != "choice" or already_reported:
        return
    choices = column.choices
    if isinstance(choices, type) and issubclass(choices, LabelledEnum):
        if enum_of(row, column.key, choices) is None:
            allowed = ", ".join(m.label for m in choices)
            findings.add(row, column.key, VALUE_OUTSIDE_LIST, Severity.ERROR if required else Severity.WARNING,
                         f"{who(row)}: «{column.header}» = «{value}» không thuộc danh sách ({allowed}).",
                         reason=f"«{column.header}» không hợp lệ")
    elif choices == "fields":
        if fold(str(value)) not in _folded_fields(tuple(rulebook.fields)):
            findings.add(row, column.key, VALUE_OUTSIDE_LIST, Severity.WARNING,
                         f"{who(row)}: lĩnh vực «{value}» không có trong danh mục lĩnh vực của kế hoạch.")
    elif choices == "reward_forms":
        if rulebook.reward_form(str(value)) is None:
            default = rulebook.reward_forms[0].label
            findings.add(row, column.key, VALUE_OUTSIDE_LIST, Severity.WARNING,
                         f"{who(row)}: hình thức khen thưởng «{value}» không có trong kế hoạch; "
                         f"sẽ đề nghị «{default}».")


@lru_cache(maxsize=32)
def _folded_fields(fields: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(f) for f in fields)


def check_criteria(findings: Findings, row: Row, rulebook: Rulebook) -> tuple[int, int]:
    """Answers to the applicable criteria; returns (met, applicable)."""
    kind = kind_of(row)
    if kind is None or kind not in rulebook.subject_kinds:
        return 0, 0
    applicable = rulebook.applicable_criteria(kind, movement_of(row), is_leader(row))
    met = 0
    for criterion in applicable:
        key = criterion_column(criterion.id)
        answer = value_of(row, key)
        if answer is True:
            met += 1
        elif answer is False and criterion.mandatory:
            findings.add(row, key, criterion.id, Severity.ERROR,
                         f"{who(row)}: không đạt tiêu chí bắt buộc [{criterion.id}] «{criterion.text}» "
                         f"(đơn vị trả lời Không).",
                         reason=f"không đạt tiêu chí bắt buộc [{criterion.id}] {criterion.label}")
        elif answer is None and criterion.mandatory:
            findings.add(row, key, CRITERION_UNANSWERED, Severity.ERROR,
                         f"{who(row)}: chưa trả lời tiêu chí bắt buộc [{criterion.id}] «{criterion.text}».",
                         reason=f"chưa trả lời tiêu chí bắt buộc [{criterion.id}]")
        elif answer is None:
            findings.add(row, key, CRITERION_UNANSWERED, Severity.WARNING,
                         f"{who(row)}: chưa trả lời tiêu chí [{criterion.id}] «{criterion.label}» "
                         "(không bắt buộc; tính là không đạt).")
    return met, len(applicable)


def check_conduct(findings: Findings, row: Row, rulebook: Rulebook) -> None:
    """Discipline that blocks the title and the minimum task completion of the plan."""
    rules = rulebook.cross_rules
    discipline = enum_of(row, "discipline", Discipline)
    if discipline is not None and discipline in rules.blocking_discipline:
        findings.add(row, "discipline", DISCIPLINE_BLOCKS, Severity.ERROR,
                     f"{who(row)}: bị {discipline.label.lower()} trong kỳ nên không được xét điển hình tiên tiến.",
                     reason=f"bị {discipline.label.lower()} trong kỳ")
    if value_of(row, "under_review") is True:
        findings.add(row, "under_review", UNDER_REVIEW, Severity.ERROR,
                     f"{who(row)}: đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo đang giải "
                     "quyết nên chưa được xét điển hình tiên tiến (Nghị định 152/2025 Điều 4).",
                     reason="đang bị xem xét kỷ luật, thanh tra hoặc khiếu nại, tố cáo")
    task = enum_of(row, "task_completion", TaskCompletion)
    minimum = rules.min_task_completion
    if task is not None and minimum is not None and _TASK_ORDER.index(task) > _TASK_ORDER.index(minimum):
        findings.add(row, "task_completion", TASK_TOO_LOW, Severity.ERROR,
                     f"{who(row)}: mức «{task.label}» thấp hơn yêu cầu tối thiểu «{minimum.label}».",
                     reason=f"mức hoàn thành nhiệm vụ thấp hơn «{minimum.label}»")


def office_proposed(findings: Findings, row: Row, rulebook: Rulebook) -> bool:
    """A-24: True when the standing office proposed the candidate itself (its mark, in its own file)."""
    if value_of(row, "office_proposal") is not True:
        return False
    office = rulebook.selection.office_unit
    unit = str(row.get("unit_code") or "")
    if office is None or unit == office:
        return True
    findings.add(row, "office_proposal", OFFICE_MARK_ELSEWHERE, Severity.WARNING,
                 f"{who(row)}: ô «Thường trực Hội đồng đề xuất» ghi Có nhưng đây là tệp của "
                 f"{row.get('unit_name') or unit}, không phải của Thường trực Hội đồng; xét như đơn vị đề xuất.")
    return False

"""Ties at the last place of a quota or of the models: which tie-break decided, told to the council.

Ranking always orders equal scores by the rulebook's ``tie_breaks`` so the list is
stable, but a tie at the last place decides who is on a signed list: the council is
told who was taken, who was left, and by which secondary rule ("đồng điểm, quyết định
theo tiêu chí phụ …"), in the problems, the ranking sheet and the summary.
"""

from __future__ import annotations

from typing import Any

from exemplars.catalogue import TIE_AT_LAST_PLACE
from exemplars.findings import Finding, Severity
from exemplars.ranking import tie_value
from exemplars.rulebook.schema import Rulebook
from exemplars.vi.notation import number_vi

#: Arbitrary orders (alphabet, id): the council decides rather than the rule.
_ARBITRARY = ("name", "id")


def rule_label(rule: str, rulebook: Rulebook) -> str:
    """A tie-break in the clerk's words."""
    share = number_vi(rulebook.scoring.women_collective_share * 100)
    return {
        "score": "điểm",
        "vote_share": "tỷ lệ phiếu đồng ý cao hơn",
        "criteria_met": "đạt nhiều tiêu chí hơn",
        "initiative_level": "sáng kiến được công nhận ở cấp cao hơn",
        "female": f"ưu tiên nữ, tập thể có từ {share}% nữ (Nghị định 152/2025 Điều 4)",
        "name": "thứ tự tên theo bảng chữ cái",
        "id": "mã ứng viên",
    }[rule]


def is_tie(taken: dict[str, Any], left: dict[str, Any]) -> bool:
    return round(float(taken["score"]), 2) == round(float(left["score"]), 2)


def deciding_rule(taken: dict[str, Any], left: dict[str, Any], rulebook: Rulebook) -> str:
    """The first tie-break after the score that orders the two candidates ("id" when none does)."""
    for rule in rulebook.scoring.tie_breaks:
        if rule != "score" and tie_value(taken, rule) != tie_value(left, rule):
            return rule
    return "id"


def flag_tie(taken: dict[str, Any], left: dict[str, Any], limit: str, rulebook: Rulebook,
             notes: dict[str, str]) -> Finding:
    """The council's warning for one tie, and the notes of both candidates (added to ``notes``)."""
    rule = deciding_rule(taken, left, rulebook)
    label = rule_label(rule, rulebook)
    score = number_vi(taken["score"])
    council = " Hội đồng xem xét, quyết định." if rule in _ARBITRARY else ""
    message = (f"«{taken['name']}» (hạng {taken['rank']}, được chọn) và «{left['name']}» (hạng {left['rank']}, "
               f"không được chọn) đồng điểm ({score}) ở vị trí cuối của {limit}; đồng điểm, quyết định theo tiêu "
               f"chí phụ «{label}».{council}")
    for mine, other, outcome in ((taken, left, "được chọn"), (left, taken, "không được chọn")):
        note = (f"đồng điểm ({score}) với «{other['name']}» ở vị trí cuối của {limit}; {outcome} theo tiêu chí "
                f"phụ «{label}»")
        cid = str(mine["id"])
        notes[cid] = f"{notes[cid]}; {note}" if cid in notes else note
    return Finding(severity=Severity.WARNING, rule_id=TIE_AT_LAST_PLACE, message=message, value=score,
                   candidate_id=str(left["id"]))

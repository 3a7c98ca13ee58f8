"""Rules that read award history: the household culture streak (B-14), repeated exemplars,
and the number of award years the ranking scores.

History comes from the unit's "Lịch sử khen thưởng" sheet (``cons.history``) and,
when a history store is given, from earlier runs (``HistoryLookup``).
"""

from __future__ import annotations

from collections.abc import Sequence

from exemplars.catalogue import ALREADY_EXEMPLAR, PLAN_BOUND_DEFAULTS
from exemplars.columns import criterion_column
from exemplars.domain import SubjectKind
from exemplars.findings import Severity
from exemplars.register import Row, kind_of, who
from exemplars.results import Consolidation, HistoryLookup
from exemplars.rulebook.schema import Rulebook
from exemplars.validate.collector import Findings
from exemplars.vi.text import fold

DEFAULT_RULE_HOUSEHOLD = PLAN_BOUND_DEFAULTS["household_culture"]


def awards_of(row: Row, cons: Consolidation, history: HistoryLookup | None) -> list[tuple[int, str]]:
    """(year, title) of every award known for the candidate, without duplicates, sorted."""
    found: set[tuple[int, str]] = set(cons.awards_by_candidate().get(str(row["id"]), ()))
    if history is not None:
        for year, title in history.award_titles(dict(row)):
            found.add((int(year), str(title).strip()))
    return sorted(found)


def award_years(row: Row, cons: Consolidation, rulebook: Rulebook, history: HistoryLookup | None) -> int:
    """Distinct years with an award in the scoring window (the ``award_history_years`` before the run year)."""
    window = rulebook.scoring.award_history_years
    first = cons.year - window
    return len({y for y, _ in awards_of(row, cons, history) if first <= y < cons.year})


def consecutive_years_to(years: set[int], last: int) -> int:
    """Length of the run of consecutive years ending at ``last`` (0 when ``last`` is missing)."""
    count = 0
    while last - count in years:
        count += 1
    return count


def _matches(title: str, wanted: list[str]) -> bool:
    folded = fold(title)
    return any(fold(w) and fold(w) in folded for w in wanted)


def _household_rule_id(rulebook: Rulebook, kinds: list[SubjectKind]) -> tuple[str, str]:
    """(rule id, register column) of the plan's household culture criterion."""
    for kind in kinds:
        for criterion in rulebook.criteria_for(kind):
            if "gia dinh van hoa" in fold(criterion.text):
                return criterion.id, criterion_column(criterion.id)
    return DEFAULT_RULE_HOUSEHOLD, "name"


def check_household_culture(findings: Findings, rows: Sequence[Row], rulebook: Rulebook, cons: Consolidation,
                            history: HistoryLookup | None) -> None:
    """B-14: "gia đình văn hóa" several consecutive years up to last year (or this year), or an outstanding title."""
    rule = rulebook.cross_rules.household_culture
    if rule is None:
        return
    rule_id, key = _household_rule_id(rulebook, rule.applies_to)
    for row in sorted(rows, key=lambda r: str(r["id"])):
        if kind_of(row) not in rule.applies_to:
            continue
        awards = awards_of(row, cons, history)
        outstanding = sorted({y for y, t in awards if _matches(t, rule.outstanding_titles)})
        if outstanding:
            continue
        years = {y for y, t in awards if _matches(t, rule.titles) and y <= cons.year}
        streak = max(consecutive_years_to(years, cons.year), consecutive_years_to(years, cons.year - 1))
        if streak >= rule.min_consecutive_years:
            continue
        title = rule.titles[0] if rule.titles else "gia đình văn hóa"
        shown = ", ".join(str(y) for y in sorted(years)) or "không có"
        findings.add(row, key, rule_id, Severity.ERROR,
                     f"{who(row)}: cần đạt «{title}» ít nhất {rule.min_consecutive_years} năm liên tục đến năm "
                     f"{cons.year - 1} (hoặc «{rule.outstanding_titles[0] if rule.outstanding_titles else title}»); "
                     f"lịch sử khen thưởng chỉ có {streak} năm liên tục (các năm: {shown}).",
                     reason=f"chưa đủ {rule.min_consecutive_years} năm liên tục đạt «{title}»",
                     value=shown)


def check_repeated_exemplars(findings: Findings, rows: Sequence[Row], cons: Consolidation,
                             history: HistoryLookup | None) -> None:
    """A candidate already selected in earlier runs: a warning for last year, a notice for older years."""
    if history is None:
        return
    for row in sorted(rows, key=lambda r: str(r["id"])):
        years = sorted({int(y) for y in history.selected_years(dict(row)) if int(y) < cons.year})
        if not years:
            continue
        listed = ", ".join(str(y) for y in years)
        severity = Severity.WARNING if years[-1] == cons.year - 1 else Severity.NOTICE
        findings.add(row, "name", ALREADY_EXEMPLAR, severity,
                     f"{who(row)} đã là điển hình tiên tiến năm {listed}; Hội đồng cân nhắc khi lựa chọn lại.",
                     value=listed)


def check_history(findings: Findings, rows: Sequence[Row], rulebook: Rulebook, cons: Consolidation,
                  history: HistoryLookup | None) -> None:
    check_household_culture(findings, rows, rulebook, cons, history)
    check_repeated_exemplars(findings, rows, cons, history)

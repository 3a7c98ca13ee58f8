"""The validation rules' collector: each finding becomes a ``Finding`` at the unit's own cell,
and the blocking reasons of each candidate are kept for the eligibility table."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from exemplars.findings import Finding, Severity, short_value
from exemplars.register import Row, label_value
from exemplars.results import Consolidation


class Findings:
    """Collects problems and, per candidate, the Vietnamese reasons that block eligibility."""

    def __init__(self, cons: Consolidation):
        self.cons = cons
        self.problems: list[Finding] = []
        self.blocking: dict[str, list[str]] = defaultdict(list)

    def add(
        self,
        row: Row,
        key: str,
        rule_id: str,
        severity: Severity,
        message: str,
        *,
        reason: str = "",
        value: Any = None,
    ) -> None:
        """Record one finding on field ``key`` of ``row``; an error also blocks the candidate."""
        shown = value if value is not None else (label_value(row, key) if key else "")
        self.problems.append(
            Finding(
                severity=severity,
                rule_id=rule_id,
                message=message,
                file=str(row.get("source_file") or ""),
                sheet=str(row.get("source_sheet") or ""),
                cell=self.cons.cell(row, key) if key and row.get("source_file") else "",
                value=short_value(shown),
                candidate_id=str(row.get("id") or ""),
                unit_code=str(row.get("unit_code") or ""),
            )
        )
        if severity is Severity.ERROR:
            self.blocking[str(row.get("id"))].append(reason or message)

    def is_blocked(self, candidate_id: str) -> bool:
        return bool(self.blocking.get(candidate_id))

    def reasons(self, candidate_id: str) -> str:
        seen: list[str] = []
        for reason in self.blocking.get(candidate_id, []):
            if reason not in seen:
                seen.append(reason)
        return "; ".join(seen)

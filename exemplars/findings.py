"""Problems found in the data are data: one ``Finding`` each.

Each names the file, sheet, cell, value, rule id (a code of ``exemplars.catalogue`` or of the
rulebook) and carries a Vietnamese message and a severity.  The reader, the safety gate, the
validators, the vote reader and selection all report ``Finding`` records; stages return lists of
them (``problems``); nothing is raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, ConfigDict


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return {"error": "Lỗi", "warning": "Cảnh báo", "notice": "Ghi chú"}[self.value]


class Finding(BaseModel):
    """One finding.  ``cell`` is an A1 reference in ``sheet`` of ``file`` ("" when file-level)."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    rule_id: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    value: str = ""
    candidate_id: str = ""
    unit_code: str = ""

    def location(self) -> str:
        """Human-readable place, e.g. ``phong_kh.xlsx › Danh sách đề xuất › E12``."""
        return " › ".join(p for p in (self.file, self.sheet, self.cell) if p)


def count_by_severity(problems: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "notice": n}`` (all three keys always present)."""
    c = Counter(p.severity.value for p in problems)
    return {s.value: c.get(s.value, 0) for s in Severity}


def short_value(value: object, limit: int = 200) -> str:
    """A cell value as text for a problem record, cut to ``limit`` characters."""
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Reporting periods of the yearly cycle: quarters, 6 months, 9 months and the year.

Codes are stable text used in the history store and on the command line:
``2026-Q1`` … ``2026-Q4``, ``2026-6T`` (6 tháng đầu năm), ``2026-9T`` (9 tháng),
``2026`` or ``2026-N`` (cả năm).  The run settings' style (``"nam"``, ``"6_thang"``,
``"9_thang"`` plus a year) is accepted too.  6 and 9 months are cumulative from
1 January, as in the plans' "đánh giá định kỳ 6 tháng, 9 tháng và năm".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from exemplars.errors import InputError
from exemplars.rulebook.schema import PeriodKind

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_CODE = re.compile(r"^\s*(\d{4})\s*(?:[-_/ ]\s*(Q[1-4]|6T|9T|N))?\s*$", re.IGNORECASE)
_SETTINGS_KINDS: dict[str, PeriodKind] = {"nam": "nam", "6_thang": "6_thang", "9_thang": "9_thang"}
_CODE_KINDS: dict[str, PeriodKind] = {"6T": "6_thang", "9T": "9_thang", "N": "nam"}
_KIND_ORDER = {"quy": 0, "6_thang": 1, "9_thang": 2, "nam": 3}


@dataclass(frozen=True)
class Period:
    """One reporting period of one year (``quarter`` only for ``kind == "quy"``)."""

    kind: PeriodKind
    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.kind == "quy" and self.quarter not in (1, 2, 3, 4):
            raise InputError(f"Quý phải từ 1 đến 4 (nhận được: {self.quarter}).")
        if self.kind != "quy" and self.quarter is not None:
            raise InputError("Chỉ kỳ báo cáo theo quý mới có số quý.")
        if not 2000 <= self.year <= 2100:
            raise InputError(f"Năm {self.year} nằm ngoài khoảng 2000–2100.")

    @property
    def _quarter(self) -> int:
        """The quarter of a "quy" period (checked when the period is made)."""
        if self.quarter is None:
            raise ValueError(f"{self.kind} period of {self.year} has no quarter")
        return self.quarter

    @property
    def start(self) -> dt.date:
        if self.kind == "quy":
            return dt.date(self.year, 3 * (self._quarter - 1) + 1, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = {"quy": 3 * (self.quarter or 0), "6_thang": 6, "9_thang": 9, "nam": 12}[self.kind]
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        """Stable code stored in the history: ``2026-Q1``, ``2026-6T``, ``2026-9T``, ``2026``."""
        suffix = {"quy": f"-Q{self.quarter}", "6_thang": "-6T", "9_thang": "-9T", "nam": ""}[self.kind]
        return f"{self.year}{suffix}"

    @property
    def label(self) -> str:
        """Vietnamese label for titles, e.g. ``Quý I năm 2026``, ``6 tháng đầu năm 2026``."""
        if self.kind == "quy":
            return f"Quý {_ROMAN[self._quarter]} năm {self.year}"
        if self.kind == "6_thang":
            return f"6 tháng đầu năm {self.year}"
        if self.kind == "9_thang":
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"

    @property
    def short_label(self) -> str:
        """Compact label for chart categories: ``Quý I``, ``6 tháng``, ``9 tháng``, ``Cả năm``."""
        return {"quy": f"Quý {_ROMAN.get(self.quarter or 0, '')}", "6_thang": "6 tháng",
                "9_thang": "9 tháng", "nam": "Cả năm"}[self.kind]

    @property
    def settings_period(self) -> str:
        """The ``RunSettings.period`` value for this period."""
        return self.code if self.kind == "quy" else self.kind

    def sort_key(self) -> tuple[int, dt.date, int]:
        return (self.year, self.end, _KIND_ORDER[self.kind])

    def contains(self, other: "Period") -> bool:
        """True when ``other`` lies entirely within this period (a period contains itself)."""
        return self.start <= other.start and other.end <= self.end

    def previous(self) -> "Period":
        """The period of the same kind just before: Q1 → Q4 of last year, 6T/9T/year → last year's."""
        if self.kind == "quy":
            if self.quarter == 1:
                return Period("quy", self.year - 1, 4)
            return Period("quy", self.year, self._quarter - 1)
        return Period(self.kind, self.year - 1)

    def __str__(self) -> str:
        return self.code


def parse_period(text: str, year: int | None = None) -> Period:
    """A period from its code (``2026-Q1``, ``2026-6T``, ``2026-9T``, ``2026``, ``2026-N``)
    or from the run settings' style (``nam``, ``6_thang``, ``9_thang``, ``Q1``) with ``year``."""
    raw = (text or "").strip()
    key = raw.lower()
    if key in _SETTINGS_KINDS:
        if year is None:
            raise InputError(f"Kỳ báo cáo «{raw}» cần kèm theo năm (ví dụ: {key} năm 2026).")
        return Period(_SETTINGS_KINDS[key], year)
    if re.fullmatch(r"q[1-4]", key):
        if year is None:
            raise InputError(f"Kỳ báo cáo «{raw}» cần kèm theo năm (ví dụ: 2026-{raw.upper()}).")
        return Period("quy", year, int(key[1]))
    match = _CODE.match(raw)
    if not match:
        raise InputError(
            f"Kỳ báo cáo «{raw}» không hợp lệ. Dùng một trong các dạng: 2026-Q1 … 2026-Q4 (quý), "
            "2026-6T (6 tháng), 2026-9T (9 tháng), 2026 hoặc 2026-N (năm)."
        )
    y = int(match.group(1))
    part = (match.group(2) or "N").upper()
    if year is not None and year != y:
        raise InputError(f"Kỳ báo cáo «{raw}» thuộc năm {y}, không khớp với năm {year}.")
    if part.startswith("Q"):
        return Period("quy", y, int(part[1]))
    return Period(_CODE_KINDS[part], y)


def period_of_settings(period: str, year: int) -> Period:
    """The period of a run from ``RunSettings.period`` and ``RunSettings.year``."""
    return parse_period(period, year)


def periods_of_year(year: int) -> list[Period]:
    """Every period of a year in report order: Q1, Q2, 6T, Q3, 9T, Q4, year."""
    quarters = [Period("quy", year, q) for q in (1, 2, 3, 4)]
    cumulative = [Period("6_thang", year), Period("9_thang", year), Period("nam", year)]
    return sorted(quarters + cumulative, key=Period.sort_key)

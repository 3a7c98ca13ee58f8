"""Deadline tracker: which units sent their workbook for a period on time, late, or not yet.

Due dates come from the rulebook's ``[[deadlines]]`` (a fixed day and month, or the
period end plus ``offset_days``).  A unit's "received" day is, in this order:

1. the day the office recorded receiving the file (its receipt book, ``FileRecord.received_on``);
2. the «Ngày lập» the unit wrote on its list (``prepared_on``), said so on the tracker;
3. only as a last resort the file's modification time, said so too: a file copied or
   saved again carries the day of the copy, not the day it arrived.

The earliest readable file of the unit counts, so a corrected re-send does not make an
on-time unit late.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from exemplars.domain import LabelledEnum, Unit
from exemplars.periods import Period
from exemplars.results import FileRecord, FileStatus
from exemplars.rulebook.schema import Deadline, Rulebook
from exemplars.vi.notation import format_date

#: Files that show the unit did send its list (an unreadable file does not count as sent).
SENT_STATUSES = (FileStatus.RECEIVED, FileStatus.EMPTY, FileStatus.OLD_TEMPLATE, FileStatus.SUPERSEDED)
#: Days given in a reminder to send a missing list.
REMINDER_GRACE_DAYS = 5


class ReceivedBasis(LabelledEnum):
    """Where a unit's received day comes from (shown beside it on the tracker)."""

    OFFICE = ("office", "Văn phòng ghi nhận ngày nhận")
    PREPARED = ("prepared", "Theo «Ngày lập» trên danh sách (Văn phòng chưa ghi ngày nhận)")
    MODIFIED = ("modified", "Theo thời điểm lưu tệp (không có ngày nhận, ngày lập)")


class DeadlineState(LabelledEnum):
    ON_TIME = ("on_time", "Đúng hạn")
    LATE = ("late", "Gửi muộn")
    MISSING = ("missing", "Chưa gửi, quá hạn")
    NOT_DUE = ("not_due", "Chưa gửi, chưa đến hạn")


@dataclass(frozen=True)
class DeadlineRow:
    """One unit against one deadline of a period."""

    unit: Unit
    deadline: Deadline
    due: dt.date
    state: DeadlineState
    received: dt.date | None
    days_overdue: int
    files: tuple[str, ...]
    reminder: str
    basis: ReceivedBasis | None = None

    @property
    def needs_reminder(self) -> bool:
        return self.state in (DeadlineState.LATE, DeadlineState.MISSING)


def due_date(deadline: Deadline, period: Period) -> dt.date:
    """The date ``deadline`` falls on for ``period`` (a day beyond the month's end is its last day)."""
    if deadline.month is not None:
        last = calendar.monthrange(period.year, deadline.month)[1]
        return dt.date(period.year, deadline.month, min(deadline.day or last, last))
    return period.end + dt.timedelta(days=deadline.offset_days)


def deadlines_for(rulebook: Rulebook, period: Period, who: str = "units") -> list[Deadline]:
    """The rulebook's deadlines of ``period``'s kind for ``who`` ("units", "blocs" or "office")."""
    return [d for d in rulebook.deadlines if d.period == period.kind and d.who == who]


def received_day(f: FileRecord) -> tuple[dt.date | None, ReceivedBasis | None]:
    """The day ``f`` counts as received and where that day comes from."""
    if f.received_on is not None:
        return f.received_on, ReceivedBasis.OFFICE
    if f.prepared_on is not None:
        return f.prepared_on, ReceivedBasis.PREPARED
    if f.modified is not None:
        return f.modified.date(), ReceivedBasis.MODIFIED
    return None, None


@dataclass
class _Received:
    day: dt.date | None = None
    basis: ReceivedBasis | None = None
    paths: tuple[str, ...] = ()


def _received_by_unit(files: Iterable[FileRecord]) -> dict[str, _Received]:
    found: dict[str, _Received] = {}
    for f in files:
        if not f.unit_code or f.status not in SENT_STATUSES:
            continue
        seen = found.setdefault(f.unit_code, _Received())
        day, basis = received_day(f)
        if day is not None and (seen.day is None or day < seen.day):
            seen.day, seen.basis = day, basis
        seen.paths += (f.path,)
    return found


def deadline_state(first: dt.date | None, sent: bool, due: dt.date, today: dt.date) -> tuple[DeadlineState, int]:
    """(state, days overdue) of one unit against one deadline; a file without a received day counts as on time.
    ``first`` is a day or a moment (a file's modification time)."""
    if sent:
        day = first if first is not None else due
        if isinstance(day, dt.datetime):
            day = day.date()
        overdue = max(0, (day - due).days)
        return (DeadlineState.LATE if overdue else DeadlineState.ON_TIME), overdue
    overdue = max(0, (today - due).days)
    return (DeadlineState.MISSING if today > due else DeadlineState.NOT_DUE), overdue


def deadline_status(rulebook: Rulebook, period: Period, files: list[FileRecord], units: list[Unit],
                    today: dt.date) -> list[DeadlineRow]:
    """Every unit against every units' deadline of the period, in the units' order."""
    received = _received_by_unit(files)
    rows = []
    for deadline in deadlines_for(rulebook, period):
        due = due_date(deadline, period)
        for unit in units:
            got = received.get(unit.code, _Received())
            state, overdue = deadline_state(got.day, bool(got.paths), due, today)
            row = DeadlineRow(unit, deadline, due, state, got.day if got.paths else None, overdue, got.paths, "",
                              got.basis if got.paths else None)
            rows.append(replace(row, reminder=reminder_text(row, rulebook, period, today)))
    return rows


def reminder_text(row: DeadlineRow, rulebook: Rulebook, period: Period, today: dt.date) -> str:
    """A ready-to-send reminder in the office's official tone ("" when none is needed)."""
    if not row.needs_reminder:
        return ""
    office = f"Văn phòng {rulebook.agency}"
    opening = (f"Kính gửi: {row.unit.name}.\n"
               f"Thực hiện {rulebook.plan_title}, theo đó: «{row.deadline.label}» "
               f"kỳ {period.label}, hạn gửi là ngày {format_date(row.due)}.\n")
    if row.state is DeadlineState.MISSING:
        resend = max(today, row.due) + dt.timedelta(days=REMINDER_GRACE_DAYS)
        body = (f"Đến ngày {format_date(today)}, {office} chưa nhận được danh sách đề xuất điển hình tiên tiến "
                f"kỳ {period.label} của {row.unit.name} (đã quá hạn {row.days_overdue} ngày).\n"
                f"Đề nghị {row.unit.name} khẩn trương hoàn thiện và gửi về {office} trước ngày {format_date(resend)} "
                f"để kịp tổng hợp, báo cáo theo quy định.")
    else:
        received = format_date(row.received) if row.received else ""
        body = (f"{office} đã nhận được danh sách đề xuất điển hình tiên tiến kỳ {period.label} "
                f"của {row.unit.name} vào ngày {received}, chậm {row.days_overdue} ngày so với thời hạn.\n"
                f"Đề nghị {row.unit.name} lưu ý gửi đúng thời hạn trong các kỳ báo cáo tiếp theo.")
    return f"{opening}{body}\nTrân trọng."


def summary_counts(rows: Iterable[DeadlineRow]) -> dict[DeadlineState, int]:
    """Number of units in each state (every state present)."""
    counts = {state: 0 for state in DeadlineState}
    for row in rows:
        counts[row.state] += 1
    return counts

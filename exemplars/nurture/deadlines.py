"""Deadline tracker of the plans and progress reports: which unit sent its file on time.

Due dates come from the rulebook's ``[[nurture.deadlines]]``: the plan's fixed day, or a
period's end plus ``offset_days`` (or a fixed day).  Only units with exemplars of the year are
tracked; a unit's received time is the modification time of its earliest readable file of the
round, so a corrected re-send does not make an on-time unit late.

The periodic deadline tracker (``exemplars.history.reports``) also follows the plans and progress
reports due in its period (``nurture_deadline_rows``): the period kind's deadlines, and the plans'
deadline in every period its day falls in, with the files of the round recorded for that period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from exemplars.history.deadlines import DeadlineState, deadline_state
from exemplars.history.store import HistoryStore
from exemplars.nurture import store as nstore
from exemplars.periods import Period
from exemplars.rulebook.schema import NurtureDeadline, Rulebook


@dataclass(frozen=True)
class SentFile:
    unit_code: str
    path: str
    modified: dt.datetime | None
    readable: bool


@dataclass(frozen=True)
class NurtureDeadlineRow:
    unit_code: str
    unit_name: str
    deadline: NurtureDeadline
    due: dt.date
    state: DeadlineState
    received: dt.datetime | None
    days_overdue: int
    files: tuple[str, ...]


def due_on(deadline: NurtureDeadline, year: int, period: Period | None) -> dt.date:
    """The day ``deadline`` falls on in ``year`` (for a period round: its end plus the offset, or the fixed day)."""
    if deadline.month is not None and deadline.day is not None:
        day = deadline.day
        while True:  # 31/02 → the month's last day
            try:
                return dt.date(year, deadline.month, day)
            except ValueError:
                day -= 1
    end = period.end if period is not None else dt.date(year, 12, 31)
    return end + dt.timedelta(days=deadline.offset_days)


def deadlines_of_round(rulebook: Rulebook, round_kind: str) -> list[NurtureDeadline]:
    return [d for d in rulebook.nurture.deadlines if d.round == round_kind]


def tracker_rows(rulebook: Rulebook, round_kind: str, year: int, period: Period | None,
                 units: Iterable[tuple[str, str]], files: Iterable[SentFile], today: dt.date) -> list[NurtureDeadlineRow]:
    """Every unit (code, name) against every deadline of the round."""
    sent: dict[str, tuple[dt.datetime | None, list[str]]] = {}
    for f in files:
        if not f.readable or not f.unit_code:
            continue
        first, paths = sent.get(f.unit_code, (None, []))
        if f.modified is not None and (first is None or f.modified < first):
            first = f.modified
        sent[f.unit_code] = (first, paths + [f.path])
    rows = []
    unit_list = list(units)
    for d in deadlines_of_round(rulebook, round_kind):
        due = due_on(d, year, period)
        for code, name in unit_list:
            first, paths = sent.get(code, (None, []))
            state, overdue = deadline_state(first, bool(paths), due, today)
            rows.append(NurtureDeadlineRow(code, name, d, due, state, first if paths else None, overdue,
                                           tuple(paths)))
    return rows


def _files(store: HistoryStore, rulebook: Rulebook, year: int, code: str) -> list[SentFile]:
    found = [r for r in nstore.rounds(store, rulebook.id, year) if r.code == code]
    if not found:
        return []
    return [SentFile(f["unit_code"], f["path"], dt.datetime.fromisoformat(f["modified"]) if f["modified"] else None,
                     f["status"] != "error") for f in nstore.round_rows(store, "nurture_files", found[-1].id)]


def nurture_deadline_rows(store: HistoryStore, rulebook: Rulebook, period: Period,
                          today: dt.date) -> list[NurtureDeadlineRow]:
    """The plans' and progress reports' deadlines falling in ``period`` (none without exemplars)."""
    if not rulebook.nurture.deadlines:
        return []
    _run, exemplars = nstore.exemplars_of_year(store, rulebook.id, period.year)
    if not exemplars:
        return []
    units = list(dict.fromkeys((e.unit_code, e.unit_name) for e in exemplars))
    rows = tracker_rows(rulebook, period.kind, period.year, period, units,
                        _files(store, rulebook, period.year, period.code), today)
    plan_due = [d for d in deadlines_of_round(rulebook, "plan")
                if period.start <= due_on(d, period.year, None) <= period.end]
    if plan_due:
        rows = tracker_rows(rulebook, "plan", period.year, None, units,
                            _files(store, rulebook, period.year, nstore.round_code("plan", period.year)), today) + rows
    return rows

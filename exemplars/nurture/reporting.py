"""What the periodic reports (``exemplars.history.reports``) ask of the nurturing rounds.

The deadline tracker of a period also follows the plans and progress reports due in it: the
units with exemplars of the year against the rulebook's ``[[nurture.deadlines]]`` of the period's
kind, and the plans' deadline in every period its day falls in, with the files of the round
recorded for that period (the plans' round for the plans).
"""

from __future__ import annotations

import datetime as dt

from exemplars.history.periods import Period
from exemplars.history.store import HistoryStore
from exemplars.nurture import store as nstore
from exemplars.nurture.deadlines import NurtureDeadlineRow, SentFile, deadlines_of_round, due_on, tracker_rows
from exemplars.rulebook.schema import Rulebook


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

"""What the periodic reports show, read from the history store.

A period's figures come from the latest run of every period that lies within it:
the 9-month report covers the runs of Q1, Q2, 6 months, Q3 and 9 months that exist.
A candidate proposed in several of those runs counts once (matched on the match
key); the most recent run's details win, and the candidate counts as selected when
any of them selected it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exemplars.domain import SubjectKind, Unit
from exemplars.history.deadlines import SENT_STATUSES, DeadlineRow, deadline_status
from exemplars.history.store import HistoryStore, RunInfo
from exemplars.periods import Period, periods_of_year
from exemplars.results import FileRecord, FileStatus
from exemplars.rulebook.schema import Rulebook

if TYPE_CHECKING:  # the nurture package reads the history store too; only its types are needed here
    from exemplars.nurture.deadlines import NurtureDeadlineRow
    from exemplars.nurture.sheets import NurtureSection

NO_BLOC = "(Chưa xếp khối thi đua)"
NO_FIELD = "(Chưa ghi lĩnh vực)"


@dataclass
class CandidateLine:
    """One candidate of the period, merged over the runs that proposed it."""

    match_key: str
    name: str
    kind: SubjectKind | None
    unit_code: str
    unit_name: str
    field: str
    movement: str
    achievements: str
    eligible: bool | None
    reasons: str
    score: float | None
    # dataclasses.field by its full name: the record has a field called "field"
    periods: list[Period] = dataclasses.field(default_factory=list)
    selected_in: list[Period] = dataclasses.field(default_factory=list)
    reward_label: str = ""
    amount: int = 0

    @property
    def selected(self) -> bool:
        return bool(self.selected_in)


@dataclass
class TrendPoint:
    period: Period
    run_id: int
    candidates: int
    eligible: int
    selected: int


@dataclass
class PeriodData:
    rulebook: Rulebook
    period: Period
    today: dt.date
    runs: list[RunInfo]
    exact_run: RunInfo | None
    tracked_run: RunInfo | None
    units: list[Unit]
    candidates: list[CandidateLine]
    trend: list[TrendPoint]
    tracker: list[DeadlineRow]
    sent_units: set[str]
    #: the nurturing work as of the period's end (B-28..B-30), and the plans' / progress reports' deadlines
    nurture: NurtureSection | None = None
    nurture_tracker: list[NurtureDeadlineRow] = dataclasses.field(default_factory=list)

    @property
    def selected(self) -> list[CandidateLine]:
        return [c for c in self.candidates if c.selected]

    def bloc_of(self, unit_code: str) -> str:
        unit = next((u for u in self.units if u.code == unit_code), None)
        return (unit.bloc if unit else "") or NO_BLOC

    def by_unit(self) -> list[tuple[Unit, list[CandidateLine]]]:
        """Every unit in the unit list's order, then any unit only the register knows."""
        known = [(u, [c for c in self.candidates if c.unit_code == u.code]) for u in self.units]
        codes = {u.code for u in self.units}
        extra: dict[str, list[CandidateLine]] = {}
        for c in self.candidates:
            if c.unit_code not in codes:
                extra.setdefault(c.unit_code, []).append(c)
        return known + [(Unit(code=code or "?", name=lines[0].unit_name or code or "?"), lines)
                        for code, lines in extra.items()]

    def by_field(self) -> list[tuple[str, int, int]]:
        """(field, candidates, selected) ordered by the rulebook's fields, then others."""
        order = list(self.rulebook.fields)
        counts: dict[str, list[int]] = {}
        for c in self.candidates:
            slot = counts.setdefault(c.field or NO_FIELD, [0, 0])
            slot[0] += 1
            slot[1] += int(c.selected)
        names = [f for f in order if f in counts] + sorted(f for f in counts if f not in order)
        return [(f, counts[f][0], counts[f][1]) for f in names]


def _kind(code: str) -> SubjectKind | None:
    try:
        return SubjectKind(code)
    except ValueError:
        return None


def _files(store: HistoryStore, run: RunInfo | None) -> list[FileRecord]:
    if run is None:
        return []
    return [FileRecord(path=f["path"], sha256=f["sha256"], status=FileStatus(f["status"]),
                       unit_code=f["unit_code"], unit_name=f["unit_name"], candidates=f["candidates"],
                       modified=dt.datetime.fromisoformat(f["modified"]) if f["modified"] else None,
                       message=f["message"],
                       prepared_on=dt.date.fromisoformat(f["prepared_on"]) if f["prepared_on"] else None,
                       received_on=dt.date.fromisoformat(f["received_on"]) if f["received_on"] else None)
            for f in store.rows("files", run.id)]


def _units(store: HistoryStore, runs: list[RunInfo], rulebook: Rulebook) -> list[Unit]:
    """The unit list of the most recent run (it may come from a units file), else the rulebook's."""
    for run in sorted(runs, key=lambda r: r.id, reverse=True):
        rows = store.rows("run_units", run.id)
        if rows:
            return [Unit(code=u["code"], name=u["name"], bloc=u["bloc"]) for u in rows]
    return list(rulebook.units)


def _merge(store: HistoryStore, runs: list[RunInfo]) -> list[CandidateLine]:
    lines: dict[str, CandidateLine] = {}
    for run in sorted(runs, key=lambda r: (r.period.sort_key(), r.id)):
        chosen = {s["candidate_id"]: s for s in store.rows("selections", run.id)}
        for row in store.rows("candidates", run.id):
            old = lines.get(row["match_key"])
            line = CandidateLine(
                match_key=row["match_key"], name=row["name"], kind=_kind(row["kind"]), unit_code=row["unit_code"],
                unit_name=row["unit_name"], field=row["field"], movement=row["movement"],
                achievements=row["achievements"],
                eligible=None if row["eligible"] is None else bool(row["eligible"]), reasons=row["reasons"],
                score=row["score"], periods=(old.periods if old else []) + [run.period],
                selected_in=list(old.selected_in) if old else [],
                reward_label=old.reward_label if old else "", amount=old.amount if old else 0,
            )
            pick = chosen.get(row["candidate_id"])
            if pick is not None:
                line.selected_in.append(run.period)
                line.reward_label, line.amount = pick["reward_label"], pick["amount"]
            lines[row["match_key"]] = line
    return list(lines.values())


def _trend(runs: list[RunInfo], store: HistoryStore) -> list[TrendPoint]:
    points = []
    for run in sorted(runs, key=lambda r: r.period.sort_key()):
        eligible = store.conn.execute("SELECT COUNT(*) FROM candidates WHERE run_id = ? AND eligible = 1",
                                      (run.id,)).fetchone()[0]
        points.append(TrendPoint(run.period, run.id, run.candidate_count, eligible, run.selected_count))
    return points


def gather(store: HistoryStore, rulebook: Rulebook, period: Period, today: dt.date) -> PeriodData:
    """Everything the reports of ``period`` need, from the latest runs of the rulebook."""
    year_runs = store.runs(year=period.year, rulebook_id=rulebook.id, latest_only=True)
    runs = [r for r in year_runs if period.contains(r.period)]
    exact = next((r for r in reversed(runs) if r.period == period), None)
    # Without a run of its own, a 6-month / 9-month / year period is tracked on the run that closes it
    # (Q2, Q3, Q4): the units' files of that run answer both deadlines.
    closing = exact or next((r for r in reversed(runs) if r.period.end == period.end), None)
    units = _units(store, runs or year_runs, rulebook)
    files = _files(store, closing)
    sent = {f.unit_code for f in files if f.unit_code and f.status in SENT_STATUSES}
    known = {p.code for p in periods_of_year(period.year)}
    return PeriodData(
        rulebook=rulebook, period=period, today=today, runs=runs, exact_run=exact, tracked_run=closing, units=units,
        candidates=_merge(store, runs),
        trend=_trend([r for r in year_runs if r.period.code in known], store),
        tracker=deadline_status(rulebook, period, files, units, today), sent_units=sent,
    )

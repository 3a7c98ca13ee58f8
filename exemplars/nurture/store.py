"""Nurturing rounds in the history store (tables ``nurture_*``, migration 3).

The exemplars of a year are the selections of the rulebook's latest run of that year that
selected any.  Each round (the plans, then the 6-month, 9-month and annual progress reports) is
written in one transaction; a re-collected round is added and marked ``latest``, the older one
stays, so nothing recorded is ever lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from exemplars.domain import SubjectKind
from exemplars.history.store import HistoryStore
from exemplars.nurture import layout as L
from exemplars.nurture.model import Action, Adoption, Exemplar, NurtureStatus, Place, PlanEntry, UnitPlan
from exemplars.nurture.progress import RoundResult
from exemplars.periods import Period, parse_period

PLAN_SUFFIX = "KH"
#: Unit code of exemplars whose unit the registration could not tell (a file name must stay valid on Windows).
UNKNOWN_UNIT = "CHUA-RO"


def round_code(round_kind: str, year: int, period: Period | None = None) -> str:
    """``2026-KH`` for the plans, else the period's code (``2026-6T``, ``2026-9T``, ``2026``, ``2026-Q3``)."""
    return f"{year}-{PLAN_SUFFIX}" if round_kind == "plan" or period is None else period.code


def round_label(code: str) -> str:
    """Vietnamese label: ``Kế hoạch năm 2026``, ``6 tháng đầu năm 2026`` …"""
    if code.endswith(f"-{PLAN_SUFFIX}"):
        return f"Kế hoạch năm {code[:4]}"
    return parse_period(code).label


def round_short_label(code: str) -> str:
    return "Kế hoạch" if code.endswith(f"-{PLAN_SUFFIX}") else parse_period(code).short_label


@dataclass(frozen=True)
class RoundInfo:
    id: int
    rulebook_id: str
    year: int
    code: str
    kind: str
    as_of: dt.date
    recorded_at: str
    latest: bool

    @property
    def label(self) -> str:
        return round_label(self.code)

    @property
    def short_label(self) -> str:
        return round_short_label(self.code)


def _kind(code: str) -> SubjectKind | None:
    try:
        return SubjectKind(code)
    except ValueError:
        return None


def exemplars_of_year(store: HistoryStore, rulebook_id: str, year: int) -> tuple[int | None, list[Exemplar]]:
    """(run id, exemplars) of the latest run of ``year`` that selected any; (None, []) when none did."""
    runs = [r for r in store.runs(year=year, rulebook_id=rulebook_id, latest_only=True) if r.selected_count]
    if not runs:
        return None, []
    run = max(runs, key=lambda r: r.id)
    candidates = {c["candidate_id"]: c for c in store.rows("candidates", run.id)}
    details = {d["candidate_id"]: d for d in store.rows("candidate_details", run.id)}
    out = []
    for s in store.rows("selections", run.id):
        c = candidates.get(s["candidate_id"], {})
        d = details.get(s["candidate_id"], {})
        out.append(Exemplar(code=s["candidate_id"], match_key=s["match_key"], name=c.get("name", ""),
                            kind=_kind(c.get("kind", "")), unit_code=c.get("unit_code") or UNKNOWN_UNIT,
                            unit_name=c.get("unit_name", ""), field=c.get("field", ""),
                            achievements=c.get("achievements", ""), model=d.get("initiative", ""),
                            effect=d.get("effectiveness", "")))
    return run.id, out


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def record_round(store: HistoryStore, rulebook_id: str, year: int, result: RoundResult, folder: str,
                 selection_run: int | None) -> int:
    """Write one round and everything it found in one transaction; returns the round id."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE nurture_rounds SET latest = 0 WHERE rulebook_id = ? AND year = ? AND round = ?",
                     (rulebook_id, year, result.round_code))
        cur = conn.execute(
            "INSERT INTO nurture_rounds (recorded_at, rulebook_id, year, round, round_kind, as_of, folder, "
            "selection_run, latest) VALUES (?,?,?,?,?,?,?,?,1)",
            (now, rulebook_id, year, result.round_code, result.round_kind, result.as_of.isoformat(), folder,
             selection_run))
        rid = cur.lastrowid
        for p in result.exemplars:
            e, entry = p.exemplar, p.entry
            conn.execute("INSERT INTO nurture_exemplars VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                rid, e.code, e.match_key, e.unit_code, e.unit_name, e.name, e.kind.value if e.kind else "", e.field,
                e.achievements, entry.model if entry else e.model, entry.effect if entry else e.effect,
                entry.leader_name if entry else "", entry.leader_position if entry else "",
                entry.channels if entry else "", entry.evidence if entry else "", p.status.value,
                p.done, p.late, p.pending, len(p.adopters)))
            conn.executemany(
                "INSERT INTO nurture_actions (round_id, code, what, who, due, expected, done_on, result, state, "
                "source_file, source_row) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(rid, e.code, a.what, a.who, _date(a.due), a.expected, _date(a.done_on), a.result,
                  a.state(result.as_of).value, a.place.file if a.place else "", a.place.row if a.place else None)
                 for a in p.actions])
            conn.executemany(
                "INSERT INTO nurture_adoptions (round_id, code, place, since, result, counted, source_file, "
                "source_row) VALUES (?,?,?,?,?,?,?,?)",
                [(rid, e.code, a.place_name, _date(a.since), a.result, int(a.counted(result.as_of)),
                  a.place.file if a.place else "", a.place.row if a.place else None) for a in p.adoptions])
        conn.executemany("INSERT INTO nurture_files VALUES (?,?,?,?,?,?,?)", [
            (rid, f.path, f.sha256, f.unit_code, f.status, f.modified.isoformat() if f.modified else None, f.message)
            for f in result.files])
        conn.executemany(
            "INSERT INTO nurture_problems (round_id, severity, rule_id, file, sheet, cell, value, message, "
            "unit_code) VALUES (?,?,?,?,?,?,?,?,?)",
            [(rid, p.severity.value, p.rule_id, p.file, p.sheet, p.cell, p.value, p.message, p.unit_code)
             for p in result.problems])
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    if rid is None:
        raise RuntimeError("nurture round was not written")
    return rid


def rounds(store: HistoryStore, rulebook_id: str, year: int, *, until: dt.date | None = None) -> list[RoundInfo]:
    """The latest record of each round of the year, in the order of their reference days."""
    rows = store.conn.execute(
        "SELECT id, rulebook_id, year, round, round_kind, as_of, recorded_at, latest FROM nurture_rounds "
        "WHERE rulebook_id = ? AND year = ? AND latest = 1 ORDER BY as_of, id", (rulebook_id, year)).fetchall()
    out = [RoundInfo(r[0], r[1], r[2], r[3], r[4], dt.date.fromisoformat(r[5]), r[6], bool(r[7])) for r in rows]
    return [r for r in out if until is None or r.as_of <= until]


def round_rows(store: HistoryStore, table: str, round_id: int) -> list[dict[str, Any]]:
    if table not in ("nurture_exemplars", "nurture_actions", "nurture_adoptions", "nurture_files", "nurture_problems"):
        raise ValueError(f"unknown nurture table {table!r}")
    cur = store.conn.execute(f"SELECT * FROM {table} WHERE round_id = ? ORDER BY rowid", (round_id,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


@dataclass(frozen=True)
class SeriesPoint:
    """One round's totals, for the charts of replication over time."""

    label: str
    as_of: dt.date
    adopters: int
    done: int
    late: int
    pending: int
    statuses: dict[str, int]


def series(store: HistoryStore, rulebook_id: str, year: int, until: dt.date | None = None) -> list[SeriesPoint]:
    out = []
    for r in rounds(store, rulebook_id, year, until=until):
        rows = round_rows(store, "nurture_exemplars", r.id)
        statuses = {s.value: sum(1 for x in rows if x["status"] == s.value) for s in NurtureStatus}
        out.append(SeriesPoint(r.short_label, r.as_of, sum(x["adopters"] for x in rows),
                               sum(x["actions_done"] for x in rows), sum(x["actions_late"] for x in rows),
                               sum(x["actions_pending"] for x in rows), statuses))
    return out


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _place(file: str, sheet: str, row: int | None, columns) -> Place | None:
    if not file or row is None:
        return None
    return Place(file, sheet, row, {k: f"{v}{row}" for k, v in L.letters(columns).items()})


def carried_plans(store: HistoryStore, rulebook_id: str, year: int,
                  before: dt.date) -> tuple[RoundInfo | None, dict[str, UnitPlan]]:
    """The plans of the latest round before ``before``, per unit, as that round recorded them."""
    earlier = [r for r in rounds(store, rulebook_id, year) if r.as_of < before]
    if not earlier:
        return None, {}
    last = earlier[-1]
    files = {f["unit_code"]: f["path"] for f in round_rows(store, "nurture_files", last.id) if f["status"] == "received"}
    plans: dict[str, UnitPlan] = {}
    units = {}
    for r in round_rows(store, "nurture_exemplars", last.id):
        units[r["code"]] = r["unit_code"]
        if r["status"] == NurtureStatus.NO_PLAN.value and not r["leader_name"] and r["unit_code"] not in files:
            continue  # nothing was ever sent for it
        plan = plans.setdefault(r["unit_code"], UnitPlan(r["unit_code"], files.get(r["unit_code"], "")))
        plan.entries[r["code"]] = PlanEntry(
            code=r["code"], leader_name=r["leader_name"], leader_position=r["leader_position"], model=r["model"],
            effect=r["effect"], channels=r["channels"], evidence=r["evidence"],
            stopped=r["status"] == NurtureStatus.STOPPED.value)
    for a in round_rows(store, "nurture_actions", last.id):
        owner = plans.get(units.get(a["code"], ""))
        if owner is not None:
            owner.actions.append(Action(a["code"], a["what"], a["who"], _day(a["due"]), a["expected"],
                                       _day(a["done_on"]), a["result"],
                                       _place(a["source_file"], L.SHEET_ACTIONS, a["source_row"], L.ACTION_COLUMNS)))
    for a in round_rows(store, "nurture_adoptions", last.id):
        owner = plans.get(units.get(a["code"], ""))
        if owner is not None:
            owner.adoptions.append(Adoption(a["code"], a["place"], _day(a["since"]), a["result"],
                                           _place(a["source_file"], L.SHEET_ADOPTIONS, a["source_row"],
                                                  L.ADOPTION_COLUMNS)))
    return last, plans

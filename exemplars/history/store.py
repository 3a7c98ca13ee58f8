"""The history store: every run of every period, kept in one SQLite file.

Nothing is ever deleted.  A re-run of the same period adds a new run and marks it
``latest`` (the older one stays, unmarked).  Each run is written in a single
transaction, so a crash mid-write leaves the store as it was before that run.
The store is opened in WAL mode with foreign keys on; its schema is versioned
(``exemplars.history.migrations``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

from exemplars.errors import InputError
from exemplars.history.identity import match_key
from exemplars.history.migrations import migrate
from exemplars.history.periods import Period, parse_period, period_of_settings
from exemplars.results import STAGE_LABELS, RunResult
from exemplars.settings import RunSettings

TABLES = ("files", "candidates", "awards", "problems", "selections", "run_units")
#: The last stage a run completed (a name of ``pipeline.STAGES``) → Vietnamese label.
RUN_STATUS_LABELS = STAGE_LABELS


@dataclass(frozen=True)
class RunInfo:
    """One row of ``runs``."""

    id: int
    started_at: str
    finished_at: str
    period: Period
    rulebook_id: str
    rulebook_version: int
    folder: str
    status: str
    latest: bool
    candidate_count: int
    selected_count: int
    reward_total: int

    @property
    def year(self) -> int:
        return self.period.year


def _plain(value: Any) -> Any:
    """A value SQLite stores as-is: None for NaN/NaT/NA, codes for enums, ISO text for dates."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _text(value: Any) -> str:
    plain = _plain(value)
    return "" if plain is None else str(plain)


def _flag(value: Any) -> int | None:
    plain = _plain(value)
    return None if plain is None else int(bool(plain))


def stage_reached(result: RunResult) -> str:
    """The last stage the run completed (a name of ``pipeline.STAGES``)."""
    if result.selection is not None:
        return "outputs" if result.outputs else "select"
    if result.ranking is not None:
        return "rank"
    return "validate" if result.assessment is not None else "consolidate"


def _inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just wrote (sqlite always has one after a single-row INSERT)."""
    if cur.lastrowid is None:
        raise sqlite3.DatabaseError("INSERT gave no row id")
    return cur.lastrowid


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class HistoryStore:
    """``with HistoryStore(path) as store: ...``; creates the file and schema on first use."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise InputError(f"Không mở được cơ sở dữ liệu lịch sử «{self.path}»: {exc}") from exc
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> "HistoryStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it (also when the process dies)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def record(self, result: RunResult, settings: RunSettings, *, started_at: str | None = None) -> int:
        """Write one run and everything it produced in one transaction; returns the run id."""
        cons = result.consolidation
        period = period_of_settings(settings.period, settings.year)
        keys = {
            str(row["id"]): match_key(row.get("name"), row.get("birth_date"), row.get("unit_code"))
            for row in cons.register.to_dict("records")
        }
        selected = []
        if result.selection is not None:
            selected = list(result.selection.selected) + list(result.selection.fast_track)
        finished = _now()
        with self._transaction() as conn:
            conn.execute("UPDATE runs SET latest = 0 WHERE rulebook_id = ? AND period = ? AND latest = 1",
                         (cons.rulebook.id, period.code))
            run_id = _inserted_id(conn.execute(
                "INSERT INTO runs (started_at, finished_at, period, period_kind, year, rulebook_id, "
                "rulebook_version, folder, settings_json, status, latest, candidate_count, selected_count, "
                "reward_total, summary_json) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)",
                (started_at or finished, finished, period.code, period.kind, period.year, cons.rulebook.id,
                 cons.rulebook.version, str(cons.folder), settings.model_dump_json(), stage_reached(result),
                 len(cons.register), len(selected),
                 result.selection.reward_total if result.selection is not None else 0,
                 json.dumps(result.summary(), ensure_ascii=False, default=str)),
            ))
            missing = {u.code for u in cons.units_missing}
            conn.executemany(
                "INSERT INTO run_units VALUES (?,?,?,?,?)",
                [(run_id, u.code, u.name, u.bloc, int(u.code in missing)) for u in cons.units],
            )
            conn.executemany(
                "INSERT INTO files (run_id, path, sha256, status, unit_code, unit_name, candidates, modified, "
                "message, prepared_on, received_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(run_id, f.path, f.sha256, f.status.value, f.unit_code, f.unit_name, f.candidates,
                  f.modified.isoformat() if f.modified else None, f.message,
                  f.prepared_on.isoformat() if f.prepared_on else None,
                  f.received_on.isoformat() if f.received_on else None) for f in cons.files],
            )
            conn.executemany(
                "INSERT INTO candidates VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                self._candidate_rows(run_id, result, keys),
            )
            conn.executemany(
                "INSERT INTO awards (run_id, candidate_id, match_key, year, title, decision_no, decision_date, "
                "issuer) VALUES (?,?,?,?,?,?,?,?)",
                self._award_rows(run_id, cons.history, keys),
            )
            conn.executemany(
                "INSERT INTO problems (run_id, severity, rule_id, file, sheet, cell, value, message, "
                "candidate_id, unit_code) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(run_id, p.severity.value, p.rule_id, p.file, p.sheet, p.cell, p.value, p.message,
                  p.candidate_id, p.unit_code) for p in result.problems],
            )
            conn.executemany(
                "INSERT INTO selections (run_id, candidate_id, match_key, track, reward_form, reward_label, "
                "amount, rank, score) VALUES (?,?,?,?,?,?,?,?,?)",
                [(run_id, c.id, keys.get(c.id) or match_key(c.name, None, c.unit_code), c.track,
                  c.reward.form_id if c.reward else "", c.reward.form_label if c.reward else "",
                  c.reward.amount if c.reward else 0, c.rank, c.score) for c in selected],
            )
        return run_id

    @staticmethod
    def _candidate_rows(run_id: int, result: RunResult, keys: Mapping[str, str]) -> Iterable[tuple]:
        assessed: dict[str, dict] = {}
        if result.assessment is not None and len(result.assessment.table):
            table = result.assessment.table
            assessed = {str(cid): rec for cid, rec in zip(table.index, table.to_dict("records"), strict=True)}
        ranked: dict[str, dict] = {}
        if result.ranking is not None and len(result.ranking.table):
            ranked = {str(r["id"]): r for r in result.ranking.table.to_dict("records")}
        for row in result.consolidation.register.to_dict("records"):
            cid = str(row["id"])
            verdict = assessed.get(cid, {})
            rank = ranked.get(cid, {})
            yield (
                run_id, cid, keys[cid], _text(row.get("unit_code")), _text(row.get("unit_name")),
                _text(row.get("subject_kind")), _text(row.get("name")), _text(row.get("birth_date")),
                _text(row.get("gender")), _text(row.get("movement")), _text(row.get("field")),
                _text(row.get("achievements")), _text(row.get("proposed_award")),
                _flag(verdict.get("eligible")), _flag(verdict.get("fast_track")), _text(verdict.get("reasons")),
                _plain(rank.get("score")), _plain(rank.get("rank")),
                _text(row.get("source_file")), _plain(row.get("source_row")),
            )

    @staticmethod
    def _award_rows(run_id: int, history: pd.DataFrame, keys: Mapping[str, str]) -> Iterable[tuple]:
        if history is None or history.empty:
            return
        for row in history.to_dict("records"):
            cid = _text(row.get("candidate_id"))
            year = _plain(row.get("year"))
            yield (run_id, cid, keys.get(cid, ""), int(year) if year is not None else None,
                   _text(row.get("title")), _text(row.get("decision_no")), _text(row.get("decision_date")),
                   _text(row.get("issuer")))

    def record_decision(self, *, name: str, birth_date: dt.date | None, unit_code: str, year: int, title: str,
                        decision_no: str = "", decision_date: dt.date | None = None, issuer: str = "",
                        note: str = "", run_id: int | None = None, candidate_id: str = "") -> int:
        """Record a decision taken after a run (e.g. the award decision); returns its id."""
        with self._transaction() as conn:
            return _inserted_id(conn.execute(
                "INSERT INTO decisions (recorded_at, run_id, match_key, candidate_id, name, year, title, "
                "decision_no, decision_date, issuer, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (_now(), run_id, match_key(name, birth_date, unit_code), candidate_id, name, year, title,
                 decision_no, decision_date.isoformat() if decision_date else "", issuer, note),
            ))

    # -- reading -------------------------------------------------------------------------

    def runs(self, *, year: int | None = None, rulebook_id: str | None = None,
             latest_only: bool = False) -> list[RunInfo]:
        """Runs, oldest first, optionally of one year / rulebook / only the latest of each period."""
        sql = ("SELECT id, started_at, finished_at, period, rulebook_id, rulebook_version, folder, status, "
               "latest, candidate_count, selected_count, reward_total FROM runs WHERE 1=1")
        args: list[Any] = []
        if year is not None:
            sql += " AND year = ?"
            args.append(year)
        if rulebook_id is not None:
            sql += " AND rulebook_id = ?"
            args.append(rulebook_id)
        if latest_only:
            sql += " AND latest = 1"
        return [
            RunInfo(r[0], r[1], r[2], parse_period(r[3]), r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11])
            for r in self.conn.execute(sql + " ORDER BY id", args)
        ]

    def latest_run(self, period: Period, rulebook_id: str | None = None) -> RunInfo | None:
        """The latest run of exactly ``period`` (of ``rulebook_id`` when given), or None."""
        runs = [r for r in self.runs(year=period.year, rulebook_id=rulebook_id, latest_only=True)
                if r.period == period]
        return runs[-1] if runs else None

    def rows(self, table: str, run_id: int) -> list[dict[str, Any]]:
        """Every row of one of ``TABLES`` for a run, as dicts in insertion order."""
        if table not in TABLES:
            raise ValueError(f"unknown history table {table!r}")
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE run_id = ? ORDER BY rowid", (run_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]

    def decisions(self, year: int | None = None) -> list[dict[str, Any]]:
        if year is None:
            cur = self.conn.execute("SELECT * FROM decisions ORDER BY id")
        else:
            cur = self.conn.execute("SELECT * FROM decisions WHERE year = ? ORDER BY id", (year,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]


def record_run(db_path: Path, result: RunResult, settings: RunSettings) -> int:
    """Record a finished run in the store at ``db_path`` (created if needed); returns the run id."""
    with HistoryStore(db_path) as store:
        return store.record(result, settings)

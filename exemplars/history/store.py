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
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

from exemplars.errors import InputError
from exemplars.history.identity import match_key
from exemplars.history.migrations import foreign_file, migrate
from exemplars.periods import Period, parse_period, period_of_settings
from exemplars.results import CONSOLIDATE, OUTPUTS, RANK, SELECT, STAGE_LABELS, VALIDATE, RunResult
from exemplars.settings import RunSettings

TABLES = ("files", "candidates", "awards", "problems", "selections", "run_units", "candidate_details")
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
        return OUTPUTS if result.outputs else SELECT
    if result.ranking is not None:
        return RANK
    return VALIDATE if result.assessment is not None else CONSOLIDATE


def _inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just wrote (sqlite always has one after a single-row INSERT)."""
    if cur.lastrowid is None:
        raise sqlite3.DatabaseError("INSERT gave no row id")
    return cur.lastrowid


def database_error(exc: sqlite3.Error, path: Path) -> InputError:
    """A Vietnamese message for an SQLite error on the store at ``path``: what happened, what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        why = ("đang bị một chương trình khác khóa quá 30 giây (ví dụ đang mở trong một trình xem cơ sở dữ "
               "liệu, hoặc một lần chạy khác đang ghi). Hãy đóng chương trình đó rồi chạy lại")
    elif "malformed" in text or "corrupt" in text:
        why = ("bị hỏng (trang dữ liệu không đọc được). Hãy chép lại tệp từ bản sao lưu gần nhất rồi chạy lại; "
               "lần chạy này không ghi gì vào tệp hỏng")
    elif "not a database" in text or "encrypted" in text:
        why = "không phải cơ sở dữ liệu lịch sử (không phải tệp SQLite). Hãy kiểm tra lại đường dẫn --history"
    elif "full" in text:
        why = "không ghi được vì ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi chạy lại"
    elif "readonly" in text or "read-only" in text:
        why = "không ghi được: tệp hoặc thư mục chứa nó chỉ đọc. Hãy cấp quyền ghi hoặc chọn tệp khác"
    elif "unable to open" in text:
        why = "không mở được (thư mục không có hoặc không có quyền). Hãy kiểm tra lại đường dẫn --history"
    else:
        why = f"gặp lỗi ({exc})"
    return InputError(f"Cơ sở dữ liệu lịch sử «{path}» {why}.")


def _checked_path(path: Path) -> Path:
    """Refuse a folder or a special file given as the store, before SQLite touches it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(f"Không mở được cơ sở dữ liệu lịch sử «{path}» ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"«{path}» là một thư mục, không phải tệp cơ sở dữ liệu lịch sử. Hãy ghi đường dẫn "
                         "của tệp, ví dụ «lich-su.sqlite» trong thư mục đó.")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"«{path}» không phải một tệp thông thường; không dùng được làm cơ sở dữ liệu lịch sử.")
    return path


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class HistoryStore:
    """``with HistoryStore(path) as store: ...``; creates the file and schema on first use."""

    def __init__(self, path: Path | str):
        self.path = _checked_path(Path(path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"Không tạo được thư mục «{self.path.parent}» cho cơ sở dữ liệu lịch sử "
                             f"({exc.strerror or exc}).") from None
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise database_error(exc, self.path) from None
        try:
            # checked before anything is written, so another program's file is left exactly as it was
            foreign = foreign_file(self.conn)
            if foreign:
                raise InputError(f"«{self.path}» không phải cơ sở dữ liệu lịch sử của chương trình ({foreign}); "
                                 "chương trình không ghi gì vào đó. Hãy kiểm tra lại đường dẫn --history.")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.Error as exc:
            self.conn.close()
            raise database_error(exc, self.path) from None
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
    def errors(self) -> Iterator[None]:
        """SQLite errors of the block become a Vietnamese ``InputError`` naming the store."""
        try:
            yield
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
            raise  # a fault of the program, not of the file: keep its own type
        except sqlite3.Error as exc:
            raise database_error(exc, self.path) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it (also when the process dies)."""
        with self.errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def has_run(self, run_uid: str) -> bool:
        """Whether the run with this id (the one in its ``summary.json``) is recorded."""
        with self.errors():
            return self.conn.execute("SELECT 1 FROM runs WHERE run_uid = ? AND run_uid != ''",
                                     (run_uid,)).fetchone() is not None

    def record(self, result: RunResult, settings: RunSettings, *, started_at: str | None = None,
               stage: str | None = None) -> int:
        """Write one run and everything it produced in one transaction; returns the run id.

        ``stage``: the last stage the run completed (default: read from ``result``)."""
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
                "reward_total, summary_json, run_uid) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,?,?,?)",
                (started_at or finished, finished, period.code, period.kind, period.year, cons.rulebook.id,
                 cons.rulebook.version, str(cons.folder), settings.model_dump_json(), stage or stage_reached(result),
                 len(cons.register), len(selected),
                 result.selection.reward_total if result.selection is not None else 0,
                 json.dumps(result.summary(), ensure_ascii=False, default=str), cons.run_id),
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
                "INSERT INTO candidate_details VALUES (?,?,?,?,?)",
                [(run_id, str(row["id"]), _text(row.get("position")), _text(row.get("initiative")),
                  _text(row.get("effectiveness"))) for row in cons.register.to_dict("records")],
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
        with self.errors():
            rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [
            RunInfo(r[0], r[1], r[2], parse_period(r[3]), r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11])
            for r in rows
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
        with self.errors():
            cur = self.conn.execute(f"SELECT * FROM {table} WHERE run_id = ? ORDER BY rowid", (run_id,))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur]

    def decisions(self, year: int | None = None) -> list[dict[str, Any]]:
        with self.errors():
            if year is None:
                cur = self.conn.execute("SELECT * FROM decisions ORDER BY id")
            else:
                cur = self.conn.execute("SELECT * FROM decisions WHERE year = ? ORDER BY id", (year,))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur]


def record_run(db_path: Path, result: RunResult, settings: RunSettings, *, stage: str | None = None) -> int:
    """Record a finished run in the store at ``db_path`` (created if needed); returns the run id."""
    with HistoryStore(db_path) as store:
        return store.record(result, settings, stage=stage)

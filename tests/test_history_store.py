"""History store: round trip of a hand-built run, latest marking, decisions, integrity after a kill."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.history import make_result, person, settings_for

from exemplars.errors import InputError
from exemplars.history import HistoryStore, match_key, open_lookup, record_run
from exemplars.history.migrations import SCHEMA_VERSION


def test_round_trip(tmp_path):
    rows = [person("C1", "CCTL", "Nguyễn Thị Hương", dt.date(1985, 4, 2)),
            person("C2", "CCKL", "Tổ Bảo vệ rừng số 3", None, kind="tap_the")]
    history = [{"candidate_id": "C1", "year": 2025, "title": "Lao động tiên tiến", "decision_no": "12/QĐ-SNN",
                "decision_date": dt.date(2025, 12, 20), "issuer": "Sở NN&PTNT"}]
    result = make_result("nnptnt-2017-2020", 2026, rows, selected=("C1",), history=history)
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2026, "2026-Q1")
    run_id = record_run(settings.history_db, result, settings)
    with HistoryStore(settings.history_db) as store:
        (run,) = store.runs()
        assert run.id == run_id and run.period.code == "2026-Q1" and run.latest
        assert (run.candidate_count, run.selected_count, run.reward_total) == (2, 1, 760_000)
        cands = store.rows("candidates", run_id)
        assert [c["name"] for c in cands] == ["Nguyễn Thị Hương", "Tổ Bảo vệ rừng số 3"]
        assert cands[0]["birth_date"] == "1985-04-02" and cands[1]["birth_date"] == ""
        assert cands[0]["match_key"] == "nguyen thi huong|1985-04-02|CCTL"
        assert cands[0]["eligible"] == 1 and cands[0]["rank"] == 1 and cands[0]["score"] == 50.0
        (sel,) = store.rows("selections", run_id)
        assert (sel["candidate_id"], sel["reward_form"], sel["amount"]) == ("C1", "giay_khen", 760_000)
        (award,) = store.rows("awards", run_id)
        assert (award["year"], award["title"], award["match_key"]) == (2025, "Lao động tiên tiến",
                                                                       cands[0]["match_key"])
        (problem,) = store.rows("problems", run_id)
        assert (problem["severity"], problem["cell"]) == ("warning", "B8")
        files = store.rows("files", run_id)
        assert {f["unit_code"] for f in files} == {"CCTL", "CCKL"}
        assert files[0]["modified"] == "2026-03-01T09:00:00"
        units = store.rows("run_units", run_id)
        assert len(units) == 11 and sum(u["missing"] for u in units) == 9
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rerun_marks_latest_and_keeps_old(tmp_path):
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2026, "2026-Q2")
    first = record_run(settings.history_db, make_result("nnptnt-2017-2020", 2026,
                                                        [person("C1", "VPS", "Lê Văn An", None)]), settings)
    second = record_run(settings.history_db, make_result("nnptnt-2017-2020", 2026,
                                                         [person("C1", "VPS", "Lê Văn An", None),
                                                          person("C2", "VPS", "Trần Bình", None)]), settings)
    with HistoryStore(settings.history_db) as store:
        runs = store.runs()
        assert [(r.id, r.latest) for r in runs] == [(first, False), (second, True)]
        assert store.latest_run(runs[0].period).id == second
        assert len(store.rows("candidates", first)) == 1  # the replaced run is kept whole


def test_decisions_feed_the_lookup(tmp_path):
    db = tmp_path / "ls.sqlite"
    with HistoryStore(db) as store:
        store.record_decision(name="Phạm Thị Lan", birth_date=dt.date(1990, 1, 5), unit_code="TTKN", year=2025,
                              title="Chiến sĩ thi đua cơ sở", decision_no="99/QĐ-SNN")
    lookup = open_lookup(db)
    cand = {"name": "PHAM THI LAN", "birth_date": dt.date(1990, 1, 5), "unit_code": "TTKN"}
    assert lookup.award_titles(cand) == [(2025, "Chiến sĩ thi đua cơ sở")]


def test_open_lookup_without_store_creates_nothing(tmp_path):
    lookup = open_lookup(tmp_path / "khong-co.sqlite")
    assert lookup.award_titles({"name": "A", "birth_date": None, "unit_code": "X"}) == []
    assert not (tmp_path / "khong-co.sqlite").exists()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "ls.sqlite"
    sqlite3.connect(db).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="phiên bản mới hơn"):
        HistoryStore(db)


def test_match_key_is_stable():
    assert match_key("Bà Nguyễn Thị Hương", dt.datetime(1985, 4, 2), "cctl") == "nguyen thi huong|1985-04-02|CCTL"
    assert match_key(float("nan"), None, None) == "||"


WRITER = textwrap.dedent("""
    import sys, datetime as dt
    sys.path.insert(0, {tests!r})
    from support.history import make_result, person, settings_for
    from exemplars.history import HistoryStore
    from pathlib import Path
    tmp = Path({tmp!r})
    rows = [person(f"C{{i}}", "CCTL", f"Người số {{i}}", dt.date(1980, 1, 1) + dt.timedelta(days=i))
            for i in range(4000)]
    history = [{{"candidate_id": f"C{{i}}", "year": 2025, "title": "Lao động tiên tiến"}} for i in range(4000)]
    result = make_result("nnptnt-2017-2020", 2026, rows, selected=tuple(f"C{{i}}" for i in range(0, 4000, 7)),
                         history=history)
    settings = settings_for(tmp, "nnptnt-2017-2020", 2026, "2026-Q3")
    with HistoryStore(settings.history_db) as store:
        while True:
            store.record(result, settings)
            print("run", flush=True)
""")


def test_kill_mid_write_leaves_only_whole_runs(tmp_path):
    script = WRITER.format(tests=str(Path(__file__).parent), tmp=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(2):  # let at least two runs land, then kill during a later one
            assert proc.stdout.readline().strip() == "run"
        time.sleep(0.13)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    db = tmp_path / "lich-su.sqlite"
    with HistoryStore(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        runs = store.runs()
        assert len(runs) >= 2
        for run in runs:
            assert len(store.rows("candidates", run.id)) == run.candidate_count == 4000
            assert len(store.rows("awards", run.id)) == 4000
            assert len(store.rows("selections", run.id)) == run.selected_count == 572
        assert [r.latest for r in runs] == [False] * (len(runs) - 1) + [True]


def test_failed_write_leaves_nothing_behind(tmp_path):
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2026, "2026-Q1")
    record_run(settings.history_db, make_result("nnptnt-2017-2020", 2026, [person("C1", "VPS", "Lê An", None)]),
               settings)
    twice = [person("C1", "VPS", "Lê An", None), person("C1", "VPS", "Lê An", None)]  # breaks the primary key
    with pytest.raises(sqlite3.IntegrityError):
        record_run(settings.history_db, make_result("nnptnt-2017-2020", 2026, twice), settings)
    with HistoryStore(settings.history_db) as store:
        (run,) = store.runs()
        assert run.latest  # the failed re-run neither added rows nor unmarked the previous run
        assert store.conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 1


def test_not_a_database(tmp_path):
    bogus = tmp_path / "so-tong-hop.xlsx"
    bogus.write_bytes(b"PK\x03\x04 this is a workbook, not a history store" * 50)
    with pytest.raises(InputError, match="không phải cơ sở dữ liệu lịch sử"):
        HistoryStore(bogus)


def test_run_status_uses_the_pipeline_stage_names(tmp_path):
    """The store speaks the pipeline's vocabulary; a store written with the old names is migrated."""
    from exemplars.history.migrations import MIGRATIONS
    from exemplars.history.store import RUN_STATUS_LABELS
    from exemplars.pipeline import STAGES

    assert list(RUN_STATUS_LABELS) == list(STAGES)
    settings = settings_for(tmp_path, "nnptnt-2017-2020", 2026, "2026-Q2")
    record_run(settings.history_db, make_result("nnptnt-2017-2020", 2026, [person("C1", "VPS", "Lê Văn An", None)],
                                                selected=("C1",)), settings)
    with HistoryStore(settings.history_db) as store:
        assert [r.status for r in store.runs()] == ["select"]
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute("INSERT INTO runs (started_at, finished_at, period, period_kind, year, rulebook_id, rulebook_version,"
                 " folder, settings_json, status, candidate_count, selected_count, summary_json) VALUES "
                 "('t', 't', '2025', 'nam', 2025, 'x', 1, 'f', '{}', 'selection', 1, 1, '{}')")
    conn.commit()
    conn.close()
    with HistoryStore(old) as store:
        assert [r.status for r in store.runs()] == ["select"]

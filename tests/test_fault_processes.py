"""Faults that need a second process: a FIFO among the unit files, two runs on one output folder or on
one history store."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from support.unit_files import make_unit_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and flock are POSIX")

YEAR = 2020


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "exemplars", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_fifo_named_like_a_workbook_is_a_per_file_error(rb_dn, tmp_path):
    folder = tmp_path / "ho-so"
    make_unit_file(rb_dn, folder / f"{rb_dn.units[0].code}.xlsx", rb_dn.units[0], year=YEAR)
    os.mkfifo(folder / "ong-dan.xlsx")
    from exemplars.pipeline import consolidate
    from exemplars.settings import RunSettings

    started = time.monotonic()
    cons = consolidate(RunSettings(folder=folder, out_dir=tmp_path / "kq", rulebook=rb_dn.id, year=YEAR))
    assert time.monotonic() - started < 30  # before the fix the hash of the FIFO never returned
    (fifo,) = [f for f in cons.files if f.path == "ong-dan.xlsx"]
    assert fifo.status.value == "error" and "không phải tệp thông thường" in fifo.message
    assert len(cons.register) > 0  # the other file was read


def test_second_run_on_the_same_folder_waits_then_stops(rb_dn, tmp_path):
    folder, out = tmp_path / "ho-so", tmp_path / "kq"
    make_unit_file(rb_dn, folder / f"{rb_dn.units[0].code}.xlsx", rb_dn.units[0], year=YEAR)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time, pathlib\n"
        "from exemplars import locks\n"
        "with locks.hold(pathlib.Path(sys.argv[1]), 'x', wait=0):\n"
        "    print('held', flush=True); time.sleep(60)\n"), str(out / ".exemplars.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        second = cli("run", str(folder), "--rules", rb_dn.id, "--year", str(YEAR), "--out", str(out),
                     "--wait", "1")
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode != 0
    assert "Một lần chạy khác" in second.stderr and f"tiến trình {holder.pid}" in second.stderr
    assert "đang chờ" in second.stderr
    assert not (out / "summary.json").exists()  # nothing interleaved
    again = cli("run", str(folder), "--rules", rb_dn.id, "--year", str(YEAR), "--out", str(out))
    assert again.returncode == 0, again.stderr  # the lock died with its holder


def test_two_runs_on_one_history_store(rb_dn, tmp_path):
    """Two `exemplars run --history same.sqlite` at once, on different output folders: while the first
    holds the store (frozen with SIGSTOP, so the overlap does not depend on timing), a second with
    --wait 1 is told in Vietnamese and stops without writing; a third waits and runs after it."""
    import json
    import signal
    import sqlite3

    from support.output_sets import history_run_ids

    folder, db = tmp_path / "ho-so", tmp_path / "lich-su.sqlite"
    for unit in rb_dn.units[:2]:
        make_unit_file(rb_dn, folder / f"{unit.code}.xlsx", unit, year=YEAR)

    def command(out: str, wait: int) -> list[str]:
        return [sys.executable, "-m", "exemplars", "run", str(folder), "--rules", rb_dn.id, "--year", str(YEAR),
                "--out", str(tmp_path / out), "--history", str(db), "--wait", str(wait)]

    def eventually(condition, what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert time.monotonic() < deadline, what
            time.sleep(0.02)

    def run_id(out: str) -> str:
        return json.loads((tmp_path / out / "summary.json").read_text(encoding="utf-8"))["run_id"]

    first = subprocess.Popen(command("kq-1", 120), start_new_session=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    third = None
    try:
        # the staging folder is made once both locks (output folder, history store) are held
        eventually(lambda: any((tmp_path / "kq-1").glob(".exemplars-staging-*")) or first.poll() is not None,
                   "the first run never started writing")
        assert first.poll() is None, first.communicate()[1]
        os.killpg(first.pid, signal.SIGSTOP)
        second = cli(*command("kq-2", 1)[3:])
        assert second.returncode != 0
        assert "Một lần chạy khác" in second.stderr and "cơ sở dữ liệu lịch sử" in second.stderr
        assert f"tiến trình {first.pid}" in second.stderr and "Traceback" not in second.stderr
        assert not (tmp_path / "kq-2" / "summary.json").exists()
        waiting_log = tmp_path / "third.err"
        with open(waiting_log, "w", encoding="utf-8") as err:
            third = subprocess.Popen(command("kq-3", 300), stdout=subprocess.DEVNULL, stderr=err)
        eventually(lambda: "đang chờ" in waiting_log.read_text(encoding="utf-8"), "the third run did not wait")
        os.killpg(first.pid, signal.SIGCONT)
        assert first.wait(timeout=300) == 0, first.communicate()[1]
        assert third.wait(timeout=300) == 0, waiting_log.read_text(encoding="utf-8")
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGCONT)
        for proc in (first, third):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert history_run_ids(db) == [run_id("kq-1"), run_id("kq-3")]  # exactly the finished runs, in order
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


_DIE_DURING_COMMIT = r"""
import os, sys
from pathlib import Path
from exemplars.outputs import office, output_set
from exemplars.pipeline import run
from exemplars.settings import RunSettings

folder, out, db, rulebook, year, moment = sys.argv[1:]
office.find_soffice = lambda: None
real, moves = os.replace, []

def replace(src, dst, *args, **kwargs):
    aside = f"/{output_set.ASIDE_DIR}/" in str(dst)
    incoming = output_set.STAGING_PREFIX in str(src) and output_set.STAGING_PREFIX not in str(dst)
    if (moment == "aside" and aside) or (moment == "switch" and incoming):
        moves.append(src)
        if len(moves) == 3:
            os._exit(9)  # as a kill would: no cleanup, no finally
    return real(src, dst, *args, **kwargs)

os.replace = replace
run(RunSettings(folder=folder, out_dir=out, rulebook=rulebook, year=int(year), history_db=db))
"""


@pytest.mark.parametrize(("moment", "switched"), [("aside", False), ("switch", True)])
def test_a_kill_inside_the_switch_is_finished_or_undone_by_the_next_start(rb_dn, tmp_path, moment, switched):
    """Random kills rarely land in the few milliseconds of the switch: here the run dies after three old
    files were moved aside (before the history row), or after three new files were moved in (after it)."""
    from support.output_sets import history_run_ids, set_problems

    from exemplars.outputs.output_set import output_session
    from exemplars.pipeline import run
    from exemplars.settings import RunSettings

    folder, out, db = tmp_path / "ho-so", tmp_path / "kq", tmp_path / "lich-su.sqlite"
    for unit in rb_dn.units[:3]:
        make_unit_file(rb_dn, folder / f"{unit.code}.xlsx", unit, year=YEAR)
    settings = RunSettings(folder=folder, out_dir=out, rulebook=rb_dn.id, year=YEAR, history_db=db)
    office_off = pytest.MonkeyPatch()
    office_off.setattr("exemplars.outputs.office.find_soffice", lambda: None)
    try:
        before = run(settings).consolidation.run_id
    finally:
        office_off.undo()
    (folder / f"{rb_dn.units[2].code}.xlsx").unlink()  # the new set has one letter fewer
    died = subprocess.run([sys.executable, "-c", _DIE_DURING_COMMIT, str(folder), str(out), str(db), rb_dn.id,
                           str(YEAR), moment], capture_output=True, text=True, timeout=300)
    assert died.returncode == 9, died.stderr
    with output_session(out, history=db, wait=60):
        pass  # the next start
    run_id, problems = set_problems(out)
    assert problems == []
    assert (run_id != before) is switched
    assert history_run_ids(db) == ([before, run_id] if switched else [before])

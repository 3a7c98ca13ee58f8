"""Faults that need a second process: a FIFO among the unit files, two runs on one output folder."""

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

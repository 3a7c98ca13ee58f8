"""A run killed while writing an output leaves the previous output intact and readable.

The first run writes every output with ``exemplars.pipeline.run``.  A child process
then rewrites the register with a much larger consolidation and is killed with
SIGKILL as soon as its temporary file exists; the register on disk must still be
byte-for-byte the first one.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

import exemplars.outputs.office
from exemplars.demo.samples import generate_bulk
from exemplars.pipeline import REGISTER_FILE, run
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings

RULEBOOK = "nnptnt-2017-2020"
YEAR = 2020

CHILD = r"""
import pickle, sys
import pandas as pd
from exemplars.outputs.register_book import write_register

cons = pickle.load(open(sys.argv[1], "rb"))
cons.register = pd.concat([cons.register] * int(sys.argv[3]), ignore_index=True)
print("writing", flush=True)
write_register(cons, sys.argv[2])
print("done", flush=True)
"""


def values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    out = tmp_path_factory.mktemp("out")
    generate_bulk(load_rulebook(RULEBOOK), folder, 12, per_file=10, seed=3, year=YEAR)
    keep = exemplars.outputs.office.find_soffice
    exemplars.outputs.office.find_soffice = lambda: None  # the PDF copy is not under test here
    try:
        result = run(RunSettings(folder=folder, out_dir=out, rulebook=RULEBOOK, year=YEAR))
    finally:
        exemplars.outputs.office.find_soffice = keep
    state = tmp_path_factory.mktemp("state") / "cons.pickle"
    state.write_bytes(pickle.dumps(result.consolidation))
    outputs = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return out, state, outputs


def start_writer(state: Path, target: Path, copies: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(state), str(target), str(copies)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def temp_files(folder: Path, target: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{target.stem}-")]


def test_killed_writer_leaves_the_previous_register(first_run):
    out, state, outputs = first_run
    target = out / REGISTER_FILE
    before = target.read_bytes()
    expected = values(target)
    assert any(len(rows) > 1 for rows in expected.values()), "the first register has content"
    existing = set(temp_files(out, target))
    child = start_writer(state, target, copies=200)
    try:
        deadline = time.monotonic() + 120
        while not (set(temp_files(out, target)) - existing):
            assert child.poll() is None, f"the writer ended before it could be killed: {child.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, "the writer never created its temporary file"
            time.sleep(0.005)
        time.sleep(0.3)  # well inside the write of ~80,000 rows
        assert child.poll() is None, "the writer finished too early for the test to mean anything"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == before, "a partial file replaced the register"
    assert values(target) == expected
    for path, data in outputs.items():
        assert path.read_bytes() == data, f"{path.name} changed although nothing finished writing it"
    for leftover in set(temp_files(out, target)) - existing:
        leftover.unlink()  # what a killed writer leaves is a hidden temp file, never the target


def test_finished_writer_replaces_the_register_whole(first_run):
    """The same child, not killed, does replace the file: the test above can tell the difference."""
    out, state, _outputs = first_run
    target = out / "so-tong-hop-ban-sao.xlsx"
    target.write_bytes((out / REGISTER_FILE).read_bytes())
    small = values(target)
    child = start_writer(state, target, copies=2)
    stdout, stderr = child.communicate(timeout=300)
    assert child.returncode == 0, stderr[-2000:]
    assert "done" in stdout
    grown = values(target)
    first_sheet = next(iter(small))
    assert len(grown[first_sheet]) > len(small[first_sheet])
    assert not temp_files(out, target)

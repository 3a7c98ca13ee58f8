"""The register written by a worker process beside the next stages: same file, nothing lost."""

from __future__ import annotations

import os
import time

import openpyxl
import pytest
from support.unit_files import make_unit_file

import exemplars.outputs.background as background
import exemplars.outputs.write_all as write_all
import exemplars.pipeline as pipeline
from exemplars.errors import OutputError
from exemplars.outputs.background import Background
from exemplars.settings import RunSettings
from exemplars.xlsx import current_run_id

YEAR = 2020
PARENT = os.getpid()


def _pid_and_run_id(tag: str) -> tuple[int, str, str]:
    return os.getpid(), current_run_id.get(), tag


def _dies_in_a_worker() -> int:
    if os.getpid() != PARENT:
        os._exit(9)  # as a worker killed by the system would
    return os.getpid()


def _refuses() -> None:
    raise OutputError("Ổ đĩa đầy.")


def _sleeps() -> None:
    time.sleep(60)


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)


def test_the_job_runs_in_a_worker_with_the_run_id(two_cores):
    token = current_run_id.set("run-42")
    try:
        job = Background(_pid_and_run_id, "x")
    finally:
        current_run_id.reset(token)
    assert job.in_worker
    pid, run_id, tag = job.result()
    assert pid != os.getpid() and run_id == "run-42" and tag == "x"


def test_one_core_or_no_parallel_runs_it_here(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    job = Background(_pid_and_run_id, "y")
    assert not job.in_worker and job.result()[0] == os.getpid()
    monkeypatch.setattr(background.os, "cpu_count", lambda: 4)
    assert Background(_pid_and_run_id, "z", parallel=False).result()[0] == os.getpid()


def test_a_worker_that_dies_leaves_the_job_to_this_process(two_cores):
    job = Background(_dies_in_a_worker)
    assert job.in_worker
    assert job.result() == os.getpid()


def test_the_writers_own_error_reaches_the_run(two_cores):
    job = Background(_refuses)
    with pytest.raises(OutputError, match="Ổ đĩa đầy"):
        job.result()


def test_close_ends_a_worker_whose_file_is_not_wanted(two_cores):
    job = Background(_sleeps)
    proc = job._proc
    started = time.monotonic()
    job.close()
    assert time.monotonic() - started < 10 and not proc.is_alive()
    job.close()  # twice is harmless


def _sheets(path):
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


def test_the_registers_are_the_same_from_a_worker(rb_dn, tmp_path, monkeypatch, two_cores):
    folder = tmp_path / "ho-so"
    for unit in rb_dn.units[:3]:
        make_unit_file(rb_dn, folder / f"{unit.code}.xlsx", unit, year=YEAR)
    runs = {}
    for name, threshold in (("here", 10**9), ("worker", 0)):
        monkeypatch.setattr(background, "MIN_ROWS", threshold)
        started = []
        real = pipeline.Background

        def spy(*args, real=real, started=started, **kwargs):
            job = real(*args, **kwargs)
            started.append(job.in_worker)
            return job

        monkeypatch.setattr(pipeline, "Background", spy)
        monkeypatch.setattr(write_all, "Background", spy)
        out = tmp_path / name
        result = pipeline.run(RunSettings(folder=folder, out_dir=out, rulebook=rb_dn.id, year=YEAR))
        assert started == [name == "worker"] * 2  # the register, then the working register
        runs[name] = (_sheets(result.outputs["register"]), _sheets(result.outputs["working_register"]),
                      list(result.outputs))
    assert runs["worker"] == runs["here"] and len(runs["here"][0]["Tổng hợp"]) > 3


def test_a_failed_run_ends_the_register_worker_before_its_folder_goes(rb_dn, tmp_path, monkeypatch, two_cores):
    folder = tmp_path / "ho-so"
    make_unit_file(rb_dn, folder / f"{rb_dn.units[0].code}.xlsx", rb_dn.units[0], year=YEAR)
    monkeypatch.setattr(background, "MIN_ROWS", 0)
    monkeypatch.setattr(pipeline, "_write_register", lambda cons, out_dir: _sleeps())
    jobs = []
    real = pipeline.Background
    monkeypatch.setattr(pipeline, "Background", lambda *a, **k: jobs.append(real(*a, **k)) or jobs[-1])

    def broken(*args, **kwargs):
        raise OutputError("Không ghi được.")

    monkeypatch.setattr(pipeline, "write_outputs", broken)
    out = tmp_path / "kq"
    started = time.monotonic()
    with pytest.raises(OutputError):
        pipeline.run(RunSettings(folder=folder, out_dir=out, rulebook=rb_dn.id, year=YEAR))
    assert time.monotonic() - started < 30  # it did not wait for the sleeping writer
    assert jobs and jobs[0]._proc is None
    assert not [p for p in out.iterdir() if p.name.startswith(".")
                and p.is_dir()], "a staging folder was left"


def test_what_the_workers_are_given_pickles(rb_dn, tmp_path):
    """Where workers are spawned (Windows), a worker's arguments travel pickled."""
    import pickle

    from exemplars.outputs.outcomes import candidate_outcomes

    folder = tmp_path / "ho-so"
    make_unit_file(rb_dn, folder / f"{rb_dn.units[0].code}.xlsx", rb_dn.units[0], year=YEAR)
    result = pipeline.run(RunSettings(folder=folder, out_dir=tmp_path / "kq", rulebook=rb_dn.id, year=YEAR))
    cons, outcomes = pickle.loads(pickle.dumps((result.consolidation, candidate_outcomes(result))))
    assert len(cons.register) == len(result.consolidation.register) and outcomes == candidate_outcomes(result)
    assert len(pickle.loads(pickle.dumps(result)).consolidation.register) == len(cons.register)

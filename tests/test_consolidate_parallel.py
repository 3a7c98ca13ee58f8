"""Reading files on several cores gives exactly what reading them one by one gives."""

from __future__ import annotations

import multiprocessing
import os

import pandas as pd
import pytest

from exemplars.consolidate import consolidate_folder
from exemplars.consolidate import files as consolidate_files
from exemplars.demo.samples import generate_bulk
from exemplars.results import FileStatus


@pytest.fixture(scope="module")
def bulk_folder(tmp_path_factory, rb_dn):
    folder = tmp_path_factory.mktemp("bulk")
    generate_bulk(rb_dn, folder, 120, per_file=20, seed=0)
    first = sorted(folder.glob("*.xlsx"))[0]
    (folder / "rong.xlsx").write_bytes(b"")  # error outcomes cross the process boundary too
    (folder / "cut.xlsx").write_bytes(first.read_bytes()[:4000])
    return folder


def _same(a, b):
    pd.testing.assert_frame_equal(a.register, b.register)
    pd.testing.assert_frame_equal(a.history, b.history)
    assert a.files == b.files
    assert a.problems == b.problems
    assert a.units_missing == b.units_missing


def test_parallel_equals_serial_on_a_large_folder(bulk_folder, rb_dn):
    calls = []
    serial = consolidate_folder(bulk_folder, rb_dn, 2020, workers=1)
    parallel = consolidate_folder(bulk_folder, rb_dn, 2020, workers=2,
                                  progress=lambda i, total, rel: calls.append((i, total, rel)))
    assert len(serial.files) == 122 and len(serial.register) > 0
    assert {f.path: f.status for f in parallel.files}["rong.xlsx"] is FileStatus.ERROR
    _same(serial, parallel)
    read = sorted(f.path for f in serial.files)
    assert [c[0] for c in calls] == list(range(123))  # in order, then the final (total, total, "")
    assert [c[2] for c in calls[:-1]] == read and calls[-1] == (122, 122, "")


def test_default_goes_parallel_above_the_threshold_only(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert consolidate_files.worker_count(consolidate_files.PARALLEL_MIN_FILES, None) == 1
    assert consolidate_files.worker_count(consolidate_files.PARALLEL_MIN_FILES + 1, None) == \
        consolidate_files.MAX_WORKERS
    assert consolidate_files.worker_count(5000, 1) == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert consolidate_files.worker_count(5000, None) == 1


def test_spawned_workers_give_the_same_result(tmp_path, rb_dn):
    generate_bulk(rb_dn, tmp_path, 6, per_file=5, seed=1)
    serial = consolidate_folder(tmp_path, rb_dn, 2020, workers=1)
    spawned = consolidate_folder(tmp_path, rb_dn, 2020, workers=2, mp_context=multiprocessing.get_context("spawn"))
    _same(serial, spawned)


class _Refused:
    def __init__(self, *args, **kwargs):
        raise PermissionError("no right to start processes")


_ORIGINAL_READ_CHUNK = consolidate_files._read_chunk
_KILL = {"rel": ""}


def _die(chunk, max_bytes):
    if any(rel == _KILL["rel"] for _path, rel in chunk):
        os._exit(3)  # a worker killed mid-run: the pool is broken
    return _ORIGINAL_READ_CHUNK(chunk, max_bytes)


def test_a_pool_that_cannot_start_falls_back_to_serial(bulk_folder, rb_dn, monkeypatch):
    serial = consolidate_folder(bulk_folder, rb_dn, 2020, workers=1)
    monkeypatch.setattr(consolidate_files, "ProcessPoolExecutor", _Refused)
    _same(serial, consolidate_folder(bulk_folder, rb_dn, 2020, workers=2))


def test_a_broken_pool_loses_no_file(bulk_folder, rb_dn, monkeypatch):
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the killed worker is patched in by fork")
    serial = consolidate_folder(bulk_folder, rb_dn, 2020, workers=1)
    monkeypatch.setitem(_KILL, "rel", sorted(p.name for p in bulk_folder.glob("*.xlsx"))[60])
    monkeypatch.setattr(consolidate_files, "_read_chunk", _die)
    here = []
    read_here = consolidate_files.read_one
    monkeypatch.setattr(consolidate_files, "read_one", lambda *a: here.append(a[1]) or read_here(*a))
    calls = []
    broken = consolidate_folder(bulk_folder, rb_dn, 2020, workers=2,
                                progress=lambda i, total, rel: calls.append(i))
    _same(serial, broken)
    assert calls == list(range(len(calls))) and calls[-1] == len(serial.files)
    assert _KILL["rel"] in here  # the files after the break were read in this process

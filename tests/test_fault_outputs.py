"""Faults on the way out: the previous set stays whole, the clerk reads a Vietnamese message.

Disk full and read-only folders are played by stand-ins that raise the real ``OSError`` at the
moment a file is made durable (``os.fsync`` in ``exemplars.xlsx.atomic_path``), part-way through
the set; the history store's faults use real files (a folder, another program's SQLite file).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest
from support.output_sets import history_run_ids, set_problems
from support.unit_files import make_unit_file, sample_candidates

import exemplars.xlsx
from exemplars.catalogue import NEW_HISTORY_STORE, NOTHING_TO_SIGN
from exemplars.errors import InputError, OutputError
from exemplars.outputs import office
from exemplars.outputs.feedback import MAX_STEM_BYTES
from exemplars.pipeline import run
from exemplars.settings import RunSettings

YEAR = 2020


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)  # the PDF step has its own tests


@pytest.fixture
def units(rb_dn, tmp_path):
    folder = tmp_path / "ho-so"
    for unit in rb_dn.units[:3]:
        make_unit_file(rb_dn, folder / f"{unit.code}.xlsx", unit, year=YEAR)
    return folder


def settings(rb, folder: Path, out: Path, **more) -> RunSettings:
    return RunSettings(folder=folder, out_dir=out, rulebook=rb.id, year=YEAR, **more)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
            and p.name != ".exemplars.lock"}


def test_runs_replace_the_set_whole_and_record_history_once(rb_dn, units, tmp_path):
    out, db = tmp_path / "kq", tmp_path / "lich-su.sqlite"
    first = run(settings(rb_dn, units, out, history_db=db))
    assert set_problems(out) == (first.consolidation.run_id, [])
    assert any(p.rule_id == NEW_HISTORY_STORE for p in first.problems)  # a new store is announced
    (units / f"{rb_dn.units[2].code}.xlsx").unlink()
    second = run(settings(rb_dn, units, out, history_db=db))
    run_id, problems = set_problems(out)
    assert problems == [] and run_id == second.consolidation.run_id != first.consolidation.run_id
    assert not (out / "phan-hoi-don-vi" / f"{rb_dn.units[2].code}.xlsx").exists()  # the old set's letter went
    assert history_run_ids(db) == [first.consolidation.run_id, second.consolidation.run_id]
    conn = sqlite3.connect(db)
    assert {r[0] for r in conn.execute("SELECT status FROM runs")} == {"outputs"}
    conn.close()


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "đã đầy"), (errno.EROFS, "Không có quyền ghi"),
                                             (errno.EACCES, "Không có quyền ghi")])
def test_disk_full_or_read_only_keeps_the_previous_set(rb_dn, units, tmp_path, monkeypatch, code, words):
    out, db = tmp_path / "kq", tmp_path / "lich-su.sqlite"
    run(settings(rb_dn, units, out, history_db=db))
    before, runs_before = snapshot(out), history_run_ids(db)
    real_fsync, calls = os.fsync, []

    def failing(fd):
        calls.append(fd)
        if len(calls) == 3:  # part-way through the set: some files of the new run are already written
            raise OSError(code, os.strerror(code), "so-lam-viec-2020.xlsx")
        real_fsync(fd)

    monkeypatch.setattr(exemplars.xlsx.os, "fsync", failing)
    with pytest.raises(OutputError) as err:
        run(settings(rb_dn, units, out, history_db=db))
    assert words in err.value.message and str(out) in err.value.message and "giữ nguyên" in err.value.message
    assert err.value.exit_code != 0
    assert snapshot(out) == before
    assert history_run_ids(db) == runs_before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_really_read_only_folder(rb_dn, units, tmp_path):
    out = tmp_path / "kq"
    run(settings(rb_dn, units, out))
    before = snapshot(out)
    out.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Không có quyền ghi"):
            run(settings(rb_dn, units, out))
    finally:
        out.chmod(0o755)
    assert snapshot(out) == before


def test_output_folder_that_is_a_file(rb_dn, units, tmp_path):
    out = tmp_path / "kq.xlsx"
    out.write_bytes(b"a file")
    with pytest.raises(OutputError, match="là một tệp, không phải thư mục"):
        run(settings(rb_dn, units, out))
    assert out.read_bytes() == b"a file"


def test_truncated_pdf_never_replaces_the_previous_one(rb_dn, units, tmp_path, monkeypatch):
    out = tmp_path / "kq"
    run(settings(rb_dn, units, out))
    before = snapshot(out)

    def truncated(path, fmt, work, timeout=180):
        target = Path(work) / (Path(path).stem + ".pdf")
        target.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)  # what a full disk leaves: no trailer
        return target

    monkeypatch.setattr(office, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(office, "convert", truncated)
    with pytest.raises(OutputError, match="thiếu phần kết thúc của tệp PDF"):
        run(settings(rb_dn, units, out))
    assert snapshot(out) == before


def test_letters_are_keyed_by_file_path_not_bare_name(rb_dn, tmp_path):
    """DonViA/dang-ky.xlsx and DonViB/dang-ky.xlsx (unit blank) get one letter each, each with its own candidate."""
    folder = tmp_path / "ho-so"
    people = [c for c in sample_candidates(rb_dn) if c.subject_kind == "ca_nhan"]
    make_unit_file(rb_dn, folder / "DonViA" / "dang-ky.xlsx", None, year=YEAR, candidates=[people[0]])
    make_unit_file(rb_dn, folder / "DonViB" / "dang-ky.xlsx", None, year=YEAR, candidates=[people[1]])
    result = run(settings(rb_dn, folder, tmp_path / "kq"))
    letters = {k: p for k, p in result.outputs.items() if k.startswith("feedback:")}
    assert sorted(letters) == ["feedback:DonViA/dang-ky", "feedback:DonViB/dang-ky"]
    assert len({p.name for p in letters.values()}) == 2
    import openpyxl

    for key, person, other in (("feedback:DonViA/dang-ky", people[0], people[1]),
                               ("feedback:DonViB/dang-ky", people[1], people[0])):
        text = " ".join(str(c.value) for row in openpyxl.load_workbook(letters[key]).active.iter_rows()
                        for c in row if c.value is not None)
        assert person.name in text and other.name not in text


def test_long_file_names_get_short_unique_letter_names(rb_dn, tmp_path):
    folder = tmp_path / "ho-so"
    stem = ("Đơn vị " + "đăng ký thi đua khen thưởng " * 7).encode()[:244].decode("utf-8", "ignore")
    stem += "a" * (244 - len(stem.encode()))
    assert len(stem.encode()) == 244  # + "A.xlsx": 250 bytes, near the 255-byte limit of a file name
    people = [c for c in sample_candidates(rb_dn) if c.subject_kind == "ca_nhan"]
    for letter, person in (("A", people[0]), ("B", people[1])):
        short = make_unit_file(rb_dn, tmp_path / f"{letter}.xlsx", None, year=YEAR, candidates=[person])
        folder.mkdir(exist_ok=True)
        short.rename(folder / f"{stem}{letter}.xlsx")
    result = run(settings(rb_dn, folder, tmp_path / "kq"))
    letters = [p for k, p in result.outputs.items() if k.startswith("feedback:")]
    assert len(letters) == 2 and len({p.name for p in letters}) == 2
    assert all(len(p.stem.encode()) <= MAX_STEM_BYTES and p.is_file() for p in letters)
    assert set_problems(tmp_path / "kq")[1] == []


def test_no_candidate_means_no_list_to_sign(rb_dn, tmp_path):
    folder = tmp_path / "ho-so"
    make_unit_file(rb_dn, folder / "trong.xlsx", rb_dn.units[0], year=YEAR, candidates=[])
    result = run(settings(rb_dn, folder, tmp_path / "kq"))
    assert "submission" not in result.outputs and "submission_pdf" not in result.outputs
    assert not list((tmp_path / "kq").glob("danh-sach-dang-ky-*"))
    assert any(p.rule_id == NOTHING_TO_SIGN for p in result.problems)
    summary = json.loads((tmp_path / "kq" / "summary.json").read_text(encoding="utf-8"))
    assert summary["selected"] == []


def test_history_path_errors_are_refused_in_vietnamese(rb_dn, units, tmp_path):
    out = tmp_path / "kq"
    folder_db = tmp_path / "thu-muc"
    folder_db.mkdir()
    with pytest.raises(InputError, match="là một thư mục"):
        run(settings(rb_dn, units, out, history_db=folder_db))
    typo = run(settings(rb_dn, units, out, history_db=tmp_path / "go-nham" / "lich-su.sqlite"))
    assert [p.rule_id for p in typo.problems].count(NEW_HISTORY_STORE) == 1  # a new store is never silent
    other = tmp_path / "khac.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="không phải cơ sở dữ liệu lịch sử"):
        run(settings(rb_dn, units, out, history_db=other))
    assert other.read_bytes() == before
    broken = tmp_path / "hong.sqlite"
    run(settings(rb_dn, units, out, history_db=broken))
    data = bytearray(broken.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree: "database disk image is malformed"
    broken.write_bytes(bytes(data))
    with pytest.raises(InputError, match="bị hỏng|không phải cơ sở dữ liệu"):
        run(settings(rb_dn, units, out, history_db=broken))
    assert not list(out.glob(".exemplars-staging-*"))


def test_an_output_open_in_excel_stops_the_switch_before_anything_changes(rb_dn, units, tmp_path, monkeypatch):
    """On Windows a workbook open in Excel cannot be renamed (WinError 32): played by os.replace raising
    it for the last file of the set, after the others were already moved aside."""
    out, db = tmp_path / "kq", tmp_path / "lich-su.sqlite"
    first = run(settings(rb_dn, units, out, history_db=db))
    (units / f"{rb_dn.units[2].code}.xlsx").unlink()  # the new set differs: one letter fewer
    before = snapshot(out)
    opened = out / "so-tong-hop.xlsx"
    real_replace, moved = os.replace, []

    def replace(src, dst, *args, **kwargs):
        if Path(src) == opened:
            err = PermissionError(errno.EACCES, "The process cannot access the file because it is being used "
                                                "by another process", str(src))
            err.winerror = 32  # type: ignore[attr-defined]  # what Windows sets; POSIX has no such field
            raise err
        if Path(src).parent in (out, out / "phan-hoi-don-vi"):
            moved.append(Path(src).name)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError) as err:
        run(settings(rb_dn, units, out, history_db=db))
    assert moved  # files of the old set had been moved aside before the open one was met
    assert f"«{opened}»" in err.value.message and "đóng tệp đó trong Excel" in err.value.message
    assert "giữ nguyên" in err.value.message and err.value.exit_code != 0
    assert snapshot(out) == before  # moved back: nothing half switched
    assert history_run_ids(db) == [first.consolidation.run_id]  # the refused run is not recorded
    assert set_problems(out) == (first.consolidation.run_id, [])
    monkeypatch.setattr(os, "replace", real_replace)  # the clerk closed the file
    second = run(settings(rb_dn, units, out, history_db=db))
    assert set_problems(out) == (second.consolidation.run_id, [])
    assert history_run_ids(db) == [first.consolidation.run_id, second.consolidation.run_id]

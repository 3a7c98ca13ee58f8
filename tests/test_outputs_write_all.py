"""write_outputs: the file set, idempotent re-runs, stale letters removed, PDF only with LibreOffice."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile

import openpyxl
from support.results import build_run_result

from exemplars.outputs import office, write_outputs
from exemplars.settings import DocumentHeader, RunSettings


def settings_for(rb, out):
    return RunSettings(folder=out / "in", out_dir=out / "ket-qua", rulebook=rb.id, year=2026,
                       header=DocumentHeader(doc_number="15", doc_date=dt.date(2026, 2, 5)))


def digest(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}


def test_files_keys_and_idempotent_rerun(rb_dn, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    result = build_run_result(rb_dn)
    settings = settings_for(rb_dn, tmp_path)
    first = write_outputs(result, settings, rb_dn)
    out = settings.out_dir
    assert first == {
        "submission": out / "danh-sach-dang-ky-2026.xlsx",
        "working_register": out / "so-lam-viec-2026.xlsx",
        "feedback:QLDN": out / "phan-hoi-don-vi" / "QLDN.xlsx",
        "feedback:QLDT": out / "phan-hoi-don-vi" / "QLDT.xlsx",
        "feedback:VP": out / "phan-hoi-don-vi" / "VP.xlsx",
    }
    before = {k: digest(p) for k, p in first.items()}
    listing = sorted(p.relative_to(out) for p in out.rglob("*"))
    second = write_outputs(result, settings, rb_dn)
    assert second == first
    assert {k: digest(p) for k, p in second.items()} == before
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == listing  # no temp files left behind


def test_stale_letters_and_pdf_removed(rb_dn, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    settings = settings_for(rb_dn, tmp_path)
    stale_letter = settings.out_dir / "phan-hoi-don-vi" / "CDCS.xlsx"
    stale_pdf = settings.out_dir / "danh-sach-dang-ky-2026.pdf"
    stale_letter.parent.mkdir(parents=True)
    stale_letter.write_bytes(b"old")
    stale_pdf.write_bytes(b"old")
    written = write_outputs(build_run_result(rb_dn), settings, rb_dn)
    assert not stale_letter.exists() and not stale_pdf.exists()
    assert "submission_pdf" not in written


def test_unit_dropped_from_folder_loses_its_letter(rb_dn, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    settings = settings_for(rb_dn, tmp_path)
    result = build_run_result(rb_dn)
    assert "feedback:QLDT" in write_outputs(result, settings, rb_dn)
    result.consolidation.files = [f for f in result.consolidation.files if f.unit_code != "QLDT"]
    written = write_outputs(result, settings, rb_dn)
    assert "feedback:QLDT" not in written
    assert sorted(p.name for p in (settings.out_dir / "phan-hoi-don-vi").iterdir()) == ["QLDN.xlsx", "VP.xlsx"]
    ws = openpyxl.load_workbook(written["submission"]).active
    assert ws.title == "Danh sách"


def test_run_without_candidates_writes_no_list_to_sign(rb_nn, tmp_path, monkeypatch):
    """No candidate: the working register and the letters are written, but no submission to sign."""
    import pandas as pd

    from exemplars.results import Consolidation, FileRecord, FileStatus, RunResult

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    cons = Consolidation(rulebook=rb_nn, year=2026, folder=tmp_path, register=pd.DataFrame(),
                         history=pd.DataFrame(), files=[FileRecord(path="khac/lạ.xlsx", status=FileStatus.ERROR,
                                                                   message="Không đọc được tệp.")],
                         problems=[], units=list(rb_nn.units), units_missing=list(rb_nn.units))
    settings = settings_for(rb_nn, tmp_path)
    old_list = settings.out_dir / "danh-sach-dang-ky-2026.pdf"
    old_list.parent.mkdir(parents=True)
    old_list.write_bytes(b"%PDF-1.4 old")
    written = write_outputs(RunResult(consolidation=cons), settings, rb_nn)
    assert sorted(written) == ["feedback:khac/lạ", "working_register"]
    assert not (settings.out_dir / "danh-sach-dang-ky-2026.xlsx").exists()
    assert not old_list.exists()
    with zipfile.ZipFile(written["working_register"]) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) >= 3

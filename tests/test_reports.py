"""Periodic reports on hand-built runs: which reports a period gets, errors, formula-proof text, the CLI."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from support.history import make_result, person, settings_for

from exemplars.cli import cli
from exemplars.errors import InputError
from exemplars.history import HistoryStore, record_run
from exemplars.history.reports import periodic_report, reports_for, resolve_period

RULES = "nnptnt-2017-2020"


@pytest.mark.parametrize("code, deadline, keys", [
    ("2026-Q1", True, ["danh_sach_quy", "theo_doi_han"]),
    ("2026-Q3", True, ["danh_sach_quy", "khoi_thi_dua", "theo_doi_han"]),
    ("2026-6T", True, ["danh_gia_don_vi", "theo_doi_han"]),
    ("2026-9T", False, ["danh_gia_don_vi", "khoi_thi_dua"]),
    ("2026", True, ["danh_gia_don_vi", "danh_sach_nam", "theo_doi_han"]),
])
def test_reports_for(code, deadline, keys):
    assert reports_for(resolve_period(code, 2000), deadline) == keys


def test_resolve_period_settings_style():
    assert resolve_period("9_thang", 2026).code == "2026-9T"
    assert resolve_period("2025-Q2", 2026).code == "2025-Q2"


def test_history_required(tmp_path):
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q1").model_copy(update={"history_db": None})
    with pytest.raises(InputError, match="Chưa chọn cơ sở dữ liệu lịch sử"):
        periodic_report(settings, "2026-Q1")
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q1")
    with pytest.raises(InputError, match="Không tìm thấy cơ sở dữ liệu lịch sử"):
        periodic_report(settings, "2026-Q1")
    HistoryStore(settings.history_db).close()
    with pytest.raises(InputError, match="chưa có lần tổng hợp nào"):
        periodic_report(settings, "2026-Q1")


def test_period_without_runs(tmp_path):
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q1")
    record_run(settings.history_db, make_result(RULES, 2026, [person("C1", "VPS", "Lê An", None)]), settings)
    written = periodic_report(settings, "2026-Q2", today=dt.date(2026, 7, 15))
    assert list(written) == ["theo_doi_han"]  # nothing received: only who is late
    ws = openpyxl.load_workbook(written["theo_doi_han"]).worksheets[0]
    states = [r[6] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert states == ["Chưa gửi, quá hạn"] * 11
    dn = settings_for(tmp_path / "dn", "dong-nai-kcn-2020", 2026, "nam")
    record_run(dn.history_db, make_result("dong-nai-kcn-2020", 2026, [person("C1", "VP", "Lê An", None)]), dn)
    with pytest.raises(InputError, match="Chưa có lần tổng hợp nào thuộc kỳ Quý I năm 2026"):
        periodic_report(dn, "2026-Q1")


def test_text_never_becomes_a_formula(tmp_path):
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q1")
    rows = [person("C1", "VPS", "=HYPERLINK(\"http://x\")", dt.date(1990, 1, 1), achievements="=1+1")]
    record_run(settings.history_db, make_result(RULES, 2026, rows, selected=("C1",)), settings)
    path = periodic_report(settings, "2026-Q1", today=dt.date(2026, 4, 1))["danh_sach_quy"]
    ws = openpyxl.load_workbook(path).worksheets[0]
    (line,) = [r for r in ws.iter_rows() if r[0].value == 1]
    assert (line[1].value, line[1].data_type) == ("=HYPERLINK(\"http://x\")", "s")
    assert (line[4].value, line[4].data_type) == ("=1+1", "s")


def test_cli_report_and_history(tmp_path):
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q3")
    record_run(settings.history_db, make_result(RULES, 2026, [person("C1", "CCKL", "Tổ Kiểm lâm", None,
                                                                     kind="tap_the")], selected=("C1",)), settings)
    runner = CliRunner()
    out = tmp_path / "bc"
    res = runner.invoke(cli, ["report", "--period", "2026-Q3", "--out", str(out), "--history",
                              str(settings.history_db), "--today", "20/10/2026"])
    assert res.exit_code == 0, res.output
    assert "Đã lập 3 báo cáo kỳ Quý III năm 2026" in res.output
    assert sorted(p.name for p in (out / "bao-cao").iterdir()) == [
        "2026-Q3-danh-sach-quy.xlsx", "2026-Q3-khoi-thi-dua.xlsx", "2026-Q3-theo-doi-thoi-han.xlsx"]
    res = runner.invoke(cli, ["report", "--period", "2026-Q3", "--out", str(out), "--history",
                              str(settings.history_db), "--today", "20/13/2026"])
    assert res.exit_code == 2 and "dd/mm/yyyy" in res.output and "--today" in res.output

    res = runner.invoke(cli, ["history", "runs", "--history", str(settings.history_db)])
    assert res.exit_code == 0 and "Quý III năm 2026" in res.output and RULES in res.output
    target = tmp_path / "ls-2026.xlsx"
    res = runner.invoke(cli, ["history", "export", "--year", "2026", "--history", str(settings.history_db),
                              "--out", str(target)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Lần tổng hợp", "Tệp", "Ứng viên", "Lựa chọn", "Lỗi và cảnh báo",
                             "Lịch sử khen thưởng", "Quyết định"]
    assert [r[2:5] for r in wb["Lựa chọn"].iter_rows(values_only=True)][1:] == [
        ("C1", "Tổ Kiểm lâm", "Thông thường")]
    res = runner.invoke(cli, ["history", "export", "--year", "2025", "--history", str(settings.history_db),
                              "--out", str(target)])
    assert res.exit_code == 2 and "năm 2025" in res.output


def test_official_sheets_print_no_number_on_page_one(tmp_path):
    """ND 30: page numbers from page 2 on the report documents; the working sheets keep «Trang 1/n»."""
    settings = settings_for(tmp_path, RULES, 2026, "2026-Q1")
    rows = [person("C1", "VPS", "Lê An", dt.date(1990, 1, 1))]
    record_run(settings.history_db, make_result(RULES, 2026, rows, selected=("C1",)), settings)
    path = periodic_report(settings, "2026-Q1", today=dt.date(2026, 4, 1))["danh_sach_quy"]
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    official = [s for s in sheets if b"<oddHeader>" in s]
    working = [s for s in sheets if b"<oddFooter>" in s and b"<oddHeader>" not in s]
    assert official and all(b'<headerFooter differentFirst="1">' in s for s in official)
    assert working and not any(b"differentFirst" in s for s in working)

"""Every button on the xlwings remote engine, with the committed control workbook as the caller.

The payload is read from ``workbook/bang-dieu-khien.xlsm``; its settings cells
point at a temporary folder of sample unit files.  After each click the queued
actions are replayed, so the assertions see the sheets as Excel would.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support.excel_harness import payload_from_xlsx, remote_book, replay, text

from exemplars import pipeline
from exemplars.demo.samples import generate_unit_files
from exemplars.dossier import DOSSIER_DIR
from exemplars.excel import actions
from exemplars.excel import layout as L
from exemplars.excel.diagnostics import interpreter_path
from exemplars.history.reports import REPORT_DIR
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings

YEAR = 2026


@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ho-so-don-vi")
    generate_unit_files(load_rulebook(L.DEFAULT_RULEBOOK), folder, YEAR)
    return folder


@pytest.fixture
def direct(unit_folder, tmp_path):
    """The same run through the pipeline directly (what the CLI does), for comparison."""
    settings = RunSettings(folder=unit_folder, out_dir=tmp_path / "direct", rulebook=L.DEFAULT_RULEBOOK, year=YEAR)
    return pipeline.consolidate(settings)


def settings_cells(**values) -> dict:
    return {(L.SHEET_SETTINGS, L.setting_cell(name)): value for name, value in values.items()}


@pytest.fixture
def control(unit_folder, tmp_path) -> dict:
    return payload_from_xlsx(cells=settings_cells(
        cfg_thu_muc_ho_so=str(unit_folder), cfg_thu_muc_ket_qua=str(tmp_path / "ket-qua"),
        cfg_thu_muc_lich_su=str(tmp_path / "lich-su")))


def press(action, payload: dict, monkeypatch):
    book = remote_book(payload, monkeypatch)
    message = action(book)
    return message, replay(payload, book)


def dashboard(result, name: str):
    return text(result.cell(L.SHEET_DASHBOARD, L.dashboard_cell(name)))


def table(result, sheet: str, header_first: str) -> list[list]:
    """Data rows under the header row that starts with ``header_first``."""
    rows = result.rows(sheet)
    top = next(i for i, row in enumerate(rows) if row and row[0] == header_first)
    return [[text(v) for v in row] for row in rows[top + 1:]]


def assert_finished(result, message: str, title: str, mode: str = "info") -> None:
    assert dashboard(result, "dk_trang_thai") == message
    assert result.alerts[-1][:4] == [message, title, "ok", mode]


def test_check_setup_lists_python_versions_folders_and_libreoffice(control, unit_folder, monkeypatch):
    message, result = press(actions.check_setup, control, monkeypatch)
    rows = {row[0]: row[1:] for row in table(result, L.SHEET_SETUP, "Mục")}
    assert rows["Python"] == [interpreter_path(), "Tốt"]
    assert rows["Thư viện xlwings"] == ["0.37.8", "Tốt"]
    for package in ("exemplars", "pandas", "openpyxl"):
        assert rows[f"Thư viện {package}"][1] == "Tốt"
    assert rows["Thư mục hồ sơ đơn vị"] == [str(unit_folder), "Tốt: có 8 tệp bảng tính"]
    assert rows["Thư mục kết quả"][1] == "Cảnh báo: chưa có, sẽ được tạo khi chạy"
    assert "LibreOffice (để xuất PDF)" in rows
    assert_finished(result, message, "Kiểm tra cài đặt")
    assert dashboard(result, "dk_chi_tiet_loi") is None


def test_make_templates_makes_one_per_unit_of_the_units_sheet(control, tmp_path, monkeypatch):
    units = next(s for s in control["sheets"] if s["name"] == L.SHEET_UNITS)
    units["values"] = units["values"][:3]  # the clerk kept two units
    message, result = press(actions.make_templates, control, monkeypatch)
    made = sorted((tmp_path / "ket-qua" / pipeline.TEMPLATES_DIR).glob("*.xlsx"))
    assert len(made) == 2
    assert "Đã tạo 2 mẫu đăng ký" in message
    assert_finished(result, message, "Tạo mẫu cho đơn vị")


def test_consolidate_writes_register_problems_and_submissions_like_the_cli(control, direct, tmp_path, monkeypatch):
    message, result = press(actions.consolidate, control, monkeypatch)
    register = table(result, L.SHEET_REGISTER, "STT")
    assert [row[1] for row in register] == list(direct.register["id"])
    assert text(result.cell(L.SHEET_REGISTER, "A1")).endswith(str(tmp_path / "ket-qua" / pipeline.REGISTER_FILE))
    assert len(table(result, L.SHEET_PROBLEMS, "Mức độ")) == len(direct.problems)
    files = table(result, L.SHEET_SUBMISSIONS, "Tệp")
    assert [row[0] for row in files[: len(direct.files)]] == [f.path for f in direct.files]
    assert dashboard(result, "dk_so_ung_vien") == len(direct.register)
    assert dashboard(result, "dk_tien_trinh")  # progress was shown
    assert (tmp_path / "ket-qua" / pipeline.REGISTER_FILE).is_file()
    assert message.startswith(f"Đã tổng hợp {len(direct.register)} ứng viên")
    assert_finished(result, message, "Tổng hợp hồ sơ")


def test_validate_and_rank_show_eligibility_and_order(control, monkeypatch):
    message, result = press(actions.validate, control, monkeypatch)
    header = result.rows(L.SHEET_REGISTER)[2]
    assert "Đủ điều kiện" in header and "Lý do chưa đủ" in header
    assert_finished(result, message, "Kiểm tra")
    message, result = press(actions.rank, control, monkeypatch)
    ranks = [row[0] for row in table(result, L.SHEET_RANKING, "Hạng") if row[0] is not None]
    assert ranks and ranks == sorted(ranks)
    assert_finished(result, message, "Xếp hạng")


def test_registration_list_uses_the_votes_sheet_and_writes_the_documents(control, direct, tmp_path, monkeypatch):
    first = direct.register.iloc[0]
    votes = next(s for s in control["sheets"] if s["name"] == L.SHEET_VOTES)
    votes["values"] = [list(L.VOTE_HEADERS), [first["id"], first["name"], first["unit_name"], 9, 11],
                       ["", "Người không có", "", 20, 11]]
    message, result = press(actions.registration_list, control, monkeypatch)
    ranked = {row[1]: row for row in table(result, L.SHEET_RANKING, "Hạng")}
    assert ranked[first["id"]][7:10] == [9, 11, "82%"]
    problems = [row[2] for row in table(result, L.SHEET_PROBLEMS, "Mức độ")]
    assert any("Người không có" in p for p in problems)  # the sheet's own problems are shown too
    chosen = table(result, L.SHEET_SELECTION, "STT")
    selected = [row for row in chosen if row[1] == "Được chọn"]
    assert selected and dashboard(result, "dk_so_duoc_chon") == len(selected)
    out = tmp_path / "ket-qua"
    assert (out / pipeline.REGISTER_FILE).is_file() and list(out.glob("*.xlsx"))
    assert (tmp_path / "lich-su").is_dir()  # the run was recorded for the periodic reports
    assert_finished(result, message, "Lập danh sách đăng ký")

    message, result = press(actions.periodic_report, control, monkeypatch)
    assert sorted((out / REPORT_DIR).glob("*.xlsx")), message
    assert_finished(result, message, "Báo cáo định kỳ")


def test_dossier_button_writes_the_documents_with_the_votes_sheet(control, direct, tmp_path, monkeypatch):
    first = direct.register.iloc[0]
    votes = next(s for s in control["sheets"] if s["name"] == L.SHEET_VOTES)
    votes["values"] = [list(L.VOTE_HEADERS), [first["id"], first["name"], first["unit_name"], 9, 11]]
    message, result = press(actions.dossier, control, monkeypatch)
    folder = tmp_path / "ket-qua" / DOSSIER_DIR
    assert (folder / f"to-trinh-{YEAR}.docx").is_file() and (folder / f"du-thao-quyet-dinh-{YEAR}.docx").is_file()
    assert (folder / f"bien-ban-hop-hoi-dong-{YEAR}.docx").is_file(), message  # the sheet's vote reached it
    assert dashboard(result, "dk_thu_muc_ket_qua") == str(folder)
    assert_finished(result, message, "Lập hồ sơ trình ký")


@pytest.mark.parametrize("cells, expected", [
    ({"cfg_thu_muc_ho_so": "/khong/co/thu-muc-nay"}, "/khong/co/thu-muc-nay"),
    ({"cfg_nam": "năm nay"}, "Năm «năm nay» không hợp lệ"),
    ({"cfg_ky": "Quý 5"}, "Kỳ «Quý 5» không hợp lệ"),
    ({"cfg_thu_muc_ho_so": "ho-so-don-vi"}, "chưa được lưu vào một thư mục"),
    ({"cfg_quy_che": "khong-co"}, "Không có quy chế mã «khong-co»"),
])
def test_expected_problems_give_a_clear_message_and_no_traceback(unit_folder, tmp_path, cells, expected,
                                                                 monkeypatch):
    payload = payload_from_xlsx(cells=settings_cells(**{
        "cfg_thu_muc_ho_so": str(unit_folder), "cfg_thu_muc_ket_qua": str(tmp_path / "ket-qua"),
        "cfg_thu_muc_lich_su": "", **cells}))
    message, result = press(actions.consolidate, payload, monkeypatch)
    assert message.startswith("Chưa chạy xong «Tổng hợp hồ sơ»: ") and expected in message
    assert_finished(result, message, "Tổng hợp hồ sơ", mode="critical")
    assert dashboard(result, "dk_chi_tiet_loi") is None


def test_an_unexpected_failure_gives_a_short_message_and_the_details_in_a_cell(control, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("ổ đĩa hỏng")

    monkeypatch.setattr(actions.pipeline, "consolidate", broken)
    message, result = press(actions.consolidate, control, monkeypatch)
    assert "RuntimeError" in message and "Traceback" not in message
    detail = dashboard(result, "dk_chi_tiet_loi")
    assert "Traceback" in detail and "ổ đĩa hỏng" in detail
    assert_finished(result, message, "Tổng hợp hồ sơ", mode="critical")


def test_entry_point_uses_the_calling_workbook(control, monkeypatch):
    from exemplars.excel import buttons

    book = remote_book(control, monkeypatch)
    book.set_mock_caller()
    try:
        buttons.check_setup()
    finally:
        type(book)._mock_caller = None
    result = replay(control, book)
    assert result.alerts and result.alerts[-1][1] == "Kiểm tra cài đặt"
    assert table(result, L.SHEET_SETUP, "Mục")[0] == ["Python", interpreter_path(), "Tốt"]
    assert "exemplars.excel.buttons" in sys.modules


def test_a_dashboard_without_its_status_cells_still_tells_the_outcome(control, monkeypatch):
    control["names"] = [n for n in control["names"] if not n["name"].startswith("dk_")]
    message, result = press(actions.check_setup, control, monkeypatch)
    assert result.alerts[-1][:2] == [message, "Kiểm tra cài đặt"]
    assert table(result, L.SHEET_SETUP, "Mục")[0][0] == "Python"


def test_cli_and_excel_give_the_same_summary_for_the_same_inputs_and_votes(control, direct, unit_folder, tmp_path,
                                                                             monkeypatch):
    import json

    import xlsxwriter
    from click.testing import CliRunner

    from exemplars.cli import cli
    from exemplars.history.store import HistoryStore

    first, second = direct.register.iloc[0], direct.register.iloc[1]
    rows = [list(L.VOTE_HEADERS), [first["id"], first["name"], first["unit_name"], 9, 11],
            [second["id"], second["name"], second["unit_name"], 12, 11],  # more "yes" than members
            ["", "Người không có", "", -1, 11], ["", "Ai đó", "", "mười", 11], ["", "Không ai", "", 3, 0]]
    votes_sheet = next(s for s in control["sheets"] if s["name"] == L.SHEET_VOTES)
    votes_sheet["values"] = rows
    press(actions.registration_list, control, monkeypatch)
    excel = json.loads((tmp_path / "ket-qua" / pipeline.SUMMARY_FILE).read_text(encoding="utf-8"))

    votes_file = tmp_path / "phieu-bau.xlsx"
    book = xlsxwriter.Workbook(str(votes_file))
    sheet = book.add_worksheet(L.SHEET_VOTES)
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    out = CliRunner().invoke(cli, ["run", str(unit_folder), "--rules", L.DEFAULT_RULEBOOK, "--year", str(YEAR),
                                   "--out", str(tmp_path / "cli"), "--votes", str(votes_file),
                                   "--history", str(tmp_path / "cli-history.sqlite")])
    assert out.exit_code == 0, out.output
    cli_summary = json.loads((tmp_path / "cli" / pipeline.SUMMARY_FILE).read_text(encoding="utf-8"))
    assert cli_summary.pop("run_id") != excel.pop("run_id")  # each run has its own id; nothing else differs
    assert cli_summary == excel
    assert excel["problems"]["error"] >= 4  # the vote rows' problems are in summary.json on both doors
    recorded = []
    for db in (next((tmp_path / "lich-su").glob("*.sqlite")), tmp_path / "cli-history.sqlite"):
        with HistoryStore(db) as store:
            recorded.append([(r.period.code, r.candidate_count, r.selected_count, r.reward_total)
                             for r in store.runs()])
    assert recorded[0] == recorded[1] and len(recorded[0]) == 1


def test_receipt_book_setting_dates_the_deadline_tracker(unit_folder, tmp_path, monkeypatch):
    """«Sổ nhận hồ sơ» on the settings sheet is ``run --received``: the tracker counts from its days."""
    import datetime as dt

    import openpyxl

    from exemplars.excel.settings_io import read_inputs

    rulebook = load_rulebook(L.DEFAULT_RULEBOOK)
    recorded, unrecorded = rulebook.units[0].code, rulebook.units[1].code
    arrived = dt.date(YEAR, 11, 3)
    book = tmp_path / "so-nhan-ho-so.csv"
    book.write_text(f"Mã đơn vị;Ngày nhận\n{recorded};{arrived:%d/%m/%Y}\n", encoding="utf-8")
    control = payload_from_xlsx(cells=settings_cells(
        cfg_thu_muc_ho_so=str(unit_folder), cfg_thu_muc_ket_qua=str(tmp_path / "ket-qua"),
        cfg_thu_muc_lich_su=str(tmp_path / "lich-su"), cfg_so_nhan_ho_so=str(book)))
    assert read_inputs(remote_book(control, monkeypatch)).settings().received_file == book
    press(actions.registration_list, control, monkeypatch)
    message, _ = press(actions.periodic_report, control, monkeypatch)
    assert "Đã lập" in message
    tracker = next((tmp_path / "ket-qua" / REPORT_DIR).glob("*theo-doi-thoi-han.xlsx"))
    rows = list(openpyxl.load_workbook(tracker)["Theo dõi thời hạn"].iter_rows(values_only=True))
    titles = next(r for r in rows if r[0] == "STT")
    by_code = {r[titles.index("Mã đơn vị")]: r for r in rows[rows.index(titles) + 1:] if r[0] not in (None, "")}
    received = titles.index("Ngày nhận")
    assert by_code[recorded][received].date() == arrived
    assert by_code[recorded][titles.index("Căn cứ ngày nhận")] != by_code[unrecorded][titles.index("Căn cứ ngày nhận")]

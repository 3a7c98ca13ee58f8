"""A simulated year: four quarterly runs of the pipeline with late and missing units, the periodic
reports read back, then a run of the next year whose checks depend on last year's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from exemplars import pipeline
from exemplars.domain import (
    AwardRecord,
    Candidate,
    Discipline,
    Gender,
    Honorific,
    MovementKind,
    Replicability,
    SubjectKind,
    TaskCompletion,
)
from exemplars.history import HistoryStore, open_lookup
from exemplars.history.deadlines import ReceivedBasis
from exemplars.history.export import export_year
from exemplars.history.reports import periodic_report
from exemplars.outputs import office
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings
from exemplars.template.build import build_template, template_file_name

RULES = "nnptnt-2017-2020"
RB = load_rulebook(RULES)
UNITS = {u.code: u for u in RB.units}
GDVH = "Gia đình văn hóa"


def candidate(kind: SubjectKind, name: str, field: str, birth: dt.date | None = None, *,
              history: tuple[tuple[int, str], ...] = (), discipline: Discipline = Discipline.KHONG) -> Candidate:
    person = kind is SubjectKind.CA_NHAN
    movement = MovementKind.THUONG_XUYEN
    return Candidate(
        subject_kind=kind, name=name, birth_date=birth, gender=Gender.NU if person else None,
        honorific=Honorific.BA if person else None, field=field, movement=movement,
        achievements=f"Tóm tắt thành tích của {name}", discipline=discipline,
        task_completion=TaskCompletion.XUAT_SAC, replicability=Replicability.TRUNG_BINH,  # B-18: a replicable model
        criteria={c.id: True for c in RB.applicable_criteria(kind, movement, False)},
        history=[AwardRecord(year=y, title=t) for y, t in history],
    )


MAI = candidate(SubjectKind.CA_NHAN, "Trần Thị Mai", "Thủy lợi, phòng chống thiên tai", dt.date(1988, 5, 6))
KHOA = candidate(SubjectKind.CA_NHAN, "Đỗ Minh Khoa", "Thủy lợi, phòng chống thiên tai", dt.date(1990, 3, 3),
                 discipline=Discipline.CANH_CAO)
HAT = candidate(SubjectKind.TAP_THE, "Hạt Kiểm lâm Cần Giờ", "Lâm nghiệp, kiểm lâm")
HUNG = candidate(SubjectKind.CA_NHAN, "Lê Văn Hùng", "Khuyến nông, xây dựng nông thôn mới", dt.date(1979, 2, 11))
HA = candidate(SubjectKind.CA_NHAN, "Phạm Thu Hà", "Chuyên môn, nghiệp vụ", dt.date(1992, 7, 20))
TU = candidate(SubjectKind.HO_GIA_DINH, "Hộ ông Nguyễn Văn Tư", "Kinh tế hợp tác",
               history=((2023, GDVH), (2024, GDVH), (2025, GDVH)))

#: quarter → unit → (candidates, day the file arrived).  Quarterly due date: quarter end + 5 days.
YEAR_2026 = {
    1: {"CCTL": ([MAI], dt.datetime(2026, 4, 2, 10)), "CCKL": ([HAT], dt.datetime(2026, 4, 12, 9)),
        "TTKN": ([HUNG], dt.datetime(2026, 3, 30, 15))},
    2: {"CCTL": ([MAI, KHOA], dt.datetime(2026, 7, 1, 8)), "CCPTNT": ([TU], dt.datetime(2026, 7, 5, 17)),
        "VPS": ([HA], dt.datetime(2026, 7, 8, 11))},
    3: {"CCKL": ([HAT], dt.datetime(2026, 10, 3, 9)), "TTKN": ([HUNG], dt.datetime(2026, 10, 1, 9))},
    4: {"CCTL": ([MAI], dt.datetime(2026, 12, 28, 9)), "VPS": ([HA], dt.datetime(2027, 1, 4, 16))},
}
TODAY = dt.date(2027, 1, 20)


def write_folder(folder: Path, year: int, files: dict) -> Path:
    """The units' files (saved today, as copies are) and the office's receipt book of the days they arrived."""
    folder.mkdir(parents=True)
    book = folder.parent / f"{folder.name}-so-nhan-ho-so.csv"
    lines = ["Mã đơn vị;Ngày nhận"]
    for code, (candidates, arrived) in files.items():
        build_template(RB, folder / template_file_name(UNITS[code]), unit=UNITS[code], year=year,
                       candidates=candidates)
        lines.append(f"{code};{arrived:%d/%m/%Y}")
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return book


def run(tmp: Path, name: str, year: int, period: str, files: dict, history: bool = True):
    folder = tmp / "don-vi" / name
    book = write_folder(folder, year, files)
    settings = RunSettings(folder=folder, out_dir=tmp / "ket-qua" / name, rulebook=RULES, year=year, period=period,
                           history_db=tmp / "lich-su.sqlite" if history else None, received_file=book)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(office, "find_soffice", lambda: None)  # the PDF copy of the list is not under test here
        return settings, pipeline.run(settings)


def rows_after(ws, header: str) -> list[tuple]:
    """Data rows of the table whose first header cell is ``header`` (up to the first empty row)."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == header)
    out = []
    for r in rows[start + 1:]:
        if r[0] in (None, ""):
            break
        out.append(r)
    return out


def records_after(ws, header: str) -> list[dict]:
    """Like ``rows_after``, each row as a dict by column title."""
    rows = list(ws.iter_rows(values_only=True))
    titles = next(r for r in rows if r[0] == header)
    return [dict(zip(titles, r, strict=True)) for r in rows_after(ws, header)]


def by_code(ws) -> dict[str, dict]:
    return {r["Mã đơn vị"]: r for r in records_after(ws, "STT")}


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nam")
    results = {}
    for quarter, files in YEAR_2026.items():
        settings, results[quarter] = run(tmp, f"2026-Q{quarter}", 2026, f"2026-Q{quarter}", files)
    reports = {p: periodic_report(settings, p, today=TODAY)
               for p in ("2026-Q1", "2026-Q2", "2026-Q3", "2026-6T", "2026-9T", "2026")}
    return tmp, settings, results, reports


def test_every_quarter_recorded(year):
    tmp, settings, results, _ = year
    with HistoryStore(settings.history_db) as store:
        runs = store.runs(year=2026)
    assert [r.period.code for r in runs] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [r.candidate_count for r in runs] == [3, 4, 2, 2]
    assert [r.selected_count for r in runs] == [len(results[q].selection.selected) for q in (1, 2, 3, 4)]
    assert not any(c.name == "Đỗ Minh Khoa" for c in results[2].selection.selected)


def test_reports_written_per_period_kind(year):
    reports = year[3]
    assert set(reports["2026-Q1"]) == {"danh_sach_quy", "theo_doi_han"}
    assert set(reports["2026-Q3"]) == {"danh_sach_quy", "khoi_thi_dua", "theo_doi_han"}
    assert set(reports["2026-6T"]) == {"danh_gia_don_vi", "theo_doi_han"}
    assert set(reports["2026-9T"]) == {"danh_gia_don_vi", "khoi_thi_dua", "theo_doi_han"}
    assert set(reports["2026"]) == {"danh_gia_don_vi", "danh_sach_nam", "theo_doi_han"}
    for paths in reports.values():
        for path in paths.values():
            wb = openpyxl.load_workbook(path)
            assert len(wb["Biểu đồ"]._charts) == 3


def test_quarter_list_and_tracker(year):
    reports = year[3]
    ws = openpyxl.load_workbook(reports["2026-Q1"]["danh_sach_quy"]).worksheets[0]
    names = [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert sorted(names) == sorted(["Trần Thị Mai", "Hạt Kiểm lâm Cần Giờ", "Lê Văn Hùng"])

    wb = openpyxl.load_workbook(reports["2026-Q1"]["theo_doi_han"])
    tracker = by_code(wb["Theo dõi thời hạn"])
    state, late = "Tình trạng", "Số ngày quá hạn"
    assert tracker["CCTL"][state] == "Đúng hạn" and tracker["TTKN"][state] == "Đúng hạn"
    assert (tracker["CCKL"][state], tracker["CCKL"][late]) == ("Gửi muộn", 7)
    assert tracker["CCKL"]["Ngày nhận"].date() == dt.date(2026, 4, 12)
    assert tracker["CCKL"]["Căn cứ ngày nhận"] == ReceivedBasis.OFFICE.label
    assert (tracker["VPS"][state], tracker["VPS"][late]) == ("Chưa gửi, quá hạn", (TODAY - dt.date(2026, 4, 5)).days)
    reminders = {r[1]: r[4] for r in rows_after(wb["Văn bản nhắc"], "STT")}
    assert set(reminders) == {u.name for u in RB.units if u.code not in ("CCTL", "TTKN")}
    assert reminders["Văn phòng Sở"].startswith("Kính gửi: Văn phòng Sở.")
    assert "chưa nhận được" in reminders["Văn phòng Sở"] and "chậm 7 ngày" in reminders["Chi cục Kiểm lâm"]

    q3 = by_code(openpyxl.load_workbook(reports["2026-Q3"]["theo_doi_han"]).worksheets[0])
    assert (q3["CCTL"][state], q3["CCTL"][late]) == ("Chưa gửi, quá hạn", (TODAY - dt.date(2026, 10, 5)).days)


def test_six_month_tracker_uses_the_closing_quarter(year):
    """No run of its own: the Q2 files answer the 6-month deadline (10/7), later than the quarter's (5/7)."""
    ws = openpyxl.load_workbook(year[3]["2026-6T"]["theo_doi_han"]).worksheets[0]
    tracker = by_code(ws)
    state, late = "Tình trạng", "Số ngày quá hạn"
    assert tracker["VPS"]["Hạn gửi"].date() == dt.date(2026, 7, 10)
    assert [tracker[c][state] for c in ("CCTL", "CCPTNT", "VPS")] == ["Đúng hạn"] * 3
    assert (tracker["CCKL"][state], tracker["CCKL"][late]) == ("Chưa gửi, quá hạn", (TODAY - dt.date(2026, 7, 10)).days)
    q2 = by_code(openpyxl.load_workbook(year[3]["2026-Q2"]["theo_doi_han"]).worksheets[0])
    assert (q2["VPS"][state], q2["VPS"][late]) == ("Gửi muộn", 3)


def test_unit_evaluation_six_months(year):
    wb = openpyxl.load_workbook(year[3]["2026-6T"]["danh_gia_don_vi"])
    counts = ("Số đề xuất", "Đủ điều kiện", "Được lựa chọn")
    units = {r["Mã đơn vị"]: tuple(r[c] for c in counts) for r in records_after(wb["Tổng hợp theo đơn vị"], "STT")
             if isinstance(r["STT"], int)}
    assert units["CCTL"] == (2, 1, 1)   # Mai counted once over Q1 and Q2; Khoa not eligible
    assert units["CCKL"] == (1, 1, 1) and units["CCPTNT"] == (1, 1, 1) and units["VPS"] == (1, 1, 1)
    assert units["KHTC"] == (0, 0, 0)
    total = next(r for r in wb["Tổng hợp theo đơn vị"].iter_rows(values_only=True) if r[0] == "Tổng cộng")
    assert total[4:7] == (6, 5, 5)
    details = {r["Họ và tên / Tên tập thể"]: r for r in records_after(wb["Chi tiết, tóm tắt thành tích"], "STT")}
    assert details["Trần Thị Mai"]["Tóm tắt thành tích"] == "Tóm tắt thành tích của Trần Thị Mai"
    assert details["Trần Thị Mai"]["Kỳ đề xuất"] == "Quý I, Quý II"
    assert details["Đỗ Minh Khoa"]["Đủ điều kiện"] == "Không" and details["Đỗ Minh Khoa"]["Lý do chưa đủ"]


def test_bloc_report_nine_months(year):
    ws = openpyxl.load_workbook(year[3]["2026-9T"]["khoi_thi_dua"]).worksheets[0]
    blocs = {r[1]: r for r in rows_after(ws, "STT")}
    chi_cuc = blocs["Khối Chi cục"]
    assert chi_cuc[2:7] == (5, 3, 4, 3, 3)
    assert "Hạt Kiểm lâm Cần Giờ" in chi_cuc[7] and "Đỗ Minh Khoa" not in chi_cuc[7]
    assert blocs["Khối Văn phòng và các phòng"][4:7] == (1, 1, 1)
    assert blocs["Khối Sự nghiệp - Doanh nghiệp"][4:7] == (1, 1, 1)


def test_annual_list_and_trend(year):
    _, _, results, reports = year
    wb = openpyxl.load_workbook(reports["2026"]["danh_sach_nam"])
    ws = wb.worksheets[0]
    lines = {r[1]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert set(lines) == {"Trần Thị Mai", "Hạt Kiểm lâm Cần Giờ", "Lê Văn Hùng", "Phạm Thu Hà",
                          "Hộ ông Nguyễn Văn Tư"}
    assert lines["Trần Thị Mai"][5] == "Quý I, Quý II, Quý IV"
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Tổng cộng")
    assert total[7] == sum(r[7] for r in lines.values()) > 0
    trend = rows_after(wb["Biểu đồ"], "Kỳ")
    assert [(r[0], r[1], r[2], r[3]) for r in trend] == [
        ("Quý I", 3, 3, len(results[1].selection.selected)), ("Quý II", 4, 3, len(results[2].selection.selected)),
        ("Quý III", 2, 2, len(results[3].selection.selected)), ("Quý IV", 2, 2, len(results[4].selection.selected))]


def test_export_year(year):
    tmp, settings = year[0], year[1]
    path = export_year(settings.history_db, 2026, tmp / "lich-su-2026.xlsx")
    wb = openpyxl.load_workbook(path)
    assert len(list(wb["Lần tổng hợp"].iter_rows())) == 1 + 4
    assert len(list(wb["Ứng viên"].iter_rows())) == 1 + 3 + 4 + 2 + 2
    awards = [r for r in wb["Lịch sử khen thưởng"].iter_rows(values_only=True)][1:]
    assert sorted((r[3], r[4]) for r in awards) == [
        ("Hộ ông Nguyễn Văn Tư", y) for y in (2023, 2024, 2025)]


def test_next_year_uses_last_years_history(year):
    tmp, settings = year[0], year[1]
    tu = open_lookup(settings.history_db).award_titles(
        {"name": "Ho ong Nguyen Van Tu", "birth_date": None, "unit_code": "CCPTNT"})
    assert [y for y, t in tu if t == GDVH] == [2023, 2024, 2025]

    # 2027: the household lists only 2026 on its sheet; Mai's name is typed without diacritics.
    tu_2027 = TU.model_copy(update={"name": "Ho ong Nguyen Van Tu", "history": [AwardRecord(year=2026, title=GDVH)]})
    mai_2027 = MAI.model_copy(update={"name": "Tran Thi Mai"})
    files = {"CCTL": ([mai_2027], dt.datetime(2027, 3, 20)), "CCPTNT": ([tu_2027], dt.datetime(2027, 3, 25))}
    _, with_history = run(tmp, "2027-Q1", 2027, "2027-Q1", files)
    _, without = run(tmp, "2027-Q1-khong-lich-su", 2027, "2027-Q1", files, history=False)

    def rules(result, name):
        ids = set(result.consolidation.register.loc[result.consolidation.register["name"] == name, "id"])
        return {p.rule_id: p for p in result.problems if p.candidate_id in ids}

    household_rule = "B-14"
    assert household_rule not in rules(with_history, "Ho ong Nguyen Van Tu")  # streak 2023–2026 via the store
    assert household_rule in rules(without, "Ho ong Nguyen Van Tu")           # the sheet alone: one year
    repeated = rules(with_history, "Tran Thi Mai").get("LS-01")
    assert repeated is not None and "2026" in repeated.message and repeated.severity.value == "warning"
    assert "LS-01" not in rules(without, "Tran Thi Mai")

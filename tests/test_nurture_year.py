"""A simulated nurturing year: registration and selection, plans filled by the units (with real
mistakes), a 6-month and a 9-month progress report and the annual one, all through real files, with
each round's figures (actions late, adopters, statuses), the periodic reports and the deadlines."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from exemplars import catalogue as C
from exemplars import pipeline
from exemplars.domain import (
    Candidate,
    Discipline,
    Gender,
    Honorific,
    MovementKind,
    Replicability,
    SubjectKind,
    TaskCompletion,
)
from exemplars.history.reports import periodic_report
from exemplars.history.store import HistoryStore
from exemplars.nurture import layout as NL
from exemplars.nurture import pipeline as nurture
from exemplars.nurture.fill import TypedAction, TypedAdoption, fill_plan
from exemplars.nurture.sheets import SHEET_CHART, SHEET_PROGRESS
from exemplars.outputs import office
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings
from exemplars.template.build import build_template, template_file_name

RULES = "nnptnt-2017-2020"
RB = load_rulebook(RULES)
UNITS = {u.code: u for u in RB.units}
YEAR = 2026
SCRIPT = "<script>alert('x')</script> & <img src=x onerror=alert(1)> đậm"


def candidate(kind: SubjectKind, name: str, field: str, birth: dt.date | None = None) -> Candidate:
    person = kind is SubjectKind.CA_NHAN
    return Candidate(
        subject_kind=kind, name=name, birth_date=birth, gender=Gender.NU if person else None,
        honorific=Honorific.BA if person else None, field=field, movement=MovementKind.THUONG_XUYEN,
        achievements=f"Tóm tắt thành tích của {name}", initiative=f"Mô hình của {name}",
        effectiveness="Tiết kiệm 20% chi phí", task_completion=TaskCompletion.XUAT_SAC, discipline=Discipline.KHONG,
        replicability=Replicability.CAO,
        criteria={c.id: True for c in RB.applicable_criteria(kind, MovementKind.THUONG_XUYEN, False)},
    )


REGISTERED = {
    "CCTL": candidate(SubjectKind.CA_NHAN, "Trần Thị Mai", "Thủy lợi, phòng chống thiên tai", dt.date(1988, 5, 6)),
    "CCKL": candidate(SubjectKind.TAP_THE, "Hạt Kiểm lâm Cần Giờ", "Lâm nghiệp, kiểm lâm"),
    "TTKN": candidate(SubjectKind.CA_NHAN, "Lê Văn Hùng", "Khuyến nông, xây dựng nông thôn mới", dt.date(1979, 2, 11)),
    "VPS": candidate(SubjectKind.CA_NHAN, "Phạm Thu Hà", "Chuyên môn, nghiệp vụ", dt.date(1992, 7, 20)),
}


def arrived(path: Path, when: dt.datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nhan-rong")
    folder = tmp / "dang-ky"
    folder.mkdir()
    for code, cand in REGISTERED.items():
        build_template(RB, folder / template_file_name(UNITS[code]), unit=UNITS[code], year=YEAR, candidates=[cand])
    settings = RunSettings(folder=folder, out_dir=tmp / "ket-qua", rulebook=RULES, year=YEAR,
                           history_db=tmp / "lich-su.sqlite")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(office, "find_soffice", lambda: None)  # the list's PDF is not under test here
        result = pipeline.run(settings)
    plans = {p.name.split("-")[4]: p for p in nurture.make_plans(settings)}
    with HistoryStore(settings.history_db) as store:
        _run, exemplars = nurture.year_exemplars(store, RB, YEAR)
    code = {e.unit_code: e.code for e in exemplars}
    item = {u: NL.exemplar_item(code[u], e.name) for u, e in ((e.unit_code, e) for e in exemplars)}
    rounds = {}

    def send(name: str, unit: str, when: dt.datetime, **typed) -> Path:
        target = tmp / name / plans[unit].name
        target.parent.mkdir(exist_ok=True)
        fill_plan(plans[unit], target, **typed)
        arrived(target, when)
        return target

    leader = {"leader_name": "Nguyễn Văn Bình", "leader_position": "Phó Chi cục trưởng"}
    mai_actions = [TypedAction(item["CCTL"], "Tập huấn mô hình tưới tiết kiệm", "Phòng Kỹ thuật", dt.date(YEAR, 3, 15),
                               "40 hộ tham gia", dt.date(YEAR, 3, 10), "45 hộ tham gia"),
                   TypedAction(item["CCTL"], "Hội thảo nhân rộng", "Phòng Kỹ thuật", "20/05/2026", "Kỷ yếu hội thảo"),
                   TypedAction(item["CCTL"], "Viết bài giới thiệu", "Văn phòng", dt.date(YEAR, 10, 15), "Bài đăng")]
    # The plans (due 28/02): CCPTNT has no exemplar; TTKN sends nothing; VPS sends twice.
    send("ke-hoach", "CCTL", dt.datetime(YEAR, 2, 20, 9), entries={code["CCTL"]: leader}, actions=mai_actions)
    send("ke-hoach", "CCKL", dt.datetime(YEAR, 3, 5, 9), entries={code["CCKL"]: {"leader_position": "Hạt trưởng"}},
         actions=[TypedAction(item["CCKL"], "Tham quan mô hình rừng ngập mặn", "Tổ bảo vệ rừng", dt.date(YEAR, 4, 30),
                              "2 đoàn tham quan"),
                  TypedAction("UV-khong-co", "Hoạt động của điển hình khác", "Ai đó", dt.date(YEAR, 4, 1), "?")])
    send("ke-hoach", "VPS", dt.datetime(YEAR, 2, 10, 9), entries={code["VPS"]: leader})
    send("ke-hoach", "VPS", dt.datetime(YEAR, 2, 25, 9), entries={code["VPS"]: {**leader, "model": SCRIPT}},
         actions=[TypedAction(item["VPS"], "Chia sẻ quy trình một cửa", "", dt.date(YEAR, 6, 30), "Quy trình mẫu")])
    # the second VPS file must replace the first: give it a distinct name in the folder
    (tmp / "ke-hoach" / plans["VPS"].name).rename(tmp / "ke-hoach" / "VPS-gui-lai.xlsx")
    send("ke-hoach", "VPS", dt.datetime(YEAR, 2, 10, 9), entries={code["VPS"]: leader})
    arrived(tmp / "ke-hoach" / "VPS-gui-lai.xlsx", dt.datetime(YEAR, 2, 25, 9))
    rounds["plan"] = nurture.collect(settings.model_copy(update={"folder": tmp / "ke-hoach"}), "plan",
                                     today=dt.date(YEAR, 3, 10))

    # 6 months: Mai's second action is late; one adopter from 01/05; Hạt still without a leader's name.
    send("6-thang", "CCTL", dt.datetime(YEAR, 7, 8, 9), entries={code["CCTL"]: leader}, actions=mai_actions,
         adoptions=[TypedAdoption(item["CCTL"], "Xã Tân Nhựt", dt.date(YEAR, 5, 1)),
                    TypedAdoption(item["CCTL"], "Xã Bình Lợi", dt.date(YEAR, 8, 15))])
    send("6-thang", "CCKL", dt.datetime(YEAR, 7, 15, 9), entries={code["CCKL"]: {"leader_position": "Hạt trưởng"}},
         actions=[TypedAction(item["CCKL"], "Tham quan mô hình rừng ngập mặn", "Tổ bảo vệ rừng",
                              dt.date(YEAR, 4, 30), "2 đoàn tham quan")])
    send("6-thang", "VPS", dt.datetime(YEAR, 7, 9, 9), entries={code["VPS"]: {**leader, "model": SCRIPT}},
         actions=[TypedAction(item["VPS"], "Chia sẻ quy trình một cửa", "Văn phòng", dt.date(YEAR, 6, 30),
                              "Quy trình mẫu", dt.date(YEAR, 6, 28), "3 phòng áp dụng")],
         adoptions=[TypedAdoption(item["VPS"], "Phòng Kế hoạch - Tài chính", dt.date(YEAR, 6, 1))])
    rounds["6T"] = nurture.collect(settings.model_copy(update={"folder": tmp / "6-thang"}), "2026-6T",
                                   today=dt.date(YEAR, 7, 20))

    # 9 months: Mai's late action done, second adopter counts; Hạt stops; Hùng finally sends a plan.
    mai_done = [*mai_actions[:1], TypedAction(item["CCTL"], "Hội thảo nhân rộng", "Phòng Kỹ thuật", "20/05/2026",
                                              "Kỷ yếu hội thảo", "01/07/2026", "Kỷ yếu 60 trang"), mai_actions[2]]
    mai_adopt = [TypedAdoption(item["CCTL"], "Xã Tân Nhựt", dt.date(YEAR, 5, 1)),
                 TypedAdoption(item["CCTL"], "Xã Bình Lợi", dt.date(YEAR, 8, 15))]
    send("9-thang", "CCTL", dt.datetime(YEAR, 10, 5, 9), entries={code["CCTL"]: leader}, actions=mai_done,
         adoptions=mai_adopt)
    send("9-thang", "CCKL", dt.datetime(YEAR, 10, 6, 9),
         entries={code["CCKL"]: {**leader, "stopped": True, "stop_reason": "Tập thể sáp nhập"}})
    send("9-thang", "TTKN", dt.datetime(YEAR, 10, 20, 9), entries={code["TTKN"]: leader},
         actions=[TypedAction(item["TTKN"], "Lớp khuyến nông", "Trạm", dt.date(YEAR, 11, 30), "30 nông dân")],
         adoptions=[TypedAdoption(item["TTKN"], "HTX Phước An")])
    rounds["9T"] = nurture.collect(settings.model_copy(update={"folder": tmp / "9-thang"}), "9_thang",
                                   today=dt.date(YEAR, 10, 25))
    # The year: nobody re-sends; the same folder as 9 months is read as of the annual report's day.
    rounds["N"] = nurture.collect(settings.model_copy(update={"folder": tmp / "9-thang"}), "nam",
                                  today=dt.date(YEAR, 12, 20))
    reports = {p: periodic_report(settings, p, today=dt.date(YEAR, 12, 20)) for p in ("2026-6T", "2026-9T", "2026")}
    return {"settings": settings, "result": result, "code": code, "rounds": rounds, "reports": reports, "tmp": tmp}


def by_name(round_result):
    return {p.exemplar.name: p for p in round_result.result.exemplars}


def ids(round_result) -> list[str]:
    return sorted(p.rule_id for p in round_result.result.problems)


def test_the_four_registered_are_the_exemplars_and_each_unit_gets_its_plan(year):
    names = sorted(c.name for c in year["result"].selection.selected)
    assert names == sorted(c.name for c in REGISTERED.values())
    wb = openpyxl.load_workbook(year["settings"].out_dir / nurture.PLANS_DIR / NL.plan_file_name("CCTL", YEAR))
    assert wb[NL.MARKER_SHEET].sheet_state == "veryHidden" and wb[NL.LISTS_SHEET].sheet_state == "hidden"
    plan = wb[NL.SHEET_PLAN]
    assert plan.protection.sheet and plan["C8"].value == "Trần Thị Mai" and plan["B8"].value == year["code"]["CCTL"]
    assert plan["F8"].value == "Mô hình của Trần Thị Mai"  # the registered model, pre-filled
    assert not plan["H8"].protection.locked and plan["C8"].protection.locked
    sources = {str(dv.sqref): dv.formula1 for dv in wb[NL.SHEET_ACTIONS].data_validations.dataValidation}
    assert any("Danh mục" in (f or "") for f in sources.values())


def test_plan_round_findings_name_file_sheet_and_cell(year):
    plan = year["rounds"]["plan"]
    problems = plan.result.problems
    no_leader = [p for p in problems if p.rule_id == C.NURTURE_NO_LEADER]
    assert [(p.file, p.sheet, p.cell) for p in no_leader] == [(NL.plan_file_name("CCKL", YEAR), NL.SHEET_PLAN, "H8")]
    unknown = next(p for p in problems if p.rule_id == C.NURTURE_UNKNOWN_EXEMPLAR)
    assert (unknown.sheet, unknown.cell, unknown.value) == (NL.SHEET_ACTIONS, "B9", "UV-khong-co")
    assert any(p.rule_id == C.NURTURE_SECOND_FILE and p.file == "VPS-gui-lai.xlsx" for p in problems)
    incomplete = next(p for p in problems if p.rule_id == C.NURTURE_ACTION_INCOMPLETE)
    assert (incomplete.file, incomplete.cell) == ("VPS-gui-lai.xlsx", "D8")
    no_plan = {p.message.split("»")[0][1:] for p in problems if p.rule_id == C.NURTURE_NO_PLAN}
    assert no_plan == {"Lê Văn Hùng"}
    status = {n: p.status.label for n, p in by_name(plan).items()}
    assert status == {"Trần Thị Mai": "Đang bồi dưỡng", "Hạt Kiểm lâm Cần Giờ": "Đang bồi dưỡng",
                      "Lê Văn Hùng": "Chưa có kế hoạch", "Phạm Thu Hà": "Đang bồi dưỡng"}
    assert plan.result.as_of == dt.date(YEAR, 2, 28) and plan.result.totals()["late"] == 0


def test_six_months_late_actions_adopters_and_statuses(year):
    r = year["rounds"]["6T"]
    got = {n: (p.done, p.late, p.pending, len(p.adopters), p.status.label) for n, p in by_name(r).items()}
    assert got == {"Trần Thị Mai": (1, 1, 1, 1, "Đã nhân rộng"),  # Bình Lợi starts 15/08: planned, not counted
                   "Hạt Kiểm lâm Cần Giờ": (0, 1, 0, 0, "Đang bồi dưỡng"),
                   "Lê Văn Hùng": (0, 0, 0, 0, "Chưa có kế hoạch"),
                   "Phạm Thu Hà": (1, 0, 0, 1, "Đã nhân rộng")}
    late = sorted((p.file, p.cell) for p in r.result.problems if p.rule_id == C.NURTURE_ACTION_LATE)
    assert late == [(NL.plan_file_name("CCKL", YEAR), "G8"), (NL.plan_file_name("CCTL", YEAR), "G9")]
    totals = r.result.totals()
    assert {k: totals[k] for k in ("late", "adopters", "da_nhan_rong", "chua_co_ke_hoach")} == {
        "late": 2, "adopters": 2, "da_nhan_rong": 2, "chua_co_ke_hoach": 1}


def test_nine_months_and_the_year(year):
    nine = {n: (p.done, p.late, p.pending, len(p.adopters), p.status.label) for n, p in by_name(year["rounds"]["9T"]).items()}
    assert nine == {"Trần Thị Mai": (2, 0, 1, 2, "Đã nhân rộng"), "Hạt Kiểm lâm Cần Giờ": (0, 0, 0, 0, "Dừng"),
                    "Lê Văn Hùng": (0, 0, 1, 1, "Đã nhân rộng"), "Phạm Thu Hà": (1, 0, 0, 1, "Đã nhân rộng")}
    # VPS sent no 9-month report: its 6-month plan and progress are kept, with a notice
    assert C.NURTURE_ADOPTION_UNDATED in ids(year["rounds"]["9T"]) and C.NURTURE_CARRIED in ids(year["rounds"]["9T"])
    assert C.NURTURE_NO_PLAN not in ids(year["rounds"]["9T"])
    # The annual report is due on 15/11, so the year is read as of that day: Hùng's class of 30/11 is not late yet.
    annual = {n: (p.late, p.pending, p.status.label) for n, p in by_name(year["rounds"]["N"]).items()}
    assert year["rounds"]["N"].result.as_of == dt.date(YEAR, 11, 15)
    assert annual["Trần Thị Mai"] == (1, 0, "Đã nhân rộng") and annual["Lê Văn Hùng"] == (0, 1, "Đã nhân rộng")


def test_history_keeps_every_round_and_the_series(year):
    with HistoryStore(year["settings"].history_db) as store:
        from exemplars.nurture.store import rounds, series
        found = rounds(store, RULES, YEAR)
        points = series(store, RULES, YEAR)
    assert [r.code for r in found] == ["2026-KH", "2026-6T", "2026-9T", "2026"]
    assert [p.adopters for p in points] == [0, 2, 4, 4]
    assert [p.statuses["da_nhan_rong"] for p in points] == [0, 2, 3, 3]
    assert [p.statuses["dung"] for p in points] == [0, 0, 1, 1]


def test_round_workbook_has_a_native_chart(year):
    wb = openpyxl.load_workbook(year["rounds"]["6T"].workbook)
    assert len(wb[SHEET_CHART]._charts) == 2
    rows = list(wb[SHEET_PROGRESS].iter_rows(values_only=True))
    assert rows[0][0].startswith("TIẾN ĐỘ BỒI DƯỠNG") and ("Tổng cộng" in [r[0] for r in rows])


def test_periodic_reports_carry_the_progress_and_the_deadlines(year):
    reports = year["reports"]
    ws = openpyxl.load_workbook(reports["2026-9T"]["danh_gia_don_vi"])[SHEET_PROGRESS]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] not in (None, "Tổng cộng")}
    assert rows["Trần Thị Mai"][5:9] == (2, 0, 1, 2) and rows["Hạt Kiểm lâm Cần Giờ"][10] == "Dừng"
    assert len(openpyxl.load_workbook(reports["2026"]["danh_sach_nam"])[SHEET_CHART]._charts) == 2
    tracker = openpyxl.load_workbook(reports["2026-6T"]["theo_doi_han"])["Thời hạn gửi"]
    states = {(r[1], "plan" if "kế hoạch" in r[3] else "6T"): (r[6], r[7])
              for r in tracker.iter_rows(min_row=4, values_only=True) if r[0]}
    assert states[("CCTL", "plan")] == ("Đúng hạn", 0)
    assert states[("CCKL", "plan")] == ("Gửi muộn", 5)  # 05/03, due 28/02
    assert states[("TTKN", "plan")][0] == "Chưa gửi, quá hạn"
    assert states[("CCKL", "6T")] == ("Gửi muộn", 5)  # 15/07, due 10/07
    assert states[("VPS", "6T")] == ("Đúng hạn", 0)


def test_bulletin_html_escapes_unit_text_and_the_pdf_is_not_blank(year, tmp_path):
    from html.parser import HTMLParser

    if office.find_soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    written = nurture.make_bulletin(year["settings"])
    html = written["bulletin_html"].read_text(encoding="utf-8")

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.text.append(data)

    parsed = Tags()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert SCRIPT in "".join(parsed.text)  # shown as the unit typed it
    assert parsed.tags.count("h2") == 3  # the stopped collective is not propagated
    assert "Xã Tân Nhựt; Xã Bình Lợi" in html
    page = office.pdf_page_to_pgm(written["bulletin_pdf"], tmp_path / "p1.pgm")
    assert office.image_ink_ratio(page) > 0.01
    sheet = openpyxl.load_workbook(written["flag_sheet"])
    assert len(sheet.worksheets) == 3 and all(ws.page_setup.paperSize == 9 for ws in sheet.worksheets)

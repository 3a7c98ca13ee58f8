"""The three nurturing buttons on the xlwings remote engine, fed from the committed control workbook:
they call the same pipeline functions as ``exemplars nurture`` and ``exemplars bulletin``."""

from __future__ import annotations

import datetime as dt

import pytest
from support.excel_harness import payload_from_xlsx, remote_book, replay, text

from exemplars import catalogue as C
from exemplars.demo.samples import generate_unit_files
from exemplars.excel import actions, nurture_actions
from exemplars.excel import layout as L
from exemplars.nurture import pipeline as nurture
from exemplars.nurture.fill import TypedAction, fill_plan
from exemplars.outputs import office
from exemplars.rulebook import load_rulebook

RULES = "nnptnt-2017-2020"
YEAR = 2026


def settings_cells(**values) -> dict:
    return {(L.SHEET_SETTINGS, L.setting_cell(name)): value for name, value in values.items()}


def press(action, payload: dict, monkeypatch):
    book = remote_book(payload, monkeypatch)
    message = action(book)
    return message, replay(payload, book)


@pytest.fixture
def control(tmp_path):
    folder = tmp_path / "ho-so-don-vi"
    rulebook = load_rulebook(RULES)
    generate_unit_files(rulebook, folder, YEAR)
    payload = payload_from_xlsx(cells=settings_cells(
        cfg_quy_che=RULES, cfg_thu_muc_ho_so=str(folder), cfg_thu_muc_ket_qua=str(tmp_path / "ket-qua"),
        cfg_thu_muc_lich_su=str(tmp_path / "lich-su"), cfg_thu_muc_ke_hoach=str(tmp_path / "ke-hoach")))
    units = next(s for s in payload["sheets"] if s["name"] == L.SHEET_UNITS)
    units["values"] = [list(L.UNIT_HEADERS)] + [[u.code, u.name, u.bloc, ""] for u in rulebook.units]
    return payload


def test_plans_progress_and_bulletin_buttons(control, tmp_path, monkeypatch):
    monkeypatch.setattr(office, "find_soffice", lambda: None)  # the PDFs have their own test
    press(actions.registration_list, control, monkeypatch)
    message, result = press(nurture_actions.nurture_plans, control, monkeypatch)
    plans = sorted((tmp_path / "ket-qua" / nurture.PLANS_DIR).glob("*.xlsx"))
    assert plans and message.startswith(f"Đã tạo {len(plans)} kế hoạch")
    assert result.alerts[-1][:2] == [message, "Kế hoạch bồi dưỡng"]

    (tmp_path / "ke-hoach").mkdir()
    fill_plan(plans[0], tmp_path / "ke-hoach" / plans[0].name,
              actions=[TypedAction("không có mã này", "Tập huấn", "Phòng A", dt.date(YEAR, 3, 1), "Lớp học")])
    message, result = press(nurture_actions.nurture_progress, control, monkeypatch)
    assert result.alerts[-1][:2] == [message, "Theo dõi nhân rộng"]
    rows = result.rows(L.SHEET_PROBLEMS)
    rules = {text(r[1]) for r in rows[1:] if r}
    assert {C.NURTURE_NO_LEADER, C.NURTURE_UNKNOWN_EXEMPLAR, C.NURTURE_NO_PLAN} <= rules
    assert (tmp_path / "ket-qua" / nurture.ROUNDS_DIR / f"theo-doi-nhan-rong-{YEAR}-KH.xlsx").is_file()

    message, result = press(nurture_actions.bulletin, control, monkeypatch)
    assert "Chưa có LibreOffice" in message
    assert (tmp_path / "ket-qua" / nurture.BULLETIN_DIR / f"{nurture.BULLETIN_NAME}-{YEAR}.html").is_file()


def test_the_round_dropdown_is_read_and_checked():
    assert nurture_actions.nurture_round("6 tháng") == "6_thang"
    assert nurture_actions.nurture_round(None) == "plan"
    with pytest.raises(Exception, match="Kỳ theo dõi nhân rộng «Quý 9» không hợp lệ"):
        nurture_actions.nurture_round("Quý 9")


def test_a_rulebook_without_the_step_tells_the_clerk(tmp_path, monkeypatch):
    payload = payload_from_xlsx(cells=settings_cells(
        cfg_quy_che="dong-nai-kcn-2020", cfg_thu_muc_ho_so=str(tmp_path), cfg_thu_muc_ket_qua=str(tmp_path / "kq"),
        cfg_thu_muc_lich_su=str(tmp_path / "ls")))
    message, result = press(nurture_actions.nurture_plans, payload, monkeypatch)
    assert message.startswith("Chưa chạy xong «Kế hoạch bồi dưỡng»: ") and "không có bước" in message
    assert result.alerts[-1][3] == "critical"

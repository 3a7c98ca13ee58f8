"""The plans' cross-record rules read exactly, through the whole pipeline on unit workbooks made
with the product's template: A-17 only where its criterion applies (fast-track collectives are
not rejected), the criterion bound by id, A-20.3 (a leader's collective rated HTXS) and a leader
recognised by the position when the flag is blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from exemplars import pipeline
from exemplars.catalogue import LEADER_FROM_POSITION
from exemplars.domain import Candidate, Gender, Honorific, MovementKind, SubjectKind, TaskCompletion
from exemplars.errors import RulebookError
from exemplars.rulebook import load_rulebook
from exemplars.rulebook.loader import RULEBOOK_DIR
from exemplars.settings import RunSettings
from exemplars.template.build import build_template

DECISION = dt.date(2026, 12, 15)  # base salary 2.530.000 (Nghị định 161/2026)


def person(rb, name: str, *, movement: str = "thuong_xuyen", leader: bool = False, **fields: Any) -> Candidate:
    """An individual answering Có to every criterion that applies (leaders' criteria when ``leader``)."""
    move = MovementKind(movement)
    values: dict[str, Any] = {
        "birth_date": dt.date(1984, 6, 9), "gender": Gender.NAM, "honorific": Honorific.ONG, "field": rb.fields[0],
        "achievements": f"Thành tích của {name}.", "discipline": "khong", "task_completion": TaskCompletion.XUAT_SAC,
        "criteria": {c.id: True for c in rb.applicable_criteria(SubjectKind.CA_NHAN, move, True)}}
    return Candidate(subject_kind=SubjectKind.CA_NHAN, name=name, movement=move, is_leader=leader,
                     **(values | fields))


def collective(rb, name: str, *, movement: str = "thuong_xuyen", rating: str = "htxs", **fields: Any) -> Candidate:
    move = MovementKind(movement)
    answers = fields.pop("criteria", {c.id: True for c in rb.applicable_criteria(SubjectKind.TAP_THE, move, False)})
    return Candidate(
        subject_kind=SubjectKind.TAP_THE, name=name, movement=move, field=rb.fields[0],
        achievements=f"Thành tích của {name}.", discipline="khong", task_completion=TaskCompletion(rating),
        criteria=answers, **fields)


def run(rb, tmp_path: Path, files: dict[str, list[Candidate]], overrides: dict[str, dict] | None = None,
        rulebook: str | Path | None = None, decision: dt.date = DECISION):
    folder = tmp_path / "don-vi"
    folder.mkdir()
    units = {u.code: u for u in rb.units}
    for code, candidates in files.items():
        build_template(rb, folder / f"{code.lower()}.xlsx", unit=units[code], year=2026, candidates=candidates,
                       cell_overrides=(overrides or {}).get(code))
    settings = RunSettings(folder=folder, out_dir=tmp_path / "ket-qua", rulebook=str(rulebook or rb.id),
                           year=2026, decision_date=decision)
    return pipeline.run(settings, until="select")


def ids_by_name(result) -> dict[str, str]:
    return {str(r["name"]): str(r["id"]) for r in result.consolidation.records()}


def names(candidates) -> set[str]:
    return {c.name for c in candidates}


def problems(result, rule_id: str, name: str | None = None):
    wanted = ids_by_name(result).get(name) if name else None
    return [p for p in result.problems if p.rule_id == rule_id and (wanted is None or p.candidate_id == wanted)]


# --- item 3: fast-track collectives are not asked for A-17 -------------------------------------------

def test_fast_track_collectives_are_selected_without_an_exemplary_member(rb_dn, tmp_path):
    files = {
        "QLDN": [collective(rb_dn, "Tổ cứu hộ KCN Nhơn Trạch", movement="dot_xuat")],
        "QLDT": [collective(rb_dn, "Tổ thanh niên tình nguyện", movement="nguoi_tot_viec_tot")],
        "QLMT": [collective(rb_dn, "Đội văn nghệ", movement="chuyen_de")],
        # a regular collective whose member was criticised: A-17 still applies where its criterion does
        "QLLD": [collective(rb_dn, "Phòng Quản lý lao động"),
                 person(rb_dn, "Đỗ Văn Khải", discipline="phe_binh", collective="Phòng Quản lý lao động")],
    }
    result = run(rb_dn, tmp_path, files)
    fast = {c.name: c for c in result.selection.fast_track}
    assert set(fast) == {"Tổ cứu hộ KCN Nhơn Trạch", "Tổ thanh niên tình nguyện", "Đội văn nghệ"}
    # Giấy khen, collective: 0,6 × 2.530.000 = 1.518.000 → 1.520.000 each
    assert all(c.reward is not None and c.reward.amount == 1_520_000 for c in fast.values())
    for name in fast:
        assert problems(result, "A-17", name) == []
    blocked = problems(result, "A-17", "Phòng Quản lý lao động")
    assert len(blocked) == 1 and "«Đỗ Văn Khải» (phê bình)" in blocked[0].message
    assert "Phòng Quản lý lao động" not in names(result.selection.selected)
    assert result.selection.reward_total == 0


def test_the_rule_is_bound_to_its_criterion_not_to_its_wording(rb_dn, tmp_path):
    # Reworded criterion text: the wording no longer mentions "cá nhân điển hình"; the id binds the rule.
    text = (RULEBOOK_DIR / "dong-nai-kcn-2020.toml").read_text(encoding="utf-8")
    old = 'text = "Có cá nhân điển hình tiên tiến, không có cá nhân bị kỷ luật, phê bình."'
    assert old in text
    variant = tmp_path / "reworded.toml"
    variant.write_text(text.replace(old, 'text = "Tập thể có thành viên tiêu biểu; không ai vi phạm."'),
                       encoding="utf-8")
    files = {"QLLD": [collective(rb_dn, "Phòng Quản lý lao động")],   # answers A-17 Có, no member nominated
             "QLMT": [collective(rb_dn, "Phòng Quản lý tài nguyên và môi trường"),
                      person(rb_dn, "Đỗ Văn Khải", discipline="phe_binh")]}
    result = run(rb_dn, tmp_path, files, rulebook=variant)
    assert problems(result, "A-17", "Phòng Quản lý lao động") == []
    assert "Phòng Quản lý lao động" in names(result.selection.selected)
    found = problems(result, "A-17", "Phòng Quản lý tài nguyên và môi trường")
    assert len(found) == 1 and "«Đỗ Văn Khải» (phê bình)" in found[0].message


def test_unknown_criterion_id_is_refused_naming_file_and_field(tmp_path):
    text = (RULEBOOK_DIR / "dong-nai-kcn-2020.toml").read_text(encoding="utf-8")
    variant = tmp_path / "sai-ma.toml"
    variant.write_text(text.replace('collective_members_criterion = "A-17"', 'collective_members_criterion = "A-71"'),
                       encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load_rulebook(variant)
    assert "sai-ma.toml" in err.value.message and "cross_rules.collective_members_criterion" in err.value.message
    assert "A-71" in err.value.message


# --- item 4: and leaders recognised by their position -----------------------------------------

def test_leader_needs_the_collective_rated_htxs(rb_dn, tmp_path):
    files = {
        "QLDN": [collective(rb_dn, "Phòng Quản lý doanh nghiệp", rating="htt"),
                 person(rb_dn, "Lê Văn Tâm", leader=True, position="Trưởng phòng",
                        collective="Phòng Quản lý doanh nghiệp")],
        "QLDT": [collective(rb_dn, "Phòng Quản lý đầu tư"),
                 person(rb_dn, "Phạm Quốc Việt", leader=True, position="Trưởng phòng",
                        collective="Phòng Quản lý đầu tư")],
    }
    result = run(rb_dn, tmp_path, files)
    selected = names(result.selection.selected)
    assert "Lê Văn Tâm" not in selected and "Phạm Quốc Việt" in selected
    # the HTT collective itself is still an exemplar; only its leader fails
    assert {"Phòng Quản lý doanh nghiệp", "Phòng Quản lý đầu tư"} <= selected
    found = problems(result, "A-20.3", "Lê Văn Tâm")
    assert len(found) == 1 and "«Hoàn thành tốt nhiệm vụ»" in found[0].message
    assert problems(result, "A-20.3", "Phạm Quốc Việt") == []
    # two collectives (Giấy khen 1.520.000) and one individual (0,3 × 2.530.000 → 760.000)
    assert result.selection.reward_total == 2 * 1_520_000 + 760_000


def test_blank_leader_flag_with_a_leaders_position_reads_as_a_leader(rb_dn, tmp_path):
    files = {
        "QLDN": [collective(rb_dn, "Phòng Quản lý doanh nghiệp", rating="htt"),
                 person(rb_dn, "Võ Minh Hải", position="Phó Trưởng phòng", collective="Phòng Quản lý doanh nghiệp")],
        "QLDT": [person(rb_dn, "Ngô Thanh Sơn", position="Chuyên viên")],
        "QLMT": [person(rb_dn, "Trịnh Văn Lực", position="Phó Trưởng phòng", collective="Tổ Môi trường")],
    }
    blank_flag = {code: {(len(cands) - 1, "is_leader"): None} for code, cands in files.items()}
    explicit_no = dict(blank_flag, QLMT={})  # the QLMT clerk wrote «Không»: respected
    result = run(rb_dn, tmp_path, files, overrides=explicit_no)
    warned = problems(result, LEADER_FROM_POSITION)
    assert [p.candidate_id for p in warned] == [ids_by_name(result)["Võ Minh Hải"]]
    assert "Phó Trưởng phòng" in warned[0].message
    # treated as a leader: the collective rated HTT fails for him
    assert problems(result, "A-20.3", "Võ Minh Hải")
    selected = names(result.selection.selected)
    assert "Võ Minh Hải" not in selected and {"Ngô Thanh Sơn", "Trịnh Văn Lực"} <= selected


# --- A-22 over-nomination: keep the best-ranked member ----------------------------------------------

def _over_full_office(rb):
    """Three individuals of the Văn phòng (blank «Thuộc tập thể» = the unit); Hà has a provincial initiative."""
    return {"VP": [person(rb, "Trần Thị Thu", initiative="Số hóa hồ sơ", initiative_level="co_so"),
                   person(rb, "Nguyễn Thanh Hà", initiative="Một cửa điện tử", initiative_level="tinh"),
                   person(rb, "Lý Văn Bảo")]}


def test_over_full_collective_keeps_the_best_ranked(rb_dn, tmp_path):
    result = run(rb_dn, tmp_path, _over_full_office(rb_dn))
    assert names(result.selection.selected) == {"Nguyễn Thanh Hà"}
    assert result.selection.reward_total == 760_000  # Giấy khen cá nhân 0,3 × 2.530.000 → 760.000
    reserve = {c.name: reason for c, reason in result.selection.reserve}
    assert set(reserve) == {"Trần Thị Thu", "Lý Văn Bảo"}
    assert all("A-22" in reason and "«Nguyễn Thanh Hà»" in reason for reason in reserve.values())
    warned = problems(result, "A-22")
    by_name = {n: [p for p in warned if p.candidate_id == i] for n, i in ids_by_name(result).items()}
    assert [p.severity.value for p in by_name["Nguyễn Thanh Hà"]] == ["notice"]
    for name in ("Trần Thị Thu", "Lý Văn Bảo"):
        (p,) = by_name[name]
        assert p.severity.value == "warning" and "giữ «Nguyễn Thanh Hà» (hạng 1" in p.message
        assert p.unit_code == "VP" and p.cell  # on the unit's «Thuộc tập thể» cell, so its feedback says so


def test_reject_all_is_a_setting(rb_dn, tmp_path):
    text = (RULEBOOK_DIR / "dong-nai-kcn-2020.toml").read_text(encoding="utf-8")
    variant = tmp_path / "reject.toml"
    variant.write_text(text.replace('over_nomination = "keep_best"', 'over_nomination = "reject_all"'),
                       encoding="utf-8")
    result = run(rb_dn, tmp_path, _over_full_office(rb_dn), rulebook=variant)
    assert result.selection.selected == [] and result.selection.reward_total == 0
    errors = problems(result, "A-22")
    assert len(errors) == 3 and {p.severity.value for p in errors} == {"error"}


# --- fast-track labels name the real movement ----------------------------------------------------------

def test_fast_track_section_and_rows_name_the_real_movement(rb_dn, tmp_path):
    import openpyxl

    from exemplars.outputs.submission import write_submission

    files = {"QLDN": [person(rb_dn, "Trần Văn Đức", movement="dot_xuat")],
             "QLDT": [person(rb_dn, "Mai Thị Ngọc", movement="nguoi_tot_viec_tot")],
             "QLMT": [collective(rb_dn, "Đội văn nghệ", movement="chuyen_de")]}
    result = run(rb_dn, tmp_path, files)
    assert names(result.selection.fast_track) == {"Trần Văn Đức", "Mai Thị Ngọc", "Đội văn nghệ"}
    settings = RunSettings(folder=tmp_path / "don-vi", out_dir=tmp_path / "ket-qua", rulebook=rb_dn.id, year=2026,
                           decision_date=DECISION)
    target = write_submission(result, settings, rb_dn, tmp_path / "danh-sach.xlsx")
    sheet = openpyxl.load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    texts = [v for row in values for v in row if isinstance(v, str)]
    title = "DANH SÁCH ĐỀ XUẤT KHEN THƯỞNG ĐỘT XUẤT, NGƯỜI TỐT, VIỆC TỐT, PHONG TRÀO (Trưởng ban quyết định)"
    assert title in texts and "ĐỘT XUẤT" not in " ".join(t for t in texts if t.startswith("TỔNG CỘNG"))
    movement_of = {row[1]: row[3] for row in values if row[1] in ("Trần Văn Đức", "Mai Thị Ngọc", "Đội văn nghệ")}
    assert movement_of == {"Trần Văn Đức": "Đột xuất", "Mai Thị Ngọc": "Người tốt, việc tốt",
                           "Đội văn nghệ": "Phong trào"}
    # money: 760.000 + 760.000 + 1.520.000, totalled apart from the council's list
    total = next(row for row in values if row[0] and str(row[0]).startswith("CỘNG MỨC TIỀN THƯỞNG KHEN THƯỞNG"))
    assert total[-1] == "3.040.000" and result.selection.reward_total == 0


# --- household 1,5× and the rounding order --------------------------------------------------------------

@pytest.mark.parametrize("order, amount", [("household_amount", 1_060_000), ("individual_amount", 1_065_000)])
def test_household_rounding_order_is_a_setting(rb_nn, tmp_path, order, amount):
    from exemplars.domain import AwardRecord

    household = Candidate(
        subject_kind=SubjectKind.HO_GIA_DINH, name="Hộ ông Trần Văn Trung", movement=MovementKind.THUONG_XUYEN,
        field=rb_nn.fields[1], achievements="Sản xuất giỏi, áp dụng VietGAP.", discipline="khong",
        task_completion=TaskCompletion.XUAT_SAC, replicability="cao",
        criteria={c.id: True for c in rb_nn.applicable_criteria(SubjectKind.HO_GIA_DINH, MovementKind.THUONG_XUYEN,
                                                                 False)},
        history=[AwardRecord(year=y, title="Gia đình văn hóa") for y in (2023, 2024, 2025)])
    text = (RULEBOOK_DIR / "nnptnt-2017-2020.toml").read_text(encoding="utf-8")
    variant = tmp_path / "thu-tu-lam-tron.toml"
    variant.write_text(text.replace('household_rounding = "household_amount"', f'household_rounding = "{order}"'),
                       encoding="utf-8")
    # base salary 2.340.000: 1,5 × 0,3 × 2.340.000 = 1.053.000 → 1.060.000; or 1,5 × 710.000 = 1.065.000
    result = run(rb_nn, tmp_path, {"CCPTNT": [household]}, rulebook=variant, decision=dt.date(2025, 12, 1))
    (chosen,) = result.selection.selected
    assert chosen.name == "Hộ ông Trần Văn Trung" and chosen.reward.amount == amount
    assert result.selection.reward_total == amount


# --- Nghị định 152/2025 Điều 4: under review cannot be selected --------------------------------------------

def test_candidate_under_review_is_not_selected(rb_dn, tmp_path):
    files = {"QLDN": [person(rb_dn, "Hoàng Văn Nam", under_review=True)],
             "QLDT": [person(rb_dn, "Đặng Thị Hoa", under_review=False)],
             "QLMT": [person(rb_dn, "Phan Văn Lộc")]}  # blank: not under review
    result = run(rb_dn, tmp_path, files)
    assert names(result.selection.selected) == {"Đặng Thị Hoa", "Phan Văn Lộc"}
    assert result.selection.reward_total == 2 * 760_000
    (found,) = problems(result, "V6-XEMXET")
    assert found.candidate_id == ids_by_name(result)["Hoàng Văn Nam"] and found.value == "Có" and found.cell
    assert found.severity.value == "error" and found.unit_code == "QLDN"


# --- B-18: criteria as the share met; the City's models must be replicable -------------------------------

def test_identical_merit_ranks_alike_across_kinds_and_models_must_be_replicable(rb_nn, tmp_path):
    files = {"CCTL": [collective(rb_nn, "Phòng Quản lý công trình", replicability="cao")],     # 5 criteria
             "TTKN": [person(rb_nn, "Lê Văn Hùng", replicability="cao")],                     # 3 criteria
             "CCKL": [collective(rb_nn, "Hạt Kiểm lâm Cần Giờ", replicability="thap")],
             "VPS": [person(rb_nn, "Phạm Thu Hà")]}                                        # replicability blank
    result = run(rb_nn, tmp_path, files)
    scores = {r["name"]: r["score"] for r in result.ranking.table.to_dict("records")}
    assert scores["Phòng Quản lý công trình"] == scores["Lê Văn Hùng"]  # was 50 + … against 30 + …
    assert names(result.selection.selected) == {"Phòng Quản lý công trình", "Lê Văn Hùng"}
    reserve = {c.name: why for c, why in result.selection.reserve}
    assert reserve["Hạt Kiểm lâm Cần Giờ"].startswith("khả năng nhân rộng «Thấp», chưa đạt mức tối thiểu")
    assert reserve["Phạm Thu Hà"].startswith("khả năng nhân rộng để trống")
    assert {p.candidate_id for p in problems(result, "V2-NHAN-RONG")} == {
        ids_by_name(result)["Hạt Kiểm lâm Cần Giờ"], ids_by_name(result)["Phạm Thu Hà"]}
    # Giấy khen: tập thể 1.520.000 + cá nhân 760.000
    assert result.selection.reward_total == 1_520_000 + 760_000


# --- who pays: the province's Bằng khen is proposed upward and shown apart ---------------------------------

def test_bang_khen_of_the_province_is_shown_apart_from_the_agency_total(rb_dn, tmp_path):
    import openpyxl

    from exemplars.outputs.submission import SUPERIOR_LABEL, TOTAL_LABEL, write_submission

    files = {"QLDN": [person(rb_dn, "Trương Văn Phúc", proposed_award="bang_khen_ubnd_tinh")],
             "QLDT": [person(rb_dn, "Lâm Thị Kim", proposed_award="giay_khen_truong_ban")]}
    folder = tmp_path / "don-vi"
    run(rb_dn, tmp_path, files)  # builds the folder
    settings = RunSettings(folder=folder, out_dir=tmp_path / "ket-qua-2", rulebook=rb_dn.id, year=2026,
                           decision_date=DECISION, superior_decision_date=dt.date(2025, 12, 1))
    result = pipeline.run(settings, until="select")
    assert names(result.selection.selected) == {"Trương Văn Phúc", "Lâm Thị Kim"}
    # the agency pays only its Giấy khen: 0,3 × 2.530.000 → 760.000
    assert result.selection.reward_total == 760_000
    # the province's Bằng khen at its own decision date: 1,5 × 2.340.000 = 3.510.000
    assert result.selection.superior_total == 3_510_000
    sheet = openpyxl.load_workbook(write_submission(result, settings, rb_dn, tmp_path / "ds.xlsx")).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(r for r in rows if r[0] == TOTAL_LABEL)
    above = next(r for r in rows if isinstance(r[0], str) and r[0].startswith(SUPERIOR_LABEL))
    assert total[-1] == "760.000" and above[-1] == "3.510.000" and "01/12/2025" in above[0]

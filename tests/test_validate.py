"""Field rules of validation: each rule has a passing and a failing register."""

from __future__ import annotations

from support.registers import candidate, make_cons

from exemplars.columns import criterion_column
from exemplars.findings import Severity
from exemplars.validate import validate


def run(rb, rows, **kw):
    cons = make_cons(rb, rows, **kw)
    return cons, validate(cons, rb)


def rules(assessment, severity=None):
    return sorted(p.rule_id for p in assessment.problems if severity is None or p.severity is severity)


def test_valid_candidates_have_no_problem_and_are_eligible(rb_dn, rb_nn):
    for rb, kinds in ((rb_dn, ["ca_nhan", "tap_the"]), (rb_nn, ["ca_nhan", "tap_the", "to_hop_tac", "hop_tac_xa"])):
        _, a = run(rb, [candidate(rb, f"x{i}", k, unit=rb.units[i].code) for i, k in enumerate(kinds)])
        assert a.problems == []
        assert a.table["eligible"].all() and (a.table["reasons"] == "").all()
        assert (a.table["criteria_met"] == a.table["criteria_applicable"]).all()


def test_table_columns_and_index(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1")])
    assert list(a.table.index) == ["a1"]
    assert {"eligible", "fast_track", "criteria_met", "criteria_applicable", "reasons"} <= set(a.table.columns)


def test_missing_required_field_is_an_error_with_cell(rb_dn):
    cons, a = run(rb_dn, [candidate(rb_dn, "a1", achievements=None, birth_date=None)])
    assert rules(a) == ["V1-THIEU", "V1-THIEU"]
    p = next(p for p in a.problems if "Ngày sinh" in p.message)
    assert p.severity is Severity.ERROR and p.file == "VP.xlsx" and p.sheet == "Danh sách đề xuất"
    assert p.cell == cons.cell(cons.register.iloc[0], "birth_date") and p.cell.endswith("5")
    assert not a.table.at["a1", "eligible"]
    assert "thiếu «Ngày sinh»" in a.table.at["a1", "reasons"]


def test_birth_date_not_required_for_collectives(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", birth_date=None, gender=None)])
    assert a.problems == []


def test_missing_name_names_the_row(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", name=None)])
    assert rules(a) == ["V1-THIEU"]
    assert "ứng viên ở dòng 5" in a.problems[0].message


def test_cell_already_reported_by_consolidation_blocks_without_repeat(rb_dn):
    cons = make_cons(rb_dn, [candidate(rb_dn, "a1", birth_date=None)])
    row = cons.register.iloc[0]
    from exemplars.findings import Finding
    cons.problems.append(Finding(severity=Severity.ERROR, rule_id="D-01", message="Ngày sinh không đọc được",
                                 file="VP.xlsx", sheet="Danh sách đề xuất", cell=cons.cell(row, "birth_date")))
    a = validate(cons, rb_dn)
    assert a.problems == [] and not a.table.at["a1", "eligible"]


def test_subject_kind_outside_the_plan(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "h1", "ca_nhan", subject_kind="ho_gia_dinh")])
    assert "V1-LOAI" in rules(a) and not a.table.at["h1", "eligible"]


def test_unknown_choice_value(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", task_completion="rất tốt", replicability="???")])
    found = {(p.rule_id, p.severity) for p in a.problems}
    assert found == {("V1-GIATRI", Severity.ERROR), ("V1-GIATRI", Severity.WARNING)}


def test_field_and_reward_form_outside_the_lists_are_warnings(rb_dn):
    _, ok = run(rb_dn, [candidate(rb_dn, "a1", field="Thu hút đầu tư", proposed_award="giay_khen_truong_ban")])
    assert ok.problems == []
    _, a = run(rb_dn, [candidate(rb_dn, "a1", field="Bóng đá", proposed_award="Huân chương")])
    assert rules(a, Severity.WARNING) == ["V1-GIATRI", "V1-GIATRI"] and a.table.at["a1", "eligible"]


def test_mandatory_criterion_answered_no(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", **{criterion_column("A-11.4"): False})])
    assert rules(a) == ["A-11.4"]
    p = a.problems[0]
    assert p.severity is Severity.ERROR and "Chỉ thị 05-CT/TW" in p.message and p.value == "Không"
    assert a.table.at["a1", "criteria_met"] == a.table.at["a1", "criteria_applicable"] - 1


def test_optional_criterion_no_is_fine(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", **{criterion_column("A-11.2"): False})])
    assert a.problems == [] and a.table.at["a1", "eligible"]
    assert a.table.at["a1", "criteria_met"] == a.table.at["a1", "criteria_applicable"] - 1


def test_unanswered_criteria(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", **{criterion_column("A-19"): None, criterion_column("A-11.5"): None})])
    found = sorted((p.rule_id, p.severity.value) for p in a.problems)
    assert found == [("V1-TC", "error"), ("V1-TC", "warning")]
    assert not a.table.at["a1", "eligible"]


def test_leader_criteria_apply_only_to_leaders(rb_dn):
    _, plain = run(rb_dn, [candidate(rb_dn, "a1")])
    assert plain.table.at["a1", "criteria_applicable"] == 6
    rows = [candidate(rb_dn, "l1", is_leader=True, **{criterion_column("A-20.2"): None}),
            candidate(rb_dn, "t1", "tap_the", name="Văn phòng")]
    _, a = run(rb_dn, rows)
    assert a.table.at["l1", "criteria_applicable"] == 9
    assert rules(a) == ["V1-TC"] and "A-20.2" in a.problems[0].message


def test_movement_specific_criteria(rb_dn):
    _, a = run(rb_dn, [candidate(rb_dn, "d1", movement="dot_xuat")])
    assert a.table.at["d1", "criteria_applicable"] == 4  # only
    assert a.table.at["d1", "fast_track"] and a.problems == []


def test_blocking_discipline(rb_dn, rb_nn):
    _, a = run(rb_dn, [candidate(rb_dn, "a1", discipline="phe_binh")])
    assert rules(a) == ["V6-KL"] and "phê bình" in a.table.at["a1", "reasons"]
    # Sở NN&PTNT blocks only khiển trách and above: phê bình passes there.
    _, b = run(rb_nn, [candidate(rb_nn, "a1", discipline="phe_binh")])
    assert b.problems == []


def test_minimum_task_completion(rb_dn):
    _, ok = run(rb_dn, [candidate(rb_dn, "a1", task_completion="htt")])
    assert ok.problems == []
    _, a = run(rb_dn, [candidate(rb_dn, "a1", task_completion="ht")])
    assert rules(a) == ["V6-HTNV"] and not a.table.at["a1", "eligible"]

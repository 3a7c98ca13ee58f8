"""Cross-record and history rules: A-22, A-17, A-20/B-16, B-14, repeated exemplars."""

from __future__ import annotations

from support.registers import award, candidate, make_cons

from exemplars.columns import criterion_column
from exemplars.findings import Severity
from exemplars.validate import validate


def run(rb, rows, history=None, lookup=None):
    cons = make_cons(rb, rows, history=history)
    return validate(cons, rb, history=lookup)


def by_rule(assessment, rule_id):
    return [p for p in assessment.problems if p.rule_id == rule_id]


# --- at most one individual per collective (reject_all; keep_best is settled after the ranking) ---

def reject_all(rb):
    return rb.model_copy(update={"selection": rb.selection.model_copy(update={"over_nomination": "reject_all"})})


def test_keep_best_leaves_the_over_full_collective_to_the_ranking(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "a1"), candidate(rb_dn, "a2")])
    assert by_rule(a, "A-22") == [] and a.table["eligible"].all()


def test_one_individual_per_collective_passes(rb_dn):
    rb_dn = reject_all(rb_dn)
    a = run(rb_dn, [candidate(rb_dn, "a1", collective="Tổ Một cửa"),
                    candidate(rb_dn, "a2", collective="Tổ Hành chính")])
    assert by_rule(a, "A-22") == [] and a.table["eligible"].all()


def test_two_individuals_of_one_collective_fail_naming_each_other(rb_dn):
    rb_dn = reject_all(rb_dn)
    a = run(rb_dn, [candidate(rb_dn, "a1", name="Nguyễn Văn An", collective="Tổ Một cửa"),
                    candidate(rb_dn, "a2", name="Lê Thị Bình", collective="to mot CUA ")])
    found = by_rule(a, "A-22")
    assert len(found) == 2 and all(p.severity is Severity.ERROR for p in found)
    first = next(p for p in found if p.candidate_id == "a1")
    assert "«Lê Thị Bình»" in first.message and first.value == "Tổ Một cửa"
    assert not a.table["eligible"].any()


def test_blank_collective_means_the_unit(rb_dn):
    rb_dn = reject_all(rb_dn)
    a = run(rb_dn, [candidate(rb_dn, "a1"), candidate(rb_dn, "a2", collective="Văn phòng")])
    assert len(by_rule(a, "A-22")) == 2


def test_same_collective_name_in_two_units_is_two_collectives(rb_dn):
    rb_dn = reject_all(rb_dn)
    a = run(rb_dn, [candidate(rb_dn, "a1", unit="VP", collective="Tổ Công đoàn"),
                    candidate(rb_dn, "a2", unit="QLDN", collective="Tổ Công đoàn")])
    assert by_rule(a, "A-22") == []


def test_fast_track_individuals_are_not_capped(rb_dn):
    rb_dn = reject_all(rb_dn)
    a = run(rb_dn, [candidate(rb_dn, "a1"), candidate(rb_dn, "a2", movement="dot_xuat")])
    assert by_rule(a, "A-22") == []


def test_no_cap_when_the_plan_sets_none(rb_nn):
    a = run(rb_nn, [candidate(rb_nn, "a1"), candidate(rb_nn, "a2")])
    assert by_rule(a, "A-22") == []


# --- collective needs an exemplary member and no disciplined member ---

def test_collective_with_disciplined_member_fails(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng"),
                    candidate(rb_dn, "a1", name="Trần Văn Cường", discipline="khien_trach")])
    found = by_rule(a, "A-17")
    assert len(found) == 1 and found[0].candidate_id == "t1"
    assert "«Trần Văn Cường» (khiển trách)" in found[0].message
    assert not a.table.at["t1", "eligible"]


def test_collective_without_disciplined_member_passes(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng"), candidate(rb_dn, "a1")])
    assert by_rule(a, "A-17") == [] and a.table.at["t1", "eligible"]


def test_collective_needs_exemplary_member(rb_dn):
    # The unit left A-17 blank: an eligible member in the register is needed.
    unanswered = {criterion_column("A-17"): None}
    alone = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng", **unanswered)])
    assert [p.candidate_id for p in by_rule(alone, "A-17")] == ["t1"]
    assert "không có cá nhân điển hình" in alone.table.at["t1", "reasons"]
    with_member = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng", **unanswered),
                              candidate(rb_dn, "a1")])
    assert by_rule(with_member, "A-17") == []


def test_collective_rule_applies_only_where_its_criterion_does(rb_dn):
    # A-17 is limited to thường xuyên and cải cách hành chính: a chuyên đề collective is not asked.
    alone = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng", movement="chuyen_de"),
                        candidate(rb_dn, "a1", discipline="phe_binh", movement="chuyen_de")])
    assert [p.candidate_id for p in by_rule(alone, "A-17")] == []


def test_exemplary_member_confirmed_by_the_criterion(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng")])
    assert a.table.at["t1", "criteria_met"] == 10 and by_rule(a, "A-17") == []


def test_ineligible_member_is_not_exemplary(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "t1", "tap_the", name="Văn phòng", **{criterion_column("A-17"): None}),
                    candidate(rb_dn, "a1", task_completion="ht")])
    assert [p.candidate_id for p in by_rule(a, "A-17")] == ["t1"]


# --- A-20 / B-16: leaders need their collective eligible ---

def test_leader_with_eligible_collective_passes(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "l1", is_leader=True, collective="Văn phòng"),
                    candidate(rb_dn, "t1", "tap_the", name="Văn phòng")])
    assert by_rule(a, "A-20") == [] and a.table.at["l1", "eligible"]


def test_leader_whose_collective_is_not_nominated(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "l1", is_leader=True)])
    found = by_rule(a, "A-20")
    assert len(found) == 1 and "chưa được đề xuất nên không xác định được" in found[0].message
    assert "tập thể «Văn phòng» chưa được đề xuất" in a.table.at["l1", "reasons"]


def test_leader_whose_collective_is_ineligible(rb_nn):
    a = run(rb_nn, [candidate(rb_nn, "l1", is_leader=True, collective="Phòng Kỹ thuật"),
                    candidate(rb_nn, "t1", "tap_the", name="Phòng Kỹ thuật", **{criterion_column("B-12"): False})])
    found = by_rule(a, "B-16")
    assert [p.candidate_id for p in found] == ["l1"]
    assert "B-12" in found[0].message and not a.table.at["l1", "eligible"]


def test_non_leader_needs_no_collective(rb_nn):
    a = run(rb_nn, [candidate(rb_nn, "a1", collective="Phòng Kỹ thuật")])
    assert a.problems == []


# --- B-14: household culture streak ---

def test_household_with_three_consecutive_years(rb_nn):
    history = [award("h1", y, "Gia đình văn hóa") for y in (2023, 2024, 2025)]
    a = run(rb_nn, [candidate(rb_nn, "h1", "ho_gia_dinh")], history)
    assert a.problems == [] and a.table.at["h1", "eligible"]


def test_household_with_a_gap_fails(rb_nn):
    history = [award("h1", y, "Gia đình văn hóa") for y in (2022, 2023, 2025)]
    a = run(rb_nn, [candidate(rb_nn, "h1", "ho_gia_dinh")], history)
    found = by_rule(a, "B-14")
    assert len(found) == 1 and found[0].value == "2022, 2023, 2025"
    assert "chỉ có 1 năm liên tục" in found[0].message and not a.table.at["h1", "eligible"]


def test_household_outstanding_title_is_enough(rb_nn):
    history = [award("h1", 2019, "Gia đình văn hóa tiêu biểu")]
    a = run(rb_nn, [candidate(rb_nn, "h1", "ho_gia_dinh")], history)
    assert by_rule(a, "B-14") == []


class FakeLookup:
    def __init__(self, awards=(), selected=()):
        self.awards, self.selected = list(awards), list(selected)

    def award_titles(self, candidate):
        return self.awards

    def selected_years(self, candidate):
        return self.selected


def test_household_history_store_completes_the_sheet(rb_nn):
    history = [award("h1", 2025, "Gia đình văn hóa")]
    lookup = FakeLookup(awards=[(2023, "Gia đình văn hoá"), (2024, "GIA ĐÌNH VĂN HÓA")])
    a = run(rb_nn, [candidate(rb_nn, "h1", "ho_gia_dinh")], history, lookup)
    assert by_rule(a, "B-14") == []
    assert a.table.at["h1", "award_years"] == 3


# --- history: repeated exemplars ---

def test_selected_last_year_is_a_warning(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "a1")], lookup=FakeLookup(selected=[2023, 2025]))
    found = by_rule(a, "LS-01")
    assert len(found) == 1 and found[0].severity is Severity.WARNING and "2023, 2025" in found[0].message
    assert a.table.at["a1", "eligible"]


def test_selected_long_ago_is_a_notice(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "a1")], lookup=FakeLookup(selected=[2021]))
    assert [p.severity for p in by_rule(a, "LS-01")] == [Severity.NOTICE]


def test_never_selected_has_no_history_problem(rb_dn):
    a = run(rb_dn, [candidate(rb_dn, "a1")], lookup=FakeLookup())
    assert a.problems == []

"""End to end on the demo data of both plans: sample unit files → consolidate → validate → rank →
select → outputs.  The planted mistakes of the sample manifest say exactly which problems must appear."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from exemplars.demo import run_demo
from exemplars.domain import SubjectKind

#: Problems each planted mistake must produce: mistake code → {rule id: count}.
#: "<criterion>" is the criterion named in the mistake's description; "<leader>" the plan's leader rule.
IMPLIED = {
    "missing_name": {"F-51": 1},
    "mandatory_criterion_no": {"<criterion>": 1},
    "criterion_blank": {"V1-TC": 1},
    "two_individuals_same_collective": {"A-22": 2},
    "disciplined_member_in_collective": {"V6-KL": 1, "A-17": 1},
    "leader_collective_not_eligible": {"<criterion>": 1, "<leader>": 1},
    "household_no_culture_streak": {"B-14": 1},
    "birth_date_text": {"D-20": 1},
    "bad_choice": {"D-41": 1},
    "duplicate_person_two_units": {"F-60": 2},
}
LEADER_RULE = {"dong-nai-kcn-2020": "A-20", "nnptnt-2017-2020": "B-16"}
#: Findings of the sample data that are not planted mistakes: in the Đồng Nai demo the leader
#: Nguyễn Kim Thủy leads «Tổ Công đoàn Văn phòng», rated Hoàn thành tốt, so A-20.3 (her collective
#: must be rated Hoàn thành xuất sắc) rejects her and the next individual takes the place.
#: In the NN&PTNT demo four eligible candidates rate their replicability «Thấp»: B-18 keeps them off the
#: City's models (V2-NHAN-RONG); and the individual nominated by two units (the planted duplicate) now
#: ranks among the models, so the second row is "trùng với" the first, told to both units (V7-TRUNG).
SAMPLE_FINDINGS = {"dong-nai-kcn-2020": {"A-20.3": 1}, "nnptnt-2017-2020": {"V2-NHAN-RONG": 4, "V7-TRUNG": 2}}

#: Golden selection of the demo (seed 0, year 2026): names in rank order.
EXPECTED_SELECTED = {
    "dong-nai-kcn-2020": ["Bùi Trọng Long", "Phạm Ngọc Phượng", "Phòng Dịch vụ việc làm", "Trần Phương Hoa",
                          "Nguyễn Hoàng Nghĩa", "Tổ Quản lý lao động nước ngoài", "Tổ Thẩm định dự án"],
    # criteria count as the share met (B-18), so individuals compete with collectives and households
    "nnptnt-2017-2020": ["Huỳnh Diễm Thảo", "Hộ ông Trần Văn Trung", "Dương Diễm Nhung", "Vũ Thanh Lan",
                         "Phòng Trồng trọt"],
}


@pytest.fixture(scope="module")
def demos(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return {d.rulebook.id: d for d in run_demo(out)}


def implied_counts(demo) -> Counter:
    expected: Counter = Counter(SAMPLE_FINDINGS[demo.rulebook.id])
    for mistake in demo.manifest.mistakes:
        for rule, n in IMPLIED[mistake.code].items():
            if rule == "<criterion>":
                rule = re.search(r"\[([A-Z]-[\d.]+)\]", mistake.description).group(1)
            elif rule == "<leader>":
                rule = LEADER_RULE[demo.rulebook.id]
            expected[rule] += n
    return expected


@pytest.mark.slow
@pytest.mark.parametrize("rulebook_id", sorted(LEADER_RULE))
def test_problems_are_exactly_the_planted_mistakes(demos, rulebook_id):
    demo = demos[rulebook_id]
    found = Counter(p.rule_id for p in demo.result.problems)
    assert found == implied_counts(demo)


@pytest.mark.slow
@pytest.mark.parametrize("rulebook_id", sorted(LEADER_RULE))
def test_each_planted_mistake_is_reported_at_its_cell(demos, rulebook_id):
    demo = demos[rulebook_id]
    places = {(p.file, p.cell) for p in demo.result.problems}
    rows = {(p.file, re.sub(r"[A-Z]+", "", p.cell)) for p in demo.result.problems}
    for mistake in demo.manifest.mistakes:
        if mistake.code in ("leader_collective_not_eligible", "two_individuals_same_collective"):
            # Reported on the row (collective / leader columns), not on the planted cell itself.
            assert (mistake.file, re.sub(r"[A-Z]+", "", mistake.cell)) in rows, mistake
        elif mistake.code == "disciplined_member_in_collective":
            assert (mistake.file, mistake.cell) in places, mistake
        else:
            assert (mistake.file, mistake.cell) in places or mistake.code == "household_no_culture_streak", mistake


@pytest.mark.slow
@pytest.mark.parametrize("rulebook_id", sorted(LEADER_RULE))
def test_selected_candidates(demos, rulebook_id):
    sel = demos[rulebook_id].result.selection
    assert [c.name for c in sel.selected] == EXPECTED_SELECTED[rulebook_id]
    ranks = [c.rank for c in sel.selected]
    assert ranks == sorted(ranks)
    assert all(c.reward is not None and c.reward.base_salary == 2_530_000 for c in sel.selected + sel.fast_track)
    # the agency's total holds what the agency pays; the UBND's Bằng khen is «đề nghị cấp trên khen thưởng»
    superior = {f.id for f in demos[rulebook_id].rulebook.reward_forms if f.paid_by == "superior"}
    paid_here = [c.reward.amount for c in sel.selected if c.reward.form_id not in superior]
    paid_above = [c.reward.amount for c in sel.selected + sel.fast_track if c.reward.form_id in superior]
    assert sel.reward_total == sum(paid_here) and sel.superior_total == sum(paid_above)


@pytest.mark.slow
def test_quotas_hold_on_demo(demos):
    demo = demos["dong-nai-kcn-2020"]
    rb, result = demo.rulebook, demo.result
    register = {r["id"]: r for r in result.consolidation.register.to_dict("records")}
    for quota in rb.quotas:
        movements = {m.value for m in quota.movements}
        taken = [c for c in result.selection.selected if c.kind in quota.subject_kinds
                 and register[c.id]["movement"] in movements]
        assert len(taken) <= quota.max
    assert all(register[c.id]["movement"] in {m.value for m in rb.selection.fast_track_movements}
               for c in result.selection.fast_track)
    eligible = result.assessment.table["eligible"]
    assert all(eligible[c.id] for c in result.selection.selected + result.selection.fast_track)


@pytest.mark.slow
def test_models_mode_on_demo(demos):
    demo = demos["nnptnt-2017-2020"]
    sel = demo.result.selection
    assert demo.rulebook.selection.min_total <= len(sel.selected) <= demo.rulebook.selection.max_total
    assert any(c.kind is SubjectKind.HO_GIA_DINH and c.reward.amount in (1_140_000, 5_700_000) for c in sel.selected)


@pytest.mark.slow
@pytest.mark.parametrize("rulebook_id", sorted(LEADER_RULE))
def test_summary_json_has_the_stable_keys(demos, rulebook_id):
    demo = demos[rulebook_id]
    summary = json.loads(demo.result.outputs["summary"].read_text(encoding="utf-8"))
    assert {"rulebook", "year", "files", "candidates", "problems", "units_missing", "selected",
            "reward_total"} <= set(summary)
    assert summary["rulebook"] == rulebook_id and summary["year"] == 2026
    assert set(summary["problems"]) == {"error", "warning", "notice"}
    assert [s["name"] for s in summary["selected"]] == EXPECTED_SELECTED[rulebook_id]
    assert set(summary["selected"][0]) == {"id", "name", "kind", "unit", "score", "rank", "office_proposed"}
    assert summary["reward_total"] == demo.result.selection.reward_total
    for key in ("submission", "working_register", "register"):
        assert demo.result.outputs[key].is_file()


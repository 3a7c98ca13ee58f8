"""One person is selected and paid once: identity across rows, files and movements.

Unit workbooks are made with the product's template and run through the pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support.folders import collective, person, run_folder, unit_folder, vote_book

from exemplars.catalogue import POSSIBLE_DUPLICATE, SAME_IDENTITY
from exemplars.outputs.feedback import feedback_packets
from exemplars.outputs.working_register import RESERVE, candidate_outcomes

HUNG_BIRTH = dt.date(1985, 3, 7)
OTHERS = {"QLDT": "Trần Minh Tâm", "QLXD": "Lê Quang Vinh", "QLMT": "Phạm Đức Huy", "QLLD": "Võ Thành Nam"}


def _votes(tmp_path, names_units):
    return vote_book(tmp_path / "phieu-bau.xlsx", [["", name, unit, 9, 11] for name, unit in names_units])


@pytest.fixture(scope="module")
def two_units(rb_dn, tmp_path_factory):
    """«Nguyễn Văn Hùng» (Văn phòng) and «Nguyen Van Hung» (Phòng QLDN), same birth date, both strong;
    four other individuals of four units compete for the four places of A-21-CN."""
    tmp = tmp_path_factory.mktemp("identity")
    files = {"VP": [person(rb_dn, "Nguyễn Văn Hùng", HUNG_BIRTH, level="tinh")],
             "QLDN": [person(rb_dn, "Nguyen Van Hung", HUNG_BIRTH, level="tinh")]}
    files.update({code: [person(rb_dn, name, dt.date(1980 + i, 1, 2), level="co_so")]
                  for i, (code, name) in enumerate(OTHERS.items())})
    folder = unit_folder(rb_dn, tmp / "don-vi", files)
    votes = _votes(tmp, [("Nguyễn Văn Hùng", "VP"), ("Nguyen Van Hung", "QLDN")]
                   + [(name, code) for code, name in OTHERS.items()])
    return run_folder(rb_dn.id, folder, tmp / "kq", votes=votes)


def test_same_person_of_two_units_is_selected_once(two_units):
    sel = two_units.selection
    names = [c.name for c in sel.selected]
    assert sum(1 for n in names if n in ("Nguyễn Văn Hùng", "Nguyen Van Hung")) == 1
    # The freed place goes to the next candidate: four different people for the four places of A-21-CN
    # (the four others have identical merit; the given name orders them, Vinh last).
    assert len(sel.selected) == 4 and set(OTHERS.values()) - set(names) == {"Lê Quang Vinh"}
    assert sel.reward_total == 4 * 760_000


def test_the_other_row_is_marked_as_duplicate_naming_both_files_and_cells(two_units):
    sel = two_units.selection
    kept = next(c for c in sel.selected if c.name in ("Nguyễn Văn Hùng", "Nguyen Van Hung"))
    other_name = "Nguyen Van Hung" if kept.name == "Nguyễn Văn Hùng" else "Nguyễn Văn Hùng"
    reason = next(why for c, why in sel.reserve if c.name == other_name)
    assert reason.startswith("trùng với") and "vp.xlsx" in reason and "qldn.xlsx" in reason
    assert candidate_outcomes(two_units)[next(c.id for c, _ in sel.reserve if c.name == other_name)].status == RESERVE
    found = [p for p in two_units.problems if p.rule_id == SAME_IDENTITY]
    assert {p.unit_code for p in found} == {"VP", "QLDN"}
    for p in found:
        assert "vp.xlsx" in p.message and "qldn.xlsx" in p.message and p.cell
    # Today's consolidation warning stays on both rows.
    assert sum(1 for p in two_units.problems if p.rule_id == POSSIBLE_DUPLICATE) == 2


def test_both_units_feedback_says_so(two_units):
    packets = {p.key: p for p in feedback_packets(two_units)}
    for code in ("VP", "QLDN"):
        assert any(p.rule_id == SAME_IDENTITY for p in packets[code].problems), code
    assert not any(p.rule_id == SAME_IDENTITY for p in packets["QLDT"].problems)


def test_same_person_in_two_movements_of_one_unit_is_listed_once(rb_dn, tmp_path):
    files = {"VP": [person(rb_dn, "Nguyễn Văn Hùng", HUNG_BIRTH, level="tinh"),
                    person(rb_dn, "Nguyễn Văn Hùng", HUNG_BIRTH, movement="dot_xuat")],
             "QLDT": [person(rb_dn, "Trần Minh Tâm", dt.date(1980, 1, 2))]}
    folder = unit_folder(rb_dn, tmp_path / "don-vi", files)
    votes = _votes(tmp_path, [("Nguyễn Văn Hùng", "VP"), ("Trần Minh Tâm", "QLDT")])
    result = run_folder(rb_dn.id, folder, tmp_path / "kq", votes=votes)
    sel = result.selection
    chosen = [c.name for c in sel.selected + sel.fast_track]
    assert chosen.count("Nguyễn Văn Hùng") == 1 and "Trần Minh Tâm" in chosen
    assert any(c.name == "Nguyễn Văn Hùng" and why.startswith("trùng với") for c, why in sel.reserve)
    paid = [c for c in sel.selected + sel.fast_track if c.name == "Nguyễn Văn Hùng"]
    assert len(paid) == 1 and paid[0].reward.amount == 760_000


def test_legacy_encoded_name_is_the_same_person(rb_dn, tmp_path):
    files = {"VP": [person(rb_dn, "Nguyễn Văn Hùng", HUNG_BIRTH, level="tinh")],
             "QLDN": [person(rb_dn, "NguyÔn V¨n Hïng", HUNG_BIRTH, level="tinh")]}
    folder = unit_folder(rb_dn, tmp_path / "don-vi", files)
    result = run_folder(rb_dn.id, folder, tmp_path / "kq",
                        votes=_votes(tmp_path, [("Nguyễn Văn Hùng", "VP"), ("Nguyễn Văn Hùng", "QLDN")]))
    assert len(result.selection.selected) == 1
    assert any(p.rule_id == SAME_IDENTITY for p in result.problems)


def test_same_name_other_birth_date_are_two_people(rb_dn, tmp_path):
    files = {"VP": [person(rb_dn, "Nguyễn Văn Hùng", HUNG_BIRTH)],
             "QLDN": [person(rb_dn, "Nguyễn Văn Hùng", dt.date(1990, 6, 1))]}
    folder = unit_folder(rb_dn, tmp_path / "don-vi", files)
    result = run_folder(rb_dn.id, folder, tmp_path / "kq",
                        votes=_votes(tmp_path, [("Nguyễn Văn Hùng", "VP"), ("Nguyễn Văn Hùng", "QLDN")]))
    assert len(result.selection.selected) == 2
    assert not any(p.rule_id == SAME_IDENTITY for p in result.problems)


def test_collective_nominated_in_two_movements_by_its_unit_is_listed_once(rb_dn, tmp_path):
    files = {"QLDN": [collective(rb_dn, "Tổ Hỗ trợ doanh nghiệp", level="tinh"),
                      collective(rb_dn, "Tổ hỗ trợ doanh nghiệp", movement="cai_cach_hanh_chinh")],
             "QLDT": [collective(rb_dn, "Tổ Hỗ trợ doanh nghiệp")]}
    folder = unit_folder(rb_dn, tmp_path / "don-vi", files)
    votes = _votes(tmp_path, [("Tổ Hỗ trợ doanh nghiệp", "QLDN"), ("Tổ Hỗ trợ doanh nghiệp", "QLDT")])
    result = run_folder(rb_dn.id, folder, tmp_path / "kq", votes=votes)
    sel = result.selection
    chosen = [(c.name, c.unit_code) for c in sel.selected + sel.fast_track]
    assert sum(1 for _, u in chosen if u == "QLDN") == 1, chosen
    assert any(c.unit_code == "QLDN" and why.startswith("trùng với") for c, why in sel.reserve)
    # The same name in another unit is another collective.
    assert ("Tổ Hỗ trợ doanh nghiệp", "QLDT") in chosen

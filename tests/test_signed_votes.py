"""A council vote is needed, read exactly, and never assumed: missing rows, invalid rows, threshold,
quorum and the draft list when no vote sheet exists.  Unit workbooks are made with the template."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from support.folders import VOTE_HEADER, person, rulebook_variant, run_folder, unit_folder, vote_book

from exemplars.catalogue import DRAFT_WITHOUT_VOTES, VOTE_MISSING, VOTE_NO_QUORUM, VOTE_ROW
from exemplars.findings import Severity
from exemplars.outputs import office
from exemplars.outputs.feedback import FEEDBACK_DIR
from exemplars.results import DRAFT_MARK

PRESENT = "Số thành viên có mặt"
#: (unit, name, initiative level): the first four score higher than the last two.
PEOPLE = [("VP", "Bùi Thị Lan", "toan_quoc"), ("QLDN", "Đặng Văn Cường", "toan_quoc"),
          ("QLDT", "Hồ Văn Khánh", "tinh"), ("QLXD", "Mai Thị Yến", "tinh"),
          ("QLMT", "Ngô Văn Phúc", "co_so"), ("QLLD", "Lý Văn Sơn", "co_so")]


def _folder(rb, tmp_path, extra=None):
    files = {code: [person(rb, name, dt.date(1980 + i, 5, 6), level=level)]
             for i, (code, name, level) in enumerate(PEOPLE)}
    files["VP"].append(person(rb, "Tạ Văn Tài", dt.date(1991, 1, 1), movement="dot_xuat"))
    for code, cand in (extra or {}).items():
        files.setdefault(code, []).append(cand)
    return unit_folder(rb, tmp_path / "don-vi", files)


@pytest.fixture(scope="module")
def voted(rb_dn, tmp_path_factory):
    """Lan has no vote row; Cường 12/11; Khánh «mười»; Yến 12 present of 11; Phúc 8/11; Sơn 9/11."""
    tmp = tmp_path_factory.mktemp("votes")
    folder = _folder(rb_dn, tmp)
    votes = vote_book(tmp / "phieu-bau.xlsx", [
        ["", "Đặng Văn Cường", "QLDN", 12, 11, 11],
        ["", "Hồ Văn Khánh", "QLDT", "mười", 11, 11],
        ["", "Mai Thị Yến", "QLXD", 9, 11, 12],
        ["", "Ngô Văn Phúc", "QLMT", 8, 11, 11],
        ["", "Lý Văn Sơn", "QLLD", 9, 11, 11],
    ], header=VOTE_HEADER + [PRESENT])
    return run_folder(rb_dn.id, folder, tmp / "kq", votes=votes)


def test_only_candidates_the_council_approved_are_selected(voted):
    sel = voted.selection
    assert [c.name for c in sel.selected] == ["Lý Văn Sơn", "Ngô Văn Phúc"]  # 9/11 before 8/11
    assert sel.reward_total == 2 * 760_000
    assert not sel.draft
    # The fast track is decided by the Trưởng ban: no council vote needed.
    assert [c.name for c in sel.fast_track] == ["Tạ Văn Tài"]


def test_a_candidate_without_a_vote_row_is_not_selectable_and_named(voted):
    reasons = {c.name: why for c, why in voted.selection.reserve}
    assert "không có dòng phiếu bầu" in reasons["Bùi Thị Lan"]
    missing = [p for p in voted.problems if p.rule_id == VOTE_MISSING]
    assert [(p.severity, p.unit_code) for p in missing] == [(Severity.WARNING, "VP")]
    assert "Bùi Thị Lan" in missing[0].message and missing[0].cell
    assert not any("Tạ Văn Tài" in p.message for p in missing)


def test_invalid_vote_rows_are_errors_at_their_cells_and_block_the_candidate(voted):
    errors = {p.cell: p for p in voted.problems if p.rule_id == VOTE_ROW and p.severity is Severity.ERROR}
    assert set(errors) == {"D2", "D3", "F4"}
    assert "lớn hơn tổng số thành viên" in errors["D2"].message
    assert "số nguyên" in errors["D3"].message
    assert "có mặt" in errors["F4"].message
    reasons = {c.name: why for c, why in voted.selection.reserve}
    for name, cell in (("Đặng Văn Cường", "D2"), ("Hồ Văn Khánh", "D3"), ("Mai Thị Yến", "F4")):
        assert "không hợp lệ" in reasons[name] and cell in reasons[name], reasons[name]


def _half(rb, tmp_path, rulebook):
    folder = unit_folder(rb, tmp_path / "don-vi", {"VP": [person(rb, "Bùi Thị Lan", dt.date(1980, 5, 6))]})
    votes = vote_book(tmp_path / "phieu.xlsx", [["", "Bùi Thị Lan", "VP", 5, 10, 7]],
                      header=VOTE_HEADER + [PRESENT])
    return run_folder(str(rulebook), folder, tmp_path / "kq", votes=votes).selection


def test_exactly_half_is_not_a_majority_by_default(rb_dn, tmp_path):
    sel = _half(rb_dn, tmp_path, rb_dn.id)
    assert sel.selected == [] and "chưa quá" in sel.reserve[0][1]


def test_at_least_counts_exactly_half(rb_dn, tmp_path):
    variant = rulebook_variant(rb_dn.id, tmp_path / "rb.toml", {'comparison = "more_than"': 'comparison = "at_least"'})
    assert [c.name for c in _half(rb_dn, tmp_path, variant).selected] == ["Bùi Thị Lan"]


def test_quorum_of_members_present(rb_dn, tmp_path):
    variant = rulebook_variant(rb_dn.id, tmp_path / "rb.toml", {"quorum = 0.6667": "quorum = 0.75",
                                                                'comparison = "more_than"': 'comparison = "at_least"'})
    folder = unit_folder(rb_dn, tmp_path / "don-vi", {"VP": [person(rb_dn, "Bùi Thị Lan", dt.date(1980, 5, 6))]})
    votes = vote_book(tmp_path / "phieu.xlsx", [["", "Bùi Thị Lan", "VP", 5, 10, 7]],
                      header=VOTE_HEADER + [PRESENT])
    result = run_folder(str(variant), folder, tmp_path / "kq", votes=votes)
    assert result.selection.selected == []
    found = [p for p in result.problems if p.rule_id == VOTE_NO_QUORUM]
    assert len(found) == 1 and found[0].cell == "F2" and "7/10" in found[0].message


@pytest.fixture(scope="module")
def unvoted(rb_dn, tmp_path_factory):
    """No vote sheet at all: every output showing the selection says it is a draft."""
    tmp = tmp_path_factory.mktemp("draft")
    folder = _folder(rb_dn, tmp)
    mp = pytest.MonkeyPatch()
    mp.setattr(office, "find_soffice", lambda: None)  # the PDF copy of the list is not under test here
    try:
        return run_folder(rb_dn.id, folder, tmp / "kq", until="outputs")
    finally:
        mp.undo()


def _texts(path):
    book = openpyxl.load_workbook(path, read_only=True)
    return [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]


def test_without_votes_the_list_is_a_draft_on_every_output(unvoted):
    sel = unvoted.selection
    assert sel.draft and len(sel.selected) == 4
    assert any(DRAFT_MARK in t for t in _texts(unvoted.outputs["submission"]))
    assert any(DRAFT_MARK in t for t in _texts(unvoted.outputs["working_register"]))
    letters = sorted((unvoted.outputs["submission"].parent / FEEDBACK_DIR).glob("*.xlsx"))
    assert letters and all(any(DRAFT_MARK in t for t in _texts(p)) for p in letters)
    summary = json.loads(unvoted.outputs["summary"].read_text(encoding="utf-8"))
    assert summary["draft"] is True


def test_without_votes_the_run_ends_with_a_warning(unvoted):
    last = unvoted.problems[-1]
    assert (last.rule_id, last.severity) == (DRAFT_WITHOUT_VOTES, Severity.WARNING)
    assert DRAFT_MARK in last.message

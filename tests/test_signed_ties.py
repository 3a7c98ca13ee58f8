"""Ties at the last place of a quota or of the 3–5 models are flagged to the council, and the ND 152
Điều 4 preference covers collectives with at least 70 % women (template column «Tỷ lệ nữ (%)»)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from support.folders import collective, person, run_folder, unit_folder, vote_book

from exemplars.catalogue import TIE_AT_LAST_PLACE
from exemplars.columns import CANDIDATE_COLUMNS
from exemplars.outputs import office
from exemplars.vi.values import parse_percent


def _sheet(path, name):
    ws = openpyxl.load_workbook(path, read_only=True)[name]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:]


@pytest.fixture(scope="module")
def quota_tie(rb_dn, tmp_path_factory):
    """Three clear individuals, then two with identical merit for the fourth place of A-21-CN:
    a man whose name sorts first and a woman (ND 152 Điều 4 prefers her)."""
    tmp = tmp_path_factory.mktemp("tie")
    files = {"VP": [person(rb_dn, "Trần Minh Tâm", dt.date(1980, 1, 2), level="tinh")],
             "QLDN": [person(rb_dn, "Lê Quang Vinh", dt.date(1981, 1, 2), level="tinh")],
             "QLDT": [person(rb_dn, "Phạm Đức Huy", dt.date(1982, 1, 2), level="tinh")],
             "QLXD": [person(rb_dn, "Võ Văn An", dt.date(1983, 1, 2))],
             "QLMT": [person(rb_dn, "Đỗ Thị Yến", dt.date(1984, 1, 2), female=True)]}
    folder = unit_folder(rb_dn, tmp / "don-vi", files)
    votes = vote_book(tmp / "phieu.xlsx", [["", c.name, code, 9, 11] for code, cs in files.items() for c in cs])
    mp = pytest.MonkeyPatch()
    mp.setattr(office, "find_soffice", lambda: None)
    try:
        return run_folder(rb_dn.id, folder, tmp / "kq", votes=votes, until="outputs")
    finally:
        mp.undo()


def test_the_woman_takes_the_tied_last_place(quota_tie):
    sel = quota_tie.selection
    assert [c.name for c in sel.selected][-1] == "Đỗ Thị Yến"
    assert "Võ Văn An" in [c.name for c, _ in sel.reserve]
    assert sel.reward_total == 4 * 760_000


def test_the_tie_is_flagged_in_the_ranking_sheet_and_the_summary(quota_tie):
    found = [p for p in quota_tie.problems if p.rule_id == TIE_AT_LAST_PLACE]
    assert len(found) == 1
    message = found[0].message
    assert "Đỗ Thị Yến" in message and "Võ Văn An" in message and "A-21-CN" in message
    assert "đồng điểm, quyết định theo tiêu chí phụ" in message and "nữ" in message
    path = quota_tie.outputs["working_register"]
    header, rows = _sheet(path, "Xếp hạng")
    note = header.index("Ghi chú xếp hạng")
    flagged = {r[header.index("Họ và tên / Tên tập thể")] for r in rows if r[note] and "đồng điểm" in r[note]}
    assert flagged == {"Đỗ Thị Yến", "Võ Văn An"}
    header, rows = _sheet(path, "Tổng hợp")
    why = header.index("Lý do")
    assert any("đồng điểm" in (r[why] or "") for r in rows if r[header.index("Họ và tên / Tên tập thể")] == "Võ Văn An")


def test_no_flag_without_a_tie_at_the_last_place(rb_dn, tmp_path):
    files = {"VP": [person(rb_dn, "Trần Minh Tâm", dt.date(1980, 1, 2), level="tinh")],
             "QLDN": [person(rb_dn, "Lê Quang Vinh", dt.date(1981, 1, 2))]}
    folder = unit_folder(rb_dn, tmp_path / "don-vi", files)
    result = run_folder(rb_dn.id, folder, tmp_path / "kq")
    assert not any(p.rule_id == TIE_AT_LAST_PLACE for p in result.problems)


def test_women_share_reads_as_a_percent():
    assert [parse_percent(v).value for v in ("75", "75%", "75 %", "70,5%", 0.75, 75, 1)] == \
        [75, 75, 75, 70.5, 75, 75, 100]
    assert parse_percent("nhiều").severity.value == "error"
    assert parse_percent(130).severity.value == "error"
    assert any(c.key == "women_share" and c.header == "Tỷ lệ nữ (%)" for c in CANDIDATE_COLUMNS)


@pytest.mark.parametrize("typed", ["75", "75%", 0.75])
def test_collective_of_mostly_women_is_preferred_at_the_last_model(rb_nn, tmp_path, typed):
    """Six collectives for at most five models (B-18): the fifth and sixth have identical merit;
    «Trạm Thú y» (75 % women) goes before «Phòng Chăn nuôi» (60 %) whose name sorts first."""
    units = [u.code for u in rb_nn.units]
    strong = [collective(rb_nn, f"Tổ Công tác số {i}", level="tinh") for i in range(1, 5)]
    files = {units[i]: [c] for i, c in enumerate(strong)}
    files[units[4]] = [collective(rb_nn, "Phòng Chăn nuôi", women_share=60)]
    files[units[5]] = [collective(rb_nn, "Trạm Thú y", women_share=75)]
    folder = unit_folder(rb_nn, tmp_path / "don-vi", files)
    # The clerk types the share as she would: 75, 75% or 0,75 in the %-formatted cell.
    path = folder / f"{units[5].lower()}.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Danh sách đề xuất"]
    column = next(c.column_letter for row in ws.iter_rows(max_row=20) for c in row if c.value == "Tỷ lệ nữ (%)")
    line = next(c.row for row in ws.iter_rows() for c in row if c.value == "Trạm Thú y")
    ws[f"{column}{line}"].value = typed
    book.save(path)
    votes = vote_book(tmp_path / "phieu.xlsx", [["", c.name, code, 8, 11] for code, cs in files.items() for c in cs])
    result = run_folder(rb_nn.id, folder, tmp_path / "kq", votes=votes)
    names = [c.name for c in result.selection.selected]
    assert len(names) == 5 and names[-1] == "Trạm Thú y" and "Phòng Chăn nuôi" not in names
    tie = [p for p in result.problems if p.rule_id == TIE_AT_LAST_PLACE]
    assert len(tie) == 1 and "70%" in tie[0].message.replace(" ", "")

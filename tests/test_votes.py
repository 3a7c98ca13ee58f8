"""Council votes: header matching, lookups by id or by name + unit, bad counts as problems."""

from __future__ import annotations

import xlsxwriter

from exemplars.findings import Severity
from exemplars.votes import read_votes, votes_from_rows

HEADER = ["Mã ứng viên", "Họ và tên / Tên tập thể", "Đơn vị", "Phiếu đồng ý", "Tổng số thành viên"]


def test_rows_by_id_and_by_name():
    rows = [["BẢNG TỔNG HỢP PHIẾU BẦU"], [], HEADER,
            ["dn-001", "Nguyễn Văn An", "VP", 8, 10],
            [None, "Bà Trần Thị Bình", "Văn phòng", "7", "10"]]
    votes, problems = votes_from_rows(rows)
    assert problems == []
    assert votes["dn-001"] == (8, 10)
    assert len(votes) == 2 and "dn-001" in votes
    assert votes.lookup("dn-001") == (8, 10)
    assert votes.lookup("other-id", "Trần Thị Bình", "VP", "Văn phòng") == (7, 10)
    assert votes.lookup("other-id", "Trần Thị Bình", "KH", "Phòng Kế hoạch") is None


def test_headers_match_without_diacritics_or_case():
    rows = [["MA UNG VIEN", "HO VA TEN", "DON VI", "phieu dong y", "tong so thanh vien"], ["x1", "A", "VP", 3, 5]]
    votes, problems = votes_from_rows(rows)
    assert problems == [] and votes["x1"] == (3, 5)


def test_more_yes_than_members_is_an_error_with_cell():
    votes, problems = votes_from_rows([HEADER, ["x1", "A", "VP", 11, 10]])
    assert "x1" not in votes
    assert len(problems) == 1
    p = problems[0]
    assert (p.severity, p.rule_id, p.cell, p.value) == (Severity.ERROR, "PB-01", "D2", "11")
    assert "lớn hơn tổng số thành viên" in p.message


def test_negative_and_non_numeric_counts_are_errors():
    votes, problems = votes_from_rows([HEADER, ["x1", "A", "VP", -1, 10], ["x2", "B", "VP", "nhiều", 10]])
    assert len(votes) == 0
    assert [p.cell for p in problems] == ["D2", "D3"]
    assert all(p.severity is Severity.ERROR for p in problems)


def test_missing_header_is_a_problem():
    votes, problems = votes_from_rows([["a", "b"], [1, 2]])
    assert len(votes) == 0 and len(problems) == 1 and "tiêu đề" in problems[0].message


def test_read_votes_from_workbook(tmp_path):
    path = tmp_path / "phieu.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Khác")
    ws.write_row(0, 0, ["không liên quan"])
    ws = wb.add_worksheet("Phiếu bầu")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["dn-002", "Lê Văn Cường", "VP", 9, 12])
    wb.close()
    votes, problems = read_votes(path)
    assert problems == [] and votes["dn-002"] == (9, 12)

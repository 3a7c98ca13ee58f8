"""Feedback letters: one per unit that sent files, exactly its problems, with cell references."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from support.results import build_run_result

from exemplars.outputs.feedback import (
    clerk_text,
    feedback_packets,
    plan_codes,
    summary_paragraph,
    write_feedback,
    written_letters,
)
from exemplars.outputs.outcomes import candidate_outcomes
from exemplars.settings import DocumentHeader, RunSettings


@pytest.fixture
def letters(rb_dn, tmp_path):
    result = build_run_result(rb_dn)
    settings = RunSettings(folder=tmp_path / "in", out_dir=tmp_path, rulebook=rb_dn.id, year=2026,
                           header=DocumentHeader(doc_date=dt.date(2026, 2, 5)))
    return result, write_feedback(result, settings, rb_dn, tmp_path / "phan-hoi-don-vi")


def values(path) -> list:
    ws = openpyxl.load_workbook(path).active
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def test_one_letter_per_sending_unit(letters):
    _, written = letters
    assert sorted(written) == ["feedback:QLDN", "feedback:QLDT", "feedback:VP"]  # temp file and silent units: none
    assert written["feedback:QLDN"].name == "QLDN.xlsx"


def test_letter_lists_exactly_the_units_problems(letters):
    result, written = letters
    qldn = values(written["feedback:QLDN"])
    assert {"Danh sách đề xuất!E13", "Danh sách đề xuất!F13", "Danh sách đề xuất!K12"} <= set(qldn)
    assert "Ngày sinh không hợp lệ: nhập dạng dd/mm/yyyy." in qldn and "31/02/1985" in qldn
    assert "Tệp dùng mẫu cũ, vẫn đọc được." not in qldn  # that notice belongs to VP
    ws = openpyxl.load_workbook(written["feedback:QLDN"]).active
    levels = [c.value for c in ws["B"] if c.value in ("Lỗi", "Cảnh báo", "Ghi chú")]
    assert levels == ["Lỗi", "Lỗi", "Cảnh báo"]
    assert "Kính gửi: Phòng Quản lý doanh nghiệp" in qldn
    paragraph = next(v for v in qldn if str(v).startswith("Văn phòng đã nhận"))
    assert "1 tệp (qldn.xlsx)" in paragraph and "3 ứng viên" in paragraph and "2 lỗi cần sửa" in paragraph
    assert "1 cảnh báo" in paragraph
    vp = values(written["feedback:VP"])
    assert "Tệp dùng mẫu cũ, vẫn đọc được." in vp and "Danh sách đề xuất!E13" not in vp


def test_candidate_statuses(letters):
    _, written = letters
    qldn = values(written["feedback:QLDN"])
    assert "Chưa đủ điều kiện" in qldn and "Được chọn" in qldn
    assert any(str(v).startswith("Chưa đạt tiêu chí") and "hoàn thành nhiệm vụ" in str(v) for v in qldn)
    assert "Danh sách đề xuất, dòng 13" in qldn
    cells = [c for row in openpyxl.load_workbook(written["feedback:QLDN"]).active.iter_rows() for c in row
             if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    # rule codes stand in the last, technical column only; the clerk's text is plain Vietnamese
    assert any(c.column == 7 and c.value == "A-11.1" for c in cells)
    assert not any("A-11" in str(c.value) or "A-21" in str(c.value) for c in cells if c.column < 7)


def test_clerk_text_drops_codes_and_names_quotas(rb_dn):
    codes = plan_codes(rb_dn)
    quota = rb_dn.quotas[0]
    assert clerk_text(f"vượt hạn mức {quota.id} (tối đa {quota.max} cá nhân)", codes) == \
        f"vượt hạn mức «{quota.label}» (tối đa {quota.max} cá nhân)"
    criterion = rb_dn.criteria[0]
    assert clerk_text(f"không đạt tiêu chí bắt buộc [{criterion.id}] Gương mẫu", codes) == \
        "không đạt tiêu chí bắt buộc Gương mẫu"
    assert clerk_text("Số 15/KH-UBND [ghi chú]", codes) == "Số 15/KH-UBND [ghi chú]"


def test_unit_without_problems_gets_a_short_letter(letters):
    _, written = letters
    qldt = values(written["feedback:QLDT"])
    assert any("không có lỗi" in str(v) for v in qldt)
    assert "Không có lỗi hay cảnh báo nào." in qldt


def test_unknown_unit_file_is_keyed_by_its_path(rb_dn):
    result = build_run_result(rb_dn)
    from exemplars.results import FileRecord, FileStatus

    result.consolidation.files.append(FileRecord(path="khac/bao-cao la.xlsx", status=FileStatus.UNKNOWN_UNIT))
    packets = {p.key: p for p in feedback_packets(result)}
    assert "khac/bao-cao la" in packets and packets["khac/bao-cao la"].files[0].path == "khac/bao-cao la.xlsx"
    assert "0 ứng viên" in summary_paragraph(packets["khac/bao-cao la"])


def test_letters_written_by_worker_processes_are_the_same_bytes(rb_dn, tmp_path):
    result = build_run_result(rb_dn)
    settings = RunSettings(folder=tmp_path / "in", out_dir=tmp_path, rulebook=rb_dn.id, year=2026,
                           header=DocumentHeader(doc_date=dt.date(2026, 2, 5)))
    outcomes = candidate_outcomes(result)
    books, told = {}, {}
    for workers in (1, 2):
        folder = tmp_path / f"w{workers}"
        folder.mkdir()
        jobs = [(p, folder / f"{p.key}.xlsx") for p in feedback_packets(result)]
        steps: list[int] = []
        written_letters(result, settings, rb_dn, jobs, outcomes, workers=workers,
                        progress=lambda done, total, _key, steps=steps: steps.append(done))
        books[workers], told[workers] = {t.name: t.read_bytes() for _, t in jobs}, steps
    assert len(books[1]) == 3 and books[1] == books[2]
    assert told[1] == [0, 1, 2] and told[2] and told[2][-1] == 3

"""consolidate_folder over folders that show each case: statuses, ids, reconciliation, safety."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import pytest
from support.unit_files import edit_workbook, make_unit_file, sample_candidates, sha256_tree

from exemplars.columns import SHEET_CANDIDATES, SHEET_MARKER
from exemplars.consolidate import consolidate_folder
from exemplars.domain import Candidate, Unit
from exemplars.errors import InputError
from exemplars.results import FileStatus


def _by_path(cons):
    return {f.path: f for f in cons.files}


def _rules(cons, rule_id):
    return [p for p in cons.problems if p.rule_id == rule_id]


def test_missing_folder_is_the_only_exception(tmp_path, rb_dn):
    with pytest.raises(InputError) as err:
        consolidate_folder(tmp_path / "khong-co", rb_dn, 2020)
    assert "Không tìm thấy thư mục" in err.value.message


def test_bad_files_never_stop_the_others_and_nothing_is_written(tmp_path, rb_dn):
    folder = tmp_path / "in"
    (folder / "khoi-a").mkdir(parents=True)
    make_unit_file(rb_dn, folder / "khoi-a" / "vp.xlsx", rb_dn.units[0])
    make_unit_file(rb_dn, folder / "qldn.xlsx", rb_dn.units[1])
    (folder / "rong.xlsx").write_bytes(b"")
    (folder / "hong.xlsx").write_bytes((folder / "qldn.xlsx").read_bytes()[:3000])  # truncated zip
    (folder / "ghi-chu.xlsx").write_text("đây không phải bảng tính", encoding="utf-8")
    (folder / "~$qldn.xlsx").write_bytes(b"lock")
    (folder / ".an.xlsx").write_bytes(b"hidden")
    (folder / "cong-van.pdf").write_bytes(b"%PDF-1.4")
    before = sha256_tree(folder)
    mtimes = {p: os.stat(p).st_mtime_ns for p in folder.rglob("*")}
    cons = consolidate_folder(folder, rb_dn, 2020)
    assert sha256_tree(folder) == before
    assert {p: os.stat(p).st_mtime_ns for p in folder.rglob("*")} == mtimes
    files = _by_path(cons)
    assert files["khoi-a/vp.xlsx"].status is FileStatus.RECEIVED
    assert files["qldn.xlsx"].status is FileStatus.RECEIVED
    for bad in ("rong.xlsx", "hong.xlsx", "ghi-chu.xlsx"):
        assert files[bad].status is FileStatus.ERROR and files[bad].message, bad
        assert any(p.file == bad and p.severity.value == "error" for p in cons.problems)
    for skipped in ("~$qldn.xlsx", ".an.xlsx", "cong-van.pdf"):
        assert files[skipped].status is FileStatus.SKIPPED, skipped
    assert "Tệp rỗng" in files["rong.xlsx"].message
    assert len(cons.register) == 6
    for rel, rec in files.items():
        if rec.status is not FileStatus.SKIPPED:
            assert rec.sha256 == before[rel]
    assert set(cons.register["source_file"]) == {"khoi-a/vp.xlsx", "qldn.xlsx"}


def test_symlinks_are_not_followed(tmp_path, rb_dn):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    make_unit_file(rb_dn, outside / "x.xlsx", rb_dn.units[2])
    folder = tmp_path / "in"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0])
    (folder / "vong").symlink_to(folder, target_is_directory=True)
    (folder / "ngoai").symlink_to(outside, target_is_directory=True)
    (folder / "lien-ket.xlsx").symlink_to(outside / "x.xlsx")
    cons = consolidate_folder(folder, rb_dn, 2020)
    files = _by_path(cons)
    assert files["vp.xlsx"].status is FileStatus.RECEIVED
    assert {files[p].status for p in ("vong", "ngoai", "lien-ket.xlsx")} == {FileStatus.SKIPPED}
    assert set(cons.register["source_file"]) == {"vp.xlsx"}


def test_ids_are_stable_across_reruns_renames_and_order(tmp_path, rb_dn):
    a = tmp_path / "a"
    a.mkdir()
    make_unit_file(rb_dn, a / "vp.xlsx", rb_dn.units[0])
    make_unit_file(rb_dn, a / "qldn.xlsx", rb_dn.units[1])
    first = consolidate_folder(a, rb_dn, 2020)
    again = consolidate_folder(a, rb_dn, 2020)
    assert list(first.register["id"]) == list(again.register["id"])
    b = tmp_path / "b"
    (b / "sub").mkdir(parents=True)
    shutil.copy(a / "vp.xlsx", b / "sub" / "zz-van-phong.xlsx")
    reordered = list(reversed(sample_candidates(rb_dn)))
    make_unit_file(rb_dn, b / "00-qldn.xlsx", rb_dn.units[1], candidates=reordered)
    moved = consolidate_folder(b, rb_dn, 2020)
    key = lambda c: {(r["unit_code"], r["name"]): r["id"] for r in c.register.to_dict("records")}  # noqa: E731
    assert key(first) == key(moved)
    ids = list(first.register["id"])
    assert len(set(ids)) == len(ids) and all(i.startswith("UV-") and len(i) == 13 for i in ids)


def test_true_collisions_get_deterministic_suffixes(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    twin = sample_candidates(rb_dn)[1]
    other = twin.model_copy(update={"achievements": "Một thành tích khác"})
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0], candidates=[twin, other])
    ids1 = sorted(consolidate_folder(folder, rb_dn, 2020).register["id"])
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0], candidates=[other, twin])
    cons = consolidate_folder(folder, rb_dn, 2020)
    assert sorted(cons.register["id"]) == ids1
    assert ids1[1] == ids1[0] + "-2"
    assert len(_rules(cons, "F-61")) == 2


def test_newest_file_of_a_unit_supersedes_the_older(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    old = make_unit_file(rb_dn, folder / "vp-lan1.xlsx", rb_dn.units[0], prepared_on=dt.date(2020, 11, 1))
    new = make_unit_file(rb_dn, folder / "vp-lan2.xlsx", rb_dn.units[0], candidates=sample_candidates(rb_dn)[:1],
                         prepared_on=dt.date(2020, 11, 9))
    os.utime(new, (time.time() - 3600, time.time() - 3600))  # older on disk, newer by "Ngày lập"
    cons = consolidate_folder(folder, rb_dn, 2020)
    files = _by_path(cons)
    assert files["vp-lan1.xlsx"].status is FileStatus.SUPERSEDED
    assert "vp-lan2.xlsx" in files["vp-lan1.xlsx"].message
    assert files["vp-lan2.xlsx"].status is FileStatus.RECEIVED
    assert set(cons.register["source_file"]) == {"vp-lan2.xlsx"} and len(cons.register) == 1
    assert set(cons.history["source_file"]) == {"vp-lan2.xlsx"}
    assert set(cons.history["candidate_id"]) == set(cons.register["id"])
    assert old.exists()


def test_same_date_falls_back_to_file_time(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    a = make_unit_file(rb_dn, folder / "b.xlsx", rb_dn.units[0])
    b = make_unit_file(rb_dn, folder / "a.xlsx", rb_dn.units[0])
    os.utime(a, (1_600_000_000, 1_600_000_000))
    os.utime(b, (1_500_000_000, 1_500_000_000))
    files = _by_path(consolidate_folder(folder, rb_dn, 2020))
    assert files["b.xlsx"].status is FileStatus.RECEIVED and files["a.xlsx"].status is FileStatus.SUPERSEDED
    assert files["b.xlsx"].modified == dt.datetime.fromtimestamp(1_600_000_000)


def test_unknown_unit_keeps_candidates_and_units_missing(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "la.xlsx", None, unit_name="Phòng Không Tồn Tại")
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0])
    cons = consolidate_folder(folder, rb_dn, 2020)
    files = _by_path(cons)
    assert files["la.xlsx"].status is FileStatus.UNKNOWN_UNIT
    rows = cons.register[cons.register["source_file"] == "la.xlsx"]
    assert len(rows) == 3 and set(rows["unit_code"]) == {""}
    assert [p.severity.value for p in _rules(cons, "F-40")] == ["error"]
    assert [u.code for u in cons.units_missing] == [u.code for u in rb_dn.units[1:]]
    assert cons.summary()["units_missing"] == [u.code for u in rb_dn.units[1:]]


def test_given_units_list_replaces_the_rulebooks(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    units = [Unit(code="X1", name="Phòng Thử nghiệm"), Unit(code="X2", name="Tổ Kiểm tra")]
    make_unit_file(rb_dn, folder / "x.xlsx", None, unit_name="Phòng Thử nghiệm")
    cons = consolidate_folder(folder, rb_dn, 2020, units=units)
    assert cons.files[0].unit_code == "X1" and [u.code for u in cons.units_missing] == ["X2"]


def test_same_person_from_two_units_is_warned_on_both_rows(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    person = sample_candidates(rb_dn)[1]
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0], candidates=[person])
    renamed = person.model_copy(update={"name": "  NGUYỄN THỊ HƯƠNG "})
    make_unit_file(rb_dn, folder / "qldn.xlsx", rb_dn.units[1], candidates=[renamed])
    cons = consolidate_folder(folder, rb_dn, 2020)
    dup = _rules(cons, "F-60")
    assert {p.file for p in dup} == {"vp.xlsx", "qldn.xlsx"}
    assert {p.candidate_id for p in dup} == set(cons.register["id"])
    assert all(p.severity.value == "warning" and p.cell for p in dup)


def test_wrong_year_is_a_warning(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0], year=2019)
    cons = consolidate_folder(folder, rb_dn, 2020)
    assert [p.severity.value for p in _rules(cons, "F-42")] == ["warning"]
    assert cons.files[0].status is FileStatus.RECEIVED and len(cons.register) == 3


def test_template_of_another_rulebook_is_refused(tmp_path, rb_dn, rb_nn):
    folder = tmp_path / "in"
    folder.mkdir()
    make_unit_file(rb_nn, folder / "nn.xlsx", None, candidates=[], unit_name=rb_dn.units[0].name)
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0])
    files = _by_path(consolidate_folder(folder, rb_dn, 2020))
    assert files["nn.xlsx"].status is FileStatus.ERROR and rb_nn.id in files["nn.xlsx"].message
    assert files["vp.xlsx"].status is FileStatus.RECEIVED


def test_missing_required_columns_are_named(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    path = make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0])

    def drop(wb):
        del wb[SHEET_MARKER]
        ws = wb[SHEET_CANDIDATES]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in ("Phong trào thi đua", "Tóm tắt thành tích"):
                    cell.value = "Cột khác"
    edit_workbook(path, drop)
    rec = consolidate_folder(folder, rb_dn, 2020).files[0]
    assert rec.status is FileStatus.ERROR
    assert "«Phong trào thi đua»" in rec.message and "«Tóm tắt thành tích»" in rec.message


def test_empty_table_and_old_template(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "vp.xlsx", rb_dn.units[0], candidates=[])
    old = make_unit_file(rb_dn, folder / "qldn.xlsx", rb_dn.units[1])

    def version_1(wb):
        ws = wb[SHEET_MARKER]
        for row in ws.iter_rows():
            if row[0].value == "template_version":
                row[1].value = "1"
    edit_workbook(old, version_1)
    cons = consolidate_folder(folder, rb_dn, 2020)
    files = _by_path(cons)
    assert files["vp.xlsx"].status is FileStatus.EMPTY and files["vp.xlsx"].candidates == 0
    assert files["qldn.xlsx"].status is FileStatus.OLD_TEMPLATE and files["qldn.xlsx"].template_version == 1
    assert len(cons.register) == 3 and _rules(cons, "F-24")


def test_progress_reports_every_file(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    for u in rb_dn.units[:3]:
        make_unit_file(rb_dn, folder / f"{u.code}.xlsx", u, candidates=[Candidate(
            subject_kind="tap_the", name=u.name, movement="thuong_xuyen", achievements="Tốt",
            discipline="khong", task_completion="htt")])
    calls = []
    cons = consolidate_folder(folder, rb_dn, 2020, progress=lambda d, t, m: calls.append((d, t)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3) and len(cons.register) == 3


def test_a_corrupt_sheet_gets_a_vietnamese_message(tmp_path, rb_dn):
    import zipfile

    folder = tmp_path / "in"
    folder.mkdir()
    good = make_unit_file(rb_dn, tmp_path / "tot.xlsx", rb_dn.units[0])
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(folder / "xml-hong.xlsx", "w") as zout:
        book = zin.read("xl/workbook.xml").decode("utf-8")
        rels = zin.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rid = book.split(f'name="{SHEET_CANDIDATES}"', 1)[1].split('id="', 1)[1].split('"', 1)[0]
        part = "xl/" + rels.split(f'Id="{rid}"', 1)[1].split('Target="', 1)[1].split('"', 1)[0].removeprefix("/").removeprefix("xl/")
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = data[: len(data) // 3] + b"\x00<<</c></row>garbage&&;"
            zout.writestr(info, data)
    cons = consolidate_folder(folder, rb_dn, 2020)
    record = _by_path(cons)["xml-hong.xlsx"]
    assert record.status is FileStatus.ERROR
    assert record.message.startswith(f"Tệp bị hỏng: không đọc được sheet «{SHEET_CANDIDATES}» (dữ liệu XML "
                                      "không hợp lệ). Đề nghị đơn vị mở lại bằng Excel, lưu lại và gửi lại.")
    assert "Lỗi khi đọc tệp" not in record.message
    assert [p.rule_id for p in cons.problems if p.file == "xml-hong.xlsx"] == ["F-03"]

"""The file safety gate: one test per rule, on files built here (no stored binaries)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hostile import (
    BILLION_LAUGHS,
    add_override,
    add_relationship,
    append_cells,
    forge_declared_size,
    sheet_part,
    with_doctype,
    write_zip,
    zip_parts,
)
from hostile.make_corpus import _insert_filepass, repeated_ods
from hypothesis import given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile

from exemplars.columns import SHEET_CANDIDATES
from exemplars.findings import Severity
from exemplars.reader.safety import (
    MAX_MEMBERS,
    MAX_SHEET_CELLS,
    UnreadableFile,
    _area_bound,
    check_file,
    inspect_file,
    sheet_extent,
)
from exemplars.reader.workbook import column_letter

LIMIT = 5 * 1024 * 1024
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def small_xlsx(path: Path, rows: int = 3) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet(SHEET_CANDIDATES)
    ws.write_row(0, 0, ["STT", "Họ và tên / Tên tập thể", "Loại đối tượng"])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [r, f"Nguyễn Văn {r}", "Cá nhân"])
    wb.close()
    return path


def refused(path: Path, max_bytes: int = LIMIT) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as info:
        check_file(path, max_bytes)
    err = info.value
    assert VIETNAMESE.search(err.message), err.message
    return err


def variant(tmp_path: Path, name: str, edit) -> Path:
    parts = zip_parts(small_xlsx(tmp_path / "src.xlsx"))
    edit(parts, sheet_part(parts, SHEET_CANDIDATES))
    return write_zip(tmp_path / name, parts)


@pytest.fixture(scope="module")
def xls_file(tmp_path_factory, soffice) -> Path:
    work = tmp_path_factory.mktemp("xls")
    src = small_xlsx(work / "nho.xlsx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "xls",
                    "--outdir", str(work), str(src)], check=True, capture_output=True, timeout=180)
    return work / "nho.xls"


def test_valid_xlsx_is_xlsx_without_notices(tmp_path):
    check = inspect_file(small_xlsx(tmp_path / "a.xlsx"), LIMIT)
    assert check.fmt == "xlsx" and check.notices == ()


def test_format_comes_from_content_not_extension(tmp_path):
    path = small_xlsx(tmp_path / "a.xlsx")
    renamed = tmp_path / "a.xls"
    path.rename(renamed)
    check = inspect_file(renamed, LIMIT)
    assert check.fmt == "xlsx"
    assert [n.rule_id for n in check.notices] == ["F-12"]
    problems = check.problems("thu-muc/a.xls")
    assert problems[0].severity is Severity.NOTICE and problems[0].file == "thu-muc/a.xls"


def test_f01_empty_file(tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    assert refused(path).rule_id == "F-01"


@pytest.mark.parametrize("head, kind", [
    (b"Xin chao day la thu gui kem theo.\n", "văn bản"), (b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
])
def test_f02_foreign_content_named_xlsx(tmp_path, head, kind):
    path = tmp_path / "gia.xlsx"
    path.write_bytes(head * 20)
    err = refused(path)
    assert err.rule_id == "F-02" and kind in err.message


def test_f02_word_document_in_a_zip(tmp_path):
    path = write_zip(tmp_path / "word.xlsx", {
        "[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" ContentType="application/vnd.'
                               b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b"<document/>"})
    err = refused(path)
    assert err.rule_id == "F-02" and "Word" in err.message


def test_f03_truncated_zip(tmp_path):
    data = small_xlsx(tmp_path / "a.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert refused(path).rule_id == "F-03"


def test_f03_member_larger_than_declared(tmp_path):
    path = small_xlsx(tmp_path / "gia.xlsx", rows=200)
    forge_declared_size(path, sheet_part(zip_parts(path), SHEET_CANDIDATES), 100)
    assert refused(path).rule_id == "F-03"


def test_f04_encrypted_ooxml(tmp_path):
    src = small_xlsx(tmp_path / "a.xlsx")
    path = tmp_path / "khoa.xlsx"
    with open(src, "rb") as fh, open(path, "wb") as out:
        OOXMLFile(fh).encrypt("matkhau", out)
    err = refused(path)
    assert err.rule_id == "F-04" and "mật khẩu" in err.message


def test_f05_larger_than_the_limit(tmp_path):
    path = small_xlsx(tmp_path / "a.xlsx")
    assert refused(path, max_bytes=path.stat().st_size - 1).rule_id == "F-05"
    assert check_file(path, path.stat().st_size) == "xlsx"


def _append_member(path: Path, name: str, mib: int) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open(name, "w", force_zip64=True) as fh:
        for _ in range(mib):
            fh.write(bytes(1024 * 1024))


def test_f06_zip_bomb_total_size(tmp_path, monkeypatch):
    import exemplars.reader.safety as safety

    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 200 * 1024 * 1024)  # the rule, not the figure
    path = small_xlsx(tmp_path / "bom.xlsx")
    _append_member(path, "xl/media/zeros.bin", 210)
    err = refused(path)
    assert err.rule_id == "F-06" and "MB" in err.message


def test_f06_zip_bomb_ratio(tmp_path):
    path = small_xlsx(tmp_path / "ratio.xlsx")
    _append_member(path, "xl/media/zeros.bin", 8)
    assert refused(path).rule_id == "F-06"


def test_f06_too_many_members(tmp_path):
    parts = zip_parts(small_xlsx(tmp_path / "a.xlsx"))
    parts.update({f"xl/media/{i}.bin": b"" for i in range(MAX_MEMBERS + 1)})
    assert refused(write_zip(tmp_path / "many.xlsx", parts)).rule_id == "F-06"


@pytest.mark.parametrize("target", ["sheet", "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_f07_doctype_in_any_part(tmp_path, target):
    def edit(parts, sheet):
        part = sheet if target == "sheet" else target
        parts[part] = with_doctype(parts[part], "root", BILLION_LAUGHS)

    err = refused(variant(tmp_path, "lol.xlsx", edit))
    assert err.rule_id == "F-07" and "DOCTYPE" in err.message


def test_f07_doctype_hidden_behind_a_long_utf16_prolog(tmp_path):
    def edit(parts, sheet):
        xml = parts[sheet].decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        padded = xml.replace("?>", "?>" + "<!-- đệm -->" * 500 + '<!DOCTYPE x [<!ENTITY a "b">]>', 1)
        parts[sheet] = b"\xff\xfe" + padded.encode("utf-16-le")

    assert refused(variant(tmp_path, "utf16.xlsx", edit)).rule_id == "F-07"


def test_f08_value_at_the_last_cell(tmp_path):
    def edit(parts, sheet):
        parts[sheet] = append_cells(parts[sheet], b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')

    err = refused(variant(tmp_path, "xa.xlsx", edit))
    assert err.rule_id == "F-08" and "XFD1048576" in err.message and SHEET_CANDIDATES in err.message


@pytest.mark.parametrize("row_xml", [
    b'<row r="9"><c r="A1048576"><v>1</v></c></row>',  # the cell's own reference wins over its row's
    b'<row r="999"><c s="0" r="XFD999"><v>1</v></c></row>',  # reference not the first attribute
    b'<row r="999999"><c t="s"><v>0</v></c><c><v>1</v></c></row>',  # no references at all
    b'<x:row r="9"><x:c r="A1048576"><x:v>1</x:v></x:c></x:row>',  # namespace prefix
])
def test_f08_unusual_cell_forms_are_measured_too(tmp_path, row_xml):
    def edit(parts, sheet):
        parts[sheet] = append_cells(parts[sheet], row_xml)

    assert refused(variant(tmp_path, "la.xlsx", edit)).rule_id == "F-08"


def test_f08_dimension_and_formatted_cells_alone_are_harmless(tmp_path):
    def edit(parts, sheet):
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', parts[sheet])
        parts[sheet] = append_cells(xml, b'<row r="1048576"><c r="XFD1048576" s="0"/></row>')

    assert check_file(variant(tmp_path, "dim.xlsx", edit), LIMIT) == "xlsx"


def test_f08_sheet_extent_matches_calamine_rules():
    assert sheet_extent(b"<sheetData></sheetData>") == (-1, -1)
    assert sheet_extent(b'<sheetData><row r="2"><c r="B2" s="1"/><c r="C2"><v>1</v></c></row></sheetData>') == (1, 2)
    # no references: position from the row number and the cell order
    assert sheet_extent(b'<sheetData><row r="5"><c><v>1</v></c><c/><c t="s"><v>0</v></c></row></sheetData>') == (4, 2)
    # a reference that is not the first attribute, and a namespace prefix
    assert sheet_extent(b'<sheetData><row><c s="1" r="AA10"><v>1</v></c></row></sheetData>') == (9, 26)
    assert sheet_extent(b'<x:sheetData><x:row r="3"><x:c r="D3"><x:v>1</x:v></x:c></x:row></x:sheetData>') == (2, 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3000), st.one_of(st.none(), st.integers(1, 99_999)),
                          st.integers(0, 800), st.booleans()), min_size=1, max_size=30))
def test_area_bound_is_never_below_the_exact_area(cells):
    """The cheap bound may only err upwards, also when a cell's own row differs from its row element's."""
    rows: dict[int, list[str]] = {}
    for row, own_row, col, valued in cells:
        ref = f"{column_letter(col)}{own_row or row}"
        rows.setdefault(row, []).append(f'<c r="{ref}"><v>1</v></c>' if valued else f'<c r="{ref}" s="1"/>')
    xml = ("<sheetData>" + "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
           + "</sheetData>").encode()
    last_row, last_col = sheet_extent(xml)
    # above MAX_SHEET_CELLS the bound only has to say "too large" (the exact walk then decides)
    assert _area_bound(xml) >= min((last_row + 1) * (last_col + 1), MAX_SHEET_CELLS + 1)


def test_f08_limit_is_on_the_area():
    rows = MAX_SHEET_CELLS // 10 + 1
    xml = f'<sheetData><row r="{rows}"><c r="J{rows}"><v>1</v></c></row></sheetData>'.encode()
    last_row, last_col = sheet_extent(xml)
    assert (last_row + 1) * (last_col + 1) > MAX_SHEET_CELLS


def test_f08_ods_repeats_count_as_expanded(tmp_path):
    small = write_zip(tmp_path / "nho.ods", repeated_ods(3, 3), stored=frozenset({"mimetype"}))
    assert check_file(small, LIMIT) == "ods"
    big = write_zip(tmp_path / "lon.ods", repeated_ods(90_000, 1_000), stored=frozenset({"mimetype"}))
    err = refused(big)
    assert err.rule_id == "F-08" and "Danh sách đề xuất" in err.message


def test_f09_external_links_and_macros_are_notices(tmp_path):
    def edit(parts, _sheet):
        parts["xl/externalLinks/externalLink1.xml"] = b'<?xml version="1.0"?><externalLink/>'
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + bytes(60)
        parts["[Content_Types].xml"] = add_override(parts["[Content_Types].xml"], "xl/vbaProject.bin",
                                                    "application/vnd.ms-office.vbaProject")
        parts["xl/_rels/workbook.xml.rels"] = add_relationship(
            parts["xl/_rels/workbook.xml.rels"], "rId99", "http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships/externalLink", "externalLinks/externalLink1.xml")

    check = inspect_file(variant(tmp_path, "links.xlsx", edit), LIMIT)
    assert check.fmt == "xlsx"
    assert [n.rule_id for n in check.notices] == ["F-09", "F-09"]
    assert all(VIETNAMESE.search(n.message) for n in check.notices)


def test_xlsm_content_type_gives_xlsm(tmp_path):
    def edit(parts, _sheet):
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")

    assert check_file(variant(tmp_path, "macro.xlsm", edit), LIMIT) == "xlsm"


def test_f10_directory_symlink_and_loop(tmp_path):
    folder = tmp_path / "thu-muc.xlsx"
    folder.mkdir()
    assert refused(folder).rule_id == "F-10"
    real = small_xlsx(tmp_path / "that.xlsx")
    os.symlink(real, tmp_path / "loi-tat.xlsx")
    assert refused(tmp_path / "loi-tat.xlsx").rule_id == "F-10"
    os.symlink("vong.xlsx", tmp_path / "vong.xlsx")
    assert refused(tmp_path / "vong.xlsx").rule_id == "F-10"
    assert refused(tmp_path / "khong-co.xlsx").rule_id == "F-10"


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "ong.xlsx"
    os.mkfifo(fifo)
    assert refused(fifo).rule_id == "F-10"


@pytest.mark.soffice
def test_xls_renamed_xlsx_is_read_as_xls(xls_file, tmp_path):
    renamed = tmp_path / "that-ra-la-xls.xlsx"
    renamed.write_bytes(xls_file.read_bytes())
    check = inspect_file(renamed, LIMIT)
    assert check.fmt == "xls" and [n.rule_id for n in check.notices] == ["F-12"]


@pytest.mark.soffice
def test_f11_xls_with_filepass(xls_file, tmp_path):
    locked = tmp_path / "khoa.xls"
    locked.write_bytes(xls_file.read_bytes())
    _insert_filepass(locked)
    assert refused(locked).rule_id == "F-11"


@pytest.mark.soffice
def test_f03_truncated_xls(xls_file, tmp_path):
    cut = tmp_path / "cut.xls"
    cut.write_bytes(xls_file.read_bytes()[:1000])
    assert refused(cut).rule_id == "F-03"


def test_unknown_zip_is_not_a_workbook(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "xin chào")
    path = tmp_path / "nen.xlsx"
    path.write_bytes(buf.getvalue())
    assert refused(path).rule_id == "F-02"

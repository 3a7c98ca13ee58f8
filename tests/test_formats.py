"""Spreadsheets in formats the product does not read are named exactly; .xlsb is read; a dense large sheet
is read while a sparse one is refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from support.unit_files import make_unit_file
from support.xlsb import xlsb_from_xlsx

from exemplars.catalogue import FILE_PASSWORD, FILE_SHEET_EXTENT, FILE_WRONG_FORMAT
from exemplars.consolidate import consolidate_folder
from exemplars.reader.extent import MAX_SHEET_CELLS, check_extent, check_xlsx_sheet
from exemplars.results import FileStatus

EXCEL_2003 = (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-'
              b'microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table/></Worksheet></Workbook>')
FLAT_ODS = (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument'
            b':xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"></office:document>')


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _with_macro_sheet(xlsx: Path) -> bytes:
    with zipfile.ZipFile(xlsx) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/macrosheets/sheet1.xml" '
                     b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>')
    parts["xl/macrosheets/sheet1.xml"] = b'<?xml version="1.0"?><xm:macrosheet xmlns:xm="x"/>'
    return _zip(parts)


def test_each_unread_format_is_named_and_the_unit_is_not_missing(tmp_path, rb_dn):
    units = {u.code: u for u in rb_dn.units}
    folder = tmp_path / "ho-so"
    folder.mkdir()
    source = make_unit_file(rb_dn, tmp_path / "src.xlsx", units["QLDN"])
    sent = {
        "QLDT.csv": (b"STT;Ho va ten;Loai\n1;Nguyen Van A;Ca nhan\n2;Tran B;Ca nhan\n", "tệp CSV"),
        "QLXD.xml": (EXCEL_2003, "XML Spreadsheet 2003"),
        "QLMT.xls": (EXCEL_2003, "XML Spreadsheet 2003"),
        "QLLD.fods": (FLAT_ODS, "OpenDocument dạng phẳng"),
        "TTDV.ods": (FLAT_ODS, "OpenDocument dạng phẳng"),
        "VP/dang-ky.xlsm": (_with_macro_sheet(source), "macro Excel 4.0"),
    }
    for name, (data, _) in sent.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "ghi-chu.xml").write_bytes(b'<?xml version="1.0"?><config/>')  # not a spreadsheet: skipped
    cons = consolidate_folder(folder, rb_dn, 2020)
    by_path = {f.path: f for f in cons.files}
    for name, (_, kind) in sent.items():
        record = by_path[name]
        assert record.status is FileStatus.WRONG_FORMAT, name
        assert kind in record.message and "gửi lại" in record.message, name
    assert by_path["ghi-chu.xml"].status is FileStatus.SKIPPED
    assert FileStatus.WRONG_FORMAT.label == "Gửi sai định dạng"
    wrong = {u.code for u in cons.units_wrong_format}
    assert wrong == {"QLDT", "QLXD", "QLMT", "QLLD", "TTDV", "VP"}
    assert not wrong & {u.code for u in cons.units_missing}
    assert {p.rule_id for p in cons.problems if p.file in sent} == {FILE_WRONG_FORMAT}
    from exemplars.cli.run import describe_result
    from exemplars.results import RunResult

    shown = "\n".join(describe_result(RunResult(consolidation=cons)))
    assert "Đơn vị gửi sai định dạng" in shown and "(QLDT)" in shown.split("Đơn vị gửi sai định dạng")[1]
    assert cons.summary()["units_wrong_format"] == sorted(wrong, key=[u.code for u in rb_dn.units].index)


def test_password_protected_ods_is_named(tmp_path, rb_dn):
    folder = tmp_path / "ho-so"
    folder.mkdir()
    manifest = (b'<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
                b'manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>')
    (folder / "QLDT.ods").write_bytes(_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                            "META-INF/manifest.xml": manifest, "content.xml": b"\x8a\x13garbage"}))
    cons = consolidate_folder(folder, rb_dn, 2020)
    (record,) = cons.files
    assert record.status is FileStatus.ERROR and "Lưu với mật khẩu" in record.message
    assert [p.rule_id for p in cons.problems if p.file == "QLDT.ods"] == [FILE_PASSWORD]


def test_xlsb_is_read_like_xlsx(tmp_path, rb_dn):
    folder = tmp_path / "ho-so"
    folder.mkdir()
    unit = rb_dn.units[1]
    xlsb_from_xlsx(make_unit_file(rb_dn, tmp_path / "src.xlsx", unit), folder / "dang-ky.xlsb")
    cons = consolidate_folder(folder, rb_dn, 2020)
    (record,) = cons.files
    assert record.status is FileStatus.RECEIVED and record.candidates == 3 and record.unit_code == unit.code
    assert sorted(cons.register["name"]) == ["Nguyễn Thị Hương", "Phòng Quản lý doanh nghiệp", "Trần Văn Đức"]


def _dense_sheet(rows: int, cols: int) -> bytes:
    from exemplars.reader.workbook import column_letter

    letters = [column_letter(c) for c in range(cols)]
    body = "".join(f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>1</v></c>' for x in letters) + "</row>"
                   for r in range(1, rows + 1))
    return f"<sheetData>{body}</sheetData>".encode()


def test_a_dense_large_sheet_passes_and_a_sparse_one_is_refused():
    rows = MAX_SHEET_CELLS // 40 * 4  # 100,000 rows of 40 columns
    check_xlsx_sheet(_dense_sheet(30_000, 40), lambda: "x")  # 1.2 million valued cells: read
    check_extent("Danh sách đề xuất", rows - 1, 39, valued=rows * 40)  # honest size: read
    with pytest.raises(Exception) as err:
        check_extent("Danh sách đề xuất", rows - 1, 39, valued=rows)  # one cell a row across 40 columns
    assert err.value.rule_id == FILE_SHEET_EXTENT
    stray = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c>' \
            b"</row></sheetData>"
    with pytest.raises(Exception) as err:
        check_xlsx_sheet(stray, lambda: "Danh sách đề xuất")
    assert err.value.rule_id == FILE_SHEET_EXTENT and "Danh sách đề xuất" in err.value.message

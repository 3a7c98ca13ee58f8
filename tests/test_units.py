"""Unit lists (rulebook, workbook, CSV) and the unit matcher."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import xlsxwriter

from exemplars.consolidate.units import UnitMatcher, load_units, units_from_rows
from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.vi.legacy import TCVN3, encode

HEADER = ["Mã đơn vị", "Tên đơn vị", "Khối thi đua", "Tên khác"]
ROWS = [
    HEADER,
    ["VP", "Văn phòng", "Khối tham mưu", ""],
    ["QLDT", "Phòng Quản lý đầu tư", "Khối quản lý nhà nước", "Phòng Đầu tư; P. Đầu tư cũ"],
    ["QL", "Phòng Quản lý", "Khối quản lý nhà nước", ""],
    ["CCTL", "Chi cục Thủy lợi", "Khối Chi cục", ""],
    ["TTDV", "Trung tâm Dịch vụ khu công nghiệp", "Khối sự nghiệp", "Trung tâm Dịch vụ KCN"],
]


@pytest.fixture()
def units() -> list[Unit]:
    return units_from_rows(ROWS, "don_vi.xlsx")


def test_units_from_rows(units):
    assert [u.code for u in units] == ["VP", "QLDT", "QL", "CCTL", "TTDV"]
    assert units[1] == Unit(code="QLDT", name="Phòng Quản lý đầu tư", bloc="Khối quản lý nhà nước",
                            aliases=("Phòng Đầu tư", "P. Đầu tư cũ"))


def test_headers_are_matched_loosely_and_blank_rows_skipped():
    rows = [[None, None], ["MA DON VI", "ten don vi"], ["", ""], [12.0, "  Phòng\u00a0A "], ["B", encode("phòng bé", TCVN3)]]
    units = units_from_rows(rows)
    assert [(u.code, u.name, u.bloc, u.aliases) for u in units] == [("12", "Phòng A", "", ()), ("B", "phòng bé", "", ())]


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([HEADER, ["A", "Phòng A"], ["a", "Phòng B"]], ["don_vi.xlsx", "dòng 3", "trùng với dòng 2"]),
        ([HEADER, ["A", "Phòng A"], ["B", "PHONG A"]], ["dòng 3", "tên «PHONG A»"]),
        ([HEADER, ["A", ""]], ["dòng 2", "thiếu tên đơn vị"]),
        ([HEADER, ["", "Phòng A", "Khối"]], ["dòng 2", "thiếu mã đơn vị"]),
        ([["Tên đơn vị", "Khối"], ["Phòng A", "K"]], ["thiếu cột Mã đơn vị"]),
        ([], ["trống"]),
    ],
)
def test_units_from_rows_errors(rows, words):
    with pytest.raises(InputError) as err:
        units_from_rows(rows, "don_vi.xlsx")
    for word in words:
        assert word in str(err.value)


def test_load_units_from_rulebook(rb_dn):
    assert load_units(rb_dn) == list(rb_dn.units)
    assert load_units(rb_dn)


def test_load_units_from_xlsx(tmp_path: Path, rb_dn):
    path = tmp_path / "don_vi.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Đơn vị")
    for r, row in enumerate(ROWS):
        sheet.write_row(r, 0, row)
    book.close()
    assert [u.code for u in load_units(rb_dn, path)] == ["VP", "QLDT", "QL", "CCTL", "TTDV"]


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", ";"), ("utf-8", "\t")])
def test_load_units_from_csv(tmp_path: Path, rb_dn, encoding, delimiter):
    path = tmp_path / "don_vi.csv"
    path.write_text("\n".join(delimiter.join(row) for row in ROWS), encoding=encoding)
    units = load_units(rb_dn, path)
    assert units[4].aliases == ("Trung tâm Dịch vụ KCN",)


def _cp1258(text: str) -> bytes:
    """``text`` as Excel on Vietnamese Windows saves it: precomposed letters where cp1258 has them,
    else the base letter followed by a combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return out


@pytest.mark.parametrize("save", [_cp1258, lambda t: t.encode("utf-16"), lambda t: t.encode("utf-16-le")],
                         ids=["cp1258", "utf-16", "utf-16-le-no-bom"])
def test_units_csv_in_windows_encodings(tmp_path: Path, rb_dn, save):
    path = tmp_path / "don_vi.csv"
    text = "\r\n".join(";".join(row) for row in ROWS)
    path.write_bytes(save(text))
    units = load_units(rb_dn, path)
    assert [u.code for u in units] == ["VP", "QLDT", "QL", "CCTL", "TTDV"]
    assert [u.name for u in units] == [row[1] for row in ROWS[1:]]
    assert units[4].aliases == ("Trung tâm Dịch vụ KCN",)


def test_load_units_bad_files(tmp_path: Path, rb_dn):
    with pytest.raises(InputError, match="Không tìm thấy"):
        load_units(rb_dn, tmp_path / "missing.xlsx")
    (tmp_path / "units.txt").write_text("x")
    with pytest.raises(InputError, match="phải là"):
        load_units(rb_dn, tmp_path / "units.txt")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="broken.xlsx"):
        load_units(rb_dn, tmp_path / "broken.xlsx")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("QLDT", "QLDT"), ("qldt", "QLDT"), ("Phòng Quản lý đầu tư", "QLDT"), ("PHONG QUAN LY DAU TU", "QLDT"),
        ("  phòng  quản lý   đầu tư ", "QLDT"), ("P. Quản lý đầu tư", "QLDT"), ("Phòng Đầu tư", "QLDT"),
        ("02_Phong Quan ly dau tu_2026", "QLDT"), ("Bao cao Phong Quan ly dau tu nam 2026", "QLDT"),
        ("Phòng Quản lý", "QL"), ("CC Thuỷ lợi", "CCTL"), ("Chi cục Thủy lợi", "CCTL"),
        ("TT Dịch vụ KCN", "TTDV"), ("Trung tâm Dịch vụ KCN", "TTDV"), ("Văn phòng", "VP"),
        ("TTDV-2026", "TTDV"),
    ],
)
def test_matcher_finds(units, text, code):
    unit = UnitMatcher(units).match(text)
    assert unit is not None and unit.code == code


@pytest.mark.parametrize(
    "text",
    ["", "Phòng Tổ chức", "Chi cục", "Phòng", "Van phong va Phong Quan ly dau tu", "VP QLDT", "2026"],
)
def test_matcher_refuses_unknown_or_ambiguous(units, text):
    assert UnitMatcher(units).match(text) is None


def test_matcher_never_matches_a_key_shared_by_two_units():
    units = [Unit(code="A", name="Phòng Kế hoạch"), Unit(code="B", name="Chi cục Kế hoạch")]
    matcher = UnitMatcher(units)
    assert matcher.match("Kế hoạch") is None
    assert matcher.match("Chi cục Kế hoạch").code == "B"

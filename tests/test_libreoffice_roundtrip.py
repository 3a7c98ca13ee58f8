"""A filled workbook re-saved by LibreOffice (.xlsx, .xls, .ods) consolidates to the same records."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl.styles import Font
from support.unit_files import comparable, edit_workbook, register_candidates, sample_candidates

from exemplars.columns import SHEET_CANDIDATES
from exemplars.consolidate import consolidate_folder
from exemplars.outputs.office import convert
from exemplars.results import FileStatus
from exemplars.template.build import build_template
from exemplars.template.fill import fill_with_openpyxl
from exemplars.vi import legacy


@pytest.fixture(scope="module")
def filled(tmp_path_factory, rb_dn):
    base = tmp_path_factory.mktemp("lo")
    template = build_template(rb_dn, base / "mau.xlsx", year=2020)
    original = base / "goc" / "qldn.xlsx"
    original.parent.mkdir()
    fill_with_openpyxl(template, original, {"unit_name": rb_dn.units[1].name, "prepared_on": dt.date(2020, 11, 5),
                                            "year": 2020}, sample_candidates(rb_dn), rulebook=rb_dn)
    return original


def _records(cons):
    return [comparable(c) for c in register_candidates(cons)]


@pytest.mark.soffice
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_libreoffice_resave_consolidates_the_same(soffice, filled, tmp_path, rb_dn, fmt):
    expected = consolidate_folder(filled.parent, rb_dn, 2020)
    folder = tmp_path / fmt
    folder.mkdir()
    converted = convert(filled, fmt, folder)
    assert converted.suffix == f".{fmt}"
    cons = consolidate_folder(folder, rb_dn, 2020)
    rec = cons.files[0]
    assert rec.status is FileStatus.RECEIVED, rec.message
    assert rec.unit_code == rb_dn.units[1].code
    # LibreOffice keeps the very hidden marker sheet in all three formats, and the layout it states
    assert rec.template_version == 2 and not [p for p in cons.problems if p.rule_id in ("F-22", "F-23")]
    assert _records(cons) == _records(expected)
    assert list(cons.register["id"]) == list(expected.register["id"])
    assert list(cons.register["source_row"]) == list(expected.register["source_row"])
    assert not [p for p in cons.problems if p.severity.value == "error"]


@pytest.mark.soffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_legacy_fonts_survive_in_xls_and_ods(soffice, tmp_path, rb_dn, fmt):
    """Per-cell fonts come from xlrd (.xls) and content.xml (.ods): TCVN3 capitals are restored."""
    src = tmp_path / "goc.xlsx"
    build_template(rb_dn, src, unit=rb_dn.units[0], year=2020, candidates=sample_candidates(rb_dn))

    def clerk(wb):
        ws = wb[SHEET_CANDIDATES]
        for row in ws.iter_rows(max_row=12):
            for cell in row:
                if cell.value == "Phòng Quản lý doanh nghiệp":
                    cell.value = legacy.encode("PHÒNG QUẢN LÝ DOANH NGHIỆP", legacy.TCVN3)
                    cell.font = Font(name=".VnTimeH")
                elif cell.value == "Nguyễn Thị Hương":
                    cell.value = legacy.encode("Nguyễn Thị Hương", legacy.VNI)
                    cell.font = Font(name="VNI-Times")
    edit_workbook(src, clerk)
    folder = tmp_path / fmt
    folder.mkdir()
    convert(src, fmt, folder)
    cons = consolidate_folder(folder, rb_dn, 2020)
    assert list(cons.register["name"])[:2] == ["PHÒNG QUẢN LÝ DOANH NGHIỆP", "Nguyễn Thị Hương"]
    notes = [p for p in cons.problems if p.rule_id in ("D-10", "D-11")]
    assert {p.rule_id for p in notes} == {"D-10", "D-11"} and all(p.cell for p in notes)
    assert cons.register["collective"].iloc[1] == "PHÒNG QUẢN LÝ DOANH NGHIỆP"

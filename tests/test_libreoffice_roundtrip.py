"""A filled workbook re-saved by LibreOffice (.xlsx, .xls, .ods) consolidates to the same records."""

from __future__ import annotations

import datetime as dt

import pytest

from exemplars.consolidate import consolidate_folder
from exemplars.office import convert
from exemplars.results import FileStatus
from exemplars.template import build_template
from exemplars.template_fill import fill_with_openpyxl
from test_reader_support import comparable, register_candidates, sample_candidates


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

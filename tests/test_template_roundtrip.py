"""A template filled by a person (openpyxl) or pre-filled by the builder reads back to the same candidates."""

from __future__ import annotations

import datetime as dt

import pytest
from support.unit_files import comparable, register_candidates, sample_candidates

from exemplars.consolidate import consolidate_folder
from exemplars.results import FileStatus
from exemplars.template.build import build_template
from exemplars.template.fill import fill_with_openpyxl


def _assert_same(cons, expected):
    got = register_candidates(cons)
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        a, b = comparable(g), comparable(e)
        for key in b:
            assert a[key] == b[key], f"{e.name}: field {key!r}: {a[key]!r} != {b[key]!r}"


@pytest.mark.parametrize("rb_name", ["rb_dn", "rb_nn"])
def test_prefilled_template_reads_back(tmp_path, request, rb_name):
    rb = request.getfixturevalue(rb_name)
    folder = tmp_path / "in"
    folder.mkdir()
    expected = [c for c in sample_candidates(rb) if c.subject_kind in rb.subject_kinds]
    build_template(rb, folder / "don-vi.xlsx", unit=rb.units[0], year=2020, candidates=expected)
    cons = consolidate_folder(folder, rb, 2020)
    assert [f.status for f in cons.files] == [FileStatus.RECEIVED]
    _assert_same(cons, expected)
    assert set(cons.register["unit_code"]) == {rb.units[0].code}
    assert not [p for p in cons.problems if p.severity.value == "error"]


def test_template_filled_with_openpyxl_reads_back(tmp_path, rb_dn):
    folder = tmp_path / "in"
    folder.mkdir()
    template = build_template(rb_dn, tmp_path / "mau.xlsx", year=2020)
    expected = sample_candidates(rb_dn)
    fill_with_openpyxl(template, folder / "qldn.xlsx",
                       {"unit_name": rb_dn.units[1].name, "prepared_on": dt.date(2020, 11, 10), "year": 2020},
                       expected, rulebook=rb_dn)
    cons = consolidate_folder(folder, rb_dn, 2020)
    rec = cons.files[0]
    assert rec.status is FileStatus.RECEIVED and rec.unit_code == rb_dn.units[1].code
    assert rec.columns["name"] and rec.history_columns["title"]
    _assert_same(cons, expected)
    # provenance: file, sheet and the Excel row of each candidate
    first = int(cons.register["source_row"].iloc[0])
    assert list(cons.register["source_row"]) == [first, first + 1, first + 2]
    assert cons.cell(cons.register.iloc[1], "name") == f"{rec.columns['name']}{first + 1}"

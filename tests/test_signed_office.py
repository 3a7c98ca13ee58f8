"""A-24: candidates the standing office proposes itself, from unit workbooks made with the template."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from support.folders import person, run_folder, unit_folder, vote_book
from support.registers import candidate, make_cons

from exemplars.catalogue import OFFICE_MARK_ELSEWHERE
from exemplars.findings import Severity
from exemplars.outputs import office
from exemplars.outputs.feedback import FEEDBACK_DIR
from exemplars.results import OFFICE_PROPOSAL_LABEL
from exemplars.validate import validate


def _texts(path):
    book = openpyxl.load_workbook(path, read_only=True)
    return [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]


@pytest.fixture(scope="module")
def proposed(rb_dn, tmp_path_factory):
    """The Văn phòng's file proposes a worker of Phòng QLDN top-down; Phòng QLDN marks its own row too."""
    tmp = tmp_path_factory.mktemp("office")
    files = {
        "VP": [person(rb_dn, "Phan Văn Đức", dt.date(1979, 3, 4), office_proposal=True, workplace="Phòng QLDN",
                      level="tinh")],
        "QLDN": [person(rb_dn, "Lưu Thị Hạnh", dt.date(1985, 7, 8), female=True, office_proposal=True)],
    }
    folder = unit_folder(rb_dn, tmp / "don-vi", files)
    votes = vote_book(tmp / "phieu.xlsx", [["", "Phan Văn Đức", "VP", 9, 11], ["", "Lưu Thị Hạnh", "QLDN", 9, 11]])
    mp = pytest.MonkeyPatch()
    mp.setattr(office, "find_soffice", lambda: None)  # the PDF copy is not under test here
    try:
        return run_folder(rb_dn.id, folder, tmp / "kq", votes=votes, until="outputs")
    finally:
        mp.undo()


def test_the_office_proposal_is_accepted_and_labelled(proposed):
    sel = proposed.selection
    by_name = {c.name: c for c in sel.selected}
    assert set(by_name) == {"Phan Văn Đức", "Lưu Thị Hạnh"}
    assert by_name["Phan Văn Đức"].office_proposed and not by_name["Lưu Thị Hạnh"].office_proposed
    assert sel.reward_total == 2 * 760_000


def test_a_unit_cannot_claim_the_office_mark(proposed):
    found = [p for p in proposed.problems if p.rule_id == OFFICE_MARK_ELSEWHERE]
    assert [(p.severity, p.unit_code, p.file) for p in found] == [(Severity.WARNING, "QLDN", "qldn.xlsx")]
    assert found[0].cell and "Lưu Thị Hạnh" in found[0].message


def test_every_output_names_the_office_proposal(proposed):
    texts = _texts(proposed.outputs["submission"])
    assert any(OFFICE_PROPOSAL_LABEL in t for t in texts)
    assert not any("Lưu Thị Hạnh" in t and OFFICE_PROPOSAL_LABEL in t for t in texts)
    chosen = openpyxl.load_workbook(proposed.outputs["working_register"], read_only=True)["Danh sách chọn"]
    rows = {r[1]: r[4] for r in chosen.iter_rows(min_row=2, values_only=True) if r[1] in ("Phan Văn Đức",
                                                                                          "Lưu Thị Hạnh")}
    assert rows == {"Phan Văn Đức": f"Thường xuyên ({OFFICE_PROPOSAL_LABEL})", "Lưu Thị Hạnh": "Thường xuyên"}
    letter = proposed.outputs["submission"].parent / FEEDBACK_DIR
    vp = [p for p in letter.glob("*.xlsx") if "vp" in p.name.lower()]
    assert vp and any(OFFICE_PROPOSAL_LABEL in t for t in _texts(vp[0]))
    summary = json.loads(proposed.outputs["summary"].read_text(encoding="utf-8"))
    assert {c["name"]: c["office_proposed"] for c in summary["selected"]} == {
        "Phan Văn Đức": True, "Lưu Thị Hạnh": False}


def test_without_an_office_unit_the_mark_is_taken_from_any_file(rb_dn, tmp_path):
    rb = rb_dn.model_copy(update={"selection": rb_dn.selection.model_copy(update={"office_unit": None})})
    cons = make_cons(rb, [candidate(rb, "a1", unit="QLDN", office_proposal=True)])
    table = validate(cons, rb).table
    assert bool(table.at["a1", "office_proposed"])

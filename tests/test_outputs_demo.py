"""The output documents of a real run: the demo's unit files through the whole pipeline."""

from __future__ import annotations

import openpyxl
import pytest

from exemplars.demo import run_demo_rulebook
from exemplars.outputs import office
from exemplars.outputs.feedback import PROBLEM_HEADERS
from exemplars.outputs.submission import TOTAL_LABEL
from exemplars.vi.notation import format_vnd

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(rb_dn, tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setattr(office, "find_soffice", lambda: None)  # the PDF has its own test
    try:
        yield run_demo_rulebook(rb_dn, tmp_path_factory.mktemp("demo-outputs"))
    finally:
        patch.undo()


def cells(path):
    ws = openpyxl.load_workbook(path).active
    return ws, [c for row in ws.iter_rows() for c in row if c.value is not None]


def test_submission_lists_the_selection_in_rank_order(demo):
    result = demo.result
    ws, all_cells = cells(result.outputs["submission"])
    assert all(c.data_type == "s" for c in all_cells)
    names = [c.value for c in all_cells if c.column == 2]
    for group in ("Tập thể", "Cá nhân"):
        chosen = [c for c in result.selection.selected if c.kind.label == group]
        chosen.sort(key=lambda c: c.rank)
        positions = [names.index(c.name) for c in chosen]
        assert positions == sorted(positions), group
    total = next(c for c in all_cells if c.value == TOTAL_LABEL)
    assert ws.cell(total.row, 9).value == format_vnd(result.selection.reward_total)
    fast = [c.name for c in result.selection.fast_track]
    assert fast and all(name in names for name in fast)


def test_every_problem_reaches_the_register_and_its_unit(demo):
    result = demo.result
    wb = openpyxl.load_workbook(result.outputs["working_register"])
    assert wb["Lỗi"].max_row - 1 == len(result.problems)
    letters = {k.split(":", 1)[1]: p for k, p in result.outputs.items() if k.startswith("feedback:")}
    sent = {f.unit_code for f in result.consolidation.files if f.unit_code}
    assert set(letters) == sent
    for code, path in letters.items():
        files = {f.path for f in result.consolidation.files if f.unit_code == code}
        expected = [p for p in result.problems if p.unit_code == code or (not p.unit_code and p.file in files)]
        ws, found = cells(path)
        header_row = next(c.row for c in found if c.value == PROBLEM_HEADERS[3])
        refs = {c.value for c in found if c.column == 4 and "!" in str(c.value) and c.row > header_row}
        wanted = {f"{p.sheet}!{p.cell}" for p in expected if p.sheet and p.cell}
        assert refs == wanted, code
        assert sum(1 for c in found if c.column == 2 and c.value in ("Lỗi", "Cảnh báo", "Ghi chú")) == len(expected)

"""The registration template: sheets, dropdowns, protection, print setup, marker, committed copies, CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter
from support.unit_files import sample_candidates

from exemplars import page_setup
from exemplars.cli import cli
from exemplars.columns import (
    CANDIDATE_COLUMNS,
    HISTORY_COLUMNS,
    NO,
    SHEET_CANDIDATES,
    SHEET_GUIDE,
    SHEET_HISTORY,
    SHEET_LISTS,
    SHEET_MARKER,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    UNIT_BLOCK,
    YES,
    criterion_column,
    criterion_header,
)
from exemplars.domain import AwardRecord, Candidate, Gender, Honorific, MovementKind, SubjectKind, TaskCompletion
from exemplars.outputs.office import convert_all, image_ink_ratio, pdf_page_to_pgm
from exemplars.page_setup import FIT_PAGES_TALL
from exemplars.template.build import build_template, fill_with_openpyxl, make_templates
from exemplars.template.fill import read_marker
from exemplars.template.layout import HEADER_PT, PRINTED_BLANK_ROWS, criteria_groups, table_columns

REPO = Path(__file__).resolve().parents[1]
WORKBOOK = REPO / "workbook"
MARKER_KEYS = ["template_id", "template_version", "rulebook_id", "rulebook_version", "year", "unit_code",
               "candidates_sheet", "header_row", "first_data_row", "columns", "history_sheet",
               "history_header_row", "history_first_data_row", "history_columns", "unit_block"]


@pytest.fixture(scope="module", params=["rb_dn", "rb_nn"])
def built(request, tmp_path_factory):
    rb = request.getfixturevalue(request.param)
    path = build_template(rb, tmp_path_factory.mktemp("tpl") / "mau.xlsx")
    return rb, path, openpyxl.load_workbook(path)


def _marker(wb) -> dict[str, str]:
    return read_marker(wb)


def test_sheets_and_visibility(built):
    _rb, _path, wb = built
    assert wb.sheetnames == [SHEET_GUIDE, SHEET_CANDIDATES, SHEET_HISTORY, SHEET_LISTS, SHEET_MARKER]
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states[SHEET_MARKER] == "veryHidden"
    assert states[SHEET_LISTS] == "hidden"
    assert states[SHEET_CANDIDATES] == states[SHEET_GUIDE] == "visible"
    assert wb.active.title == SHEET_CANDIDATES


def test_marker_keys_and_column_map_match_headers(built):
    rb, _path, wb = built
    m = _marker(wb)
    assert list(m) == MARKER_KEYS
    assert m["template_id"] == TEMPLATE_ID and m["template_version"] == str(TEMPLATE_VERSION)
    assert m["rulebook_id"] == rb.id and m["rulebook_version"] == str(rb.version)
    assert m["year"] == "" and m["unit_code"] == ""
    ws = wb[m["candidates_sheet"]]
    header = int(m["header_row"])
    assert int(m["first_data_row"]) == header + 1
    columns = json.loads(m["columns"])
    expected = {c.key: c.header for c in CANDIDATE_COLUMNS}
    expected |= {criterion_column(c.id): criterion_header(c.id, c.label) for c in rb.criteria}
    assert set(columns) == set(expected)
    for key, letter in columns.items():
        assert ws[f"{letter}{header}"].value == expected[key], key
    hist = wb[m["history_sheet"]]
    hcols = json.loads(m["history_columns"])
    hrow = int(m["history_header_row"])
    assert {k: hist[f"{v}{hrow}"].value for k, v in hcols.items()} == {c.key: c.header for c in HISTORY_COLUMNS}
    block = json.loads(m["unit_block"])
    assert list(block) == [k for k, _ in UNIT_BLOCK]
    labels = {label for _k, label in UNIT_BLOCK}
    for key, ref in block.items():
        row = ws[ref].row
        left = [ws.cell(row, c).value for c in range(1, ws[ref].column)]
        assert any(v and v.rstrip(":") in labels for v in left), key


def test_group_row_above_header(built):
    rb, _path, wb = built
    m = _marker(wb)
    ws = wb[SHEET_CANDIDATES]
    group_row = int(m["header_row"]) - 1
    columns = json.loads(m["columns"])
    groups = criteria_groups(rb)
    placed = [c.id for g in groups for c in g.criteria]
    assert sorted(placed) == sorted(c.id for c in rb.criteria)  # each criterion exactly once
    for g in groups:
        letter = columns[criterion_column(g.criteria[0].id)]
        label = ws[f"{letter}{group_row}"].value
        assert label.startswith("Tiêu chí") and f"({YES}/{NO})" in label
        assert all(k.label in label for k in g.kinds)
    shared = [g for g in groups if len(g.kinds) > 1]
    assert shared, "both plans have criteria shared by several kinds"


def test_data_validations(built):
    rb, _path, wb = built
    m = _marker(wb)
    ws = wb[SHEET_CANDIDATES]
    lists = wb[SHEET_LISTS]
    columns = json.loads(m["columns"])
    first = int(m["first_data_row"])
    by_col: dict[str, object] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_col[rng.coord.split(":")[0]] = dv
    assert len(ws.data_validations.dataValidation) == len(columns) + len(UNIT_BLOCK)

    def items(dv) -> list[str]:
        sheet, ref = dv.formula1.rsplit("!", 1)
        assert sheet.strip("'") == SHEET_LISTS
        return [c.value for row in lists[ref.replace("$", "")] for c in row]

    for crit in rb.criteria:
        dv = by_col[f"{columns[criterion_column(crit.id)]}{first}"]
        assert dv.type == "list" and items(dv) == [YES, NO]
        assert dv.promptTitle == f"Tiêu chí {crit.id}" and dv.prompt
    kind = by_col[f"{columns['subject_kind']}{first}"]
    assert items(kind) == [k.label for k in rb.subject_kinds]
    assert items(by_col[f"{columns['proposed_award']}{first}"]) == [f.label for f in rb.reward_forms]
    assert items(by_col[f"{columns['field']}{first}"]) == list(rb.fields)
    assert items(by_col[f"{columns['is_leader']}{first}"]) == [YES, NO]
    assert items(by_col[f"{columns['task_completion']}{first}"]) == [t.label for t in TaskCompletion]
    birth = by_col[f"{columns['birth_date']}{first}"]
    assert birth.type == "date" and birth.operator in (None, "between")
    assert birth.formula1 == "1" and birth.formula2 == str((dt.date(2100, 12, 31) - dt.date(1899, 12, 30)).days)
    stt = by_col[f"{columns['stt']}{first}"]
    assert stt.type == "whole"
    for dv in ws.data_validations.dataValidation:
        assert dv.prompt and len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
    unit = by_col[json.loads(m["unit_block"])["unit_name"]]
    assert unit.errorStyle == "warning" and items(unit) == [u.name for u in rb.units]
    hist = wb[SHEET_HISTORY]
    assert {dv.type for dv in hist.data_validations.dataValidation} >= {"whole", "date"}


def test_protection_print_setup_and_fonts(built):
    _rb, _path, wb = built
    m = _marker(wb)
    first = int(m["first_data_row"])
    for name, title_rows in ((SHEET_CANDIDATES, f"${first - 2}:${first - 1}"),
                             (SHEET_HISTORY, f"${m['history_header_row']}:${m['history_header_row']}")):
        ws = wb[name]
        assert ws.protection.sheet is True and not ws.protection.password
        assert ws.protection.insertRows is False and ws.protection.formatCells is False
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        if name == SHEET_HISTORY:  # fitted to the width (the candidates sheet: see the next test)
            assert ws.page_setup.fitToHeight == FIT_PAGES_TALL and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == title_rows
        assert ws.page_margins.left == pytest.approx(1.18, abs=0.02)
        assert 0.59 <= ws.page_margins.right <= 0.79 and ws.page_margins.top == pytest.approx(0.79, abs=0.01)
    ws = wb[SHEET_CANDIDATES]
    assert ws.freeze_panes == f"A{first}"
    assert wb[SHEET_HISTORY].freeze_panes == f"A{m['history_first_data_row']}"
    assert ws.cell(first, 1).protection.locked is False
    assert ws.cell(first + 199, 4).protection.locked is False
    assert ws.cell(first - 1, 1).protection.locked is True
    assert ws[json.loads(m["unit_block"])["unit_name"]].protection.locked is False
    assert ws.cell(1, 1).protection.locked is True
    for cell in (ws.cell(1, 1), ws.cell(first - 1, 4), ws.cell(first, 4)):
        assert cell.font.name == "Times New Roman"
    assert wb[SHEET_GUIDE]["A1"].font.name == "Times New Roman"


def _print_area(ws) -> tuple[str, int, str, int]:
    """(first column, first row, last column, last row) of the sheet's single print area."""
    (area,) = ws.print_area if isinstance(ws.print_area, list) else [ws.print_area]
    m = re.fullmatch(r"(?:'[^']+'|[^!]+)!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", area)
    assert m, area
    return m[1], int(m[2]), m[3], int(m[4])


def test_template_prints_the_rows_to_fill_readably(built):
    """A4 landscape, print area over the header and the first block of input rows (not 200 rows),
    header rows and STT repeated, at the scale that keeps 11 pt headers at 9 pt, pages broken
    between columns (each page's columns fit it), page numbers; group labels never cross a break."""
    rb, _path, wb = built
    m = _marker(wb)
    ws = wb[SHEET_CANDIDATES]
    first = int(m["first_data_row"])
    widths = [c.width for c in table_columns(rb)]
    assert _print_area(ws) == ("A", 1, get_column_letter(len(widths)), first + PRINTED_BLANK_ROWS - 1)
    assert ws.print_title_rows == f"${first - 2}:${first - 1}" and ws.print_title_cols == "$A:$A"
    assert ws.page_setup.scale * HEADER_PT >= page_setup.MIN_PRINTED_PT * 100
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    breaks = [b.id for b in ws.col_breaks.brk]
    assert len(breaks) >= 2
    room = page_setup.printable_pt(True)[0] * 100 / ws.page_setup.scale
    stt = page_setup.column_width_pt(widths[0])
    for n, (a, b) in enumerate(zip([0, *breaks], [*breaks, len(widths)], strict=True)):
        assert (stt if n else 0) + sum(page_setup.column_width_pt(w) for w in widths[a:b]) <= room
    for merged in ws.merged_cells.ranges:  # no merged cell (title, unit block, groups) spans a break
        assert not [b for b in breaks if merged.min_col <= b < merged.max_col], merged.coord
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    hist = wb[SHEET_HISTORY]
    hist_first = int(m["history_first_data_row"])
    assert _print_area(hist)[1:] == (1, "H", hist_first + PRINTED_BLANK_ROWS - 1)
    assert hist.page_setup.fitToWidth in (None, 1) and hist.page_setup.orientation == "landscape"  # 1: default
    for name in (SHEET_GUIDE, SHEET_LISTS):  # printable too: A4, a print area, page numbers
        sheet = wb[name]
        assert int(sheet.page_setup.paperSize) == 9 and sheet.print_area and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_margins.left == pytest.approx(page_setup.MARGINS["left"])


def test_prefilled_template_prints_its_candidates(rb_nn, tmp_path):
    cands = sample_candidates(rb_nn)
    wb = openpyxl.load_workbook(build_template(rb_nn, tmp_path / "mau.xlsx", year=2020, candidates=cands))
    m = _marker(wb)
    assert _print_area(wb[SHEET_CANDIDATES])[3] == int(m["first_data_row"]) + len(cands) - 1
    awards = sum(len(c.history) for c in cands)
    assert _print_area(wb[SHEET_HISTORY])[3] == int(m["history_first_data_row"]) + awards - 1


def test_guide_tells_how_to_print_more_rows_than_the_blank_print_area(built):
    _rb, _path, wb = built
    m = _marker(wb)
    printed = _print_area(wb[SHEET_CANDIDATES])[3] - int(m["first_data_row"]) + 1
    text = "\n".join(str(v) for row in wb[SHEET_GUIDE].iter_rows(values_only=True) for v in row if v)
    assert f"Vùng in sẵn có {printed} dòng" in text and "Print Selection" in text


def test_guide_lists_criteria_quotas_and_deadlines(built):
    rb, _path, wb = built
    text = "\n".join(str(v) for row in wb[SHEET_GUIDE].iter_rows(values_only=True) for v in row if v)
    for crit in rb.criteria:
        assert crit.id in text and crit.text in text
    for d in rb.deadlines:
        assert d.label in text
    for q in rb.quotas:
        assert q.label in text


def test_deterministic_and_committed_templates_are_fresh(rb_dn, rb_nn, tmp_path):
    for rb in (rb_dn, rb_nn):
        committed = WORKBOOK / f"mau-dang-ky-{rb.id}.xlsx"
        fresh = build_template(rb, tmp_path / f"{rb.id}.xlsx")
        again = build_template(rb, tmp_path / f"{rb.id}-2.xlsx")
        assert fresh.read_bytes() == again.read_bytes()
        with zipfile.ZipFile(committed) as a, zipfile.ZipFile(fresh) as b:
            assert sorted(a.namelist()) == sorted(b.namelist())
            for name in a.namelist():
                assert a.read(name) == b.read(name), (f"{committed.name}: {name} differs; rebuild it with "
                                                  f"exemplars template --rules {rb.id} --out workbook/{committed.name}")


def test_unit_and_year_prefill(rb_dn, tmp_path):
    unit = next(u for u in rb_dn.units if u.code == "QLDT")
    path = build_template(rb_dn, tmp_path / "q.xlsx", unit=unit, year=2026)
    wb = openpyxl.load_workbook(path)
    m = _marker(wb)
    block = json.loads(m["unit_block"])
    ws = wb[SHEET_CANDIDATES]
    assert ws[block["unit_name"]].value == "Phòng Quản lý đầu tư"
    assert ws[block["bloc"]].value == unit.bloc
    assert ws[block["year"]].value == 2026
    assert m["unit_code"] == "QLDT" and m["year"] == "2026"
    assert "2026" in ws["B1"].value  # the title starts after STT, which prints on every page
    paths = make_templates(rb_dn, tmp_path / "all", rb_dn.units, 2026)
    assert sorted(p.name for p in paths) == sorted(f"mau-dang-ky-{u.code}.xlsx" for u in rb_dn.units)
    assert [p.name for p in make_templates(rb_dn, tmp_path / "generic")] == ["mau-dang-ky.xlsx"]


def _person(**extra) -> Candidate:
    base = dict(subject_kind=SubjectKind.CA_NHAN, honorific=Honorific.BA, name="Nguyễn Thị Lan",
                birth_date=dt.date(1985, 2, 5), gender=Gender.NU, movement=MovementKind.THUONG_XUYEN,
                is_leader=False, proposed_award="giay_khen_truong_ban", achievements="=SUM(A1:A2)",
                criteria={"A-11.1": True, "A-19": False},
                history=[AwardRecord(year=2024, title="Lao động tiên tiến", decision_no="12/QĐ-KCNĐN",
                                     decision_date=dt.date(2024, 12, 20), issuer="Ban Quản lý")])
    return Candidate(**(base | extra))


def _check_prefilled(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    m = _marker(wb)
    cols = json.loads(m["columns"])
    ws = wb[SHEET_CANDIDATES]
    r = int(m["first_data_row"])
    assert ws[f"{cols['stt']}{r}"].value == 1
    assert ws[f"{cols['subject_kind']}{r}"].value == "Cá nhân"
    assert ws[f"{cols['honorific']}{r}"].value == "Bà"
    assert ws[f"{cols['birth_date']}{r}"].value == dt.datetime(1985, 2, 5)
    assert ws[f"{cols['is_leader']}{r}"].value == NO
    assert ws[f"{cols['proposed_award']}{r}"].value == "Giấy khen của Trưởng ban"
    assert ws[f"{cols['achievements']}{r}"].value == "=SUM(A1:A2)"
    assert ws[f"{cols['achievements']}{r}"].data_type == "s"
    assert ws[f"{cols['tc:A-11.1']}{r}"].value == YES
    assert ws[f"{cols['tc:A-19']}{r}"].value == NO
    assert ws[f"{cols['tc:A-12']}{r}"].value is None
    assert ws[f"{cols['name']}{r + 1}"].value == "Trần Văn Bình"
    hist = wb[m["history_sheet"]]
    hcols = json.loads(m["history_columns"])
    h = int(m["history_first_data_row"])
    assert [hist[f"{hcols[k]}{h}"].value for k in ("stt", "candidate_stt", "name", "year", "title")] == \
        [1, 1, "Nguyễn Thị Lan", 2024, "Lao động tiên tiến"]
    assert hist[f"{hcols['decision_date']}{h}"].value == dt.datetime(2024, 12, 20)
    assert hist[f"{hcols['candidate_stt']}{h + 1}"].value == 2


def test_prefilled_build_writes_labels_dates_and_history(rb_dn, tmp_path):
    cands = [_person(), _person(name="Trần Văn Bình", honorific=Honorific.ONG, gender=Gender.NAM)]
    _check_prefilled(build_template(rb_dn, tmp_path / "pre.xlsx", candidates=cands, year=2026))


def test_fill_with_openpyxl_keeps_validations_and_marker(rb_dn, tmp_path):
    committed = WORKBOOK / f"mau-dang-ky-{rb_dn.id}.xlsx"
    cands = [_person(), _person(name="Trần Văn Bình", honorific=Honorific.ONG, gender=Gender.NAM)]
    out = fill_with_openpyxl(committed, tmp_path / "filled.xlsx", {"unit_name": "Văn phòng", "year": 2026}, cands)
    _check_prefilled(out)
    before = openpyxl.load_workbook(committed)
    after = openpyxl.load_workbook(out)
    for name in (SHEET_CANDIDATES, SHEET_HISTORY):
        assert len(after[name].data_validations.dataValidation) == len(before[name].data_validations.dataValidation)
        assert after[name].protection.sheet
    assert after[SHEET_MARKER].sheet_state == "veryHidden"
    block = json.loads(_marker(after)["unit_block"])
    assert after[SHEET_CANDIDATES][block["unit_name"]].value == "Văn phòng"


def test_many_candidates_beyond_formatted_rows_stay_editable(rb_dn, tmp_path):
    cands = [_person(name=f"Nguyễn Văn {i}") for i in range(230)]
    out = fill_with_openpyxl(WORKBOOK / f"mau-dang-ky-{rb_dn.id}.xlsx", tmp_path / "big.xlsx", {}, cands)
    wb = openpyxl.load_workbook(out)
    m = _marker(wb)
    cell = wb[SHEET_CANDIDATES][f"D{int(m['first_data_row']) + 229}"]
    assert cell.value == "Nguyễn Văn 229" and cell.protection.locked is False
    assert cell.font.name == "Times New Roman"


@pytest.mark.soffice
def test_committed_templates_render_in_libreoffice(soffice, tmp_path, rb_dn, rb_nn):
    pdfs = convert_all([WORKBOOK / f"mau-dang-ky-{rb.id}.xlsx" for rb in (rb_dn, rb_nn)], "pdf", tmp_path)
    for pdf in pdfs:
        pgm = pdf_page_to_pgm(pdf, tmp_path / f"{pdf.stem}.pgm", page=1, dpi=40)
        assert image_ink_ratio(pgm) > 0.01


def test_cli_template_unit_all_units_and_errors(tmp_path):
    runner = CliRunner()
    out = tmp_path / "qldt.xlsx"
    res = runner.invoke(cli, ["template", "--rules", "dong-nai-kcn-2020", "--out", str(out),
                              "--unit", "phong quan ly dau tu", "--year", "2026"])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert _marker(wb)["unit_code"] == "QLDT" and _marker(wb)["year"] == "2026"
    assert wb[SHEET_CANDIDATES][json.loads(_marker(wb)["unit_block"])["unit_name"]].value == "Phòng Quản lý đầu tư"
    res = runner.invoke(cli, ["template", "--rules", "dong-nai-kcn-2020", "--out", str(tmp_path / "x.xlsx"),
                              "--unit", "Phòng Không Tồn Tại"])
    assert res.exit_code == 2
    assert "Không có đơn vị «Phòng Không Tồn Tại»" in res.output and "QLDT – Phòng Quản lý đầu tư" in res.output
    res = runner.invoke(cli, ["template", "--rules", "nnptnt-2017-2020", "--all-units", "--out", str(tmp_path / "d")])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "d").glob("mau-dang-ky-*.xlsx"))) == 11
    res = runner.invoke(cli, ["template", "--rules", "nnptnt-2017-2020", "--out", str(tmp_path / "a.pdf")])
    assert res.exit_code == 2 and "đuôi .xlsx" in res.output


def test_rulebook_without_units_or_criteria_still_builds(rb_dn, tmp_path):
    bare = rb_dn.model_copy(update={"units": [], "criteria": [], "deadlines": [], "quotas": []})
    wb = openpyxl.load_workbook(build_template(bare, tmp_path / "bare.xlsx", year=2026))
    m = _marker(wb)
    assert not [k for k in json.loads(m["columns"]) if k.startswith("tc:")]
    ws = wb[SHEET_CANDIDATES]
    unit_cell = json.loads(m["unit_block"])["unit_name"]
    dv = next(d for d in ws.data_validations.dataValidation if unit_cell in str(d.sqref))
    assert dv.type is None and dv.prompt  # free text with its input message when there is no unit list

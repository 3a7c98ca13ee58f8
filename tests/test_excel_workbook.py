"""The committed control workbook: same as a fresh build, exact VBA source, buttons bound to real Subs."""

from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser, VBA_Project

from exemplars.errors import InputError
from exemplars.excel import layout as L
from exemplars.excel.builder.build import build_control_workbook
from exemplars.excel.builder.vba_project import MACROS_DIR, read_module, xlwings_package_dir
from exemplars.rulebook import list_rulebooks, load_rulebook

COMMITTED = Path(__file__).resolve().parents[1] / "workbook" / L.DEFAULT_FILE
RUN_PYTHON = re.compile(r'RunPython\s+"([^"]*)"')
SUB = re.compile(r"^(?:Public\s+|Private\s+)?Sub\s+(\w+)\s*\(", re.M | re.I)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    return build_control_workbook(tmp_path_factory.mktemp("build") / L.DEFAULT_FILE)


def vba_modules(path: Path) -> dict[str, str]:
    """Module name → source text as olevba extracts it."""
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_all_macros()}
    finally:
        parser.close()


def module_declarations(path: Path) -> dict[str, tuple[str, int]]:
    """Module name → (its declaration in the PROJECT stream, its MODULETYPE in the dir stream), via olevba."""
    parser = VBA_Parser(str(path))
    try:
        (project_file,) = parser.ole_subfiles
        ((root, project_path, dir_path),) = project_file.find_vba_projects()
        project = VBA_Project(project_file.ole_file, root, project_path, dir_path)
        project.parse_project_stream()
        list(project.parse_modules())
        types = {module.name: module.type for module in project.modules}
        text = project.decode_bytes(project_file.ole_file.openstream(project_path).read())
    finally:
        parser.close()
    declared = {}
    for line in text.split("[Host Extender Info]")[0].splitlines():
        key, _, value = line.partition("=")
        if key in ("Document", "Module", "Class", "BaseClass"):
            declared[value.split("/")[0]] = key
    assert set(declared) == set(types), "PROJECT and dir streams name different modules"
    return {name: (declared[name], types[name]) for name in types}


def code_names(path: Path) -> dict[str, str]:
    """Sheet name (or "" for the workbook) → codeName, as the package parts write it."""
    wb = openpyxl.load_workbook(path, keep_vba=True)
    names = {ws.title: ws.sheet_properties.codeName for ws in wb.worksheets}
    return {"": wb.code_name, **names}


def buttons(path: Path) -> list[tuple[str, str]]:
    """(caption, macro) of every form button, from the VML drawings."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".vml")):
            vml = z.read(name).decode("utf-8")
            for shape in re.findall(r"<v:shape\b.*?</v:shape>", vml, re.S):
                caption = re.sub(r"<[^>]+>", "", re.search(r"<v:textbox.*?</v:textbox>", shape, re.S).group(0))
                macro = re.search(r"<x:FmlaMacro>\[0\]!([^<]+)</x:FmlaMacro>", shape).group(1)
                out.append((caption.strip(), macro))
    return out


def structure(path: Path) -> dict:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    names = {n: dn.attr_text for n, dn in wb.defined_names.items()}
    values = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    validations = {ws.title: sorted((str(dv.sqref), dv.type, dv.formula1, dv.prompt)
                                    for dv in ws.data_validations.dataValidation) for ws in wb.worksheets}
    with zipfile.ZipFile(path) as z:
        parts = sorted(z.namelist())
        content_types = z.read("[Content_Types].xml").decode()
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    return {"sheets": wb.sheetnames, "states": states, "names": names, "values": values, "validations": validations,
            "parts": parts, "macro_enabled": "sheet.macroEnabled.main+xml" in content_types}


def test_committed_workbook_matches_a_fresh_build(fresh):
    assert structure(COMMITTED) == structure(fresh)
    assert buttons(COMMITTED) == buttons(fresh)
    assert vba_modules(COMMITTED) == vba_modules(fresh)


def test_build_is_deterministic(fresh, tmp_path):
    again = build_control_workbook(tmp_path / "again.xlsm")
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(again) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_sheets_names_and_macro_enabled_package():
    s = structure(COMMITTED)
    assert s["sheets"] == list(L.SHEETS)
    # the technical sheet is hidden (xlwings reads a hidden xlwings.conf), never very hidden
    assert {name: state for name, state in s["states"].items() if state != "visible"} == {L.SHEET_XLWINGS: "hidden"}
    assert s["macro_enabled"] and "xl/vbaProject.bin" in s["parts"]
    for item in L.SETTINGS:
        assert s["names"][item.name] == f"'{L.SHEET_SETTINGS}'!$B${L.setting_cell(item.name)[1:]}"
    for name, _ in L.STATUS_CELLS + L.SUMMARY_CELLS:
        assert s["names"][name] == f"'{L.SHEET_DASHBOARD}'!${L.dashboard_cell(name)[0]}${L.dashboard_cell(name)[1:]}"


def test_settings_dropdowns_offer_shipped_rulebooks_and_periods():
    validations = structure(COMMITTED)["validations"][L.SHEET_SETTINGS]
    by_cell = {sqref: (kind, formula, message) for sqref, kind, formula, message in validations}
    kind, formula, _ = by_cell[L.setting_cell("cfg_quy_che")]
    assert kind == "list" and formula == '"' + ",".join(r.id for r in list_rulebooks()) + '"'
    kind, formula, _ = by_cell[L.setting_cell("cfg_ky")]
    assert formula == '"Năm,6 tháng,9 tháng,Quý 1,Quý 2,Quý 3,Quý 4"'
    assert by_cell[L.setting_cell("cfg_nam")][:2] == ("whole", "2000")
    assert by_cell[L.setting_cell("cfg_ngay_quyet_dinh")][0] == "date"
    assert all(message for _, _, message in by_cell.values()), "every setting explains itself"
    assert len(by_cell) == len(L.SETTINGS)


def test_units_sheet_is_prefilled_from_the_default_rulebook():
    rows = structure(COMMITTED)["values"][L.SHEET_UNITS]
    assert tuple(rows[0]) == L.UNIT_HEADERS
    expected = [[u.code, u.name, u.bloc or None, "; ".join(u.aliases) or None]
                for u in load_rulebook(L.DEFAULT_RULEBOOK).units]
    assert rows[1:] == expected


def test_xlwings_conf_keys_are_contiguous_from_a1():
    rows = structure(COMMITTED)["values"][L.SHEET_XLWINGS]
    keys = [r[0] for r in rows[: len(L.XLWINGS_SETTINGS)]]
    assert keys == [k for k, _ in L.XLWINGS_SETTINGS]
    assert rows[len(L.XLWINGS_SETTINGS)][0] is None  # xlwings reads A1 down to the first blank
    assert rows[0][1] == "python"


def test_olevba_extracts_exactly_every_bas_file_and_the_pinned_xlwings_module():
    modules = vba_modules(COMMITTED)
    for path in sorted(MACROS_DIR.glob("*.bas")):
        module = read_module(path)
        assert modules[module.name] == module.source, path.name
    assert modules["xlwings"] == read_module(xlwings_package_dir() / "xlwings.bas").source
    assert "Version: " + importlib.metadata.version("xlwings") in modules["xlwings"]
    document = {"ThisWorkbook"} | {f"Sheet{i}" for i in range(1, len(L.SHEETS) + 1)}
    assert set(modules) == document | {"NutBam", "Probe", "xlwings", "Dictionary"}


def test_every_sheet_code_name_is_a_document_module_as_excel_declares_it():
    """Excel writes ``Document=SheetN/&H00000000`` for each sheet's module; a ``Class=`` declaration is wrong."""
    modules = module_declarations(COMMITTED)
    names = code_names(COMMITTED)
    assert list(names) == ["", *L.SHEETS]
    for sheet, code_name in names.items():
        assert modules[code_name] == ("Document", 0x22), f"«{sheet or 'workbook'}» → {code_name}"
    documents = {name for name, (kind, _) in modules.items() if kind == "Document"}
    assert documents == set(names.values()), "a document module without its sheet, or the other way round"
    assert modules["NutBam"] == modules["Probe"] == modules["xlwings"] == ("Module", 0x21)
    assert modules["Dictionary"] == ("Class", 0x22)


def test_every_button_is_bound_to_an_existing_sub_that_runs_an_existing_function():
    modules = vba_modules(COMMITTED)
    subs = {f"{name}.{sub}" for name, code in modules.items() for sub in SUB.findall(code)}
    bound = buttons(COMMITTED)
    assert [caption for caption, _ in bound] == [f"{i}. {b.caption}" for i, b in enumerate(L.BUTTONS, start=1)]
    for caption, macro in bound:
        assert macro in subs, f"button «{caption}» → {macro} has no Sub"
        module, sub = macro.split(".")
        body = re.search(rf"Sub\s+{sub}\s*\(\).*?End Sub", modules[module], re.S).group(0)
        commands = RUN_PYTHON.findall(body)
        assert len(commands) == 1, macro
        imported = re.fullmatch(r"import ([\w.]+) as (\w+); \2\.(\w+)\(\)", commands[0])
        assert imported, commands[0]
        target = getattr(importlib.import_module(imported.group(1)), imported.group(3), None)
        assert callable(target), commands[0]


def test_probe_writes_the_cell_the_checks_read():
    source = read_module(MACROS_DIR / "Probe.bas").source
    assert f'Range("{L.PROBE_CELL}")' in source


def test_vba_sources_are_ascii_and_refused_otherwise(tmp_path):
    for path in MACROS_DIR.glob("*.bas"):
        path.read_text(encoding="utf-8").encode("ascii")
    bad = tmp_path / "Bad.bas"
    bad.write_text('Attribute VB_Name = "Bad"\r\nSub X()\r\n  MsgBox "Tổng hợp"\r\nEnd Sub\r\n', encoding="utf-8")
    with pytest.raises(InputError, match="ChrW"):
        read_module(bad)


def test_only_the_button_entry_points_import_xlwings():
    """The builder, the CLI and the pipeline run without xlwings; only RunPython's targets load it."""
    import subprocess
    import sys

    code = ("import sys, exemplars.cli, exemplars.pipeline, exemplars.excel.builder.build, exemplars.excel.actions; "
            "print('xlwings' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
    root = Path(__file__).resolve().parents[1] / "exemplars"
    importers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                       if re.search(r"^\s*(import xlwings|from xlwings)", p.read_text(encoding="utf-8"), re.M))
    assert importers == ["excel/buttons.py"]


def test_pyopenvba_integrity_check_finds_no_issue():
    from pyopenvba import check_file

    report = check_file(COMMITTED)
    assert report.complete and report.issues == ()

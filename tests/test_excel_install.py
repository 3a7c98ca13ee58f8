"""``exemplars excel install``: the interpreter path goes into xlwings.conf, macros and buttons stay."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from exemplars.cli import cli
from exemplars.errors import InputError
from exemplars.excel import layout as L
from exemplars.excel.builder.install import fingerprint, install_interpreter
from exemplars.excel.diagnostics import interpreter_path

COMMITTED = Path(__file__).resolve().parents[1] / "workbook" / L.DEFAULT_FILE
PYTHON = r"C:\Users\van-phong\AppData\Local\Programs\Python\Python311\python.exe"


def interpreter_cell(path: Path):
    return openpyxl.load_workbook(path)[L.SHEET_XLWINGS][L.INTERPRETER_CELL].value


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / L.DEFAULT_FILE
    shutil.copyfile(COMMITTED, target)
    return target


def test_openpyxl_save_keeps_vba_buttons_and_code_names(copy):
    before = fingerprint(copy)
    assert len(before.macros) == len(L.BUTTONS) and before.vba and before.code_names
    assert install_interpreter(copy, PYTHON) == "openpyxl"
    assert interpreter_cell(copy) == PYTHON
    assert fingerprint(copy) == before
    wb = openpyxl.load_workbook(copy, keep_vba=True)
    assert wb.sheetnames == list(L.SHEETS)
    assert {s.name for s in L.SETTINGS} <= set(wb.defined_names)


def excel_saved_copy(source: Path, target: Path) -> Path:
    """``source`` as Excel saves form buttons: a <controls> block in the sheet XML besides the VML."""
    controls = "".join(f'<control shapeId="{1025 + i}" r:id="rId{90 + i}" name="Button {i + 1}"><controlPr '
                       f'defaultSize="0" print="0" autoFill="0" autoPict="0" macro="[0]!{L.BUTTON_MODULE}.{b.sub}"/>'
                       "</control>" for i, b in enumerate(L.BUTTONS))
    block = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
             f'<mc:Choice Requires="x14"><controls>{controls}</controls></mc:Choice></mc:AlternateContent>')
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<legacyDrawing", block.encode() + b"<legacyDrawing")
            zout.writestr(info, data)
    return target


def test_parts_openpyxl_would_drop_are_kept_by_patching_the_one_cell(copy, tmp_path):
    excel_saved = excel_saved_copy(copy, tmp_path / "excel-saved.xlsm")
    before = fingerprint(excel_saved)
    assert len(before.macros) == 2 * len(L.BUTTONS)
    assert install_interpreter(excel_saved, PYTHON) == "zip"
    assert fingerprint(excel_saved) == before
    assert interpreter_cell(excel_saved) == PYTHON
    with zipfile.ZipFile(excel_saved) as z, zipfile.ZipFile(copy) as original:
        changed = [n for n in original.namelist() if z.read(n) != original.read(n)]
    assert changed == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet11.xml"]  # the block above, and B1


def test_refuses_a_missing_file_or_a_workbook_without_macros(tmp_path):
    with pytest.raises(InputError, match="Không tìm thấy"):
        install_interpreter(tmp_path / "khong-co.xlsm", PYTHON)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(InputError, match="không chứa macro"):
        install_interpreter(plain, PYTHON)


def test_cli_writes_this_python(copy):
    result = CliRunner().invoke(cli, ["excel", "install", "--workbook", str(copy)])
    assert result.exit_code == 0, result.output
    assert interpreter_cell(copy) == interpreter_path()
    assert "pythonw" not in interpreter_path().lower()


def test_cli_writes_a_non_ascii_python_in_its_short_form(copy, monkeypatch):
    import exemplars.cli.excel as excel_cli
    import exemplars.excel.windows as windows

    long = r"C:\Users\Nguyễn Văn Lan\AppData\Local\Programs\Python\Python312\python.exe"
    short = r"C:\Users\NGUYNV~1\AppData\Local\Programs\Python\PYTHON~1\python.exe"
    monkeypatch.setattr(excel_cli, "interpreter_path", lambda: long)
    monkeypatch.setattr(excel_cli, "short_path", lambda path: windows.short_path(path, {long: short}.get))
    result = CliRunner().invoke(cli, ["excel", "install", "--workbook", str(copy)])
    assert result.exit_code == 0, result.output
    assert interpreter_cell(copy) == short


def test_cli_build_writes_a_workbook(tmp_path):
    out = tmp_path / "moi.xlsm"
    result = CliRunner().invoke(cli, ["excel", "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert fingerprint(out) == fingerprint(COMMITTED)


def test_a_signed_vba_project_keeps_its_signature(copy, tmp_path):
    """IT may sign the VBA project; writing the interpreter must not drop xl/vbaProjectSignature.bin."""
    signed = tmp_path / "signed.xlsm"
    signature = b"\x00signature-of-the-vba-project"
    with zipfile.ZipFile(copy) as zin, zipfile.ZipFile(signed, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/vbaProjectSignature.bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProjectSignature"/></Types>')
            zout.writestr(info, data)
        zout.writestr("xl/_rels/vbaProject.bin.rels",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                      'microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/>'
                      "</Relationships>")
        zout.writestr("xl/vbaProjectSignature.bin", signature)
    install_interpreter(signed, PYTHON)
    assert interpreter_cell(signed) == PYTHON
    with zipfile.ZipFile(signed) as z:
        assert z.read("xl/vbaProjectSignature.bin") == signature

"""LibreOffice imports the control workbook's VBA project, compiles it and runs the marker Sub.

The build for this check leaves out xlwings.bas and Dictionary.cls, which
LibreOffice Basic cannot compile (they are checked byte-for-byte with olevba
instead).  A library that fails to compile runs nothing and raises nothing, so
only the marker cell counts; the negative control proves the check can fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from exemplars.excel import layout as L
from exemplars.excel.builder.build import build_control_workbook
from exemplars.excel.builder.vba_project import MACROS_DIR

PROBE = Path(__file__).with_name("lo_vba_probe.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def run_probe(book: Path) -> dict:
    done = subprocess.run([SYSTEM_PYTHON, str(PROBE), str(book), "0", L.PROBE_CELL],
                          capture_output=True, text=True, timeout=180)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no result from the LibreOffice probe: {done.stderr[-2000:]}"
    return json.loads(lines[-1])


@pytest.fixture(scope="module")
def uno_python(soffice) -> str:
    if subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode:
        pytest.skip("python3-uno is not installed for /usr/bin/python3")
    return SYSTEM_PYTHON


@pytest.mark.soffice
def test_libreoffice_compiles_the_own_modules_and_runs_the_marker(uno_python, tmp_path):
    book = build_control_workbook(tmp_path / "lo.xlsm", include_xlwings=False)
    result = run_probe(book)
    assert result["vba_mode"] is True
    assert {"NutBam", "Probe", "ThisWorkbook", "Sheet1"} <= set(result["modules"])
    assert result["before"] == "Chưa chạy lần nào."
    assert result["marker"] == "vba-ok 42"
    bound = {b["caption"]: b["scripts"] for b in result["buttons"]}
    for i, button in enumerate(L.BUTTONS, start=1):
        script = f"vnd.sun.star.script:VBAProject.{L.BUTTON_MODULE}.{button.sub}?language=Basic&location=document"
        assert bound[f"{i}. {button.caption}"] == [script]


@pytest.mark.soffice
def test_a_module_that_does_not_compile_leaves_no_marker(uno_python, tmp_path):
    macros = tmp_path / "macros"
    shutil.copytree(MACROS_DIR, macros)
    (macros / "Broken.bas").write_text('Attribute VB_Name = "Broken"\r\nSub Oops(\r\nEnd Sub\r\n', encoding="ascii")
    book = build_control_workbook(tmp_path / "broken.xlsm", include_xlwings=False, macros_dir=macros)
    result = run_probe(book)
    assert result["marker"] != "vba-ok 42"

"""LibreOffice check of the control workbook's own VBA (run with /usr/bin/python3, which has uno).

    /usr/bin/python3 tests/lo_vba_probe.py BOOK.xlsm SHEET_INDEX CELL

Starts a private headless soffice, opens BOOK with macros allowed, lists the VBA
library's modules, runs ``Probe.WriteMarker``, reads CELL of sheet SHEET_INDEX
(0-based) and the macro bound to every form button of that sheet, and prints
one JSON object.  A library that fails to compile runs nothing and raises
nothing, so only the marker value proves anything.  soffice aborts at shutdown
after VBA documents, so results are printed before it is stopped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

ALWAYS_EXECUTE_NO_WARN = 4
MARKER = "vnd.sun.star.script:VBAProject.Probe.WriteMarker?language=Basic&location=document"


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, deadline: float):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def button_macros(sheet) -> list[dict]:
    """Caption and bound script of each form button of ``sheet``."""
    out = []
    forms = sheet.DrawPage.Forms
    for f in range(forms.Count):
        form = forms.getByIndex(f)
        for i in range(form.Count):
            control = form.getByIndex(i)
            events = form.getScriptEvents(i)
            out.append({"caption": getattr(control, "Label", ""),
                        "scripts": [e.ScriptCode for e in events]})
    return out


def probe(book: Path, sheet_index: int, cell: str) -> dict:
    profile = Path(tempfile.mkdtemp(prefix="lo-vba-profile-"))
    pipe = f"exemplars_vba_{os.getpid()}"
    soffice = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, time.monotonic() + 60)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(book.resolve().as_uri(), "_blank", 0, (
            prop("Hidden", True), prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)))
        libraries = doc.BasicLibraries
        result = {"libraries": list(libraries.ElementNames),
                  "vba_mode": bool(libraries.VBACompatibilityMode)}
        if libraries.hasByName("VBAProject"):
            libraries.loadLibrary("VBAProject")
            result["modules"] = sorted(libraries.getByName("VBAProject").ElementNames)
        sheet = doc.Sheets.getByIndex(sheet_index)
        result["buttons"] = button_macros(sheet)
        result["before"] = sheet.getCellRangeByName(cell).String
        try:
            doc.getScriptProvider().getScript(MARKER).invoke((), (), ())
        except Exception as exc:  # reported, the caller decides
            result["error"] = f"{type(exc).__name__}: {exc}"
        result["marker"] = sheet.getCellRangeByName(cell).String
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return result
    finally:
        soffice.kill()
        soffice.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    probe(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3])

"""Remote-engine harness for the Excel glue (a real workbook file as an xlwings client payload).

``payload_from_xlsx`` turns a real workbook file (the committed control workbook)
into the JSON an xlwings client sends: every sheet's values from A1 and the
defined names.  ``remote_book`` opens it with the xlwings remote engine;
``replay`` applies ``book.json()["actions"]`` to a copy of the values with a
strict oracle that fails on any action it does not model, so a test sees the
workbook as Excel would show it after the run.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import range_boundaries

from exemplars.excel import layout as L

WORKBOOK = Path(__file__).resolve().parents[2] / "workbook" / L.DEFAULT_FILE
#: Actions the replay understands; formatting ones only need to be well formed.
FORMAT_ACTIONS = {"setFontProperty", "setRangeColor", "setColumnWidth", "setNumberFormat", "setStatusBar"}


def _payload_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    return value


def payload_from_xlsx(path: Path = WORKBOOK, cells: dict[tuple[str, str], Any] | None = None) -> dict:
    """Client payload of ``path`` with ``cells`` ((sheet, A1) → value) changed as a clerk would type them."""
    wb = openpyxl.load_workbook(path, data_only=True)
    for (sheet, ref), value in (cells or {}).items():
        wb[sheet][ref].value = value
    sheets = []
    for ws in wb.worksheets:
        rows = [[_payload_value(c) for c in row] for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        sheets.append({"name": ws.title, "values": rows or [[""]], "pictures": [], "tables": []})
    names = []
    for name, dn in wb.defined_names.items():
        (sheet, ref), = dn.destinations
        names.append({"name": name, "sheet_index": wb.sheetnames.index(sheet), "address": ref.replace("$", ""),
                      "scope_sheet_name": None, "scope_sheet_index": None, "book_scope": True})
    return {"client": "Office.js", "version": "0.37.8",
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": names, "sheets": sheets}


def remote_book(payload: dict, monkeypatch):
    """An xlwings remote-engine Book (PolyForm Noncommercial key, set for the test only)."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    if "remote" not in [engine.name for engine in xw.engines]:
        # xlwings registers licensed engines at import; it was imported before the key was set
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xw.engines.add(Engine(impl=_xlremote.engine))
    return xw.Book(json=payload)


class Replay:
    """The workbook after the actions: ``values[sheet][(row, col)]`` (0-based), alerts and formats."""

    def __init__(self, payload: dict):
        self.sheets = [s["name"] for s in payload["sheets"]]
        self.values: dict[str, dict[tuple[int, int], Any]] = {}
        for s in payload["sheets"]:
            self.values[s["name"]] = {(r, c): v for r, row in enumerate(s["values"])
                                      for c, v in enumerate(row) if v not in ("", None)}
        self.alerts: list[list[Any]] = []
        self.formats: list[dict] = []

    def cell(self, sheet: str, ref: str) -> Any:
        col, row, _, _ = range_boundaries(ref)
        return self.values[sheet].get((row - 1, col - 1))

    def rows(self, sheet: str) -> list[list[Any]]:
        cells = self.values[sheet]
        if not cells:
            return []
        height = max(r for r, _ in cells) + 1
        width = max(c for _, c in cells) + 1
        return [[cells.get((r, c)) for c in range(width)] for r in range(height)]

    def apply(self, action: dict) -> None:
        func = action["func"]
        sheet = self.sheets[action["sheet_position"]] if action.get("sheet_position") is not None else None
        if func == "setValues":
            for dr, row in enumerate(action["values"]):
                for dc, value in enumerate(row):
                    key = (action["start_row"] + dr, action["start_column"] + dc)
                    if value in ("", None):
                        self.values[sheet].pop(key, None)
                    else:
                        self.values[sheet][key] = value
        elif func in ("clearContents", "clear"):
            r0, c0 = action["start_row"], action["start_column"]
            for key in [k for k in self.values[sheet]
                        if r0 <= k[0] < r0 + action["row_count"] and c0 <= k[1] < c0 + action["column_count"]]:
                del self.values[sheet][key]
        elif func == "sheetClear":
            self.values[sheet] = {}
        elif func == "addSheet":
            position, name = action["args"]
            self.sheets.insert(position, name)
            self.values[name] = {}
        elif func == "alert":
            self.alerts.append(action["args"])
        elif func in FORMAT_ACTIONS:
            self.formats.append({"func": func, "sheet": sheet, "args": action["args"],
                                 "row": action["start_row"], "col": action["start_column"]})
        else:
            raise AssertionError(f"unmodelled action {func}: {action}")


def replay(payload: dict, book) -> Replay:
    """Apply every queued action of ``book`` to ``payload``'s values, strictly."""
    result = Replay(copy.deepcopy(payload))
    for action in book.json()["actions"]:
        result.apply(action)
    return result


def text(value: Any) -> Any:
    """A written value as the clerk sees it (the apostrophe prefix is not part of the text)."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


# --- the harness is faithful -------------------------------------------------------------------

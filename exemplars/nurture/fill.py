"""Fill a plan workbook with openpyxl, the way a unit's clerk types into it.

The demo's units and the tests use it: validations, protection and the marker survive a
load and save by another program, typed text stays text, and a progress report is the same
workbook saved again with more filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from exemplars.columns import YES
from exemplars.nurture import layout as L
from exemplars.template.fill import type_value
from exemplars.xlsx import atomic_path


@dataclass
class TypedAction:
    exemplar: str  # what the clerk picks or types in «Điển hình» (the dropdown item, a code or a name)
    what: str
    who: str = ""
    due: dt.date | str | None = None
    expected: str = ""
    done_on: dt.date | str | None = None
    result: str = ""


@dataclass
class TypedAdoption:
    exemplar: str
    place: str
    since: dt.date | str | None = None
    result: str = ""


def _marker(wb) -> dict[str, str]:
    ws = wb[L.MARKER_SHEET]
    return {str(k): "" if v is None else str(v) for k, v, *_ in ws.iter_rows(min_col=1, max_col=2, values_only=True)
            if k}


def fill_plan(source: Path | str, target: Path | str, *, entries: Mapping[str, Mapping[str, object]] = {},
              actions: Sequence[TypedAction] = (), adoptions: Sequence[TypedAdoption] = (),
              block: Mapping[str, object] = {}) -> Path:
    """Copy ``source`` to ``target`` with the typed values.

    ``entries``: exemplar code → {plan column key: value} («Kế hoạch» rows, found by their code);
    ``actions`` / ``adoptions`` fill the rows of their sheets from the first one, replacing what
    was there (a progress report re-types the whole list); ``block``: unit block key → value.
    """
    wb = openpyxl.load_workbook(source)
    marker = _marker(wb)
    first = int(marker["first_data_row"])
    plan = wb[marker["plan_sheet"]]
    cols = json.loads(marker["plan_columns"])
    for key, ref in json.loads(marker["unit_block"]).items():
        if key in block:
            type_value(plan, ref, block[key])
    row = first
    while plan[f"{cols['code']}{row}"].value:
        code = str(plan[f"{cols['code']}{row}"].value)
        for key, value in entries.get(code, {}).items():
            if key == "stopped" and value is True:
                value = YES
            type_value(plan, f"{cols[key]}{row}", value)
        row += 1
    for sheet_key, col_key, items in (("actions_sheet", "actions_columns", actions),
                                      ("adoptions_sheet", "adoptions_columns", adoptions)):
        ws = wb[marker[sheet_key]]
        letters = json.loads(marker[col_key])
        for n, item in enumerate(items):
            values = {"stt": n + 1, **{k: v for k, v in vars(item).items()}}
            for key, letter in letters.items():
                type_value(ws, f"{letter}{first + n}", values.get(key), like=f"{letter}{first}")
    target = Path(target)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target

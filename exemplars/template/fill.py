"""Fill a committed template with openpyxl, the way a person types into it.

Used to check that the shipped templates really are fillable: validations,
protection and marker survive a load/save by another program, and typed text
stays text.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

from exemplars.columns import SHEET_MARKER
from exemplars.domain import Candidate
from exemplars.errors import InputError
from exemplars.rulebook import load_rulebook
from exemplars.rulebook.schema import Rulebook
from exemplars.template.layout import cell_values, history_values
from exemplars.xlsx import atomic_path, safe_text


def read_marker(wb) -> dict[str, str]:
    """The marker sheet of an openpyxl workbook as {key: value text}."""
    if SHEET_MARKER not in wb.sheetnames:
        raise InputError(f"Tệp không có sheet đánh dấu «{SHEET_MARKER}»: không phải mẫu đăng ký của chương trình.")
    out: dict[str, str] = {}
    for key, value, *_ in wb[SHEET_MARKER].iter_rows(min_col=1, max_col=2, values_only=True):
        if key:
            out[str(key)] = "" if value is None else str(value)
    return out


def type_value(ws, ref: str, value: object, like: str | None = None) -> None:
    """Put ``value`` into ``ref`` as typed text/number/date; text never becomes a formula.

    A cell that has no style of its own takes the style of ``like`` (a pre-formatted
    cell of the same column), as Excel does for a row a clerk adds below the table.
    """
    cell = ws[ref]
    if like is not None and not cell.has_style:
        cell._style = copy.copy(ws[like]._style)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool):
        cell.value = "Có" if value else "Không"
    elif isinstance(value, (int, float)):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value
    elif isinstance(value, dt.date):
        cell.value = dt.datetime(value.year, value.month, value.day)
    else:
        cell.value = safe_text(value)
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula


def fill_with_openpyxl(template_path: Path | str, out_path: Path | str, unit_block: Mapping[str, object],
                       candidates: Sequence[Candidate], *, rulebook: Rulebook | None = None) -> Path:
    """Copy ``template_path`` to ``out_path`` with the unit block and candidates typed in."""
    wb = openpyxl.load_workbook(template_path)
    marker = read_marker(wb)
    rb = rulebook or load_rulebook(marker["rulebook_id"])
    table = wb[marker["candidates_sheet"]]
    columns: dict[str, str] = json.loads(marker["columns"])
    first = int(marker["first_data_row"])
    for key, ref in json.loads(marker["unit_block"]).items():
        if key in unit_block:
            type_value(table, ref, unit_block[key])
    for i, cand in enumerate(candidates):
        values = cell_values(rb, cand, i + 1)
        for key, letter in columns.items():
            type_value(table, f"{letter}{first + i}", values.get(key), like=f"{letter}{first}")
    history = wb[marker["history_sheet"]]
    hcols: dict[str, str] = json.loads(marker["history_columns"])
    hfirst = int(marker["history_first_data_row"])
    lines = [row for i, cand in enumerate(candidates) for row in history_values(cand, i + 1)]
    for n, row in enumerate(lines):
        row = {**row, "stt": n + 1}
        for key, letter in hcols.items():
            type_value(history, f"{letter}{hfirst + n}", row.get(key), like=f"{letter}{hfirst}")
    return _save(wb, out_path)


def _save(wb, out_path: Path | str) -> Path:
    out_path = Path(out_path)
    with atomic_path(out_path) as tmp:
        wb.save(tmp)
    return out_path

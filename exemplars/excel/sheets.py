"""Write result tables and the dashboard's status cells into the calling workbook.

Only calls that work on every xlwings engine are used (values, bold, colour,
column width, clear): the remote engine and xlwings Lite cannot read formats
back and have no status bar.  Values are turned into what a clerk should see:
dates as dd/mm/yyyy text, yes/no as Có/Không, and text that Excel would turn
into a formula or a number gets the apostrophe prefix that keeps it text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from exemplars.excel import layout as L

HEADER_COLOR = "#DDEBF7"
#: Text Excel would not keep as typed: formulas, numbers, dates, percentages.
_NEEDS_PREFIX = re.compile(r"^[=+\-@]|^[\d\s.,/:%]+$")
MAX_CELL_CHARS = 32_000


def cell_value(value: Any) -> Any:
    """One value as written to a cell."""
    try:
        if value is None or pd.isna(value):  # None, NaN, NaT, pd.NA
            return None
    except (TypeError, ValueError):  # containers: not a missing scalar
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"'{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if hasattr(value, "label") and hasattr(value, "value"):  # LabelledEnum members
        value = value.label
    text = str(value)[:MAX_CELL_CHARS]
    return "'" + text if text and _NEEDS_PREFIX.match(text) else text


def get_sheet(book, name: str):
    """Sheet ``name`` of ``book``; added at the end when the clerk deleted it."""
    if name not in [s.name for s in book.sheets]:
        return book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
    return book.sheets[name]


def write_table(book, sheet_name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                widths: Sequence[float] | None = None, note: str = "",
                number_formats: dict[int, str] | None = None) -> int:
    """Clear the sheet, write ``headers`` (bold, shaded) and ``rows``; returns the number of rows.

    ``note`` goes one line above the header (e.g. where the full output file is).
    """
    sheet = get_sheet(book, sheet_name)
    sheet.clear()
    data = [[cell_value(v) for v in row] for row in rows]
    top = 1
    if note:
        sheet["A1"].value = cell_value(note)
        sheet["A1"].font.italic = True
        top = 3
    header = sheet.range((top, 1), (top, len(headers)))
    header.value = [list(headers)]
    header.font.bold = True
    header.color = HEADER_COLOR
    if data:
        sheet.range((top + 1, 1)).value = [row + [None] * (len(headers) - len(row)) for row in data]
        for col, number_format in (number_formats or {}).items():
            sheet.range((top + 1, col + 1), (top + len(data), col + 1)).number_format = number_format
    for col, width in enumerate(widths or [], start=1):
        sheet.range((top, col)).column_width = width
    return len(data)


def write_named(book, values: dict[str, Any]) -> None:
    """Write dashboard cells by their defined names (``dk_*``).

    A name the clerk deleted is skipped: the message box still tells the outcome.
    """
    for name, value in values.items():
        try:
            cell = book.names[name].refers_to_range
        except (KeyError, ValueError):
            continue
        cell.value = cell_value(value)


def set_status_bar(book, text: str | bool) -> None:
    """Excel's status bar where the engine has one (classic Excel; not remote/Lite)."""
    try:
        book.app.status_bar = text
    except (NotImplementedError, AttributeError):
        pass


class ProgressCell:
    """``Progress`` callback that shows ``done/total message`` in the dashboard's progress cell.

    Writes at most ~20 times per run: every write is a COM round trip in Excel.
    """

    def __init__(self, book, step_percent: int = 5):
        self.book = book
        self.step = step_percent
        self.last = -step_percent
        self.total: int | None = None

    def __call__(self, done: int, total: int, message: str) -> None:
        if total == 0:  # a notice, not a count (e.g. waiting for another run)
            write_named(self.book, {"dk_tien_trinh": message})
            set_status_bar(self.book, message)
            return
        if total != self.total:  # a new count: the files, then the stages after them (each one shown)
            self.total, self.last = total, -self.step
        percent = int(100 * done / total) if total else 100
        if percent - self.last < self.step and done != total:
            return
        self.last = percent
        text = f"{done}/{total} ({percent}%) {message}".strip()
        write_named(self.book, {"dk_tien_trinh": text})
        set_status_bar(self.book, text)


def summary_values(**counts: Any) -> dict[str, Any]:
    """Dashboard summary cells from keyword counts (unknown keys are an error of the caller)."""
    names = {name for name, _ in L.SUMMARY_CELLS}
    out = {}
    for key, value in counts.items():
        name = f"dk_{key}"
        if name not in names:
            raise KeyError(name)
        out[name] = value
    return out

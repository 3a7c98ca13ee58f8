"""Shared output helpers: atomic files, formula-proof cell text, Vietnamese table styles.

Every workbook the product writes goes through ``atomic_path`` (temp file in the
same folder, then ``os.replace``), so a crash never leaves a half-written output
and the previous one stays readable.  Cell text goes through ``safe_text`` and
XlsxWriter's ``write_string``: a unit's text can never become a formula.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import xlsxwriter

from exemplars.page_setup import line_height, wrapped_lines

FONT = "Times New Roman"
MAX_CELL_CHARS = 32_767
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FIXED_CREATED = dt.datetime(2026, 1, 1)
RUN_ID_PROPERTY = "exemplars_run_id"
#: The id of the run whose outputs are being written (set by ``exemplars.outputs.output_set``); every
#: workbook written meanwhile carries it in its properties, so a file can be matched to its run.
current_run_id: contextvars.ContextVar[str] = contextvars.ContextVar("current_run_id", default="")


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success replace ``target`` with it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp creates 0600; outputs live in shared office folders, so use the usual umask mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def atomic_write_text(target: Path | str, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def safe_text(value: object) -> str:
    """Text fit for a cell: no XML-illegal control characters, at most 32,767 characters."""
    if value is None:
        return ""
    text = _ILLEGAL_XML.sub("", str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def new_workbook(path: Path | str, **options) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook that never turns strings into formulas, numbers or links."""
    opts = {
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": "dd/mm/yyyy",
    }
    opts.update(options)
    wb = xlsxwriter.Workbook(str(path), opts)
    run_id = current_run_id.get()
    wb.set_properties({"created": FIXED_CREATED, "author": "exemplars", "company": "",
                       **({"keywords": run_id} if run_id else {})})
    if run_id:
        wb.set_custom_property(RUN_ID_PROPERTY, run_id)
    wb.formats[0].set_font_name(FONT)
    wb.formats[0].set_font_size(12)
    return wb


class Styles:
    """Formats shared by the product's sheets (created once per workbook)."""

    def __init__(self, wb: xlsxwriter.Workbook, size: int = 12):
        base = {"font_name": FONT, "font_size": size, "valign": "top"}
        self.text = wb.add_format({**base, "text_wrap": True, "border": 1})
        self.text_nowrap = wb.add_format({**base, "border": 1})
        self.date = wb.add_format({**base, "num_format": "dd/mm/yyyy", "border": 1, "align": "center"})
        # Number formats by meaning: years, codes and counts as plain integers ("2025", never
        # "2,025"); money with thousands separators (shown "1.520.000" by a Vietnamese Excel);
        # scores as General after rounding to two decimals ("143", "166,36", never "143.");
        # shares as whole percentages.
        self.int = wb.add_format({**base, "num_format": "0", "border": 1, "align": "center"})
        self.number = wb.add_format({**base, "border": 1})
        self.money = wb.add_format({**base, "num_format": "#,##0", "border": 1})
        self.percent = wb.add_format({**base, "num_format": "0%", "border": 1, "align": "center"})
        self.percent1 = wb.add_format({**base, "num_format": "0.0%", "border": 1, "align": "center"})
        self.header = wb.add_format({**base, "bold": True, "text_wrap": True, "border": 1, "align": "center",
                                     "valign": "vcenter", "bg_color": "#DDEBF7"})
        self.title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        self.bold = wb.add_format({**base, "bold": True})
        self.italic = wb.add_format({**base, "italic": True})
        self.plain = wb.add_format(base)
        self.error = wb.add_format({**base, "border": 1, "bg_color": "#F8CBAD", "text_wrap": True})
        self.warning = wb.add_format({**base, "border": 1, "bg_color": "#FFE699", "text_wrap": True})
        self.ok = wb.add_format({**base, "border": 1, "bg_color": "#C6EFCE", "text_wrap": True})


def write_value(ws, row: int, col: int, value: object, styles: Styles, fmt=None) -> None:
    """Write one value with the right XlsxWriter call; strings always as strings."""
    if value is None or (isinstance(value, float) and value != value):
        ws.write_blank(row, col, None, fmt or styles.text)
    elif isinstance(value, bool):
        ws.write_string(row, col, "Có" if value else "Không", fmt or styles.text)
    elif isinstance(value, int):
        ws.write_number(row, col, value, fmt or styles.int)
    elif isinstance(value, float):
        # a score or a share: two decimals at most, so General never shows 36.36363636
        shown = value if fmt is styles.percent or fmt is styles.percent1 else round(value, 2)
        ws.write_number(row, col, shown, fmt or styles.number)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(row, col, value, fmt or styles.date)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt or styles.date)
    else:
        ws.write_string(row, col, safe_text(value), fmt or styles.text)


def fitted_height(values: Sequence[object], widths: Sequence[float], size: float = 12, bold: bool = False,
                  wrapped: Sequence[bool] | None = None) -> float | None:
    """Row height (points) that shows every wrapped text of ``values`` whole; None for one line.

    Excel and LibreOffice keep a written row at its stored height when the file is opened, so
    a row of wrapped text gets its height from the text's measured lines.
    """
    lines = 1
    for c, value in enumerate(values):
        if isinstance(value, str) and value and c < len(widths) and (wrapped is None or wrapped[c]):
            lines = max(lines, wrapped_lines(value, widths[c], size, bold))
    return lines * line_height(size) + 4 if lines > 1 else None


#: Height of a one-line row of 12 pt Times New Roman as Excel and LibreOffice draw it.
ONE_LINE_PT = 16.0


def write_table(ws, styles: Styles, headers: Sequence[tuple[str, float]], rows, first_row: int = 0,
                formats: list | None = None, freeze: bool = True, autofilter: bool = True,
                heights: list[float] | None = None, fit_rows: bool = True) -> int:
    """Header row + data rows from ``first_row``; returns the number of data rows written.

    Every row that holds wrapped text gets the height its text needs (``fitted_height``);
    ``heights``, when given, receives the height of every row written (header first), so a
    caller laying out a printed page knows where its pages end.  ``fit_rows=False`` keeps
    one-line rows (a very large table, where measuring every text would be slow).
    """
    widths = [w for _, w in headers]
    wrapped = [formats is None or formats[c] is None or formats[c] is styles.text for c in range(len(headers))]
    head = fitted_height([t for t, _ in headers], widths, bold=True)
    ws.set_row(first_row, head)
    if heights is not None:
        heights.append(head or ONE_LINE_PT)
    for c, (title, width) in enumerate(headers):
        ws.write_string(first_row, c, title, styles.header)
        ws.set_column(c, c, width)
    n = 0
    for n, values in enumerate(rows, start=1):
        values = list(values)
        height = fitted_height(values, widths, wrapped=wrapped) if fit_rows else None
        if height is not None:
            ws.set_row(first_row + n, height)
        if heights is not None:
            heights.append(height or ONE_LINE_PT)
        for c, v in enumerate(values):
            write_value(ws, first_row + n, c, v, styles, formats[c] if formats else None)
    if freeze:
        ws.freeze_panes(first_row + 1, 0)
    if autofilter and headers:
        ws.autofilter(first_row, 0, first_row + max(n, 1), len(headers) - 1)
    return n

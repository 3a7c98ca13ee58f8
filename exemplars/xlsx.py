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
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.xmlwriter import XMLwriter

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


#: Deflate level of the workbooks written. Level 1 packs a register's 100 MB of sheet XML three
#: times faster than zlib's default 6 (0.6 s against 2.0 s at 20,000 candidates) for a file a
#: third larger (14 MB against 10.5 MB); the bytes stay the same from run to run.
ZIP_LEVEL = 1


class _LevelZip(zipfile.ZipFile):
    """The zip file XlsxWriter packs a workbook into, at ``ZIP_LEVEL``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(*args, **kwargs)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        # XlsxWriter gives an in-memory book's parts as ZipInfo objects, which carry no level of their own
        return super().writestr(zinfo_or_arcname, data, compress_type,
                                ZIP_LEVEL if compresslevel is None else compresslevel)


class Workbook(xlsxwriter.Workbook):
    """XlsxWriter's workbook, packed at ``ZIP_LEVEL``."""

    def _store_workbook(self) -> None:
        # XlsxWriter opens its zip file by the module's name ``ZipFile`` and offers no level option
        packer = xlsxwriter.workbook.ZipFile
        xlsxwriter.workbook.ZipFile = _LevelZip
        try:
            super()._store_workbook()
        finally:
            xlsxwriter.workbook.ZipFile = packer


def new_workbook(path: Path | str, **options) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook that never turns strings into formulas, numbers or links."""
    opts = {
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": "dd/mm/yyyy",
    }
    opts.update(options)
    wb = Workbook(str(path), opts)
    run_id = current_run_id.get()
    wb.set_properties({"created": FIXED_CREATED, "author": "exemplars", "company": "",
                       **({"keywords": run_id} if run_id else {})})
    if run_id:
        wb.set_custom_property(RUN_ID_PROPERTY, run_id)
    wb.formats[0].set_font_name(FONT)
    wb.formats[0].set_font_size(12)
    return wb


def add_held_sheet(wb: xlsxwriter.Workbook, name: str):
    """A sheet kept in memory inside a ``constant_memory`` workbook (as any sheet of another workbook).

    Charts take their cached values from their sheet's cells, which a streamed sheet no
    longer holds; a small sheet of a streamed workbook keeps them this way.
    """
    streamed = wb.constant_memory
    wb.constant_memory = False
    try:
        ws = wb.add_worksheet(name)
    finally:
        wb.constant_memory = streamed
    ws.row_data_fh_closed = True  # it has no row file for the workbook to close
    return ws


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
    # a streamed sheet gets whole rows as XML text (same bytes, a fraction of the time)
    stream = RowStream(ws, styles) if ws.constant_memory else None
    for n, values in enumerate(rows, start=1):
        values = list(values)
        height = fitted_height(values, widths, wrapped=wrapped) if fit_rows else None
        if heights is not None:
            heights.append(height or ONE_LINE_PT)
        if stream is not None:
            stream.row(first_row + n, values, formats, height=height)
            continue
        if height is not None:
            ws.set_row(first_row + n, height)
        for c, v in enumerate(values):
            write_value(ws, first_row + n, c, v, styles, formats[c] if formats else None)
    if freeze:
        ws.freeze_panes(first_row + 1, 0)
    if autofilter and headers:
        ws.autofilter(first_row, 0, first_row + max(n, 1), len(headers) - 1)
    return n


# Whole table rows of a constant_memory sheet, written as one XML string each.
#
# For a big table XlsxWriter spends most of its time on bookkeeping per cell: argument
# decoding, a cell tuple, a dimension check, an attribute list and three escaping passes.
# A table written strictly row by row can be given to the sheet's row stream directly: the
# XML is the one XlsxWriter writes for the same cells and formats (a test compares the
# files byte for byte), built with one format look-up per column and one join per row.
# XlsxWriter still writes everything else (header rows, dimensions, styles, the package).
#
# Values follow ``exemplars.xlsx.write_value``: text through ``safe_text`` and always as a
# string, numbers as numbers, dates as dates, None/NaN as a blank cell with its format.

_STR_MAX = 32_767
_FAST_CHARS = _STR_MAX // 2  # shorter text needs neither safe_text's cut nor XlsxWriter's UTF-16 check
#: Text needing XlsxWriter's full escaping: XML specials, control characters (written as
#: ``_xHHHH_``), a literal ``_xHHHH_``, non-characters, or edge whitespace (``xml:space``).
_NEEDS_ESCAPING = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")


def _inline_string(ref: str, xf: int, text: str) -> str:
    if len(text) > _STR_MAX // 2 and _utf16_len(text) > _STR_MAX:
        text = _utf16_truncate(text, _STR_MAX)
    if _NEEDS_ESCAPING.search(text) is None:
        return f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t>{text}</t></is></c>'
    text = XMLwriter._escape_control_characters(text)
    space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
    # Unlike XlsxWriter, text shaped like "<r>…</r>" is escaped too: a unit's cell is never raw XML.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


class RowStream:
    """Appends rows to a ``constant_memory`` sheet; rows must come in increasing order."""

    def __init__(self, ws, styles: Styles):
        if not ws.constant_memory:
            raise ValueError("RowStream needs a constant_memory worksheet")
        self.ws, self.styles = ws, styles
        self._letters: list[str] = []
        self._xf: dict[int, int] = {}
        # a sheet with a changed default row height writes a height on every row: keep XlsxWriter's path
        self._plain_rows = ws.default_row_height == ws.original_row_height

    def _letter(self, col: int) -> str:
        while len(self._letters) <= col:
            self._letters.append(xl_col_to_name(len(self._letters)))
        return self._letters[col]

    def _xf_index(self, fmt) -> int:
        # assigned on first use, in cell order, exactly as XlsxWriter numbers the formats
        index = self._xf.get(id(fmt))
        if index is None:
            index = self._xf[id(fmt)] = fmt._get_xf_index()
        return index

    def _cell(self, ref: str, value: object, fmt) -> str:
        st = self.styles
        if value is None or (isinstance(value, float) and value != value):
            return f'<c r="{ref}" s="{self._xf_index(fmt or st.text)}"/>'
        if isinstance(value, bool):
            return _inline_string(ref, self._xf_index(fmt or st.text), "Có" if value else "Không")
        if isinstance(value, int):
            return f'<c r="{ref}" s="{self._xf_index(fmt or st.int)}"><v>{value:.16G}</v></c>'
        if isinstance(value, float):
            if math.isinf(value):
                raise TypeError("NAN/INF not supported in write_number() without 'nan_inf_to_errors' option")
            shown = value if fmt is st.percent or fmt is st.percent1 else round(value, 2)
            return f'<c r="{ref}" s="{self._xf_index(fmt or st.number)}"><v>{shown:.16G}</v></c>'
        if isinstance(value, dt.date):
            when = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
            number = self.ws._convert_date_time(when)
            return f'<c r="{ref}" s="{self._xf_index(fmt or st.date)}"><v>{number:.16G}</v></c>'
        return _inline_string(ref, self._xf_index(fmt or st.text), safe_text(value))

    def row(self, row: int, values: Sequence[object], formats: Sequence | None = None,
            special: Mapping[int, object] | None = None, height: float | None = None) -> None:
        """Cells of ``row`` from column 0; ``formats[c]`` per column, ``special[c]`` for this row only.

        ``height`` (points) is the row's height as ``set_row`` would store it.
        """
        ws = self.ws
        if not values:
            if height is not None:
                ws.set_row(row, height)
            return
        if not self._plain_rows or row in ws.row_info or row <= ws.previous_row:
            if height is not None:
                ws.set_row(row, height)
            for c, v in enumerate(values):
                fmt = special.get(c) if special and c in special else (formats[c] if formats else None)
                write_value(ws, row, c, v, self.styles, fmt)
            return
        ws._write_single_row(row)  # flush a row XlsxWriter still holds (the header); previous_row = row
        ws._check_dimensions(row, 0)
        ws._check_dimensions(row, len(values) - 1)
        number = row + 1
        self._letter(len(values) - 1)
        letters, xfs, text_fmt = self._letters, self._xf, self.styles.text
        cells: list[str] = []
        append = cells.append
        for c, v in enumerate(values):
            fmt = special.get(c) if special and c in special else (formats[c] if formats else None)
            # the two cells of most rows, plain text and blank, without a call: a third of the time
            if v is None or (type(v) is str and len(v) <= _FAST_CHARS and _NEEDS_ESCAPING.search(v) is None):
                fmt = fmt or text_fmt
                xf = xfs.get(id(fmt))
                if xf is None:
                    xf = self._xf_index(fmt)
                if v is None:
                    append(f'<c r="{letters[c]}{number}" s="{xf}"/>')
                else:
                    append(f'<c r="{letters[c]}{number}" s="{xf}" t="inlineStr"><is><t>{v}</t></is></c>')
            else:
                append(self._cell(f"{letters[c]}{number}", v, fmt))
        if height is None:
            ws.fh.write(f'<row r="{number}">{"".join(cells)}</row>')
        else:  # XlsxWriter's rounding: whole pixels, written back in points
            points = int(height * 4.0 / 3.0 + 0.5) * 0.75
            ws.fh.write(f'<row r="{number}" ht="{points:.16g}" customHeight="1">{"".join(cells)}</row>')

    def merge(self, row: int, first_col: int, last_col: int) -> None:
        """Merge columns ``first_col``..``last_col`` of ``row``, a row this stream wrote whole.

        The same ``<mergeCell>`` as ``merge_range``, whose cell writes the row already holds (the
        value in the first cell, blanks in the others, one format); without its overlap
        bookkeeping of every merged cell, which a long list of merged rows would keep in memory.
        """
        self.ws.merge.append([row, first_col, row, last_col])

    def rows(self, first_row: int, rows: Iterable[Sequence[object]], formats: Sequence | None = None) -> int:
        """Rows from ``first_row``; returns how many were written."""
        n = 0
        for n, values in enumerate(rows, start=1):
            self.row(first_row + n - 1, values, formats)
        return n

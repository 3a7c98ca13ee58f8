"""How large a sheet's dense grid will be, measured before any parser builds it (rule F-08).

python-calamine builds a dense grid from A1 to the last valued cell of a sheet: one value at
XFD1048576 asks for 17 billion cells and aborts the process.  What makes a sheet dangerous is
an area out of proportion to the cells it really holds (a stray value far away, a repeated
cell), not its honest size: a registration table of 100,000 filled rows is read.  So an area
above ``MAX_SHEET_CELLS`` is accepted only when it is dense (at most ``SPARSE_FACTOR`` times its
valued cells, counted as written in the file, never as expanded by repeats) and below the hard
ceiling ``MAX_DENSE_CELLS``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from exemplars.catalogue import FILE_SHEET_EXTENT
from exemplars.errors import UnreadableFile
from exemplars.reader.workbook import column_index, column_letter
from exemplars.vi.notation import format_number

MAX_SHEET_CELLS = 1_000_000  # any area up to this is read, however sparse (≈70 MiB)
MAX_DENSE_CELLS = 6_000_000  # no area beyond this (≈420 MiB): 100,000 rows of 60 columns
SPARSE_FACTOR = 8  # a larger area must hold at least one valued cell in this many


def check_extent(sheet: str, max_row: int, max_col: int, valued: int = 0) -> None:
    """F-08 when the area A1:(max_row, max_col) (0-based; -1: no valued cell) is too large for its cells."""
    if max_row < 0 or max_col < 0:
        return
    area = (max_row + 1) * (max_col + 1)
    if area <= MAX_SHEET_CELLS or (area <= MAX_DENSE_CELLS and area <= SPARSE_FACTOR * valued):
        return
    limit = (f"vượt giới hạn {format_number(MAX_DENSE_CELLS)} ô" if area > MAX_DENSE_CELLS else
             f"trong khi chỉ có {format_number(valued)} ô có dữ liệu")
    raise UnreadableFile(
        f"Trang tính “{sheet}” có dữ liệu trải tới ô {column_letter(max_col)}{max_row + 1} "
        f"({format_number(max_row + 1)} dòng × {format_number(max_col + 1)} cột), {limit}. "
        "Có thể có giá trị lạc ở cuối trang; đề nghị xóa các ô thừa rồi gửi lại.", FILE_SHEET_EXTENT)


def check_xlsx_sheet(xml: bytes, sheet_name: Callable[[], str]) -> None:
    """F-08 for one worksheet part; the exact walk only when the cheap bound is not dense enough.
    ``sheet_name`` is asked only for a refusal's message."""
    bound = _area_bound(xml)
    if bound <= MAX_SHEET_CELLS:
        return
    # closing tags count the valued cells (``<c …/>`` is formatting); ":c>" closes prefixed ones
    valued = xml.count(b"</c>") + xml.count(b":c>")
    if bound <= MAX_DENSE_CELLS and bound <= SPARSE_FACTOR * valued:
        return
    max_row, max_col = sheet_extent(xml)
    if (max_row + 1) * (max_col + 1) > MAX_SHEET_CELLS:
        check_extent(sheet_name(), max_row, max_col, valued)


_ROW_REF = re.compile(rb'<row r="([0-9]{1,7})"')
_TWO_LETTERS, _WIDE = re.compile(rb'<c r="[A-Z]{2}'), re.compile(rb'<c r="[B-Z][A-Z]')
_PREFIXED_CELL = re.compile(rb":c[\s>]")  # kept apart: an alternation would lose the fast literal scan
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)(\s[^>]*?)?(/?)>")
_REF_ATTR = re.compile(rb"(?<=\s)r=[\"']([A-Za-z]{0,3})([0-9]{0,7})[\"']")


@functools.lru_cache(maxsize=64)
def _odd_cell(digits: int, lead: int) -> re.Pattern:
    """A cell tag that is not ``<c r="…">`` with ≤ 2 letters and a row below (lead + 1) × 10**(digits - 1)."""
    shorter = b"[0-9]{1,%d}|" % (digits - 1) if digits > 1 else b""
    return re.compile(rb'<c(?:>|\s(?!r="[A-Z]{1,2}(?:%s[0-%d][0-9]{%d})"))' % (shorter, lead, digits - 1))


def _top_row(xml: bytes) -> bytes:
    """The highest ``<row r>`` number (no leading zeros), b"" when none.

    Rows are usually in order: the last one is taken and one search confirms that no row has more
    digits or a higher leading digit (all ``_area_bound`` uses); else every row is compared."""
    last = _ROW_REF.match(xml, max(xml.rfind(b'<row r="'), 0))
    if last is not None and (top := b"%d" % int(last.group(1))) != b"0":
        higher = b"[1-9][0-9]{%d,}" % len(top) + (b"|[%c-9][0-9]{%d}" % (top[0] + 1, len(top) - 1)
                                                   if top[0] < 57 else b"")
        if re.search(rb'<row r="0*(?:%s)"' % higher, xml) is None:
            return top
    rows = _ROW_REF.findall(xml)
    return b"%d" % max(map(int, rows)) if rows else b""  # numeric maximum: leading zeros cannot hide a row


def _area_bound(xml: bytes) -> int:
    """Upper bound of a sheet's dense area with no per-cell Python work (else "too large": look closer):
    the highest ``<row r>`` bounds every cell ``<c r="XY123">``, letters bound the columns."""
    top = _top_row(xml)
    if not 0 < len(top) < 7 or _odd_cell(len(top), top[0] - 48).search(xml) or _PREFIXED_CELL.search(xml):
        return MAX_DENSE_CELLS + 1
    cols = 26 if not _TWO_LETTERS.search(xml) else 52 if not _WIDE.search(xml) else 702
    return ((top[0] - 47) * 10 ** (len(top) - 1) - 1) * cols


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column), 0-based, of the valued cells of a worksheet part; (-1, -1) if none.
    Self-closing ``<c …/>`` cells (formatting) are ignored, as calamine does; cells without
    a reference take their place from the row and their order."""
    row = col = last_row = last_col = -1
    for m in _ROW_OR_CELL.finditer(xml):
        ref = _REF_ATTR.search(m.group(2) or b"")
        if m.group(1) == b"row":
            row, col = (int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1), -1
            continue
        if ref and ref.group(1) and ref.group(2):
            row, col = int(ref.group(2)) - 1, column_index(ref.group(1).decode("ascii"))
        else:
            col += 1
        if not m.group(3):
            last_row, last_col = max(last_row, row), max(last_col, col)
    return last_row, last_col


_ODS_TAG = re.compile(rb"<table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>")
_ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="([0-9]{1,10})"')


def check_ods_extent(xml: bytes) -> None:
    """F-08 for each table of an .ods: repeated rows and cells count as what calamine expands them to
    (the area), but as written for the density (a repeat costs nothing in the file)."""
    name, row, rows_n, col, last_row, last_col, valued = "", -1, 1, -1, -1, -1, 0
    for m in _ODS_TAG.finditer(xml):
        kind, attrs, closed = m.groups()
        n = int(repeat.group(1)) if (repeat := _ODS_REPEAT.search(attrs)) else 1
        if kind == b"table":
            check_extent(name, last_row, last_col, valued)
            found = re.search(rb'table:name="([^"]*)"', attrs)
            name = found.group(1).decode("utf-8", "replace") if found else ""
            row, rows_n, col, last_row, last_col, valued = -1, 1, -1, -1, -1, 0
        elif kind == b"table-row":
            row, rows_n, col = row + rows_n, n, -1
        else:
            if not closed or b"value-type" in attrs:  # self-closing cells without a value are formatting
                last_row, last_col = max(last_row, row + rows_n - 1), max(last_col, col + n)
                valued += 1
            col += n
    check_extent(name, last_row, last_col, valued)



_XLSB_CELLS = frozenset(range(0x01, 0x0C))  # BrtCellBlank … BrtFmlaError: column first, then the value
_XLSB_ROW, _XLSB_DIM = 0x00, 0x94  # BrtRowHdr (row number first), BrtWsDim (declared used range)


def check_xlsb_sheet(data: bytes, sheet: str) -> None:
    """F-08 for a binary worksheet part (.xlsb, MS-XLSB records: varint type, varint size, body).

    The declared dimension counts as well as the cells: a reader may size its grid from it."""
    pos, end, row, max_row, max_col, valued = 0, len(data), 0, -1, -1, 0
    while pos < end:
        rtype, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        body = data[pos:pos + min(size, 16)]
        if rtype == _XLSB_ROW and len(body) >= 4:
            row = int.from_bytes(body[:4], "little")
        elif rtype in _XLSB_CELLS and len(body) >= 4:
            max_row, max_col = max(max_row, row), max(max_col, int.from_bytes(body[:4], "little"))
            valued += 1
        elif rtype == _XLSB_DIM and len(body) >= 16:
            last_row, last_col = int.from_bytes(body[4:8], "little"), int.from_bytes(body[12:16], "little")
            max_row, max_col = max(max_row, last_row), max(max_col, last_col)
        pos += size
    check_extent(sheet, max_row, max_col, valued)


def _varint(data: bytes, pos: int, limit: int) -> tuple[int, int]:
    value = 0
    for i in range(limit):
        if pos >= len(data):
            break
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    return value, pos

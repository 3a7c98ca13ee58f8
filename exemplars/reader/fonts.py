"""Legacy-font lookup: which cells are set in a TCVN3 (.VnTime…) or VNI (VNI-…) font.

The font is the strongest signal that a cell holds legacy 8-bit text, and the
only way to restore TCVN3 capitals (``.VnTimeH``).  Parsing styles is slow, so
``declares_legacy_font`` first searches the raw style bytes; only files that
declare such a font pay for ``cell_fonts``.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from typing import TypeGuard

import xlrd
from defusedxml import ElementTree

_LEGACY_NAME = re.compile(r"^\s*(\.vn|vni[-_ ])", re.IGNORECASE)
_BYTE_MARKS = (b".vn", b"vni-", b"vni_")
_UTF16_MARKS = tuple(m.decode("ascii").encode("utf-16-le") for m in _BYTE_MARKS)


def is_legacy_font(name: str | None) -> TypeGuard[str]:
    """True for TCVN3 fonts (".VnTime", ".VnTimeH", ".VnArial"…) and VNI fonts ("VNI-Times"…)."""
    return name is not None and _LEGACY_NAME.match(name) is not None


def _local_member(data: bytes, name: str) -> bytes | None:
    """One deflated/stored member read straight from its local header (no central directory parse).

    None when the layout is unusual; the caller then uses ``zipfile``.
    """
    key = name.encode("ascii")
    at = data.find(b"PK\x03\x04", 0)
    while at != -1:
        if len(data) < at + 30:
            return None
        method, csize = struct.unpack_from("<H", data, at + 8)[0], struct.unpack_from("<I", data, at + 18)[0]
        nlen, xlen = struct.unpack_from("<HH", data, at + 26)
        start = at + 30 + nlen + xlen
        if data[at + 30:at + 30 + nlen] == key:
            if method == 0 and csize:
                return data[start:start + csize]
            if method == 8:
                return zlib.decompressobj(-15).decompress(data[start:start + csize] if csize else data[start:],
                                                          4 << 20)
            return None
        if not csize:
            return None  # sizes in a trailing data descriptor: cannot skip ahead safely
        at = data.find(b"PK\x03\x04", start + csize)
    return None


def _zip_part(data: bytes, names: tuple[str, ...]) -> bytes:
    fast = [part for part in (_local_member(data, n) for n in names) if part is not None]
    if len(fast) == len(names):
        return b"".join(fast)
    out = b""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        present = set(zf.namelist())
        for name in names:
            if name in present:
                out += zf.read(name)
    return out


def declares_legacy_font(data: bytes, fmt: str) -> bool:
    """Cheap test on raw bytes: does the file declare a legacy font at all?"""
    try:
        if fmt in ("xlsx", "xlsm"):
            blob = _zip_part(data, ("xl/styles.xml",)).lower()
            return any(m in blob for m in _BYTE_MARKS)
        if fmt == "ods":
            blob = _zip_part(data, ("styles.xml", "content.xml")).lower()
            return any(m in blob for m in _BYTE_MARKS)
        if fmt == "xls":
            low = data.lower()
            return any(m in low for m in _BYTE_MARKS) or any(m in low for m in _UTF16_MARKS)
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


def cell_fonts(data: bytes, fmt: str, sheet: str) -> dict[tuple[int, int], str]:
    """(row, col) 0-based → font name, only for cells whose font is a legacy font."""
    try:
        if fmt in ("xlsx", "xlsm"):
            return _xlsx_fonts(data, sheet)
        if fmt == "xls":
            return _xls_fonts(data, sheet)
        if fmt == "ods":
            return _ods_fonts(data, sheet)
    except Exception:  # noqa: BLE001 - fonts are a hint; text detection still runs without them
        return {}
    return {}


def _xlsx_fonts(data: bytes, sheet: str) -> dict[tuple[int, int], str]:
    # Imported here: openpyxl takes about 175 ms to import, more than half the reader's own import, and only
    # files that declare a legacy font get this far (reader worker processes start without it).
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        if sheet not in wb.sheetnames:
            return {}
        out: dict[tuple[int, int], str] = {}
        for row in wb[sheet].iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is None or cell.row is None or cell.column is None:
                    continue
                name = cell.font.name if cell.font is not None else None
                if is_legacy_font(name):
                    out[(cell.row - 1, cell.column - 1)] = name.strip()
        return out
    finally:
        wb.close()


def _xls_fonts(data: bytes, sheet: str) -> dict[tuple[int, int], str]:
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        if sheet not in book.sheet_names():
            return {}
        sh = book.sheet_by_name(sheet)
        names = [f.name for f in book.font_list]
        legacy_xf = {i for i, xf in enumerate(book.xf_list)
                     if xf.font_index < len(names) and is_legacy_font(names[xf.font_index])}
        out: dict[tuple[int, int], str] = {}
        if not legacy_xf:
            return out
        for r in range(sh.nrows):
            for c in range(sh.row_len(r)):
                xf = sh.cell_xf_index(r, c)
                if xf in legacy_xf and sh.cell_type(r, c) == xlrd.XL_CELL_TEXT:
                    out[(r, c)] = names[book.xf_list[xf].font_index].strip()
        return out
    finally:
        book.release_resources()


_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def _ods_fonts(data: bytes, sheet: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = ElementTree.fromstring(zf.read("content.xml"))
        styles = ElementTree.fromstring(zf.read("styles.xml")) if "styles.xml" in zf.namelist() else None
    faces: dict[str, str] = {}
    style_font: dict[str, str] = {}
    parent: dict[str, str] = {}
    for root in (r for r in (styles, content) if r is not None):
        for face in root.iter(_q("style", "font-face")):
            faces[face.get(_q("style", "name"), "")] = (face.get(_q("svg", "font-family"), "") or "").strip("'\"")
        for st in root.iter(_q("style", "style")):
            name = st.get(_q("style", "name"), "")
            if st.get(_q("style", "parent-style-name")):
                parent[name] = st.get(_q("style", "parent-style-name"))
            props = st.find(_q("style", "text-properties"))
            if props is not None and props.get(_q("style", "font-name")):
                style_font[name] = props.get(_q("style", "font-name"))

    def font_of(style: str | None) -> str:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in style_font:
                return faces.get(style_font[style], style_font[style])
            style = parent.get(style)
        return ""

    out: dict[tuple[int, int], str] = {}
    for table in content.iter(_q("table", "table")):
        if table.get(_q("table", "name")) != sheet:
            continue
        col_default: list[str | None] = []
        for col in table.iter(_q("table", "table-column")):
            rep = int(col.get(_q("table", "number-columns-repeated"), "1"))
            col_default.extend([col.get(_q("table", "default-cell-style-name"))] * min(rep, 1024))
        r = 0
        for row in table.iter(_q("table", "table-row")):
            rrep = int(row.get(_q("table", "number-rows-repeated"), "1"))
            c = 0
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                crep = int(cell.get(_q("table", "number-columns-repeated"), "1"))
                has_text = cell.find(_q("text", "p")) is not None
                if has_text:
                    style = cell.get(_q("table", "style-name")) or (col_default[c] if c < len(col_default) else None)
                    name = font_of(style)
                    if is_legacy_font(name):
                        for k in range(min(crep, 1024)):
                            out[(r, c + k)] = name
                c += crep
            r += rrep
        break
    return out

"""Write a workbook's values as a binary Excel workbook (.xlsb, BIFF12) for the reader's tests.

No Python library writes .xlsb and LibreOffice only imports it, so this writes the few
records a reader needs (MS-XLSB §2.4): the sheet list in ``xl/workbook.bin`` and, per
sheet, its dimension, rows and cells (inline strings, numbers, booleans).  Dates are written
as the dd/mm/yyyy text a clerk would type.
"""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '{overrides}</Types>')
_SHEET_CT = '<Override PartName="/xl/worksheets/sheet{n}.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>')
_SHEET_REL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/worksheet" Target="worksheets/sheet{n}.bin"/>')


def _varint(n: int, limit: int) -> bytes:
    out = b""
    for _ in range(limit):
        byte, n = n & 0x7F, n >> 7
        out += bytes([byte | (0x80 if n else 0)])
        if not n:
            return out
    raise ValueError("record too large")


def _record(rtype: int, body: bytes = b"") -> bytes:
    return _varint(rtype, 2) + _varint(len(body), 4) + body


def _wide(text: str) -> bytes:
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def _cell(col: int, value: Any) -> bytes:
    head = struct.pack("<I", col) + b"\x00\x00\x00\x00"  # column, style 0, no flags
    if isinstance(value, bool):
        return _record(0x04, head + bytes([value]))
    if isinstance(value, (int, float)):
        return _record(0x05, head + struct.pack("<d", float(value)))
    if isinstance(value, dt.datetime):
        value = value.strftime("%d/%m/%Y")
    elif isinstance(value, dt.date):
        value = value.strftime("%d/%m/%Y")
    return _record(0x06, head + _wide(str(value)))


def _sheet(rows: list[list[Any]]) -> bytes:
    last_row = max((r for r, row in enumerate(rows) if any(v is not None for v in row)), default=0)
    last_col = max((c for row in rows for c, v in enumerate(row) if v is not None), default=0)
    out = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, last_row, 0, last_col)) + _record(0x91)
    for r, row in enumerate(rows):
        cells = [(c, v) for c, v in enumerate(row) if v is not None and v != ""]
        if not cells:
            continue
        out += _record(0x00, struct.pack("<IIHHBBI", r, 0, 300, 0, 0, 0, 0))
        out += b"".join(_cell(c, v) for c, v in cells)
    return out + _record(0x92) + _record(0x82)


def xlsb_from_xlsx(source: Path, target: Path) -> Path:
    """``target`` (.xlsb) holding the values of every sheet of ``source`` (hidden sheets stay hidden)."""
    book = openpyxl.load_workbook(source, data_only=True)
    sheets = [(ws.title, ws.sheet_state != "visible", [list(r) for r in ws.iter_rows(values_only=True)])
              for ws in book.worksheets]
    bundle = b"".join(_record(0x9C, struct.pack("<II", 1 if hidden else 0, n) + _wide(f"rId{n}") + _wide(name))
                      for n, (name, hidden, _) in enumerate(sheets, start=1))
    workbook = _record(0x83) + _record(0x8F) + bundle + _record(0x90) + _record(0x84)
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">'
            + "".join(_SHEET_REL.format(n=n) for n in range(1, len(sheets) + 1)) + "</Relationships>")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    _CT.format(overrides="".join(_SHEET_CT.format(n=n) for n in range(1, len(sheets) + 1))))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.bin", workbook)
        zf.writestr("xl/_rels/workbook.bin.rels", rels)
        for n, (_, _, rows) in enumerate(sheets, start=1):
            zf.writestr(f"xl/worksheets/sheet{n}.bin", _sheet(rows))
    return target

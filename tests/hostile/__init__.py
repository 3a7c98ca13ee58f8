"""Hostile and broken unit files, generated (no binaries in the repository).

``make_corpus.build_corpus(dest)`` writes the corpus; the helpers below rewrite
the parts of a workbook's zip so that one valid template yields many variants.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from defusedxml import ElementTree

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, parts: dict[str, bytes], *, stored: frozenset[str] = frozenset()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return path


def sheet_part(parts: dict[str, bytes], sheet_name: str) -> str:
    """Zip part of the worksheet called ``sheet_name`` (via workbook.xml and its relationships)."""
    book = ElementTree.fromstring(parts["xl/workbook.xml"])
    rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for sheet in book.iter(f"{NS_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            rid = next(v for k, v in sheet.attrib.items() if k.endswith("}id"))
            target = targets[rid].lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise KeyError(sheet_name)


def shared_strings(parts: dict[str, bytes]) -> list[str]:
    if "xl/sharedStrings.xml" not in parts:
        return []
    root = ElementTree.fromstring(parts["xl/sharedStrings.xml"])
    return ["".join(t.text or "" for t in si.iter(f"{NS_MAIN}t")) for si in root.iter(f"{NS_MAIN}si")]


_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?: t="(\w+)")?([^>/]*)><v>([^<]*)</v></c>')


def cells_to_formulas(sheet_xml: bytes, strings: list[str], first_row: int) -> tuple[bytes, int]:
    """Every valued cell from ``first_row`` on becomes a formula whose cached value is the old value."""
    count = 0

    def repl(m: re.Match) -> bytes:
        nonlocal count
        col, row, pre, kind, post, value = m.groups()
        if int(row) < first_row:
            return m.group(0)
        count += 1
        if kind == b"s":
            text = escape(strings[int(value)]).encode("utf-8")
            formula = escape('T("' + strings[int(value)].replace('"', '""') + '")').encode("utf-8")
            return b'<c r="%s%s"%s t="str"%s><f>%s</f><v>%s</v></c>' % (col, row, pre, post, formula, text)
        return b'<c r="%s%s"%s%s><f>%s+0</f><v>%s</v></c>' % (col, row, pre, post, value, value)

    return _CELL.sub(repl, sheet_xml), count


def append_cells(sheet_xml: bytes, rows_xml: bytes) -> bytes:
    """Append ``<row>`` elements at the end of the sheet data."""
    return sheet_xml.replace(b"</sheetData>", rows_xml + b"</sheetData>", 1)


def add_override(content_types: bytes, part: str, content_type: str) -> bytes:
    entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
    return content_types.replace(b"</Types>", entry + b"</Types>", 1)


def add_relationship(rels: bytes, rid: str, rel_type: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    entry = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"{mode}/>'.encode()
    return rels.replace(b"</Relationships>", entry + b"</Relationships>", 1)


def with_doctype(xml: bytes, root: str, entities: str) -> bytes:
    """Insert a DOCTYPE with ``entities`` after the XML declaration of a part whose root is ``root``."""
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    doctype = f"<!DOCTYPE {root} [{entities}]>".encode()
    return xml[:decl_end] + doctype + xml[decl_end:]


BILLION_LAUGHS = "".join(
    ['<!ENTITY lol "lol">']
    + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)])


def forge_declared_size(path: Path, member: str, size: int) -> Path:
    """Rewrite the uncompressed size that the local header and the central directory declare for ``member``."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        offset = zf.getinfo(member).header_offset
    struct.pack_into("<I", data, offset + 22, size)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == member.encode():
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return path

"""Gatekeeper for unit files: decide, before any parser touches a file, whether it is safe to read.

Every file passes ``check_file`` first: the file system entry, the magic bytes, the zip
central directory (sizes only), the XML prologs and each sheet's cell references.  It returns
the real format or raises ``UnreadableFile`` (Vietnamese message, rule id); findings that do
not stop reading come back as notices from ``inspect_file``.

Rules (ids are shown to the clerk in the file list):

    F-01  empty file                      F-07  DOCTYPE / ENTITY in an XML part
    F-02  not a workbook / unknown format F-08  a sheet whose cells span too large an area
    F-03  corrupt or truncated container  F-09  notice: macros or links to other files
    F-04  password-protected (encrypted)  F-10  directory, symlink or special file
    F-05  file larger than the limit      F-11  legacy .xls with a password (FILEPASS)
    F-06  zip bomb                        F-12  notice: extension does not match the content

Why F-08: calamine builds a dense grid from A1 to the last valued cell (one value at XFD1048576
asks for 17 billion cells and aborts the process); a ``<dimension>`` tag alone is harmless.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import olefile
from defusedxml import ElementTree

from exemplars.catalogue import (
    FILE_ACTIVE_CONTENT,
    FILE_BIFF_DAMAGED,
    FILE_DAMAGED,
    FILE_EMPTY,
    FILE_NOT_REGULAR,
    FILE_NOT_WORKBOOK,
    FILE_PASSWORD,
    FILE_TOO_LARGE,
    FILE_WRONG_EXTENSION,
    FILE_XML_ENTITIES,
    FILE_ZIP_BOMB,
)
from exemplars.errors import UnreadableFile
from exemplars.findings import Finding, Severity
from exemplars.reader.extent import (  # noqa: F401 - MAX_SHEET_CELLS, _area_bound, sheet_extent: the gate's API
    MAX_SHEET_CELLS,
    _area_bound,
    check_extent,
    check_ods_extent,
    check_xlsb_sheet,
    check_xlsx_sheet,
    sheet_extent,
)
from exemplars.reader.foreign import (
    check_macro_sheets,
    check_ods_manifest,
    refuse_by_extension,
    text_spreadsheet,
    wrong_format,
)
from exemplars.vi.notation import format_number

MIB = 1024 * 1024  # read limits follow; the consolidator passes ``max_bytes`` from the run settings
#: sum of the declared uncompressed sizes of all zip members: 100,000 filled rows of the template take ≈ 230 MB
MAX_TOTAL_UNCOMPRESSED = 512 * MIB
RATIO_MAX = 100  # compression ratio of a bomb (real sheets stay below ~30) …
RATIO_MEMBER_MIN = 4 * MIB  # … on a member at least this large
MAX_MEMBERS = 10_000  # zip members: a workbook has a few dozen, with many pictures a few hundred
MAX_PART_BYTES = 4 * MIB  # read of [Content_Types].xml, workbook.xml and its relationships
PROLOG_SCAN_BYTES = 64 * 1024  # the XML declaration, comments and DOCTYPE must end within this
BIFF_CELL_RECORDS = frozenset({0x0006, 0x00BD, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x0406})

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

_CT_XLSX = (b"spreadsheetml.sheet.main+xml", b"spreadsheetml.template.main+xml")
_CT_XLSM = (b"ms-excel.sheet.macroenabled.main+xml", b"ms-excel.template.macroenabled.main+xml")
_CT_XLSB = b"ms-excel.sheet.binary.macroenabled.main"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DOCTYPE = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<(?![?!])")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
_TARGET = re.compile(rb"""\sTarget=["']([^"']+)["']""")
_FOREIGN_MAGICS = {b"%PDF": "tệp PDF", b"\x89PNG": "ảnh PNG", b"\xff\xd8\xff": "ảnh JPEG", b"GIF8": "ảnh GIF",
                   b"Rar!": "tệp nén RAR", b"{\\rtf": "văn bản RTF", b"<html": "trang web HTML"}


def _notice(rule_id: str, message: str) -> Finding:
    return Finding(severity=Severity.NOTICE, rule_id=rule_id, message=message)


@dataclass(frozen=True)
class FileCheck:
    """What ``inspect_file`` found: the real format and notices that do not stop reading."""

    fmt: str
    notices: tuple[Finding, ...] = ()  # findings that do not stop reading (no file name yet)
    #: the bytes that were checked, so the reader parses (and hashes) exactly what passed the gate
    data: bytes = field(default=b"", repr=False, compare=False)

    def problems(self, file: str) -> list[Finding]:  # ``file``: path relative to the folder
        return [n.model_copy(update={"file": file}) for n in self.notices]


def check_file(path: Path, max_bytes: int) -> str:
    """The real format of ``path`` ("xlsx", "xlsm", "xls", "ods"); raises ``UnreadableFile``."""
    return inspect_file(path, max_bytes).fmt


def inspect_file(path: Path, max_bytes: int) -> FileCheck:
    """Like ``check_file`` but also returns the notices (F-09 macros/links, F-12 renamed)."""
    path = Path(path)
    size = _regular_file_size(path)
    if size <= max_bytes:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # bounded even if the file grew since it was listed
        size = len(data)
    if size == 0:
        raise UnreadableFile("Tệp rỗng (0 byte), không có nội dung. Đề nghị đơn vị gửi lại tệp.", FILE_EMPTY)
    if size > max_bytes:
        raise UnreadableFile(f"Tệp quá lớn ({size / MIB:.1f} MB, giới hạn {max_bytes / MIB:.1f} MB). Đề nghị "
                             "kiểm tra, xóa ảnh hoặc trang tính không cần thiết rồi gửi lại.", FILE_TOO_LARGE)
    if (by_extension := refuse_by_extension(path)) is not None:
        raise by_extension
    notices: list[Finding] = []
    if data.startswith(OLE_MAGIC):
        fmt = _check_ole(data)
    elif data.startswith(ZIP_MAGICS):
        fmt = _check_zip(data, notices)
    elif (spreadsheet := text_spreadsheet(data[:4096])) is not None:
        raise wrong_format(*spreadsheet)
    else:
        raise UnreadableFile(_not_a_workbook(data[:512]), FILE_NOT_WORKBOOK)
    ext = path.suffix.lower().lstrip(".")
    if ext != fmt and not {ext, fmt} <= {"xlsx", "xlsm"}:
        notices.append(_notice(FILE_WRONG_EXTENSION, f"Tệp có đuôi “.{ext}” nhưng nội dung là bảng tính .{fmt}; chương "
                                          "trình đọc theo định dạng thực. Nên lưu lại với đuôi đúng."))
    return FileCheck(fmt, tuple(notices), data)


def _regular_file_size(path: Path) -> int:
    """Size of a regular file; F-10 for directories, symlinks (incl. loops) and devices."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise UnreadableFile(f"Không truy cập được tệp ({exc.strerror or exc}).", FILE_NOT_REGULAR) from exc
    if stat.S_ISLNK(st.st_mode):
        raise UnreadableFile("Đây là lối tắt (liên kết), không phải tệp; hãy chép tệp thật vào thư mục.", FILE_NOT_REGULAR)
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile("Đây là một thư mục có tên giống tệp bảng tính, không phải tệp.", FILE_NOT_REGULAR)
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFile("Đây không phải tệp thông thường (thiết bị, ống dẫn…), không đọc.", FILE_NOT_REGULAR)
    return st.st_size


def _not_a_workbook(head: bytes) -> str:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    kind = next((label for magic, label in _FOREIGN_MAGICS.items() if lowered.startswith(magic.lower())), "")
    if not kind:
        printable = sum(32 <= b < 127 or b in (9, 10, 13) or b >= 0xC0 for b in head)
        kind = "tệp văn bản" if head and printable / len(head) > 0.9 else "một loại tệp khác"
    return f"Tệp không phải bảng tính Excel hay .ods (nội dung là {kind}); đề nghị gửi đúng tệp theo mẫu."


def _check_ole(data: bytes) -> str:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                raise UnreadableFile("Tệp được đặt mật khẩu mở (đã mã hóa), chương trình không mở được. "
                                     "Đề nghị đơn vị gỡ mật khẩu rồi gửi lại.", FILE_PASSWORD)
            stream = next((name for name in ("Workbook", "Book") if ole.exists(name)), "")
            if not stream:
                raise UnreadableFile("Tệp là tài liệu Office nhưng không phải bảng tính Excel "
                                     "(có thể là tệp Word hoặc PowerPoint đổi đuôi).", FILE_NOT_WORKBOOK)
            data = ole.openstream(stream).read()
    except UnreadableFile:
        raise
    except Exception as exc:  # olefile raises several types on damaged containers
        raise UnreadableFile("Tệp .xls bị hỏng hoặc bị cắt cụt, không mở được. "
                             "Đề nghị đơn vị gửi lại tệp.", FILE_DAMAGED) from exc
    _check_biff(data)
    return "xls"


def _check_biff(data: bytes) -> None:
    """Walk the BIFF records once: FILEPASS → F-11; cell records beyond the cell budget → F-08."""
    pos, end, sheet_no, max_row, max_col, valued = 0, len(data), -1, -1, -1, 0
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", data, pos)
        body = pos + 4
        if rtype == 0x002F:
            raise UnreadableFile("Tệp .xls được đặt mật khẩu (đã mã hóa); đề nghị đơn vị gỡ mật khẩu rồi gửi lại.",
                                 FILE_BIFF_DAMAGED)
        if rtype == 0x0809:  # BOF: a new substream starts
            check_extent(f"trang tính thứ {sheet_no}", max_row, max_col, valued)
            sheet_no, max_row, max_col, valued = sheet_no + 1, -1, -1, 0
        elif rtype in BIFF_CELL_RECORDS and length >= 4 and body + 4 <= end:
            row, col = struct.unpack_from("<HH", data, body)
            if rtype == 0x00BD and length >= 6:  # MULRK: last column is in the final 2 bytes
                col = struct.unpack_from("<H", data, body + length - 2)[0]
            max_row, max_col = max(max_row, row), max(max_col, col)
            valued += max(1, (length - 6) // 6) if rtype == 0x00BD else 1  # MULRK: 6 bytes per cell
        pos = body + length
    check_extent(f"trang tính thứ {sheet_no}", max_row, max_col, valued)


class _MemoryZip(zipfile.ZipFile):  # the central directory by zipfile, member bytes straight from zlib
    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self.data = data


def _check_zip(data: bytes, notices: list[Finding]) -> str:
    try:
        with _MemoryZip(data) as zf:
            infos = zf.infolist()
            _check_bomb(infos)
            names = {i.filename: i for i in infos}
            fmt = _zip_format(zf, names)
            _check_parts(zf, infos, fmt)
    except RuntimeError as exc:  # zipfile: a member encrypted with a zip password
        raise UnreadableFile("Tệp nén được đặt mật khẩu, không mở được.", FILE_PASSWORD) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            zlib.error, struct.error) as exc:
        raise UnreadableFile("Tệp bị hỏng hoặc bị cắt cụt (không giải nén được), có thể do gửi hoặc tải "
                             "chưa hết. Đề nghị đơn vị gửi lại tệp.", FILE_DAMAGED) from exc
    if any(n.startswith("xl/externalLinks/") for n in names):
        notices.append(_notice(FILE_ACTIVE_CONTENT, "Tệp có liên kết tới bảng tính khác; chỉ đọc giá trị đã lưu."))
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        notices.append(_notice(FILE_ACTIVE_CONTENT, "Tệp có macro (VBA); chỉ đọc dữ liệu, không chạy macro."))
    return fmt


def _check_bomb(infos: list[zipfile.ZipInfo]) -> None:
    bomb = "Tệp nén bất thường, có thể là tệp độc hại (“bom nén”); chương trình không giải nén. "
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFile(bomb + f"Tệp chứa {format_number(len(infos))} phần, "
                             f"giới hạn {format_number(MAX_MEMBERS)}.", FILE_ZIP_BOMB)
    if (total := sum(i.file_size for i in infos)) > MAX_TOTAL_UNCOMPRESSED:
        raise UnreadableFile(bomb + f"Dung lượng sau giải nén {format_number(total // MIB)} MB, vượt giới hạn "
                             f"{format_number(MAX_TOTAL_UNCOMPRESSED // MIB)} MB.", FILE_ZIP_BOMB)
    for i in infos:
        if i.file_size >= RATIO_MEMBER_MIN and i.file_size > RATIO_MAX * max(i.compress_size, 1):
            raise UnreadableFile(bomb + f"Phần “{i.filename}” nén quá {RATIO_MAX} lần.", FILE_ZIP_BOMB)


def _read_part(zf: _MemoryZip, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a member, never more than its declared size."""
    info = zf.getinfo(name)
    if info.flag_bits & 1:
        raise RuntimeError("encrypted zip member")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        with zf.open(info) as fh:
            return fh.read(limit)
    if zf.data[info.header_offset:info.header_offset + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {name}")
    name_len, extra_len = struct.unpack_from("<HH", zf.data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    raw = memoryview(zf.data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[:min(limit, info.file_size)])
    out = zlib.decompressobj(-15).decompress(raw, min(limit, info.file_size) + 1)
    if len(out) > info.file_size:  # more data than declared: a forged size
        raise zipfile.BadZipFile(f"{name} is larger than its declared size")
    return out


def _zip_format(zf: _MemoryZip, names: dict[str, zipfile.ZipInfo]) -> str:
    if "mimetype" in names and _read_part(zf, "mimetype", 200).strip() == _ODS_MIME:
        if "META-INF/manifest.xml" in names:
            check_ods_manifest(_read_part(zf, "META-INF/manifest.xml", MAX_PART_BYTES))
        return "ods"
    if "[Content_Types].xml" in names:
        types = _read_part(zf, "[Content_Types].xml", MAX_PART_BYTES).lower()
        check_macro_sheets(types, set(names))
        if any(ct in types for ct in _CT_XLSM):
            return "xlsm"
        if any(ct in types for ct in _CT_XLSX):
            return "xlsx"
        if _CT_XLSB in types:
            return "xlsb"
        for mark, kind in ((b"wordprocessingml", "văn bản Word (.docx)"), (b"presentationml", "tệp PowerPoint")):
            if mark in types:
                raise UnreadableFile(f"Tệp là {kind} đổi đuôi, không phải bảng tính.", FILE_NOT_WORKBOOK)
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnreadableFile("Tệp là tệp nén (zip) nhưng không phải bảng tính Excel hay .ods. "
                         "Đề nghị đơn vị gửi đúng tệp theo mẫu đăng ký.", FILE_NOT_WORKBOOK)


def _check_parts(zf: _MemoryZip, infos: list[zipfile.ZipInfo], fmt: str) -> None:
    """F-07 on every XML part's prolog; F-08 on every worksheet's cell references."""
    sheets = _worksheet_parts(zf, {i.filename for i in infos}) if fmt != "ods" else set()
    for info in infos:
        name = info.filename
        if (fmt == "ods" and name == "content.xml") or (name in sheets and not info.is_dir()):
            xml = _read_part(zf, name, info.file_size)
            if fmt == "xlsb":  # binary records, no XML prolog
                if "binaryIndex" not in name:  # an index part, not cells
                    check_xlsb_sheet(xml, name)
                continue
            _check_prolog(name, xml[:PROLOG_SCAN_BYTES])
            if fmt == "ods":
                check_ods_extent(xml)
            else:
                check_xlsx_sheet(xml, partial(_sheet_name_of_part, zf, name))
        elif name.lower().endswith(_XML_SUFFIXES) and not _check_prolog(name, _read_part(zf, name, 4096)):
            _check_prolog(name, _read_part(zf, name, PROLOG_SCAN_BYTES))  # a long prolog: read further


def _sheet_name_of_part(zf: _MemoryZip, part: str) -> str:
    """The sheet's name a clerk sees, for a refusal's message (the part's name when unknown)."""
    return _sheet_names_by_part(zf).get(part, part)


def _worksheet_parts(zf: _MemoryZip, names: set[str]) -> set[str]:
    """Parts a reader may parse as sheets: xl/worksheets/* and the worksheet targets of the workbook."""
    found = {n for n in names if n.startswith("xl/worksheets/") and n.count("/") == 2}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = _read_part(zf, "xl/_rels/workbook.xml.rels", MAX_PART_BYTES)
        for target in (_TARGET.search(t) for t in _RELATIONSHIP.findall(rels) if b"/worksheet" in t):
            part = target.group(1).decode("utf-8", "replace").lstrip("/") if target else ""
            found.add(part if part.startswith("xl/") else f"xl/{part}")
    return found


def _check_prolog(part: str, head: bytes) -> bool:
    """Refuse DOCTYPE/ENTITY before the root element; False when ``head`` ends before the root."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    text = head.replace(b"\x00", b"")
    m = _ROOT_START.search(text)
    prolog = text if m is None else text[:m.start()]
    if _DOCTYPE.search(prolog) or (m is None and len(head) >= PROLOG_SCAN_BYTES):
        raise UnreadableFile(f"Phần “{part}” của tệp chứa khai báo DOCTYPE/ENTITY (không có trong tệp Excel "
                             "bình thường, có thể làm treo máy); chương trình không đọc tệp này.", FILE_XML_ENTITIES)
    return m is not None


def _sheet_names_by_part(zf: _MemoryZip) -> dict[str, str]:
    """Worksheet part name → sheet name, from workbook.xml and its relationships (defused XML)."""
    try:
        book = ElementTree.fromstring(_read_part(zf, "xl/workbook.xml", MAX_PART_BYTES))
        rels = ElementTree.fromstring(_read_part(zf, "xl/_rels/workbook.xml.rels", MAX_PART_BYTES))
    except Exception:  # names are only for the message; the refusal stands without them
        return {}
    targets = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels}
    rids = {e.get("name", ""): next((v for k, v in e.attrib.items() if k.endswith("}id")), None)
            for e in book.iter() if e.tag.endswith("}sheet")}
    return {(t if (t := targets.get(rid, "")).startswith("xl/") else f"xl/{t}"): name for name, rid in rids.items()}



"""Spreadsheets saved in a format the product does not read: named exactly, with how to re-save.

A unit that saved its list as CSV, as "XML Spreadsheet 2003", as a flat OpenDocument file, as
a web page, or kept an Excel 4.0 macro sheet in its .xlsm did send its list; it must learn
what it sent and how to send it again, and its status is «gửi sai định dạng», not «chưa gửi».
Each refusal is an ``UnreadableFile`` with rule ``FILE_WRONG_FORMAT``; nothing here parses
the content beyond the first bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from exemplars.catalogue import FILE_PASSWORD, FILE_WRONG_FORMAT
from exemplars.errors import UnreadableFile

RESAVE_EXCEL = ("Đề nghị đơn vị mở tệp bằng Excel, chọn Tệp > Lưu thành (File > Save As), chọn kiểu "
                "«Sổ làm việc Excel (*.xlsx)» rồi gửi lại tệp .xlsx.")
RESAVE_CALC = ("Đề nghị đơn vị mở tệp bằng LibreOffice Calc, chọn Tệp > Lưu thành, chọn kiểu «Excel 2007-365 "
               "(.xlsx)» (hoặc «Bảng tính ODF (.ods)») rồi gửi lại.")
RESAVE_TEMPLATE = ("Đề nghị đơn vị dùng mẫu đăng ký (.xlsx) đã được gửi, điền vào đó rồi gửi lại; "
                   "nếu đã điền, hãy Lưu thành kiểu «Sổ làm việc Excel (*.xlsx)».")

#: extension → (what the file is, how to re-save it); ".xml" only when its content is a spreadsheet.
BY_EXTENSION: dict[str, tuple[str, str]] = {
    ".csv": ("tệp CSV (chỉ có chữ, mất các sheet, cột và danh mục của mẫu đăng ký)",
             "Đề nghị đơn vị gửi lại đúng tệp mẫu đăng ký .xlsx đã điền, không lưu thành CSV."),
    ".tsv": ("tệp văn bản phân tách bằng tab (chỉ có chữ, mất cấu trúc mẫu đăng ký)", RESAVE_EXCEL),
    ".fods": ("bảng tính OpenDocument dạng phẳng (.fods, Flat XML)", RESAVE_CALC),
    ".numbers": ("bảng tính Apple Numbers",
                 "Đề nghị đơn vị mở bằng Numbers, chọn Tệp > Xuất sang > Excel (.xlsx) rồi gửi lại."),
    ".xltx": ("tệp mẫu (template) Excel, không phải sổ làm việc", RESAVE_TEMPLATE),
    ".xltm": ("tệp mẫu (template) Excel có macro, không phải sổ làm việc", RESAVE_TEMPLATE),
    ".xlt": ("tệp mẫu (template) Excel 97-2003, không phải sổ làm việc", RESAVE_TEMPLATE),
    ".ots": ("tệp mẫu OpenDocument, không phải bảng tính", RESAVE_CALC),
    ".slk": ("tệp SYLK (chỉ có chữ và số, mất cấu trúc mẫu đăng ký)", RESAVE_EXCEL),
    ".dif": ("tệp DIF (chỉ có chữ và số, mất cấu trúc mẫu đăng ký)", RESAVE_EXCEL),
}
SNIFF_EXTENSIONS = (".xml",)  # named by extension only when the content is a spreadsheet

_EXCEL_2003 = (b"urn:schemas-microsoft-com:office:spreadsheet", b'progid="Excel.Sheet"')
_FLAT_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_HTML = re.compile(rb"<(html|table|!doctype html)[\s>]", re.IGNORECASE)
_ODS_ENCRYPTED = b"encryption-data"
_MACRO_SHEET = (b"macrosheet+xml", b"xl/macrosheets/")


def text_spreadsheet(head: bytes) -> tuple[str, str] | None:
    """(what it is, how to re-save) when the first bytes of a text file are a spreadsheet; else None."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = text.decode("utf-16", errors="ignore").encode("utf-8")
    if text.startswith(b"<"):
        if any(mark in text for mark in _EXCEL_2003):
            return "bảng tính «XML Spreadsheet 2003» của Excel (dạng chữ XML, không phải .xls thật)", RESAVE_EXCEL
        if b"office:document" in text and _FLAT_ODS in text:
            return "bảng tính OpenDocument dạng phẳng (.fods, Flat XML)", RESAVE_CALC
        if _HTML.search(text[:4096]):
            return "trang web (HTML) được lưu với đuôi bảng tính", RESAVE_EXCEL
        return None
    lines = [line for line in text[:4096].splitlines()[:5] if line.strip()]
    if len(lines) >= 2 and all(b"\x00" not in line for line in lines):
        for sep in (b";", b",", b"\t"):
            counts = {line.count(sep) for line in lines[:-1]}  # the last line may be cut off
            if len(counts) == 1 and counts != {0}:
                return BY_EXTENSION[".csv" if sep != b"\t" else ".tsv"]
    return None


def refuse_by_extension(path: Path) -> UnreadableFile | None:
    """The refusal of a file whose extension alone names a spreadsheet format that is not read."""
    known = BY_EXTENSION.get(path.suffix.lower())
    return wrong_format(*known) if known else None


def wrong_format(kind: str, how: str) -> UnreadableFile:
    return UnreadableFile(f"Tệp là {kind}, chương trình không đọc định dạng này. {how}", FILE_WRONG_FORMAT)


def check_ods_manifest(manifest: bytes) -> None:
    """A password-protected .ods keeps its zip readable but encrypts content.xml (manifest says so)."""
    if _ODS_ENCRYPTED in manifest:
        raise UnreadableFile("Tệp .ods được đặt mật khẩu (LibreOffice «Lưu với mật khẩu»), chương trình không "
                             "mở được. Đề nghị đơn vị mở tệp, chọn Tệp > Lưu thành, bỏ chọn «Lưu với mật khẩu» "
                             "rồi gửi lại.", FILE_PASSWORD)


def check_macro_sheets(content_types: bytes, names: set[str]) -> None:
    """An Excel 4.0 macro sheet (XLM) runs when the book opens; such a book is not read."""
    if _MACRO_SHEET[0] in content_types or any(n.startswith(_MACRO_SHEET[1].decode()) for n in names):
        raise wrong_format("sổ làm việc có trang macro Excel 4.0 (XLM, loại macro cũ có thể tự chạy)",
                           "Đề nghị đơn vị xóa trang macro (chuột phải vào tên trang > Xóa), rồi Lưu thành "
                           "kiểu «Sổ làm việc Excel (*.xlsx)» và gửi lại.")

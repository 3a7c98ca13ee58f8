"""Raw access to one unit workbook: bytes read once, hashed, parsed by python-calamine.

Values only (cached results of formulas, never evaluated).  Rows come back as
Python lists starting at cell A1, so list indexes map straight onto Excel
coordinates.  Styles are never parsed unless the file declares a legacy font
(see ``exemplars.reader.fonts``).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from exemplars.catalogue import FILE_DAMAGED, FILE_PASSWORD
from exemplars.errors import UnitFileError
from exemplars.reader import fonts

FORMATS = ("xlsx", "xlsm", "xlsb", "xls", "ods")


class WorkbookError(UnitFileError):
    """The file cannot be read as a workbook; ``message`` is Vietnamese."""

    def __init__(self, message: str, rule_id: str = FILE_DAMAGED):
        super().__init__(message, rule_id)


def format_of(path: Path) -> str:
    """Format by extension ("xlsx", "xlsm", "xlsb", "xls", "ods") or "" for other files."""
    ext = path.suffix.lower().lstrip(".")
    return ext if ext in FORMATS else ""


def sniff_format(data: bytes, fallback: str) -> str:
    """Format by content: a renamed .xls/.xlsx still opens with the right reader."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    if data[:4] == b"PK\x03\x04":
        if fallback in ("xlsx", "xlsm", "xlsb", "ods"):
            return fallback
        return "xlsx"
    return fallback


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@functools.lru_cache(maxsize=4096)
def column_index(letters: str) -> int:
    """Excel letters → 0-based index ("A" → 0); -1 when not letters."""
    letters = letters.strip().upper()
    if not letters.isalpha() or not letters.isascii():
        return -1
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def split_cell(ref: str) -> tuple[int, int] | None:
    """"C5" → (row 4, col 2), 0-based; None when not a cell reference."""
    ref = ref.strip().upper().replace("$", "")
    i = 0
    while i < len(ref) and ref[i].isalpha():
        i += 1
    col, row = ref[:i], ref[i:]
    if not col or not row.isdigit() or int(row) < 1:
        return None
    c = column_index(col)
    return (int(row) - 1, c) if c >= 0 else None


@dataclass
class RawWorkbook:
    """One opened workbook.  ``rows(sheet)`` is cached; fonts are read lazily."""

    path: Path
    fmt: str
    data: bytes
    sha256: str
    modified: float
    sheet_names: list[str]
    hidden: set[str]
    _book: python_calamine.CalamineWorkbook | None = field(repr=False, default=None)
    _rows: dict[str, list[list]] = field(repr=False, default_factory=dict)
    _legacy_fonts: bool | None = field(repr=False, default=None)
    _fonts: dict[str, dict[tuple[int, int], str]] = field(repr=False, default_factory=dict)

    def rows(self, sheet: str) -> list[list]:
        """All rows of ``sheet`` from A1 (values; "" for empty cells).

        Raises ``WorkbookError`` (Vietnamese message, rule id) when the sheet's data is damaged.
        """
        got = self._rows.get(sheet)
        if got is None:
            if self._book is None:
                raise ValueError(f"{self.path} is closed; sheet {sheet!r} was not read before")
            try:
                got = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except Exception as exc:  # noqa: BLE001 - mapped below; anything else is re-raised as it is
                raise calamine_error(exc, sheet) or exc from exc
            self._rows[sheet] = got
        return got

    @property
    def uses_legacy_fonts(self) -> bool:
        """True when the styles declare a TCVN3 (.VnTime…) or VNI font (byte search, no parsing)."""
        if self._legacy_fonts is None:
            self._legacy_fonts = fonts.declares_legacy_font(self.data, self.fmt)
        return self._legacy_fonts

    def legacy_fonts(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, col) 0-based → legacy font name, for cells of ``sheet`` set in such a font."""
        if not self.uses_legacy_fonts:
            return {}
        got = self._fonts.get(sheet)
        if got is None:
            got = fonts.cell_fonts(self.data, self.fmt, sheet)
            self._fonts[sheet] = got
        return got

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None


_RESEND = "Đề nghị đơn vị mở lại bằng Excel, lưu lại và gửi lại."


def calamine_error(exc: BaseException, sheet: str = "") -> WorkbookError | None:
    """A python-calamine error met while reading ``sheet`` as a Vietnamese ``WorkbookError``; None if not one.

    The parser's own text (English) only follows in parentheses, for whoever repairs the file.
    """
    where = f"sheet «{sheet}»" if sheet else "bảng tính"
    detail = f" (Chi tiết kỹ thuật: {type(exc).__name__}: {str(exc)[:120]})"
    if isinstance(exc, python_calamine.PasswordError):
        return WorkbookError("Tệp được đặt mật khẩu, không mở được. Đề nghị đơn vị gỡ mật khẩu rồi gửi lại."
                             + detail, FILE_PASSWORD)
    if isinstance(exc, python_calamine.XmlError):
        return WorkbookError(f"Tệp bị hỏng: không đọc được {where} (dữ liệu XML không hợp lệ). {_RESEND}"
                             + detail, FILE_DAMAGED)
    if isinstance(exc, python_calamine.ZipError):
        return WorkbookError(f"Tệp bị hỏng: không giải nén được {where} (tệp nén bị lỗi hoặc bị cắt cụt). "
                             f"{_RESEND}" + detail, FILE_DAMAGED)
    if isinstance(exc, python_calamine.WorksheetNotFound):
        return WorkbookError(f"Tệp bị hỏng: không tìm thấy dữ liệu của {where} dù tên sheet có trong tệp. "
                             f"{_RESEND}" + detail, FILE_DAMAGED)
    if isinstance(exc, python_calamine.CalamineError):
        return WorkbookError(f"Tệp bị hỏng: không đọc được {where}. {_RESEND}" + detail, FILE_DAMAGED)
    return None


def open_workbook(path: Path, fmt: str | None = None, data: bytes | None = None) -> RawWorkbook:
    """Read ``path`` once (bytes, SHA-256, mtime) and open it with calamine.

    ``data``: the file's bytes when already read (by the safety gate), so they are not read twice.
    Raises ``WorkbookError`` with a Vietnamese message when the content is not
    a readable workbook.
    """
    stat = os.stat(path)
    if not data:
        data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(data, fmt or format_of(path))
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise WorkbookError("Tệp được đặt mật khẩu, không mở được.", FILE_PASSWORD) from exc
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError,
            zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WorkbookError(f"Tệp hỏng hoặc không phải bảng tính Excel ({type(exc).__name__}).") from exc
    hidden = set()
    for meta in book.sheets_metadata:
        if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
            hidden.add(meta.name)
    return RawWorkbook(path=path, fmt=fmt, data=data, sha256=digest, modified=stat.st_mtime,
                       sheet_names=list(book.sheet_names), hidden=hidden, _book=book)

"""Check a written output before it replaces the previous one.

A workbook must be a complete zip (every member's checksum right) with its
workbook part, and carry the run's id in its properties; a PDF must start with
its header and end with its trailer; a JSON file must parse.  A disk that fills
up mid-write, or a converter that stops early, leaves a file that fails here.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from exemplars.errors import OutputError

PDF_TAIL_BYTES = 2048


def _broken(path: Path, why: str) -> OutputError:
    return OutputError(f"Tệp «{path.name}» ghi ra không đầy đủ ({why}); có thể ổ đĩa chứa thư mục kết quả đã "
                       "đầy. Tệp này không thay tệp cũ; các tệp kết quả của lần chạy trước vẫn giữ nguyên. "
                       "Hãy giải phóng dung lượng rồi chạy lại.")


def _check_workbook(path: Path, run_id: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            names = set(zf.namelist())
            custom = zf.read("docProps/custom.xml").decode("utf-8", "replace") if run_id else ""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError) as exc:
        raise _broken(path, f"không mở được như một bảng tính: {exc}") from None
    if bad is not None:
        raise _broken(path, f"phần «{bad}» hỏng")
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise _broken(path, "thiếu phần chính của bảng tính")
    if run_id and run_id not in custom:
        raise _broken(path, "không mang mã của lần chạy này")


def _check_pdf(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(8)
        fh.seek(max(0, size - PDF_TAIL_BYTES))
        tail = fh.read()
    if not head.startswith(b"%PDF-"):
        raise _broken(path, "không có phần đầu của tệp PDF")
    if b"%%EOF" not in tail:
        raise _broken(path, "thiếu phần kết thúc của tệp PDF")


def verify_output(path: Path, run_id: str = "") -> None:
    """Raise ``OutputError`` unless ``path`` is a complete output of its kind (by extension)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise _broken(path, "tệp rỗng hoặc không có")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        _check_workbook(path, run_id)
    elif suffix == ".pdf":
        _check_pdf(path)
    elif suffix == ".json":
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _broken(path, f"nội dung JSON hỏng: {exc}") from None


def pdf_run_id(path: Path) -> str:
    """The run id LibreOffice carried from the workbook's keywords into the PDF's Keywords ("" if none)."""
    data = Path(path).read_bytes()
    start = data.find(b"/Keywords<FEFF")
    if start < 0:
        return ""
    end = data.find(b">", start)
    try:
        return bytes.fromhex(data[start + len(b"/Keywords<FEFF"):end].decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return ""

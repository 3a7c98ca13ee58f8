"""List the files of a units' folder: the workbooks to read and the files skipped, with why.

What is skipped (status ``skipped``, one notice each, never read): Excel and
LibreOffice lock files (``~$…``, ``.~lock.…``), hidden and temporary files,
hidden folders, symbolic links (files and folders: no loops, nothing outside
the folder), and files that are not workbooks by extension (.pdf, .docx, .txt…).
Spreadsheets in a format that is not read (.csv, .fods, a spreadsheet .xml…) are
listed for reading, so the safety gate names what they are (``reader.foreign``).
The folder is only listed, never written.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from exemplars.reader.foreign import BY_EXTENSION, SNIFF_EXTENSIONS, text_spreadsheet
from exemplars.reader.workbook import format_of
from exemplars.results import FileRecord, FileStatus

SNIFF_BYTES = 4096


def _is_sent_spreadsheet(path: Path, st: os.stat_result) -> bool:
    """Files the safety gate must see to name their format: spreadsheet extensions that are not read,
    and .xml files whose first bytes are a spreadsheet (only regular files are opened)."""
    ext = path.suffix.lower()
    if ext in BY_EXTENSION:
        return True
    if ext not in SNIFF_EXTENSIONS or not stat.S_ISREG(st.st_mode):
        return False
    try:
        with open(path, "rb") as fh:
            return text_spreadsheet(fh.read(SNIFF_BYTES)) is not None
    except OSError:
        return False


def _skip_reason(name: str, is_hidden: bool) -> str:
    """Vietnamese reason to skip a file without reading it; "" when it should be read."""
    if name.startswith("~$") or name.startswith(".~lock."):
        return "Tệp khóa tạm của Excel/LibreOffice (đang mở), bỏ qua."
    if name.startswith(".") or is_hidden:
        return "Tệp ẩn, bỏ qua."
    lower = name.lower()
    if lower.endswith((".tmp", ".bak", "~")) or name.startswith("~"):
        return "Tệp tạm, bỏ qua."
    return ""


def _hidden_attr(st: os.stat_result) -> bool:
    return bool(getattr(st, "st_file_attributes", 0) & 2)  # FILE_ATTRIBUTE_HIDDEN on Windows


def scan_folder(folder: Path) -> tuple[list[tuple[Path, str]], list[FileRecord]]:
    """Workbooks to read (path, relative path) and records of the files skipped.

    Recurses into subfolders, never follows symbolic links (so neither loops nor
    files outside the folder are possible), sorted for a stable order.
    """
    root = folder.resolve()
    to_read: list[tuple[Path, str]] = []
    skipped: list[FileRecord] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        keep_dirs = []
        for d in sorted(dirnames):
            p = base / d
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                skipped.append(FileRecord(rel, status=FileStatus.SKIPPED,
                                          message="Liên kết thư mục (symlink), không đọc để tránh vòng lặp."))
            elif d.startswith("."):
                skipped.append(FileRecord(rel, status=FileStatus.SKIPPED, message="Thư mục ẩn, bỏ qua."))
            else:
                keep_dirs.append(d)
        dirnames[:] = keep_dirs
        for name in sorted(filenames):
            p = base / name
            rel = p.relative_to(root).as_posix()
            try:
                st = p.lstat()
            except OSError:
                continue
            if p.is_symlink():
                skipped.append(FileRecord(rel, status=FileStatus.SKIPPED,
                                          message="Liên kết (symlink) tới tệp khác, bỏ qua."))
                continue
            reason = _skip_reason(name, _hidden_attr(st))
            if not reason and not format_of(p) and not _is_sent_spreadsheet(p, st):
                ext = p.suffix.lower() or "(không có phần mở rộng)"
                reason = f"Không phải bảng tính Excel/ODS ({ext}), bỏ qua."
            if reason:
                skipped.append(FileRecord(rel, status=FileStatus.SKIPPED, message=reason,
                                          modified=dt.datetime.fromtimestamp(st.st_mtime)))
            else:
                to_read.append((p, rel))
    to_read.sort(key=lambda t: t[1])
    return to_read, skipped

"""Consolidate a folder of unit workbooks into one register (``Consolidation``).

Tolerant: every file gets a ``FileRecord`` (received, empty, error, superseded,
unknown_unit, old_template, skipped) and one bad file never stops the others.
Lossless: every candidate row keeps its file, sheet and row; a file whose unit
cannot be recognised is still consolidated (unit code "", one error problem),
so nothing a unit sent is dropped silently — only files superseded by a newer
file of the same unit lose their candidates, and they are listed as such.
Fast: each file is read once (bytes hashed while in memory, values parsed by
python-calamine), cells go through fast paths, large folders are read on several
cores (``consolidate_files``), and the DataFrame is built once.

What is skipped (status ``skipped``, one notice each, never read): Excel and
LibreOffice lock files (``~$…``, ``.~lock.…``), hidden and temporary files,
hidden folders, symbolic links (files and folders: no loops, nothing outside
the folder), and files that are not workbooks by extension (.pdf, .docx, .csv…).
Every other file passes the safety gate (``reader.safety``) first.

Unit files are never written: the folder is only listed and read.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from exemplars.columns import CANDIDATE_COLUMNS, HISTORY_COLUMNS, criterion_column
from exemplars.consolidate.assemble import FileOutcome, Store, assemble
from exemplars.consolidate.files import read_outcomes
from exemplars.consolidate.units import UnitMatcher, load_units
from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.findings import Problem, Severity
from exemplars.reader.unitfile import UnitFileReader
from exemplars.reader.workbook import format_of
from exemplars.results import Consolidation, FileRecord, FileStatus, Progress
from exemplars.rulebook.schema import Rulebook

SPREADSHEET_LIKE = {".csv", ".xlsb", ".xltx", ".xltm", ".xlt", ".ots", ".numbers"}


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
            if not reason and not format_of(p):
                ext = p.suffix.lower() or "(không có phần mở rộng)"
                hint = " Hãy lưu lại thành .xlsx." if ext in SPREADSHEET_LIKE else ""
                reason = f"Không phải bảng tính Excel/ODS ({ext}), bỏ qua.{hint}"
            if reason:
                skipped.append(FileRecord(rel, status=FileStatus.SKIPPED, message=reason,
                                          modified=dt.datetime.fromtimestamp(st.st_mtime)))
            else:
                to_read.append((p, rel))
    to_read.sort(key=lambda t: t[1])
    return to_read, skipped


def consolidate_folder(
    folder: Path,
    rulebook: Rulebook,
    year: int,
    *,
    units: list[Unit] | None = None,
    max_file_mb: float = 25,
    progress: Progress | None = None,
    workers: int | None = None,
    mp_context=None,
) -> Consolidation:
    """Read every workbook under ``folder`` into one register (see the module docstring).

    ``workers``: processes reading files (1: in this process; None: several cores for folders of
    more than ``consolidate_files.PARALLEL_MIN_FILES`` files); ``mp_context``: a ``multiprocessing``
    context for them (None: the platform's default).  The result is the same either way.
    Raises ``InputError`` only when the folder itself is unusable.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục hồ sơ «{folder}».")
    unit_list = list(units) if units is not None else load_units(rulebook)
    reader = UnitFileReader(rulebook, year, unit_list, UnitMatcher(unit_list))
    to_read, skipped = scan_folder(folder)
    max_bytes = int(max_file_mb * 1024 * 1024)
    store = Store([c.key for c in CANDIDATE_COLUMNS] + [criterion_column(c.id) for c in rulebook.criteria],
                  [c.key for c in HISTORY_COLUMNS])
    outcomes: list[FileOutcome] = []
    total = len(to_read)
    for outcome in read_outcomes(to_read, reader, unit_list, max_bytes, progress=progress, workers=workers,
                                 mp_context=mp_context):
        if outcome.read is not None:
            store.add(outcome.read)
        outcomes.append(outcome)
    if progress is not None:
        progress(total, total, "")
    skipped_problems = [Problem(severity=Severity.NOTICE, rule_id="F-00", message=r.message, file=r.path)
                        for r in skipped]
    return assemble(rulebook, year, folder, unit_list, outcomes, skipped, skipped_problems, store)

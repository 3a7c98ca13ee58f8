"""Consolidate a folder of unit workbooks into one register (``Consolidation``).

Tolerant: every file gets a ``FileRecord`` (received, empty, error, superseded,
unknown_unit, old_template, skipped) and one bad file never stops the others.
Lossless: every candidate row keeps its file, sheet and row; a file whose unit
cannot be recognised is still consolidated (unit code "", one error problem),
so nothing a unit sent is dropped silently — only files superseded by a newer
file of the same unit lose their candidates, and they are listed as such.
Fast: each file is read once (bytes hashed while in memory, values parsed by
python-calamine), cells go through fast paths, large folders are read on several
cores (``consolidate.files``), and the DataFrame is built once.

What is skipped (status ``skipped``, one notice each, never read): Excel and
LibreOffice lock files (``~$…``, ``.~lock.…``), hidden and temporary files,
hidden folders, symbolic links (files and folders: no loops, nothing outside
the folder), and files that are not workbooks by extension (.pdf, .docx, .csv…).
Every other file passes the safety gate (``reader.safety``) first.

Unit files are never written: the folder is only listed and read.
"""

from __future__ import annotations

from pathlib import Path

from exemplars.catalogue import FILE_SKIPPED
from exemplars.columns import CANDIDATE_COLUMNS, HISTORY_COLUMNS, criterion_column
from exemplars.consolidate.assemble import FileOutcome, Store, assemble
from exemplars.consolidate.files import read_outcomes
from exemplars.consolidate.scan import scan_folder
from exemplars.consolidate.units import UnitMatcher, load_units
from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.findings import Finding, Severity
from exemplars.reader.unitfile import UnitFileReader
from exemplars.results import Consolidation, Progress
from exemplars.rulebook.schema import Rulebook


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
    more than ``consolidate.files.PARALLEL_MIN_FILES`` files); ``mp_context``: a ``multiprocessing``
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
    skipped_problems = [Finding(severity=Severity.NOTICE, rule_id=FILE_SKIPPED, message=r.message, file=r.path)
                        for r in skipped]
    return assemble(rulebook, year, folder, unit_list, outcomes, skipped, skipped_problems, store)

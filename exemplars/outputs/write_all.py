"""Write every output document of a run into ``settings.out_dir``.

    danh-sach-dang-ky-<year>.xlsx (+ .pdf when LibreOffice is installed)
    so-lam-viec-<year>.xlsx
    phan-hoi-don-vi/<unit code or file stem>.xlsx

Each file is written atomically; re-running replaces them and removes feedback
letters (and a PDF) left by an earlier run that this run no longer produces.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from exemplars.errors import OutputError
from exemplars.outputs import office
from exemplars.outputs.feedback import FEEDBACK_DIR, write_feedback
from exemplars.outputs.submission import submission_name, write_submission
from exemplars.outputs.working_register import candidate_outcomes, register_name, write_working_register
from exemplars.results import RunResult
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings

log = logging.getLogger(__name__)


def submission_pdf(xlsx: Path) -> Path | None:
    """Convert the submission workbook to PDF beside it, atomically; None without LibreOffice.

    LibreOffice writes into a temporary folder inside the output folder and the
    finished PDF is renamed into place, so a failed conversion leaves no half file.
    """
    target = xlsx.with_suffix(".pdf")
    if office.find_soffice() is None:
        log.info("LibreOffice không có trên máy: không tạo bản PDF của danh sách.")
        return None
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=xlsx.parent) as work:
        produced = office.convert(xlsx, "pdf", work)
        os.replace(produced, target)
    return target


def write_outputs(result: RunResult, settings: RunSettings, rulebook: Rulebook) -> dict[str, Path]:
    """Write the submission (+ PDF), the working register and one feedback letter per unit.

    Returns what was written: ``submission``, ``submission_pdf`` (only when LibreOffice
    converted it), ``working_register`` and ``feedback:<unit code or file stem>``.
    """
    out_dir = Path(settings.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    year = result.consolidation.year
    written: dict[str, Path] = {}
    written["submission"] = write_submission(result, settings, rulebook, out_dir / submission_name(year))
    outcomes = candidate_outcomes(result)  # both the working register and the letters show them
    written["working_register"] = write_working_register(result, out_dir / register_name(year), outcomes)
    written.update(write_feedback(result, settings, rulebook, out_dir / FEEDBACK_DIR, outcomes))
    try:
        pdf = submission_pdf(written["submission"])
    except OutputError as err:
        # The workbooks are complete; a failed PDF must not cost the clerk the whole run.
        log.warning("%s", err.message)
        pdf = None
    if pdf is not None:
        written["submission_pdf"] = pdf
    else:
        stale = written["submission"].with_suffix(".pdf")
        if stale.exists():
            stale.unlink()
    return written

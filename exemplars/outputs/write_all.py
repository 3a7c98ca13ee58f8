"""Write every output document of a run into ``settings.out_dir``.

    danh-sach-dang-ky-<year>.xlsx (+ .pdf when LibreOffice is installed)
    so-lam-viec-<year>.xlsx
    phan-hoi-don-vi/<unit code or file stem>.xlsx

The pipeline writes them into its staging folder; the set then replaces the
previous one whole (``exemplars.outputs.output_set``), which also removes the
feedback letters and the PDF of an earlier run that this run no longer produces.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from exemplars.errors import OutputError
from exemplars.outputs import office
from exemplars.outputs.background import Background, worth_a_worker
from exemplars.outputs.feedback import FEEDBACK_DIR, write_feedback
from exemplars.outputs.outcomes import candidate_outcomes
from exemplars.outputs.submission import submission_name, write_submission
from exemplars.outputs.working_register import register_name, write_working_register
from exemplars.results import Progress, RunResult
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings

log = logging.getLogger(__name__)
DISK_MARGIN = 1 << 20


class DiskFull(OutputError):
    """The disk filled up while converting: the whole set must stop, not just the PDF."""


def _disk_nearly_full(folder: Path, need: int) -> bool:
    try:
        return shutil.disk_usage(folder).free < need
    except OSError:
        return False


def submission_pdf(xlsx: Path) -> Path | None:
    """Convert the submission workbook to PDF beside it, atomically; None without LibreOffice.

    LibreOffice writes into a temporary folder beside the workbook and the finished PDF is
    renamed into place; the run checks it (``exemplars.outputs.verify``) before it replaces
    the previous PDF.
    """
    target = xlsx.with_suffix(".pdf")
    if office.find_soffice() is None:
        log.info("LibreOffice không có trên máy: không tạo bản PDF của danh sách.")
        return None
    with tempfile.TemporaryDirectory(prefix=".pdf-", dir=xlsx.parent) as work:
        try:
            produced = office.convert(xlsx, "pdf", work)
        except OutputError:
            if _disk_nearly_full(xlsx.parent, 4 * xlsx.stat().st_size + DISK_MARGIN):
                raise DiskFull(f"Ổ đĩa chứa thư mục «{xlsx.parent.parent}» đã đầy: LibreOffice không ghi được bản "
                                  "PDF của danh sách. Hãy giải phóng dung lượng rồi chạy lại; các tệp kết quả của "
                                  "lần chạy trước vẫn giữ nguyên.") from None
            raise
        os.replace(produced, target)
    return target


def _feedback_progress(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total, _key: progress(done, total, f"Đang ghi phản hồi cho đơn vị: {done}/{total}…")


def write_outputs(result: RunResult, settings: RunSettings, rulebook: Rulebook, *, out_dir: Path | None = None,
                  progress: Progress | None = None) -> dict[str, Path]:
    """Write the submission (+ PDF), the working register and one feedback letter per unit into
    ``out_dir`` (default ``settings.out_dir``; the pipeline gives its staging folder).

    Returns what was written: ``submission`` and ``submission_pdf`` (only when someone is selected, and
    the PDF only when LibreOffice converted it), ``working_register`` and ``feedback:<unit>``.
    """
    out_dir = Path(settings.out_dir if out_dir is None else out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    year = result.consolidation.year
    selection = result.selection
    signable = selection is not None and bool(selection.selected or selection.fast_track)
    written: dict[str, Path] = {}
    if signable:  # no candidate selected: no list to sign (the run's findings say so)
        written["submission"] = write_submission(result, settings, rulebook, out_dir / submission_name(year))
    outcomes = candidate_outcomes(result)  # both the working register and the letters show them
    # the working register on a worker process while this one writes the letters
    working = Background(write_working_register, result, out_dir / register_name(year), outcomes,
                         parallel=worth_a_worker(len(result.consolidation.register)))
    try:
        letters = write_feedback(result, settings, rulebook, out_dir / FEEDBACK_DIR, outcomes,
                                 progress=_feedback_progress(progress))
        written["working_register"] = working.result()
        written.update(letters)
    finally:
        working.close()
    pdf = _pdf(written, progress) if signable else None
    if pdf is not None:
        written["submission_pdf"] = pdf
    else:  # a PDF left here by an earlier write must not stand beside a list it does not match
        (out_dir / submission_name(year)).with_suffix(".pdf").unlink(missing_ok=True)
    return written


def _pdf(written: dict[str, Path], progress: Progress | None) -> Path | None:
    if progress is not None:
        progress(0, 1, "Đang chuyển danh sách sang PDF…")
    try:
        pdf = submission_pdf(written["submission"])
    except DiskFull:
        raise
    except OutputError as err:
        # The workbooks are complete; a failed PDF must not cost the clerk the whole run (nor may an
        # older PDF stay beside the new list: the new set has no PDF, so the old one is removed).
        log.warning("%s", err.message)
        return None
    return pdf

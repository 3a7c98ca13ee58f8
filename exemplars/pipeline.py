"""The pipeline: the only place that knows the order of the stages.

    consolidate → validate → rank → select → outputs

The CLI and the Excel buttons both build a ``RunSettings`` and call these
functions; neither repeats any logic.  Every file written goes through
``exemplars.xlsx.atomic_path``, so a failure never leaves half a file and work
already written (the register, ``summary.json``) stays when a later output fails.
"""

from __future__ import annotations

import os
from pathlib import Path

from exemplars.consolidate import consolidate_folder
from exemplars.consolidate.received import read_receipt_book
from exemplars.consolidate.units import load_units
from exemplars.domain import Unit
from exemplars.errors import ExemplarsError, InputError, OutputError
from exemplars.findings import Finding
from exemplars.history.lookup import open_lookup
from exemplars.history.store import record_run
from exemplars.outputs import write_outputs, write_register
from exemplars.outputs import write_summary as write_summary_json
from exemplars.ranking import rank
from exemplars.results import STAGES, Consolidation, Progress, RunResult
from exemplars.rulebook import load_legal, load_rulebook
from exemplars.rulebook.schema import Rulebook
from exemplars.selection import select
from exemplars.settings import RunSettings
from exemplars.template.build import make_templates as build_templates
from exemplars.validate import validate
from exemplars.votes import SHEET_VOTES, Votes, read_votes, votes_from_rows

TEMPLATES_DIR = "mau-dang-ky"
REGISTER_FILE = "so-tong-hop.xlsx"
SUMMARY_FILE = "summary.json"

_STAGE_MESSAGES = {
    "validate": "Đang kiểm tra tiêu chí, điều kiện…",
    "rank": "Đang chấm điểm, xếp hạng…",
    "select": "Đang lựa chọn điển hình, tính tiền thưởng…",
    "outputs": "Đang ghi danh sách, sổ tổng hợp, phản hồi đơn vị…",
}


def resolve_units(settings: RunSettings, rulebook: Rulebook, units: list[Unit] | None = None) -> list[Unit]:
    """Units of the run: given explicitly, else the settings' unit file, else the rulebook's."""
    if units is not None:
        return list(units)
    return load_units(rulebook, settings.units_file)


def make_templates(settings: RunSettings, units: list[Unit] | None = None) -> list[Path]:
    """One registration template per unit in ``settings.out_dir / "mau-dang-ky"``."""
    rulebook = load_rulebook(settings.rulebook)
    unit_list = resolve_units(settings, rulebook, units)
    return build_templates(rulebook, Path(settings.out_dir) / TEMPLATES_DIR, units=unit_list, year=settings.year)


def write_summary(result: RunResult | Consolidation, out_dir: Path) -> Path:
    """``summary.json`` with the stable keys other tools read (atomic, UTF-8)."""
    return write_summary_json(result.summary(), Path(out_dir) / SUMMARY_FILE)


def _write_register(cons: Consolidation, out_dir: Path) -> Path:
    target = Path(out_dir) / REGISTER_FILE
    try:
        write_register(cons, target)
    except ExemplarsError:
        raise
    except Exception as exc:  # any writer failure becomes a clear message; the previous file stays intact
        raise OutputError(f"Không ghi được sổ tổng hợp «{target}»: {exc}") from exc
    return target


def check_folders(settings: RunSettings) -> None:
    """Refuse, before anything is read or written, a units' folder that is missing, unreadable or
    empty, and an output folder inside it (the next run would read its own outputs) or around it."""
    folder, out_dir = Path(settings.folder), Path(settings.out_dir)
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục hồ sơ «{folder}».")
    try:
        with os.scandir(folder) as entries:
            empty = next(entries, None) is None
    except OSError as exc:
        raise InputError(f"Không mở được thư mục hồ sơ «{folder}» ({exc.strerror or exc}); hãy kiểm tra quyền "
                         "truy cập thư mục.") from None
    if empty:
        raise InputError(f"Thư mục hồ sơ «{folder}» trống: chưa có tệp nào của đơn vị. Hãy chép các tệp đăng ký "
                         "vào thư mục này (hoặc chọn đúng thư mục) rồi chạy lại.")
    inner, outer = folder.resolve(), out_dir.resolve()
    if outer == inner or inner in outer.parents:
        raise InputError(f"Thư mục kết quả «{out_dir}» nằm trong thư mục hồ sơ «{folder}»: lần chạy sau sẽ đọc "
                         "lại chính các kết quả. Hãy chọn một thư mục kết quả ở ngoài thư mục hồ sơ.")
    if outer in inner.parents:
        raise InputError(f"Thư mục hồ sơ «{folder}» nằm trong thư mục kết quả «{out_dir}»: khi ghi kết quả, "
                         "chương trình có thể thay thế tệp của đơn vị. Hãy để hai thư mục tách riêng.")


def consolidate(settings: RunSettings, *, units: list[Unit] | None = None,
                progress: Progress | None = None) -> Consolidation:
    """Read the units' folder into one register; writes the register and ``summary.json`` to ``out_dir``."""
    check_folders(settings)
    rulebook = load_rulebook(settings.rulebook)
    cons = consolidate_folder(Path(settings.folder), rulebook, settings.year,
                              units=resolve_units(settings, rulebook, units),
                              max_file_mb=settings.max_file_mb, progress=progress)
    if settings.received_file is not None:
        book = read_receipt_book(Path(settings.received_file), settings.year)
        book.apply(cons.files)
        cons.problems.extend(book.problems)
    out_dir = Path(settings.out_dir)
    write_summary(cons, out_dir)
    _write_register(cons, out_dir)
    return cons


def load_votes(settings: RunSettings, votes: Votes | None,
               vote_rows: list[list] | None = None, vote_source: str = "") -> tuple[Votes | None, list[Finding]]:
    """The council votes of a run, read here for every door: given explicitly, else typed rows (the
    control workbook's «Phiếu bầu» sheet), else ``settings.votes_file``, else None (no vote yet).
    Row and file problems come back as findings, so they reach every output of the run."""
    if votes is not None:
        return votes, []
    if vote_rows:
        parsed, problems = votes_from_rows(vote_rows, source=vote_source or SHEET_VOTES)
        return (parsed if len(parsed) else None), problems
    if settings.votes_file is None:
        return None, []
    path = Path(settings.votes_file)
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp phiếu bầu «{path}».")
    return read_votes(path)


def _history_lookup(settings: RunSettings):
    if settings.history_db is None:
        return None
    return open_lookup(Path(settings.history_db), before_year=settings.year)


def _record_history(settings: RunSettings, result: RunResult) -> None:
    if settings.history_db is None:
        return
    record_run(Path(settings.history_db), result, settings)


def _write_outputs(result: RunResult, settings: RunSettings, rulebook: Rulebook) -> dict[str, Path]:
    try:
        return write_outputs(result, settings, rulebook)
    except ExemplarsError:
        raise
    except Exception as exc:  # keep what was written; tell the clerk which step failed and why
        raise OutputError(f"Không ghi được kết quả vào «{settings.out_dir}»: {exc}. Sổ tổng hợp và "
                          f"{SUMMARY_FILE} đã ghi vẫn còn nguyên; hãy đóng các tệp kết quả đang mở rồi chạy lại.") \
            from exc


def run(settings: RunSettings, *, until: str = "outputs", units: list[Unit] | None = None,
        votes: Votes | None = None, vote_rows: list[list] | None = None, vote_source: str = "",
        progress: Progress | None = None) -> RunResult:
    """Run the stages up to and including ``until`` (one of ``STAGES``) and return everything computed.

    ``vote_rows``: the rows of a «Phiếu bầu» table (header anywhere in the first 30 rows), read like
    ``settings.votes_file``; ``vote_source`` names them in the findings."""
    if until not in STAGES:
        raise InputError(f"Bước «{until}» không hợp lệ; chọn một trong: {', '.join(STAGES)}.")
    stop = STAGES.index(until)
    rulebook = load_rulebook(settings.rulebook)
    out_dir = Path(settings.out_dir)
    result = RunResult(consolidation=consolidate(settings, units=units, progress=progress))
    if stop == 0:
        return result

    def step(name: str) -> None:
        if progress is not None:
            progress(STAGES.index(name), len(STAGES), _STAGE_MESSAGES[name])

    step("validate")
    result.assessment = validate(result.consolidation, rulebook, history=_history_lookup(settings))
    council_votes, vote_problems = load_votes(settings, votes, vote_rows, vote_source)
    result.assessment.problems.extend(vote_problems)
    if stop >= 2:
        step("rank")
        result.ranking = ranking = rank(result.assessment, rulebook, council_votes)
        if stop >= 3:
            step("select")
            result.selection = select(ranking, result.assessment, rulebook, load_legal(),
                                      settings.effective_decision_date(),
                                      superior_decision_date=settings.superior_decision_date)
    write_summary(result, out_dir)
    if stop >= 4:
        step("outputs")
        _record_history(settings, result)
        result.outputs = {**_write_outputs(result, settings, rulebook),
                          "summary": out_dir / SUMMARY_FILE, "register": out_dir / REGISTER_FILE}
        if progress is not None:
            progress(len(STAGES), len(STAGES), "Hoàn tất.")
    return result

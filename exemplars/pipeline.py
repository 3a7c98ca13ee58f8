"""The pipeline: the only place that knows the order of the stages.

    consolidate → validate → rank → select → outputs

The CLI and the Excel buttons both build a ``RunSettings`` and call these
functions; neither repeats any logic.  A run holds the output folder's lock (and
the history store's), writes everything into a staging folder and switches the
whole set in at the end, with its history row (``exemplars.outputs.output_set``):
a failure or a kill leaves the previous set as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from exemplars import locks
from exemplars.catalogue import NEW_HISTORY_STORE, NOTHING_TO_SIGN, RULES
from exemplars.consolidate import consolidate_folder
from exemplars.consolidate.received import read_receipt_book
from exemplars.consolidate.units import load_units
from exemplars.domain import Unit
from exemplars.dossier import Dossier, write_dossier
from exemplars.errors import ExemplarsError, InputError, OutputError
from exemplars.findings import Finding, Severity
from exemplars.fs_errors import output_error
from exemplars.history.lookup import StoreLookup, open_lookup
from exemplars.history.store import record_run
from exemplars.outputs import write_outputs, write_register
from exemplars.outputs import write_summary as write_summary_json
from exemplars.outputs.background import Background, worth_a_worker
from exemplars.outputs.output_set import LOCK_FILE, OutputSet, new_run_id, output_session
from exemplars.ranking import rank
from exemplars.results import OUTPUTS, RANK, SELECT, STAGES, VALIDATE, Consolidation, Progress, RunResult
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
    VALIDATE: "Đang kiểm tra tiêu chí, điều kiện…",
    RANK: "Đang chấm điểm, xếp hạng…",
    SELECT: "Đang lựa chọn điển hình, tính tiền thưởng…",
    OUTPUTS: "Đang ghi danh sách, sổ tổng hợp, phản hồi đơn vị…",
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
        raise output_error(exc, out_dir) or OutputError(f"Không ghi được sổ tổng hợp «{target}»: {exc}") from exc
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


def _announcer(progress: Progress | None) -> Callable[[str], None]:
    """A waiting notice shown as it is (``total == 0``) by the progress bar or the control workbook."""
    def announce(message: str) -> None:
        if progress is not None:
            progress(0, 0, message)

    return announce


@contextlib.contextmanager
def _session(settings: RunSettings, progress: Progress | None, *, history: Path | None = None) -> Iterator[OutputSet]:
    """The output folder (and ``history``, the store) locked for this run, with a fresh staging folder."""
    check_folders(settings)
    with output_session(Path(settings.out_dir), history=history, wait=settings.lock_wait,
                        announce=_announcer(progress)) as staged:
        yield staged


def _consolidate(settings: RunSettings, rulebook: Rulebook, units: list[Unit] | None, run_id: str,
                 progress: Progress | None) -> Consolidation:
    cons = consolidate_folder(Path(settings.folder), rulebook, settings.year,
                              units=resolve_units(settings, rulebook, units),
                              max_file_mb=settings.max_file_mb, progress=progress)
    if settings.received_file is not None:
        book = read_receipt_book(Path(settings.received_file), settings.year)
        book.apply(cons.files)
        cons.problems.extend(book.problems)
    cons.run_id = run_id
    return cons


def consolidate(settings: RunSettings, *, units: list[Unit] | None = None,
                progress: Progress | None = None) -> Consolidation:
    """Read the units' folder into one register; its register and ``summary.json`` replace the previous
    set of ``out_dir`` together (``exemplars.outputs.output_set``)."""
    rulebook = load_rulebook(settings.rulebook)
    with _session(settings, progress) as staged:
        cons = _consolidate(settings, rulebook, units, staged.run_id, progress)
        staged.commit([write_summary(cons, staged.dir), _write_register(cons, staged.dir)], year=settings.year)
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


def _history_lookup(settings: RunSettings) -> tuple[StoreLookup | None, list[Finding]]:
    """The lookup of past years, and a warning when the store does not exist yet (a new store is
    announced: a mistyped path would otherwise check the candidates against nothing)."""
    if settings.history_db is None:
        return None, []
    path = Path(settings.history_db)
    if path.exists():
        return open_lookup(path, before_year=settings.year), []
    notice = Finding(severity=Severity.WARNING, rule_id=NEW_HISTORY_STORE,
                     message=RULES[NEW_HISTORY_STORE].message.format(path=path))
    return StoreLookup.empty(), [notice]


def _write_outputs(result: RunResult, settings: RunSettings, rulebook: Rulebook, out_dir: Path,
                   progress: Progress | None) -> dict[str, Path]:
    try:
        return write_outputs(result, settings, rulebook, out_dir=out_dir, progress=progress)
    except ExemplarsError:
        raise
    except Exception as exc:  # tell the clerk which step failed and why; the previous set stays
        raise output_error(exc, settings.out_dir) or OutputError(
            f"Không ghi được kết quả vào «{settings.out_dir}»: {exc}. Các tệp kết quả của lần chạy trước vẫn "
            "giữ nguyên; hãy đóng các tệp kết quả đang mở rồi chạy lại.") from exc


def _step(progress: Progress | None, name: str) -> None:
    if progress is not None:
        progress(STAGES.index(name), len(STAGES), _STAGE_MESSAGES[name])


def _stages(settings: RunSettings, rulebook: Rulebook, stop: int, run_id: str, *, units: list[Unit] | None,
            votes: Votes | None, vote_rows: list[list] | None, vote_source: str,
            progress: Progress | None,
            consolidated: Callable[[Consolidation], None] | None = None) -> tuple[RunResult, Votes | None]:
    """The stages up to ``STAGES[stop]``, computed in memory; the council votes they used.
    ``consolidated(cons)`` is called as soon as the register is assembled."""
    result = RunResult(consolidation=_consolidate(settings, rulebook, units, run_id, progress))
    if consolidated is not None:
        consolidated(result.consolidation)
    council_votes: Votes | None = None
    if stop >= 1:
        _step(progress, VALIDATE)
        lookup, store_notes = _history_lookup(settings)
        result.assessment = assessment = validate(result.consolidation, rulebook, history=lookup)
        council_votes, vote_problems = load_votes(settings, votes, vote_rows, vote_source)
        assessment.problems.extend(store_notes + vote_problems)
    if stop >= 2:
        _step(progress, RANK)
        result.ranking = ranking = rank(assessment, rulebook, council_votes)
    if stop >= 3:
        _step(progress, SELECT)
        result.selection = select(ranking, assessment, rulebook, load_legal(),
                                  settings.effective_decision_date(),
                                  superior_decision_date=settings.superior_decision_date)
        if not result.selection.selected and not result.selection.fast_track:
            result.selection.problems.append(Finding(severity=Severity.WARNING, rule_id=NOTHING_TO_SIGN,
                                                     message=RULES[NOTHING_TO_SIGN].message))
    return result, council_votes


def run(settings: RunSettings, *, until: str = OUTPUTS, units: list[Unit] | None = None,
        votes: Votes | None = None, vote_rows: list[list] | None = None, vote_source: str = "",
        progress: Progress | None = None) -> RunResult:
    """Run the stages up to and including ``until`` (one of ``STAGES``) and return everything computed.

    What the run writes forms one set that replaces the previous one at the end, together with the
    history row of a run that reached the outputs (``exemplars.outputs.output_set``).
    ``vote_rows``: the rows of a «Phiếu bầu» table (header anywhere in the first 30 rows), read like
    ``settings.votes_file``; ``vote_source`` names them in the findings."""
    if until not in STAGES:
        raise InputError(f"Bước «{until}» không hợp lệ; chọn một trong: {', '.join(STAGES)}.")
    stop = STAGES.index(until)
    rulebook = load_rulebook(settings.rulebook)
    history = Path(settings.history_db) if settings.history_db is not None and stop >= 1 else None
    with _session(settings, progress, history=history) as staged, contextlib.ExitStack() as workers:
        register: list[Background[Path]] = []

        def write_register_beside(cons: Consolidation) -> None:
            # a worker only when stages follow the consolidation for it to overlap
            job = Background(_write_register, cons, staged.dir,
                             parallel=stop >= 1 and worth_a_worker(len(cons.register)))
            workers.callback(job.close)  # a run that stops early ends the worker before its folder goes
            register.append(job)

        result, _ = _stages(settings, rulebook, stop, staged.run_id, units=units, votes=votes, vote_rows=vote_rows,
                            vote_source=vote_source, progress=progress,
                            consolidated=write_register_beside)
        record = None
        staged_outputs: dict[str, Path] = {}
        if stop >= 4:
            _step(progress, OUTPUTS)
            staged_outputs = _write_outputs(result, settings, rulebook, staged.dir, progress)
            if history is not None:
                store = history

                def record() -> None:
                    record_run(store, result, settings, stage=STAGES[stop])
        staged_outputs["summary"] = write_summary(result, staged.dir)
        staged_outputs["register"] = register[0].result()
        staged.commit(list(staged_outputs.values()), year=settings.year,
                      history=history if record is not None else None, record=record)
    if stop >= 4:
        result.outputs = {key: staged.final(path) for key, path in staged_outputs.items()}
        if progress is not None:
            progress(len(STAGES), len(STAGES), "Hoàn tất.")
    return result


def dossier(settings: RunSettings, *, units: list[Unit] | None = None, votes: Votes | None = None,
            vote_rows: list[list] | None = None, vote_source: str = "",
            progress: Progress | None = None) -> tuple[RunResult, Dossier]:
    """The dossier for signature (``exemplars.dossier``) from the same settings as ``run``.

    The stages are computed again up to the selection (the same inputs give the same list), so the
    dossier always matches the folder, the votes and the settings of this moment.  It holds the output
    folder's lock while it works but commits no output set: the submission, the letters and the history
    store stay as the last full run wrote them.
    """
    rulebook = load_rulebook(settings.rulebook)
    check_folders(settings)
    out_dir = Path(settings.out_dir)
    with locks.hold(out_dir / LOCK_FILE, f"thư mục kết quả «{out_dir}»", wait=settings.lock_wait,
                    announce=_announcer(progress)):
        result, council_votes = _stages(settings, rulebook, STAGES.index(SELECT), new_run_id(), units=units,
                                        votes=votes, vote_rows=vote_rows, vote_source=vote_source,
                                        progress=progress)
        made = _write_dossier(result, settings, rulebook, council_votes, progress)
    if progress is not None:
        progress(len(STAGES), len(STAGES), "Hoàn tất.")
    return result, made


def _write_dossier(result: RunResult, settings: RunSettings, rulebook: Rulebook, council_votes: Votes | None,
                   progress: Progress | None) -> Dossier:
    if progress is not None:
        progress(len(STAGES) - 1, len(STAGES), "Đang lập hồ sơ trình ký (tờ trình, biên bản, báo cáo, quyết định)…")
    try:
        return write_dossier(result, settings, rulebook, council_votes)
    except ExemplarsError:
        raise
    except Exception as exc:  # keep what was written; tell the clerk which step failed and why
        raise OutputError(f"Không ghi được hồ sơ trình ký vào «{Path(settings.out_dir)}»: {exc}. Hãy đóng các "
                          "văn bản đang mở trong Word rồi chạy lại.") from exc

"""Feedback to each unit: what the office received, what must be fixed and where, and the outcome.

One workbook per unit that sent files, ready to sign and send back: a công văn in the
Nghị định 30/2020 frame (Quốc hiệu, Tiêu ngữ, số and "V/v …", "Kính gửi", "Nơi nhận",
the signer's authority and name), a plain Vietnamese paragraph with the counts, the
unit's problems with the exact place ("Danh sách đề xuất!F14") and the status of each of
its candidates.  The clerk's text never carries rule codes: they stand in the last,
technical column of the problems table only.  A unit without problems gets the same
letter saying so.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from exemplars.findings import Finding, count_by_severity
from exemplars.outputs import document
from exemplars.outputs.outcomes import (
    NOT_ELIGIBLE,
    Outcome,
    candidate_outcomes,
    clerk_text,
    plan_codes,
    sorted_problems,
)
from exemplars.outputs.page import OfficialSheet, PageLayout
from exemplars.register import cell_text, label_of
from exemplars.results import DRAFT_MARK, FileRecord, FileStatus, Progress, RunResult
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings
from exemplars.xlsx import atomic_path, new_workbook

FEEDBACK_DIR = "phan-hoi-don-vi"
#: a letter's name stem in UTF-8 bytes: room under the usual 255-byte limit for the temporary-file affixes
MAX_STEM_BYTES = 120
PROGRESS_STEPS = 20
WIDTHS = (5, 22, 16, 22, 20, 50, 16)
LAST = len(WIDTHS) - 1
LEFT, RIGHT = (0, 3), (4, LAST)  # letter head: sender at the left, Quốc hiệu, place and date at the right
FRAME = document.Frame(left=LEFT, right=RIGHT, line_column=2)
PROBLEM_HEADERS = ("STT", "Mức độ", "Tệp", "Vị trí (sheet!ô)", "Giá trị hiện tại", "Nội dung và cách sửa",
                   "Mã quy tắc (tra cứu)")
CANDIDATE_HEADERS = ("STT", "Họ và tên / Tên tập thể", "Loại đối tượng", "Vị trí (sheet, dòng)",
                     "Xét điều kiện", "Lý do, ghi chú", "Kết quả")


@dataclass
class UnitPacket:
    """Everything one feedback letter needs about one sender."""

    key: str  # unit code, or the file's path in the folder (without extension) when the unit is unknown
    name: str
    files: list[FileRecord] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)


def feedback_packets(result: RunResult) -> list[UnitPacket]:
    """One packet per unit that sent at least one file (temporary and hidden files do not count)."""
    packets: dict[str, UnitPacket] = {}
    for f in result.consolidation.files:
        if f.status is FileStatus.SKIPPED and not f.unit_code:
            continue
        # a file of an unknown unit is its own sender: DonViA/dang-ky.xlsx and DonViB/dang-ky.xlsx stay apart
        key = f.unit_code or str(PurePosixPath(f.path).with_suffix(""))
        packet = packets.setdefault(key, UnitPacket(key, f.unit_name or f.unit_code or f.path))
        packet.files.append(f)
    by_file = {f.path: p for p in packets.values() for f in p.files}
    for problem in result.problems:
        owner = packets.get(problem.unit_code) if problem.unit_code else None
        owner = owner or by_file.get(problem.file)
        if owner is not None:
            owner.problems.append(problem)
    for row in result.consolidation.records():
        owner = packets.get(cell_text(row.get("unit_code")))
        owner = owner or by_file.get(cell_text(row.get("source_file")))
        if owner is not None:
            owner.candidates.append(row)
    for packet in packets.values():
        packet.problems = sorted_problems(packet.problems)
    return sorted(packets.values(), key=lambda p: p.key)


def safe_file_stem(key: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A unit code or file path as a file name: no path separators or characters Windows refuses, and at
    most ``max_bytes`` in UTF-8 (file systems allow 255 per name; a long name is cut and given a short
    fingerprint of the whole, so two long names stay apart)."""
    cleaned = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in key).strip(" .")
    cleaned = cleaned or "don-vi"
    if len(cleaned.encode("utf-8")) <= max_bytes:
        return cleaned
    tag = "-" + hashlib.sha1(cleaned.encode("utf-8")).hexdigest()[:8]
    cut = cleaned.encode("utf-8")[: max_bytes - len(tag)].decode("utf-8", "ignore").rstrip(" .")
    return cut + tag


def unique_stems(keys: list[str]) -> dict[str, str]:
    """key → file stem, distinct even where file systems ignore letter case («DV01» and «dv01»)."""
    used: set[str] = set()
    stems: dict[str, str] = {}
    for key in keys:
        stem = safe_file_stem(key)
        candidate, n = stem, 1
        while candidate.casefold() in used:
            n += 1
            candidate = safe_file_stem(key, MAX_STEM_BYTES - 4) + f"-{n}"
        used.add(candidate.casefold())
        stems[key] = candidate
    return stems


def place(problem: Finding) -> str:
    """"Danh sách đề xuất!F14", or the sheet alone, or "" for a file-level problem."""
    if problem.sheet and problem.cell:
        return f"{problem.sheet}!{problem.cell}"
    return problem.sheet or problem.cell


def summary_paragraph(packet: UnitPacket) -> str:
    """The plain-Vietnamese opening paragraph with counts."""
    counts = count_by_severity(packet.problems)
    names = ", ".join(PurePosixPath(f.path).name for f in packet.files)
    received = (f"Văn phòng đã nhận {len(packet.files)} tệp ({names}) với {len(packet.candidates)} ứng viên "
                "đăng ký điển hình tiên tiến của đơn vị.")
    if not packet.problems:
        return received + " Hồ sơ không có lỗi, cảnh báo hay ghi chú nào; đơn vị không cần sửa, gửi lại."
    tail = (f" Kết quả kiểm tra: {counts['error']} lỗi cần sửa, {counts['warning']} cảnh báo cần xem lại và "
            f"{counts['notice']} ghi chú.")
    if counts["error"]:
        tail += (" Đề nghị đơn vị sửa đúng các ô nêu trong bảng dưới đây (giữ nguyên mẫu, không đổi tên sheet, "
                 "không chèn cột) và gửi lại tệp cho Văn phòng.")
    else:
        tail += " Đơn vị không bắt buộc gửi lại tệp; đề nghị xem các cảnh báo để bổ sung khi cần."
    return received + tail


def _candidate_values(row: dict, outcome: Outcome | None, codes: dict[str, str]) -> list[str]:
    sheet, line = cell_text(row.get("source_sheet")), cell_text(row.get("source_row"))
    where = f"{sheet}, dòng {line}" if line else sheet
    if outcome is None or outcome.eligible is None:
        check, reason, status = "Chưa xét", "", ""
    else:
        check = "Đủ điều kiện" if outcome.eligible else "Chưa đủ điều kiện"
        reason = clerk_text(outcome.detail or outcome.reasons, codes)
        status = "" if outcome.status == NOT_ELIGIBLE else outcome.status
    return [cell_text(row.get("name")), label_of("subject_kind", row.get("subject_kind")), where,
            check, reason, status]


def feedback_recipients(settings_recipients: list[str]) -> list[str]:
    """"Như trên" (the unit addressed) and the agency's own filing line of the submission."""
    filing = [r for r in settings_recipients if r.strip().lstrip("- ").startswith("Lưu")]
    return ["Như trên;"] + (filing[-1:] or ["Lưu: VT."])


def _letter_head(page: PageLayout, year: int, settings: RunSettings, rb: Rulebook, packet: UnitPacket) -> None:
    header = settings.header.resolved(rb)
    subject = f"V/v phản hồi kết quả tiếp nhận, kiểm tra hồ sơ đăng ký điển hình tiên tiến năm {year}"
    numbered = header.model_copy(update={"doc_number": ""})  # the clerk's office numbers each letter
    document.header_block(page, FRAME, numbered, rb.submission.doc_symbol, subject=subject)
    document.addressee(page, (0, LAST), packet.name)
    page.skip(6)
    paragraph = summary_paragraph(packet)
    page.merged((0, LAST), paragraph, page.fmt("body"), height=page.lines_height(paragraph, (0, LAST), 13))
    page.skip(6)


def write_unit_feedback(result: RunResult, settings: RunSettings, rulebook: Rulebook, packet: UnitPacket,
                        target: Path, outcomes: dict[str, Outcome] | None = None) -> Path:
    """Write one unit's feedback workbook to ``target`` atomically."""
    outcomes = candidate_outcomes(result) if outcomes is None else outcomes
    return write_letter(_letters(result, settings, rulebook), packet, target, outcomes)


@dataclass(frozen=True)
class _Letters:
    """What every letter of a run shares, apart from the run result (also what a worker process is sent)."""

    year: int
    draft: bool
    settings: RunSettings
    rulebook: Rulebook
    codes: dict[str, str]  # plan_codes(rulebook), computed once per run


def _letters(result: RunResult, settings: RunSettings, rulebook: Rulebook) -> _Letters:
    draft = result.selection is not None and result.selection.draft
    return _Letters(result.consolidation.year, draft, settings, rulebook, plan_codes(rulebook))


def write_letter(run: _Letters, packet: UnitPacket, target: Path, outcomes: Mapping[str, Outcome]) -> Path:
    """One letter from what it shows alone."""
    settings, rulebook, codes = run.settings, run.rulebook, run.codes
    header = settings.header.resolved(rulebook)
    with atomic_path(target) as tmp:
        wb = new_workbook(tmp, in_memory=True)  # a small book: no temporary part files
        ws = wb.add_worksheet("Phản hồi", worksheet_class=OfficialSheet)
        page = PageLayout(wb, ws, WIDTHS)
        _letter_head(page, run.year, settings, rulebook, packet)
        page.keep_together(20 + page.row_height(list(PROBLEM_HEADERS), bold=True) + 40)
        page.merged((0, LAST), "I. CÁC LỖI, CẢNH BÁO CẦN XỬ LÝ", page.fmt("section"), height=20)
        page.header_row(PROBLEM_HEADERS)
        if not packet.problems:
            page.none_row("Không có lỗi hay cảnh báo nào.")
        for i, p in enumerate(packet.problems, start=1):
            page.data_row([str(i), p.severity.label, PurePosixPath(p.file).name, place(p), p.value,
                           clerk_text(p.message, codes), p.rule_id])
        page.end_table()
        page.skip(8)
        closing = (f"Kết quả chọn là kết quả xét sơ bộ; {rulebook.selection.decided_by} xem xét, quyết định "
                   "danh sách chính thức. Mọi thắc mắc xin liên hệ Văn phòng.")
        if run.draft:
            closing = f"{DRAFT_MARK}. {closing}"
        closing_height = page.lines_height(closing, (0, LAST), 13)
        recipients = feedback_recipients(header.recipients)
        # the last candidate row keeps the closing and the signature with it: never a page of signature alone
        tail = 8 + closing_height + document.signature_height(page, header, recipients)
        page.keep_together(20 + page.row_height(list(CANDIDATE_HEADERS), bold=True) + 40)
        page.merged((0, LAST), "II. TÌNH TRẠNG CÁC ỨNG VIÊN CỦA ĐƠN VỊ", page.fmt("section"), height=20)
        page.header_row(CANDIDATE_HEADERS)
        if not packet.candidates:
            page.keep_together(20 + tail)
            page.none_row("Không đọc được ứng viên nào từ tệp của đơn vị.")
        for i, row in enumerate(packet.candidates, start=1):
            page.data_row([str(i), *_candidate_values(row, outcomes.get(str(row.get("id"))), codes)],
                          keep_with=tail if i == len(packet.candidates) else 0.0)
        page.end_table()
        page.skip(8)
        page.merged((0, LAST), closing, page.fmt("body"), height=closing_height)
        document.signature(page, FRAME, header, recipients)
        page.finish()
        wb.close()
    return target


def write_feedback(result: RunResult, settings: RunSettings, rulebook: Rulebook, folder: Path,
                   outcomes: dict[str, Outcome] | None = None, *,
                   progress: Progress | None = None) -> dict[str, Path]:
    """One workbook per sender in ``folder``; stale workbooks of earlier runs are removed.

    Returns ``{"feedback:<key>": path}``; ``progress(done, total, key)`` about twenty times in all.
    """
    outcomes = candidate_outcomes(result) if outcomes is None else outcomes
    packets = feedback_packets(result)
    stems = unique_stems([p.key for p in packets])
    targets = [folder / f"{stems[p.key]}.xlsx" for p in packets]
    written_letters(result, settings, rulebook, list(zip(packets, targets, strict=True)), outcomes,
                    progress=progress)
    written = {f"feedback:{p.key}": t for p, t in zip(packets, targets, strict=True)}
    keep = {p.resolve() for p in written.values()}
    if folder.is_dir():
        for old in folder.glob("*.xlsx"):
            if old.resolve() not in keep:
                old.unlink()
    return written


PARALLEL_MIN_LETTERS = 200  # below this, starting processes costs more than it saves
MAX_WORKERS = 4
#: What a letter reads of a register row; only these cross to a worker process.
_LETTER_FIELDS = ("id", "name", "subject_kind", "source_sheet", "source_row")

Job = tuple[UnitPacket, Path]


def _write_chunk(run: _Letters, chunk: list[Job], outcomes: Mapping[str, Outcome],
                 progress: Progress | None = None, start: int = 0, total: int = 0) -> None:
    every = max(1, total // PROGRESS_STEPS)
    for i, (packet, target) in enumerate(chunk, start=start):
        if progress is not None and i % every == 0:
            progress(i, total, packet.key)
        write_letter(run, packet, target, outcomes)


def _portable(chunk: list[Job], outcomes: Mapping[str, Outcome]) -> tuple[list[Job], dict[str, Outcome]]:
    """The chunk with register rows cut to what a letter shows, and only its candidates' outcomes."""
    small = [(UnitPacket(p.key, p.name, p.files, p.problems, [{k: row.get(k) for k in _LETTER_FIELDS}
                                                              for row in p.candidates]), t) for p, t in chunk]
    ids = {str(row.get("id")) for p, _ in chunk for row in p.candidates}
    return small, {cid: outcomes[cid] for cid in ids if cid in outcomes}


def written_letters(result: RunResult, settings: RunSettings, rulebook: Rulebook, jobs: list[Job],
                    outcomes: Mapping[str, Outcome], workers: int | None = None, *,
                    progress: Progress | None = None) -> None:
    """Write every letter; above ``PARALLEL_MIN_LETTERS`` on several cores, chunks go to worker processes.

    Each letter is a file of its own, written atomically, whoever writes it, so the
    letters are the same bytes either way. If the pool cannot start or breaks, the
    letters not yet written are written here: nothing is lost. ``progress(done, total, key)``
    is told about twenty times (in parallel, as the chunks finish).
    """
    run = _letters(result, settings, rulebook)
    cpus = os.cpu_count() or 1
    n = workers if workers is not None else (min(cpus, MAX_WORKERS) if len(jobs) > PARALLEL_MIN_LETTERS else 1)
    if n <= 1:
        _write_chunk(run, jobs, outcomes, progress, 0, len(jobs))
        return
    size = max(1, min(64, len(jobs) // (n * 4)))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    done = [False] * len(chunks)
    every = max(1, len(jobs) // PROGRESS_STEPS)
    try:
        with ProcessPoolExecutor(max_workers=n) as pool:
            futures: list[Future] = [pool.submit(_write_chunk, run, *_portable(c, outcomes))
                                     for c in chunks]
            for i, future in enumerate(futures):
                future.result()
                done[i] = True
                finished = i * size + len(chunks[i])
                if progress is not None and finished // every > i * size // every:
                    progress(finished, len(jobs), chunks[i][-1][0].key)
    except Exception:  # noqa: BLE001 - a broken pool (no right to start processes, a worker killed…)
        pass
    for i, (chunk, finished_chunk) in enumerate(zip(chunks, done, strict=True)):
        if not finished_chunk:
            _write_chunk(run, chunk, outcomes, progress, i * size, len(jobs))

"""``exemplars run``: the whole pipeline on a folder of unit workbooks, with a Vietnamese summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from exemplars.catalogue import NEW_HISTORY_STORE, NOTHING_TO_SIGN, TIE_AT_LAST_PLACE
from exemplars.cli.options import folder_options
from exemplars.cli.progress import ProgressBar
from exemplars.findings import count_by_severity
from exemplars.results import DRAFT_MARK, OFFICE_PROPOSAL_LABEL, FileStatus, RunResult, SelectedCandidate
from exemplars.selection import fast_track_total
from exemplars.settings import DocumentHeader, RunSettings
from exemplars.vi.notation import format_vnd, number_vi
from exemplars.vi.values import parse_day

OUTPUT_LABELS = {
    "submission": "Danh sách đăng ký (Excel)",
    "submission_pdf": "Danh sách đăng ký (PDF)",
    "working_register": "Sổ làm việc của Thường trực",
    "register": "Sổ tổng hợp",
    "summary": "Tóm tắt (summary.json)",
}




def _candidate_line(c: SelectedCandidate) -> str:
    rank = f"hạng {c.rank}" if c.rank is not None else "chưa xếp hạng"
    money = f"{c.reward.form_label}: {format_vnd(c.reward.amount)} đ" if c.reward else "chưa tính tiền thưởng"
    origin = f"; {OFFICE_PROPOSAL_LABEL}" if c.office_proposed else ""
    return (f"  - {c.name} ({c.kind.label}, {c.unit_name or c.unit_code}) — {number_vi(c.score)} điểm, {rank}; "
            f"{money}{origin}")


def describe_result(result: RunResult) -> list[str]:
    """The run's summary as Vietnamese lines for the terminal."""
    cons = result.consolidation
    lines = [f"Quy chế: {cons.rulebook.id} — năm {cons.year}"]
    statuses = Counter(f.status for f in cons.files)
    detail = ", ".join(f"{s.label.lower()} {statuses[s]}" for s in FileStatus if statuses.get(s))
    lines.append(f"Tệp: {len(cons.files)}" + (f" ({detail})" if detail else ""))
    lines.append(f"Ứng viên: {len(cons.register)}")
    if cons.units_missing:
        lines.append("Đơn vị chưa gửi: " + ", ".join(f"{u.name} ({u.code})" for u in cons.units_missing))
    if cons.units_wrong_format:
        lines.append("Đơn vị gửi sai định dạng (cần lưu lại thành .xlsx): "
                     + ", ".join(f"{u.name} ({u.code})" for u in cons.units_wrong_format))
    if result.assessment is not None:
        lines.append(f"Đủ điều kiện: {int(result.assessment.table['eligible'].sum())}")
    sel = result.selection
    if sel is not None:
        if sel.draft:
            lines.append(f"{DRAFT_MARK}.")
        lines.append(f"Được lựa chọn: {len(sel.selected)}")
        lines += [_candidate_line(c) for c in sel.selected]
        if sel.fast_track:
            lines.append(f"Không khống chế số lượng, trình Thủ trưởng quyết định: {len(sel.fast_track)} "
                         f"(tiền thưởng {format_vnd(fast_track_total(sel, cons.rulebook))} đ)")
            lines += [_candidate_line(c) for c in sel.fast_track]
        lines.append(f"Dự bị, không được chọn: {len(sel.reserve)}")
        lines += [f"  - Đồng điểm: {p.message}" for p in sel.problems if p.rule_id == TIE_AT_LAST_PLACE]
        lines.append(f"Tổng tiền thưởng danh sách chính: {format_vnd(sel.reward_total)} đồng "
                     f"(ngày quyết định {sel.decision_date:%d/%m/%Y})")
        if sel.superior_total:
            lines.append(f"Đề nghị cấp trên khen thưởng (cấp trên chi trả, không tính vào tổng trên): "
                         f"{format_vnd(sel.superior_total)} đồng")
    sev = count_by_severity(result.problems)
    lines.append(f"Vấn đề: {sev['error']} lỗi, {sev['warning']} cảnh báo, {sev['notice']} ghi chú")
    # the two findings that change what the clerk gets from this run are repeated in full
    lines += [f"  {p.severity.label}: {p.message}" for p in result.problems
              if p.rule_id in (NEW_HISTORY_STORE, NOTHING_TO_SIGN)]
    if result.outputs:
        lines.append("Kết quả:")
        feedback = [p for k, p in result.outputs.items() if k.startswith("feedback:")]
        for key, path in result.outputs.items():
            if not key.startswith("feedback:"):
                lines.append(f"  {OUTPUT_LABELS.get(key, key)}: {path}")
        if feedback:
            lines.append(f"  Phản hồi cho đơn vị ({len(feedback)} tệp): {feedback[0].parent}")
    return lines


@click.command("run")
@folder_options
@click.option("--votes", "votes_file", type=click.Path(path_type=Path), default=None,
              help="Tệp phiếu bầu của Hội đồng (sheet «Phiếu bầu»).")
@click.option("--period", default="nam", show_default=True,
              help="Kỳ của lần chạy: nam, 6_thang, 9_thang, Q1…Q4 hoặc mã kỳ như 2026-Q3, 2026-6T.")
@click.option("--decision-date", default=None, help="Ngày quyết định khen thưởng dd/mm/yyyy (mặc định 31/12).")
@click.option("--history", "history_db", type=click.Path(path_type=Path), default=None,
              help="Cơ sở dữ liệu lịch sử (SQLite) để đối chiếu các năm trước và lưu lần chạy này.")
@click.option("--received", "received_file", type=click.Path(path_type=Path), default=None,
              help="Sổ nhận hồ sơ (.xlsx/.csv: Mã đơn vị hoặc Tệp, Ngày nhận) để theo dõi hạn gửi.")
@click.option("--agency", default="", help="Tên cơ quan ban hành (mặc định theo quy chế).")
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--doc-number", default="", help="Số văn bản, ví dụ 125.")
def command(folder: Path, rules: str, year: int, out_dir: Path, units_file: Path | None, votes_file: Path | None,
            period: str, decision_date: str | None, history_db: Path | None, received_file: Path | None, agency: str,
            signer: str, doc_number: str, max_file_mb: float, lock_wait: float) -> None:
    """Tổng hợp, kiểm tra, xếp hạng, lựa chọn và lập danh sách điển hình tiên tiến."""
    # Imported when the command runs: the pipeline adds about 75 ms to every `exemplars` start (measured after
    # the command line's own imports); the other commands do not need it.
    from exemplars.pipeline import run

    settings = RunSettings(
        folder=folder, out_dir=out_dir, rulebook=rules, year=year, period=period, units_file=units_file,
        votes_file=votes_file, received_file=received_file,
        history_db=history_db, decision_date=parse_day(decision_date, "--decision-date"), max_file_mb=max_file_mb,
        lock_wait=lock_wait,
        header=DocumentHeader(agency=agency, signer_name=signer, doc_number=doc_number),
    )
    bar = ProgressBar()
    try:
        result = run(settings, progress=bar)
    finally:
        bar.close()
    for line in describe_result(result):
        click.echo(line)

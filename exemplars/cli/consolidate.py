"""``exemplars consolidate``: read a folder of unit workbooks into the register and ``summary.json``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from exemplars.cli.options import folder_options
from exemplars.cli.progress import ProgressBar
from exemplars.findings import count_by_severity
from exemplars.results import FileStatus
from exemplars.settings import RunSettings


@click.command("consolidate")
@folder_options
def command(folder: Path, rules: str, year: int, out_dir: Path, units_file: Path | None, max_file_mb: float,
            lock_wait: float) -> None:
    """Tổng hợp thư mục tệp đăng ký của các đơn vị thành sổ tổng hợp và summary.json."""
    # Imported when the command runs: the pipeline adds about 75 ms to every `exemplars` start (measured after
    # the command line's own imports); the other commands do not need it.
    from exemplars import pipeline

    settings = RunSettings(folder=folder, out_dir=out_dir, rulebook=rules, year=year,
                           units_file=units_file, max_file_mb=max_file_mb, lock_wait=lock_wait)
    bar = ProgressBar()
    try:
        cons = pipeline.consolidate(settings, progress=bar)
    finally:
        bar.close()
    register, summary = out_dir / pipeline.REGISTER_FILE, out_dir / pipeline.SUMMARY_FILE
    by_status = Counter(f.status for f in cons.files)
    click.echo(f"Đã tổng hợp {len(cons.files)} tệp trong «{folder}»:")
    for status in FileStatus:
        if by_status.get(status):
            click.echo(f"  {status.label}: {by_status[status]}")
    click.echo(f"Ứng viên: {len(cons.register)}")
    sev = count_by_severity(cons.problems)
    click.echo(f"Vấn đề: {sev['error']} lỗi, {sev['warning']} cảnh báo, {sev['notice']} ghi chú")
    if cons.units_missing:
        names = ", ".join(f"{u.name} ({u.code})" for u in cons.units_missing)
        click.echo(f"Đơn vị chưa gửi ({len(cons.units_missing)}): {names}")
    if cons.units_wrong_format:
        names = ", ".join(f"{u.name} ({u.code})" for u in cons.units_wrong_format)
        click.echo(f"Đơn vị gửi sai định dạng ({len(cons.units_wrong_format)}), cần lưu lại thành .xlsx: {names}")
    click.echo(f"Sổ tổng hợp: {register}")
    click.echo(f"Tóm tắt: {summary}")

"""``exemplars consolidate``: read a folder of unit workbooks into the register and ``summary.json``."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from exemplars.problems import count_by_severity
from exemplars.results import FileStatus

REGISTER_FILE = "so-tong-hop.xlsx"
SUMMARY_FILE = "summary.json"
#: Below this many files the run is quick enough that a progress bar is only noise.
PROGRESS_MIN_FILES = 50


class _ProgressBar:
    """A click progress bar on stderr, opened on the first report of a long run."""

    def __init__(self) -> None:
        self.bar = None
        self.done = 0

    def __call__(self, done: int, total: int, message: str) -> None:
        if total <= PROGRESS_MIN_FILES:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Đang đọc tệp", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command("consolidate")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--rules", "rules", required=True, help="Mã quy chế (xem «exemplars profiles») hoặc tệp .toml.")
@click.option("--year", type=int, required=True, help="Năm đăng ký, ví dụ 2026.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Thư mục nhận kết quả.")
@click.option("--units", "units_file", type=click.Path(path_type=Path), default=None,
              help="Danh sách đơn vị (.xlsx/.csv); mặc định lấy theo quy chế.")
@click.option("--max-file-mb", type=float, default=25, show_default=True, help="Bỏ qua tệp lớn hơn mức này.")
def command(folder: Path, rules: str, year: int, out_dir: Path, units_file: Path | None, max_file_mb: float) -> None:
    """Tổng hợp thư mục tệp đăng ký của các đơn vị thành sổ tổng hợp và summary.json."""
    from exemplars.consolidate import consolidate_folder
    from exemplars.outputs.register_book import write_register
    from exemplars.outputs.summary import write_summary
    from exemplars.rulebook import load_rulebook
    from exemplars.units import load_units

    rulebook = load_rulebook(rules)
    units = load_units(rulebook, units_file)
    bar = _ProgressBar()
    try:
        cons = consolidate_folder(folder, rulebook, year, units=units, max_file_mb=max_file_mb, progress=bar)
    finally:
        bar.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    register = write_register(cons, out_dir / REGISTER_FILE)
    summary = write_summary(cons.summary(), out_dir / SUMMARY_FILE)
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
    click.echo(f"Sổ tổng hợp: {register}")
    click.echo(f"Tóm tắt: {summary}")

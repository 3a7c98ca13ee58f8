"""``exemplars report``: periodic reports (quarter, 6 months, 9 months, year) from the history store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from exemplars.errors import InputError
from exemplars.history.store import HistoryStore
from exemplars.settings import RunSettings
from exemplars.vi.values import parse_day


@click.command("report")
@click.option("--period", required=True,
              help="Kỳ báo cáo: 2026-Q1 … 2026-Q4, 2026-6T, 2026-9T, 2026 (năm); hoặc nam/6_thang/9_thang với --year.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Thư mục nhận kết quả (báo cáo nằm trong thư mục con bao-cao).")
@click.option("--history", "history_db", required=True, type=click.Path(path_type=Path),
              help="Cơ sở dữ liệu lịch sử (SQLite).")
@click.option("--rules", default=None, help="Mã quy chế; mặc định: quy chế của lần tổng hợp gần nhất.")
@click.option("--year", type=int, default=None, help="Năm, khi kỳ báo cáo không ghi năm.")
@click.option("--today", default=None, help="Ngày tính hạn, dạng dd/mm/yyyy; mặc định hôm nay.")
def command(period: str, out_dir: Path, history_db: Path, rules: str | None, year: int | None,
            today: str | None) -> None:
    """Lập báo cáo định kỳ (đánh giá đơn vị, danh sách quý/năm, khối thi đua, theo dõi thời hạn)."""
    # Imported when the command runs: the report writers adds about 35 ms to every `exemplars` start (measured after
    # the command line's own imports); the other commands do not need it.
    from exemplars.history.reports import periodic_report, resolve_period

    if not history_db.is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{history_db}».")
    when = resolve_period(period, year or dt.date.today().year)
    if rules is None:
        with HistoryStore(history_db) as store:
            runs = store.runs()
        if not runs:
            raise InputError(f"Cơ sở dữ liệu lịch sử «{history_db}» chưa có lần tổng hợp nào.")
        rules = runs[-1].rulebook_id
    settings = RunSettings(folder=out_dir, out_dir=out_dir, rulebook=rules, year=when.year,
                           period=when.settings_period, history_db=history_db)
    written = periodic_report(settings, when.code, today=parse_day(today, "--today"))
    click.echo(f"Đã lập {len(written)} báo cáo kỳ {when.label}:")
    for path in written.values():
        click.echo(f"  {path}")

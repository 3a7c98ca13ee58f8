"""``exemplars history``: list the recorded runs, export a year of history to a workbook."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.errors import InputError
from exemplars.history.export import export_year
from exemplars.history.store import RUN_STATUS_LABELS, HistoryStore


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{path}».")
    return path


@click.group("history")
def command() -> None:
    """Lịch sử các lần tổng hợp (cơ sở dữ liệu SQLite)."""


@command.command("runs")
@click.option("--history", "history_db", required=True, type=click.Path(path_type=Path),
              help="Cơ sở dữ liệu lịch sử (SQLite).")
@click.option("--year", type=int, default=None, help="Chỉ liệt kê các lần của năm này.")
def runs(history_db: Path, year: int | None) -> None:
    """Liệt kê các lần tổng hợp đã lưu (lần mới nhất của mỗi kỳ đánh dấu *)."""

    with HistoryStore(_existing(history_db)) as store:
        found = store.runs(year=year)
    if not found:
        click.echo("Chưa có lần tổng hợp nào.")
        return
    click.echo(f"{'Số':>4}   {'Kỳ':<22} {'Quy chế':<20} {'Kết thúc':<19}  {'Ứng viên':>8}  {'Được chọn':>9}  Giai đoạn")
    for r in found:
        mark = "*" if r.latest else " "
        click.echo(f"{r.id:>4} {mark} {r.period.label:<22} {r.rulebook_id:<20} {r.finished_at:<19}  "
                   f"{r.candidate_count:>8}  {r.selected_count:>9}  {RUN_STATUS_LABELS.get(r.status, r.status)}")


@command.command("export")
@click.option("--year", type=int, required=True, help="Năm cần xuất.")
@click.option("--history", "history_db", required=True, type=click.Path(path_type=Path),
              help="Cơ sở dữ liệu lịch sử (SQLite).")
@click.option("--out", "out_path", required=True, type=click.Path(path_type=Path), help="Tệp .xlsx nhận kết quả.")
def export(year: int, history_db: Path, out_path: Path) -> None:
    """Xuất toàn bộ lịch sử một năm ra một tệp Excel."""

    path = export_year(_existing(history_db), year, out_path)
    click.echo(f"Đã xuất lịch sử năm {year}: {path}")

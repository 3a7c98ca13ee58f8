"""``exemplars nurture plan|collect`` and ``exemplars bulletin``: the nurturing steps (B-23, B-28..B-30,
A-31, B-27), through the same pipeline functions as the Excel buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from exemplars.errors import InputError
from exemplars.findings import count_by_severity
from exemplars.settings import RunSettings
from exemplars.vi.values import parse_day

_RULES = click.option("--rules", "rules", required=True, help="Mã quy chế (xem «exemplars profiles») hoặc tệp .toml.")
_YEAR = click.option("--year", type=int, required=True, help="Năm của các điển hình, ví dụ 2026.")
_OUT = click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Thư mục nhận kết quả.")
_HISTORY = click.option("--history", "history_db", required=True, type=click.Path(path_type=Path),
                        help="Cơ sở dữ liệu lịch sử (SQLite) có danh sách điển hình đã lựa chọn.")


def _settings(rules: str, year: int, out_dir: Path, history_db: Path, folder: Path | None = None) -> RunSettings:
    if not history_db.is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{history_db}».")
    return RunSettings(folder=folder or out_dir, out_dir=out_dir, rulebook=rules, year=year, history_db=history_db)


@click.group("nurture")
def command() -> None:
    """Kế hoạch bồi dưỡng, nhân rộng điển hình và báo cáo tiến độ."""


@command.command("plan")
@_RULES
@_YEAR
@_OUT
@_HISTORY
def plan(rules: str, year: int, out_dir: Path, history_db: Path) -> None:
    """Tạo cho mỗi đơn vị tệp «Kế hoạch bồi dưỡng, nhân rộng» điền sẵn điển hình của đơn vị."""
    # Imported when the command runs: the nurture pipeline loads the plan and report writers (about 40 ms).
    from exemplars.nurture.pipeline import make_plans

    paths = make_plans(_settings(rules, year, out_dir, history_db))
    click.echo(f"Đã tạo {len(paths)} kế hoạch bồi dưỡng, nhân rộng:")
    for path in paths:
        click.echo(f"  {path}")


@command.command("collect")
@click.argument("folder", type=click.Path(path_type=Path))
@_RULES
@_YEAR
@_OUT
@_HISTORY
@click.option("--round", "round_text", required=True,
              help="Kỳ: plan (kế hoạch đầu năm), 6_thang, 9_thang, nam, hoặc mã kỳ 2026-6T, 2026-9T, 2026, 2026-Q3.")
@click.option("--as-of", "as_of", default=None,
              help="Ngày tính quá hạn, dd/mm/yyyy; mặc định: ngày cuối kỳ (kế hoạch: hạn nộp kế hoạch).")
@click.option("--today", default=None, help="Ngày tính hạn nộp, dd/mm/yyyy; mặc định hôm nay.")
def collect(folder: Path, rules: str, year: int, out_dir: Path, history_db: Path, round_text: str,
            as_of: str | None, today: str | None) -> None:
    """Tổng hợp kế hoạch hoặc báo cáo tiến độ các đơn vị gửi về, lưu vào lịch sử."""
    from exemplars.nurture.pipeline import collect as collect_round

    done = collect_round(_settings(rules, year, out_dir, history_db, folder), round_text,
                         as_of=parse_day(as_of, "--as-of"), today=parse_day(today, "--today"))
    r = done.result
    t = r.totals()
    counts = count_by_severity(r.problems)
    click.echo(f"Kỳ {r.round_code} (tính đến {r.as_of:%d/%m/%Y}): {t['exemplars']} điển hình; hoạt động đã thực hiện "
               f"{t['done']}, quá hạn {t['late']}, chưa đến hạn {t['pending']}; {t['adopters']} nơi áp dụng.")
    click.echo("Tình trạng: " + "; ".join(f"{p.status.label}: {p.exemplar.name}" for p in r.exemplars))
    click.echo(f"Vấn đề: {counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['notice']} ghi chú.")
    click.echo(f"Bảng theo dõi: {done.workbook}")


@click.command("bulletin")
@_RULES
@_YEAR
@_OUT
@_HISTORY
@click.option("--as-of", "as_of", default=None, help="Thông tin đến ngày, dd/mm/yyyy; mặc định 31/12 của năm.")
@click.option("--no-pdf", is_flag=True, help="Không xuất PDF (không cần LibreOffice).")
def bulletin(rules: str, year: int, out_dir: Path, history_db: Path, as_of: str | None, no_pdf: bool) -> None:
    """Tài liệu tuyên truyền «Gương điển hình tiên tiến» (HTML, PDF) và tờ giới thiệu khổ A4."""
    from exemplars.nurture.pipeline import make_bulletin

    day: dt.date | None = parse_day(as_of, "--as-of")
    written = make_bulletin(_settings(rules, year, out_dir, history_db), as_of=day, pdf=not no_pdf)
    click.echo("Đã lập tài liệu tuyên truyền:")
    for path in written.values():
        click.echo(f"  {path}")

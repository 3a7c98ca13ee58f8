"""``exemplars demo``: sample unit workbooks for every shipped plan, run end to end."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.cli.run import describe_result


def describe_nurture(year) -> list[str]:
    """The demo's nurturing year in a few Vietnamese lines (``exemplars.demo.nurture.NurtureDemo``)."""
    lines = []
    if year.plans:
        lines.append(f"Bồi dưỡng, nhân rộng: {len(year.plans)} kế hoạch gửi đơn vị: {year.plans[0].parent}")
        lines += [f"  Lỗi cố ý: {m}" for m in year.mistakes]
    for done in year.rounds.values():
        t = done.result.totals()
        lines.append(f"  Kỳ {done.result.round_code} (đến {done.result.as_of:%d/%m/%Y}): {t['done']} hoạt động đã "
                     f"thực hiện, {t['late']} quá hạn; {t['adopters']} nơi áp dụng; {t['da_nhan_rong']} đã nhân rộng, "
                     f"{t['dung']} dừng, {t['chua_co_ke_hoach']} chưa có kế hoạch — {done.workbook}")
    for period, written in year.reports.items():
        lines.append(f"  Báo cáo định kỳ {period}: {', '.join(p.name for p in written.values())}")
    if year.bulletin:
        lines.append("Tài liệu tuyên truyền: " + ", ".join(str(p) for p in year.bulletin.values()))
    return lines


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("demo-output"), show_default=True,
              help="Thư mục nhận dữ liệu mẫu và kết quả (chạy lại sẽ thay thế).")
@click.option("--pictures", "pictures_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục nhận ảnh trang đầu của mỗi kết quả khi in (ví dụ docs/img); cần LibreOffice.")
def command(out_dir: Path, pictures_dir: Path | None) -> None:
    """Chạy thử toàn bộ quy trình trên dữ liệu mẫu của từng quy chế có sẵn."""
    # Imported when the command runs: the demo (sample generator and pipeline) adds about 75 ms to every `exemplars` start (measured after
    # the command line's own imports); the other commands do not need it.
    from exemplars.demo import (
        HISTORY_FILE,
        HISTORY_PERIODS,
        MANIFEST_FILE,
        RESULTS_DIR,
        UNIT_FILES_DIR,
        VOTES_FILE,
        run_demo,
    )

    runs = run_demo(out_dir)
    for demo in runs:
        click.secho(f"\n=== {demo.rulebook.agency} ({demo.rulebook.id}) ===", bold=True)
        click.echo(f"Tệp đăng ký mẫu của các đơn vị: {demo.base / UNIT_FILES_DIR}")
        click.echo(f"Lỗi cố ý trong dữ liệu mẫu ({len(demo.manifest.mistakes)}): {demo.base / MANIFEST_FILE}")
        click.echo(f"Phiếu bầu của Hội đồng: {demo.base / VOTES_FILE}")
        click.echo(f"Lịch sử các kỳ ({', '.join(HISTORY_PERIODS)}, năm): {demo.base / HISTORY_FILE} — ví dụ "
                   f"«exemplars report --period {demo.result.consolidation.year}-Q3 --history "
                   f"{demo.base / HISTORY_FILE} --out {demo.base / 'bao-cao'}»")
        for line in describe_result(demo.result):
            click.echo(line)
        if demo.nurture is not None:
            for line in describe_nurture(demo.nurture):
                click.echo(line)
        if demo.reports and (demo.nurture is None or not demo.nurture.reports):
            click.echo(f"Báo cáo định kỳ năm {demo.result.consolidation.year}, có theo dõi thời hạn: "
                       + ", ".join(p.name for p in demo.reports.values()))
    if pictures_dir is not None:
        from exemplars.demo.pictures import render_demo_pictures

        made = render_demo_pictures(runs, pictures_dir)
        click.echo(f"\nẢnh trang đầu của {len(made)} kết quả khi in: {pictures_dir}")
    click.echo(f"\nXong. Mở các thư mục «{RESULTS_DIR}» trong {out_dir.resolve()} để xem kết quả.")

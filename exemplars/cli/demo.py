"""``exemplars demo``: sample unit workbooks for every shipped plan, run end to end."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.cli.run import describe_result


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("demo-output"), show_default=True,
              help="Thư mục nhận dữ liệu mẫu và kết quả (chạy lại sẽ thay thế).")
def command(out_dir: Path) -> None:
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

    for demo in run_demo(out_dir):
        click.secho(f"\n=== {demo.rulebook.agency} ({demo.rulebook.id}) ===", bold=True)
        click.echo(f"Tệp đăng ký mẫu của các đơn vị: {demo.base / UNIT_FILES_DIR}")
        click.echo(f"Lỗi cố ý trong dữ liệu mẫu ({len(demo.manifest.mistakes)}): {demo.base / MANIFEST_FILE}")
        click.echo(f"Phiếu bầu của Hội đồng: {demo.base / VOTES_FILE}")
        click.echo(f"Lịch sử các kỳ ({', '.join(HISTORY_PERIODS)}, năm): {demo.base / HISTORY_FILE} — ví dụ "
                   f"«exemplars report --period {demo.result.consolidation.year}-Q3 --history "
                   f"{demo.base / HISTORY_FILE} --out {demo.base / 'bao-cao'}»")
        for line in describe_result(demo.result):
            click.echo(line)
    click.echo(f"\nXong. Mở các thư mục «{RESULTS_DIR}» trong {out_dir.resolve()} để xem kết quả.")

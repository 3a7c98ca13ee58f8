"""``exemplars dossier``: the dossier for signature, from the same settings as ``exemplars run``."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.cli.options import folder_options
from exemplars.cli.progress import ProgressBar
from exemplars.settings import DocumentHeader, RunSettings
from exemplars.vi.values import parse_day

LABELS = {"proposal": "Tờ trình", "minutes": "Biên bản họp Hội đồng", "decision": "Dự thảo Quyết định",
          "certificates": "Giấy khen (tệp in)", "test_page": "Trang thử căn lề Giấy khen"}


@click.command("dossier")
@folder_options
@click.option("--votes", "votes_file", type=click.Path(path_type=Path), default=None,
              help="Tệp phiếu bầu của Hội đồng (sheet «Phiếu bầu»); thiếu thì không lập Biên bản.")
@click.option("--decision-date", default=None, help="Ngày quyết định khen thưởng dd/mm/yyyy (mặc định 31/12).")
@click.option("--council-date", default=None, help="Ngày họp Hội đồng dd/mm/yyyy (để trống: dòng chấm để điền).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục mẫu Word riêng của cơ quan (tệp .docx cùng tên thay mẫu có sẵn).")
@click.option("--agency", default="", help="Tên cơ quan ban hành (mặc định theo quy chế).")
@click.option("--signer", default="", help="Họ tên người ký.")
def command(folder: Path, rules: str, year: int, out_dir: Path, units_file: Path | None, votes_file: Path | None,
            decision_date: str | None, council_date: str | None, templates_dir: Path | None, agency: str, signer: str,
            max_file_mb: float, lock_wait: float) -> None:
    """Lập hồ sơ trình ký: tờ trình, biên bản, báo cáo thành tích, dự thảo quyết định, Giấy khen."""
    # Imported when the command runs (the pipeline and the Word libraries slow every `exemplars` start).
    from exemplars.pipeline import dossier

    settings = RunSettings(
        folder=folder, out_dir=out_dir, rulebook=rules, year=year, units_file=units_file, votes_file=votes_file,
        decision_date=parse_day(decision_date, "--decision-date"), council_date=parse_day(council_date, "--council-date"),
        templates_dir=templates_dir, max_file_mb=max_file_mb, lock_wait=lock_wait, header=DocumentHeader(agency=agency, signer_name=signer),
    )
    bar = ProgressBar()
    try:
        _, made = dossier(settings, progress=bar)
    finally:
        bar.close()
    click.echo(f"Hồ sơ trình ký: {made.folder}")
    reports = [p for k, p in made.written.items() if k.startswith("report:") and not k.endswith("_pdf")]
    for key, label in LABELS.items():
        if key in made.written:
            pdf = " (+ PDF)" if f"{key}_pdf" in made.written else ""
            click.echo(f"  {label}: {made.written[key].name}{pdf}")
    click.echo(f"  Báo cáo thành tích: {len(reports)} tệp")
    for finding in made.findings:
        click.secho(f"Lưu ý [{finding.rule_id}]: {finding.message}", fg="yellow")

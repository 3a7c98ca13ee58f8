"""``exemplars rules-doc``: write ``docs/rules.md`` from the catalogue, the readings and the rulebooks."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.rules_doc import render_rules_markdown, write_rules_markdown


@click.command("rules-doc")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp Markdown cần ghi (mặc định: in ra màn hình).")
@click.option("--check", is_flag=True, help="Chỉ kiểm tra tệp --out có đúng với danh mục quy tắc hiện hành.")
def command(out: Path | None, check: bool) -> None:
    """Ghi danh mục mã quy tắc và cách đọc kế hoạch (docs/rules.md)."""
    if check:
        if out is None:
            raise click.UsageError("--check cần --out.")
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != render_rules_markdown():
            click.secho(f"{out} chưa cập nhật; chạy: exemplars rules-doc --out {out}", fg="red", err=True)
            raise SystemExit(1)
        click.echo(f"{out} đã cập nhật.")
        return
    if out is None:
        click.echo(render_rules_markdown(), nl=False)
    else:
        click.echo(f"Đã ghi {write_rules_markdown(out)}.")

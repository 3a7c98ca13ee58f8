"""``exemplars profiles``: list the rulebooks, or show one in Vietnamese."""

from __future__ import annotations

import click

from exemplars.rulebook import list_rulebooks, load_rulebook
from exemplars.rulebook.describe import describe_rulebook


@click.group("profiles", invoke_without_command=True)
@click.pass_context
def command(ctx: click.Context) -> None:
    """Danh sách quy chế (rulebook) có sẵn."""
    if ctx.invoked_subcommand is None:
        rows = [(r.id, r.agency, f"{r.plan_years[0]}–{r.plan_years[1]}") for r in list_rulebooks()]
        width = max(len(r[0]) for r in rows)
        click.echo(f"{'Mã':<{width}}  {'Giai đoạn':<9}  Cơ quan")
        for rid, agency, years in rows:
            click.echo(f"{rid:<{width}}  {years:<9}  {agency}")


@command.command("show")
@click.argument("rulebook")
def show(rulebook: str) -> None:
    """In tiêu chí, hạn mức và quy định của một quy chế (mã hoặc đường dẫn .toml)."""
    click.echo(describe_rulebook(load_rulebook(rulebook)))

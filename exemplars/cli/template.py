"""``exemplars template``: write the registration template of a rulebook, for one unit or all."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.rulebook import load_rulebook
from exemplars.rulebook.schema import Rulebook
from exemplars.template.build import build_template, make_templates
from exemplars.vi.text import fold


def find_unit(rb: Rulebook, text: str) -> Unit:
    """The unit whose code, name or former name matches ``text`` (case and diacritics ignored)."""
    wanted = fold(text)
    for unit in rb.units:
        if wanted in {fold(unit.code), fold(unit.name), *(fold(a) for a in unit.aliases)}:
            return unit
    known = "; ".join(f"{u.code} – {u.name}" for u in rb.units) or "(quy chế không có danh sách đơn vị)"
    raise InputError(f"Không có đơn vị «{text}» trong quy chế «{rb.id}». Các đơn vị: {known}.")


@click.command("template")
@click.option("--rules", "rules", required=True, help="Mã quy chế (ví dụ dong-nai-kcn-2020) hoặc đường dẫn tệp .toml.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Tệp .xlsx cần tạo (với --all-units: thư mục).")
@click.option("--unit", "unit", default=None, help="Tên hoặc mã đơn vị để điền sẵn vào mẫu.")
@click.option("--year", "year", type=click.IntRange(2000, 2100), default=None, help="Năm đăng ký (YYYY).")
@click.option("--all-units", "all_units", is_flag=True, help="Tạo mỗi đơn vị một mẫu trong thư mục --out.")
def command(rules: str, out: Path, unit: str | None, year: int | None, all_units: bool) -> None:
    """Tạo mẫu đăng ký điển hình tiên tiến (Excel) cho các đơn vị."""
    rb = load_rulebook(rules)
    if all_units:
        if unit:
            raise InputError("Không dùng đồng thời --unit và --all-units.")
        if out.suffix.lower() == ".xlsx":
            raise InputError(f"Với --all-units, --out phải là một thư mục, không phải tệp «{out.name}».")
        paths = make_templates(rb, out, rb.units, year)
        click.echo(f"Đã tạo {len(paths)} mẫu đăng ký trong thư mục {out}.")
        return
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"Tệp kết quả «{out}» phải có đuôi .xlsx.")
    chosen = find_unit(rb, unit) if unit else None
    path = build_template(rb, out, unit=chosen, year=year)
    who = f" cho {chosen.name}" if chosen else ""
    click.echo(f"Đã tạo mẫu đăng ký{who}: {path}")

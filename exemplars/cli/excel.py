"""``exemplars excel``: build the clerk's control workbook, point it at this Python, or bundle it for Windows."""

from __future__ import annotations

from pathlib import Path

import click

from exemplars.excel.builder.build import DEFAULT_OUT, SHIPPED, build_control_workbook
from exemplars.excel.builder.install import install_interpreter
from exemplars.excel.diagnostics import interpreter_path
from exemplars.excel.layout import DEFAULT_FILE
from exemplars.excel.windows import SUPPORTED_PYTHONS, remove_zone_mark, short_path


@click.group("excel")
def command() -> None:
    """Bảng điều khiển Excel (bang-dieu-khien.xlsm) của văn phòng Hội đồng."""


@command.command("build")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Tệp .xlsm sẽ tạo.")
def build(out: Path) -> None:
    """Tạo lại bảng điều khiển từ xlsx_macros/*.bas và mô-đun VBA của xlwings đã cài."""
    path = build_control_workbook(out)
    click.echo(f"Đã tạo bảng điều khiển: {path}")


def _default_workbook() -> Path:
    here = Path.cwd() / DEFAULT_FILE
    return here if here.is_file() else SHIPPED


@command.command("install")
@click.option("--workbook", "workbook", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Bảng điều khiển cần cài (mặc định: {DEFAULT_FILE} ở thư mục hiện tại, "
                   "hoặc bản trong thư mục workbook của gói).")
def install(workbook: Path | None) -> None:
    """Ghi đường dẫn Python này vào trang xlwings.conf để các nút bấm chạy đúng Python."""
    workbook = workbook or _default_workbook()
    # RunPython hands the path to cmd.exe through VBA strings: a non-ASCII path goes in its 8.3 short form.
    python = short_path(interpreter_path())
    install_interpreter(workbook, python)
    remove_zone_mark(workbook)  # the rewrite drops it already; said explicitly for a file left unchanged
    click.echo(f"Đã ghi Python «{python}» vào «{workbook}» (trang xlwings.conf, ô Interpreter_Win).")
    click.echo("Mở bảng điều khiển rồi bấm «7. Kiểm tra cài đặt».")


@command.command("pictures")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/img"),
              show_default=True, help="Thư mục lưu ảnh.")
def pictures(out: Path) -> None:
    """Dựng ảnh bảng điều khiển (qua LibreOffice) cho tài liệu hướng dẫn."""
    # Imported when the command runs: the picture renderer adds about 85 ms to every `exemplars` start (measured after
    # the command line's own imports); the other commands do not need it.
    from exemplars.excel.builder.pictures import render_dossier_pictures, render_pictures

    for path in render_pictures(out) + render_dossier_pictures(out):
        click.echo(str(path))


@command.command("bundle")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục bộ cài sẽ tạo (kèm tệp .zip cùng tên).")
@click.option("--python", "pythons", multiple=True, default=SUPPORTED_PYTHONS, show_default=True,
              help="Phiên bản Python cho Windows cần có thư viện (ghi nhiều lần).")
@click.option("--wheel", "wheel", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp .whl của phần mềm (mặc định: đóng gói từ thư mục mã nguồn).")
@click.option("--no-zip", "no_zip", is_flag=True, help="Không tạo tệp .zip.")
def bundle(out: Path, pythons: tuple[str, ...], wheel: Path | None, no_zip: bool) -> None:
    """Bộ cài Windows không cần Internet: thư viện, bảng điều khiển, mẫu, hướng dẫn PDF, cai-dat.bat."""
    # Imported when the command runs: the bundle builder adds about 135 ms to every `exemplars` start (measured:
    # packaging's wheel-tag machinery and the LibreOffice helpers); the other commands do not need it.
    from exemplars.excel.bundle import build_bundle

    made = build_bundle(out, pythons=pythons, wheel=wheel, make_zip=not no_zip)
    for python, count in made.wheels_per_python.items():
        click.echo(f"Python {python} (win_amd64): {count} thư viện")
    click.echo(f"Đã tạo bộ cài: {made.folder} ({len(made.files)} tệp)")
    if made.archive:
        click.echo(f"Tệp nén: {made.archive} ({made.archive.stat().st_size / 1_048_576:.1f} MiB)")
    click.echo("Chép thư mục (hoặc tệp .zip) sang máy Windows, giải nén, bấm đúp cai-dat.bat.")

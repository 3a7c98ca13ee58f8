"""Arguments shared by the commands that read a folder of unit workbooks."""

from __future__ import annotations

from pathlib import Path

import click

_FOLDER_OPTIONS = (
    click.argument("folder", type=click.Path(path_type=Path)),
    click.option("--rules", "rules", required=True, help="Mã quy chế (xem «exemplars profiles») hoặc tệp .toml."),
    click.option("--year", type=int, required=True, help="Năm đăng ký, ví dụ 2026."),
    click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Thư mục nhận kết quả."),
    click.option("--units", "units_file", type=click.Path(path_type=Path), default=None,
                 help="Danh sách đơn vị (.xlsx/.csv); mặc định lấy theo quy chế."),
    click.option("--max-file-mb", type=float, default=25, show_default=True, help="Bỏ qua tệp lớn hơn mức này."),
)


def folder_options(func):
    """FOLDER, --rules, --year, --out, --units and --max-file-mb, in that order."""
    for decorate in reversed(_FOLDER_OPTIONS):
        func = decorate(func)
    return func

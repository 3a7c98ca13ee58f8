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
    click.option("--wait", "lock_wait", type=float, default=30, show_default=True,
                 help="Số giây chờ khi một lần chạy khác đang ghi vào cùng thư mục kết quả (hoặc cơ sở dữ liệu "
                      "lịch sử); hết thời gian thì dừng."),
)


def folder_options(func):
    """FOLDER, --rules, --year, --out, --units, --max-file-mb and --wait, in that order."""
    for decorate in reversed(_FOLDER_OPTIONS):
        func = decorate(func)
    return func

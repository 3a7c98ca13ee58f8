"""Command line: ``exemplars <command>``.  Thin: parse arguments, call the pipeline, print.

Each command lives in its own module of this package and exposes ``command``
(a click command or group); the list below registers them in the order of ``--help``.
"""

from __future__ import annotations

import sqlite3
import sys

import click
from pydantic import ValidationError

from exemplars import __version__
from exemplars.cli import (
    consolidate,
    demo,
    dossier,
    excel,
    history,
    nurture,
    profiles,
    report,
    rules_doc,
    run,
    template,
    usage,
)
from exemplars.errors import STOPPED, STOPPED_EXIT, ExemplarsError
from exemplars.rulebook.loader import describe_errors


class _Group(click.Group):
    def main(self, *args, **kwargs):
        """Click's own usage errors (wrong option, missing argument, bad type) shown in Vietnamese."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as exc:
            usage.show(exc)
            sys.exit(exc.exit_code)
        except click.Abort:  # Ctrl+C while click asks or reads
            click.secho(STOPPED, fg="red", err=True)
            sys.exit(STOPPED_EXIT)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ExemplarsError as exc:
            click.secho(f"Lỗi: {exc.message}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.Error as exc:  # the store's own methods name the file; this catches any other query
            click.secho(f"Lỗi: cơ sở dữ liệu lịch sử không đọc được ({exc}); hãy kiểm tra tệp --history hoặc "
                        "chép lại từ bản sao lưu.", fg="red", err=True)
            sys.exit(2)
        except ValidationError as exc:  # a setting out of range (e.g. the year)
            click.secho(f"Lỗi: thiết lập không hợp lệ: {'; '.join(describe_errors(exc))}.", fg="red", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exemplars")
def cli() -> None:
    """exemplars: tổng hợp, kiểm tra, xếp hạng và lựa chọn điển hình tiên tiến."""


for _command in (profiles.command, consolidate.command, report.command, history.command,
                 template.command, nurture.command, nurture.bulletin, excel.command, run.command, dossier.command, demo.command,
                 rules_doc.command):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="exemplars")

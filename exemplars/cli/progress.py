"""Progress on stderr for long runs, shared by the commands that read a folder.

Reading the files shows a click progress bar; every later stage of the same run (validation,
ranking, selection, outputs) then prints its Vietnamese message, so a long run is never silent.
Short runs (at most ``PROGRESS_MIN_FILES`` files) print nothing.
"""

from __future__ import annotations

import sys
from typing import Any

import click

#: Below this many files the run is quick enough that a progress bar is only noise.
PROGRESS_MIN_FILES = 50


class ProgressBar:
    """``progress(done, total, message)``: a bar while the files are read, a line per later stage."""

    def __init__(self) -> None:
        self.bar: Any = None  # click's bar type lives in a private module
        self.total = 0
        self.done = 0
        self.long_run = False

    def __call__(self, done: int, total: int, message: str) -> None:
        if total == 0:  # a notice (e.g. waiting for another run): always shown, short run or long
            self.close()
            click.echo(message, err=True)
            return
        if self.bar is None and not self.long_run:
            if total <= PROGRESS_MIN_FILES:
                return
            self.long_run, self.total = True, total
            self.bar = click.progressbar(length=total, label="Đang đọc tệp", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and total == self.total:
            self.bar.update(done - self.done)
            self.done = done
            return
        self.close()  # the files are read: a later stage reports its step
        if message:
            click.echo(message, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

"""A click progress bar on stderr for long runs, shared by the commands that read a folder."""

from __future__ import annotations

import sys
from typing import Any

import click

#: Below this many files the run is quick enough that a progress bar is only noise.
PROGRESS_MIN_FILES = 50


class ProgressBar:
    """A click progress bar on stderr, opened on the first report of a long run."""

    def __init__(self) -> None:
        self.bar: Any = None  # click's bar type lives in a private module
        self.done = 0

    def __call__(self, done: int, total: int, message: str) -> None:
        if total <= PROGRESS_MIN_FILES:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Đang đọc tệp", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

"""One run at a time per output folder and per history store.

A lock is an open file with an operating-system lock on it (``fcntl.flock`` on
POSIX, ``msvcrt.locking`` on Windows): the system releases it when the process
ends, even when it is killed, so a crashed run never leaves a folder locked.
The file itself stays (deleting it would race with the next run) and holds the
holder's process id and start time, which a second run names in its message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from exemplars.errors import OutputError
from exemplars.fs_errors import describe

POLL_SECONDS = 0.2
_WINDOWS_BYTE = 0x7FFF_FFF0  # Windows locks a byte range; far beyond the text, so it stays readable


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    """«tiến trình 1234, bắt đầu lúc 09:30:12» from the lock file, or "" when unreadable."""
    try:
        pid, _, started = path.read_text(encoding="utf-8").strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        return ""
    if not pid.isdigit():
        return ""
    return f" (tiến trình {pid}" + (f", bắt đầu lúc {started}" if started else "") + ")"


@contextlib.contextmanager
def hold(path: Path, what: str, *, wait: float, announce: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock file ``path`` for the duration; ``what`` names the locked thing in messages.

    When another run holds it: announce that this run waits, retry for ``wait`` seconds, then stop
    with an ``OutputError`` telling the clerk to let the other run finish."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError(describe(exc, path.parent)) from None
    try:
        deadline = time.monotonic() + wait
        announced = False
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise OutputError(f"Một lần chạy khác{_holder(path)} đang dùng {what}; lần chạy này dừng để "
                                  "không ghi lẫn kết quả. Hãy đợi lần chạy kia xong rồi chạy lại.")
            if not announced and announce is not None:
                announce(f"Một lần chạy khác{_holder(path)} đang dùng {what}; đang chờ tối đa {wait:g} giây…")
                announced = True
            time.sleep(POLL_SECONDS)
        try:
            stamp = f"{os.getpid()} {dt.datetime.now():%d/%m/%Y %H:%M:%S}\n".encode()
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, stamp)
        except OSError:
            pass  # the stamp only improves the other run's message
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)

"""One output written by a worker process while the run goes on with its next stages.

The consolidated register is the largest workbook of a run and depends on nothing after
the consolidation, so on a machine with more than one core it is written beside
validation, ranking and the other outputs instead of after them; the working register is
written beside the feedback letters.  The worker gets its
own copy of what it writes (the arguments are pickled when it starts), so nothing the
run does afterwards can change the file.  If no worker process can be started, or one
dies, the file is written here, in this process: nothing is lost, the file is the same.
An error the writer itself raises (a full disk, a clear ``ExemplarsError``) reaches the
run as it would have without a worker.  A run that stops before it needs the file
(an error, Ctrl+C) ends the worker first, so no process writes into a folder being
cleaned away.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from exemplars.errors import OutputError
from exemplars.xlsx import current_run_id

T = TypeVar("T")
#: From this many candidates on, a big output is written by a worker process (below it, starting the
#: process costs more than the overlap saves).
MIN_ROWS = 2000


def worth_a_worker(rows: int) -> bool:
    """Whether an output of ``rows`` candidates is worth a worker process."""
    return rows >= MIN_ROWS


def _work(send: Any, run_id: str, job: Callable[..., Any], args: tuple) -> None:
    # Ctrl+C is the run's to handle: it ends this worker (``Background.close``), quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    current_run_id.set(run_id)  # a worker does not inherit the run's context; its workbooks carry the id
    try:
        outcome: tuple[str, Any] = ("done", job(*args))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the run, which raises it
        outcome = ("failed", exc)
    try:
        send.send(outcome)
    except Exception:  # noqa: BLE001 - an exception that does not pickle still arrives as its text
        send.send(("failed", OutputError(str(outcome[1]))))
    finally:
        send.close()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl+C ignored while a worker is forked, so it cannot arrive before the worker ignores it itself."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Background(Generic[T]):
    """``job(*args)`` started on a worker process (when ``parallel`` and there is a second core),
    its result collected by ``result()``; ``close()`` ends a worker whose result is not wanted."""

    def __init__(self, job: Callable[..., T], *args: Any, parallel: bool = True):
        self.job, self.args = job, args
        self._proc: Any = None
        self._recv: Any = None
        if not parallel or (os.cpu_count() or 1) < 2:
            return
        ctx = multiprocessing.get_context()
        try:
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_work, args=(send, current_run_id.get(), job, args), daemon=True)
            with _sigint_ignored():
                proc.start()
            send.close()
        except Exception:  # noqa: BLE001 - no right to start processes, no pipes left, unpicklable work (spawn)…
            return
        self._proc, self._recv = proc, recv

    @property
    def in_worker(self) -> bool:
        return self._proc is not None

    def result(self) -> T:
        """The job's result; the job is done here if it had no worker or its worker died."""
        if self._proc is None:
            return self.job(*self.args)
        try:
            kind, value = self._recv.recv()
        except (EOFError, OSError):  # the worker died (killed, out of memory): do it here
            self.close()
            return self.job(*self.args)
        self._proc.join()
        self.close()
        if kind == "failed":
            raise value
        return value

    def close(self) -> None:
        """End the worker if it still runs; safe to call more than once."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.is_alive():
            proc.terminate()
        proc.join()
        self._recv.close()

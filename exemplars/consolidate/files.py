"""Read the listed unit files one by one, or on several cores for large folders.

Each file goes through the safety gate and the reader (``read_one``); a bad file
becomes an error outcome and never stops the others.  With more than
``PARALLEL_MIN_FILES`` files and more than one core, chunks of files are read in
worker processes (``concurrent.futures.ProcessPoolExecutor``, at most
``MAX_WORKERS``); outcomes come back in the original order, so the register,
the problems and the file list are the same as when reading serially.  If the
pool cannot start or breaks (no right to start processes, a worker killed…),
the files not yet received are read in this process: nothing is lost.

Works with the ``spawn`` start method (Windows, where Excel starts ``python -c …``):
workers only import this module and build their own reader from picklable
arguments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from exemplars.catalogue import FILE_READ_FAILED
from exemplars.consolidate.assemble import FileOutcome
from exemplars.consolidate.units import UnitMatcher
from exemplars.domain import Unit
from exemplars.errors import UnitFileError
from exemplars.findings import Finding, Severity
from exemplars.reader.safety import inspect_file
from exemplars.reader.unitfile import UnitFileReader
from exemplars.reader.workbook import calamine_error, open_workbook
from exemplars.results import FileRecord, FileStatus, Progress
from exemplars.rulebook.schema import Rulebook

PARALLEL_MIN_FILES = 100  # below this, starting processes costs more than it saves
MAX_WORKERS = 4
MAX_CHUNK_FILES = 16  # files per task: fewer round trips, yet progress still moves often
AHEAD_PER_WORKER = 3  # tasks submitted ahead per worker: bounds the results waiting in memory


def _sha256_file(path: Path) -> str:
    """The hash of a regular file; "" for anything else: opening a FIFO waits for a writer forever,
    and a device or socket is not a file a unit sent."""
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return ""
        # non-blocking open and a check of what was opened: a file swapped for a FIFO meanwhile still returns
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return ""
        with os.fdopen(fd, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def read_one(path: Path, rel: str, reader: UnitFileReader, max_bytes: int) -> FileOutcome:
    """Safety gate, then the reader; any failure becomes an error outcome with a Vietnamese message."""
    record = FileRecord(rel)
    try:
        record.modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
        check = inspect_file(path, max_bytes)  # size, zip bomb, encryption, entities… before any parser
        book = open_workbook(path, check.fmt, check.data)
        record.sha256 = book.sha256
        try:
            read = reader.read(book)
            record.prepared_on = read.prepared_on
            return FileOutcome(record, read, check.problems(rel))
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
        if isinstance(exc, UnitFileError):
            message, rule = exc.message, exc.rule_id
        elif (known := calamine_error(exc)) is not None:  # a damaged part found while reading a sheet
            message, rule = known.message, known.rule_id
        else:
            message, rule = f"Lỗi khi đọc tệp ({type(exc).__name__}: {str(exc)[:120]}).", FILE_READ_FAILED
        record.status = FileStatus.ERROR
        record.message = message
        record.sha256 = record.sha256 or _sha256_file(path)
        problem = Finding(severity=Severity.ERROR, rule_id=rule, message=message, file=rel)
        return FileOutcome(record, None, [problem])


def worker_count(n_files: int, workers: int | None) -> int:
    """``workers`` when given (1: serial), else parallel only for large folders on several cores."""
    if workers is not None:
        return max(1, workers)
    cpus = os.cpu_count() or 1
    return min(cpus, MAX_WORKERS) if n_files > PARALLEL_MIN_FILES and cpus > 1 else 1


_worker_reader: UnitFileReader | None = None


def _init_worker(rulebook: Rulebook, year: int, units: list[Unit]) -> None:
    global _worker_reader
    _worker_reader = UnitFileReader(rulebook, year, units, UnitMatcher(units))


def _read_chunk(chunk: list[tuple[Path, str]], max_bytes: int) -> list[FileOutcome]:
    reader = _worker_reader
    if reader is None:
        raise RuntimeError("worker process started without _init_worker")
    try:
        return [read_one(path, rel, reader, max_bytes) for path, rel in chunk]
    finally:
        reader.pool.clear()  # values are shared in the parent (``UnitFileReader.adopt``), not kept here


def _chunks(files: list[tuple[Path, str]], workers: int, size: int | None = None):
    size = size or max(1, min(MAX_CHUNK_FILES, len(files) // (workers * 4)))
    return [files[i:i + size] for i in range(0, len(files), size)]


def _pooled(files: list[tuple[Path, str]], workers: int, reader: UnitFileReader, units: list[Unit],
            max_bytes: int, mp_context) -> Generator[list[FileOutcome], None, None]:
    """Outcomes chunk by chunk, in order; a bounded number of chunks is in flight at any time."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context, initializer=_init_worker,
                               initargs=(reader.rulebook, reader.year, units))
    try:
        todo = iter(_chunks(files, workers))
        pending: deque[Future] = deque()
        for chunk in todo:
            pending.append(pool.submit(_read_chunk, chunk, max_bytes))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            got = pending.popleft().result()
            chunk = next(todo, None)
            if chunk is not None:
                pending.append(pool.submit(_read_chunk, chunk, max_bytes))
            yield got
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_outcomes(files: list[tuple[Path, str]], reader: UnitFileReader, units: list[Unit], max_bytes: int, *,
                  progress: Progress | None = None, workers: int | None = None,
                  mp_context=None) -> Iterator[FileOutcome]:
    """One outcome per file, in the order of ``files``; ``progress(i, total, rel)`` before each is handed on."""
    total = len(files)
    done = 0
    n = worker_count(total, workers)
    if n > 1 and total > 1:
        chunks = _pooled(files, n, reader, units, max_bytes, mp_context)
        try:
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except Exception:  # noqa: BLE001 - pool refused or broken: the remaining files are read here
                    break
                for outcome in chunk:
                    if progress is not None:
                        progress(done, total, outcome.record.path)
                    if outcome.read is not None:
                        reader.adopt(outcome.read)
                    done += 1
                    yield outcome
        finally:
            chunks.close()
    for path, rel in files[done:]:
        if progress is not None:
            progress(done, total, rel)
        done += 1
        yield read_one(path, rel, reader, max_bytes)

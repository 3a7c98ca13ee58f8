"""The generated folders both benchmarks read: N workbooks of one plan, each from its own unit.

Folders are cached between runs and shared by benchmarks running at the same time: a
folder is generated under a lock into a private temporary folder and renamed into place
whole, so a reader only ever sees a complete folder and no run deletes another's files.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "exemplars-bench"
#: Bumped whenever the generated files change, so an old cache is never read as the new corpus.
CORPUS_VERSION = 2


def bench_rulebook(rulebook_id: str, n_files: int):
    """The rulebook with N units ("Đơn vị trực thuộc số 1" …), as when N units each send one workbook:
    nothing is superseded and every stage works on all N × per-file candidates."""
    from exemplars.domain import Unit
    from exemplars.rulebook import load_rulebook

    units = [Unit(code=f"DV{i:05d}", name=f"Đơn vị trực thuộc số {i}", bloc=f"Khối thi đua {i % 7 + 1}")
             for i in range(1, n_files + 1)]
    return load_rulebook(rulebook_id).model_copy(update={"units": units})


def cached_folder(rulebook_id: str, n_files: int, per_file: int, *, year: int | None = None,
                  cache: Path = DEFAULT_CACHE) -> Path:
    """N generated workbooks, made once per (rulebook, N, per file) and reused by later runs.

    Each file's dropdown lists carry the shipped rulebook's unit list (a real agency's dozen
    units) plus the file's own unit, as a template made by that agency would, not all N units.
    """
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    name = f"{rulebook_id}-{n_files}x{per_file}-{year or 'plan'}-v{CORPUS_VERSION}"
    folder = cache / name
    if (folder / ".complete").exists():
        return folder
    with open(cache / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second benchmark waits here instead of generating too
        if (folder / ".complete").exists():
            return folder
        _generate(rulebook_id, n_files, per_file, year, folder)
    return folder


def _generate(rulebook_id: str, n_files: int, per_file: int, year: int | None, folder: Path) -> None:
    from exemplars.demo.samples import generate_bulk
    from exemplars.rulebook import load_rulebook

    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    os.chmod(work, 0o755)  # mkdtemp makes it private; the cache is shared
    try:
        start = time.perf_counter()
        generate_bulk(bench_rulebook(rulebook_id, n_files), work, n_files, per_file=per_file, seed=0,
                      year=year, listed_units=load_rulebook(rulebook_id).units)
        (work / ".complete").write_text(str(n_files))
        if folder.exists():  # an incomplete folder of a run that died (we hold the lock): replace it
            shutil.rmtree(folder)
        os.rename(work, folder)
        print(f"generated {n_files} files in {time.perf_counter() - start:.1f} s → {folder}", file=sys.stderr)
    finally:
        if work.exists():
            shutil.rmtree(work)

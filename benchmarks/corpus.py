"""The generated folders both benchmarks read: N workbooks of one plan, each from its own unit."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "exemplars-bench"


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
    """N generated workbooks, made once per (rulebook, N, per file) and reused by later runs."""
    from exemplars.demo.samples import generate_bulk

    folder = Path(cache) / f"{rulebook_id}-{n_files}units-{n_files}x{per_file}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.xlsx"):
            old.unlink()
        start = time.perf_counter()
        generate_bulk(bench_rulebook(rulebook_id, n_files), folder, n_files, per_file=per_file, seed=0, year=year)
        done.write_text(str(n_files))
        print(f"generated {n_files} files in {time.perf_counter() - start:.1f} s → {folder}", file=sys.stderr)
    return folder

"""Benchmark: consolidating N unit workbooks vs python-calamine alone vs the naive openpyxl+pandas way.

    python benchmarks/bench_consolidate.py --files 1000

Generates N filled workbooks (20 candidates each, ``samples.generate_bulk``) once
and caches them under the temp dir keyed by N, then measures in this run:

(a) python-calamine alone: open each file and read the candidate sheet into lists;
(b) ``consolidate_folder`` (register in memory), and separately writing the register;
(c) the naive way: openpyxl ``load_workbook`` + one DataFrame per file + ``concat``
    (on at most ``--naive-files`` files, scaled to N when fewer; said so in the output);
peak RSS of a child process that only runs the consolidation.

Each file comes from its own unit (the rulebook's unit list is replaced by N
units for the run), as when N units each send one workbook: nothing is
superseded and the register holds all N × 20 candidates.
The last line is machine-readable:
``files=… files_per_s=… ratio_vs_calamine=… ratio_vs_naive=… peak_mib=…``.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RULEBOOK = "dong-nai-kcn-2020"
PER_FILE = 20


def bench_rulebook(n: int):
    """The rulebook with N units ("Đơn vị trực thuộc số 1" …), so every generated file has its own unit."""
    from exemplars.domain import Unit
    from exemplars.rulebook import load_rulebook

    rb = load_rulebook(RULEBOOK)
    units = [Unit(code=f"DV{i:05d}", name=f"Đơn vị trực thuộc số {i}", bloc=f"Khối thi đua {i % 7 + 1}")
             for i in range(1, n + 1)]
    return rb.model_copy(update={"units": units})


def cached_folder(n: int, per_file: int = PER_FILE) -> Path:
    """N generated workbooks, made once per N and reused by later runs."""
    from exemplars.samples import generate_bulk

    folder = Path(tempfile.gettempdir()) / "exemplars-bench" / f"{RULEBOOK}-{n}units-{n}x{per_file}"
    stamp = folder / ".complete"
    if not stamp.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.xlsx"):
            old.unlink()
        t0 = time.perf_counter()
        generate_bulk(bench_rulebook(n), folder, n, per_file=per_file, seed=0)
        stamp.write_text("ok")
        print(f"generated {n} files in {time.perf_counter() - t0:.1f} s → {folder}", file=sys.stderr)
    return folder


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def warm(files: list[Path]) -> None:
    for f in files:
        f.read_bytes()


def bench_calamine(files: list[Path]) -> tuple[float, int]:
    import python_calamine

    from exemplars.columns import SHEET_CANDIDATES

    rows = 0
    t0 = time.perf_counter()
    for f in files:
        book = python_calamine.CalamineWorkbook.from_path(str(f))
        data = book.get_sheet_by_name(SHEET_CANDIDATES).to_python(skip_empty_area=False)
        rows += len(data)
        book.close()
    return time.perf_counter() - t0, rows


def bench_consolidate(folder: Path) -> tuple[float, float, int]:
    from exemplars.consolidate import consolidate_folder
    from exemplars.outputs.register_book import write_register

    rb = bench_rulebook(len(files_of(folder)))
    gc.collect()
    t0 = time.perf_counter()
    cons = consolidate_folder(folder, rb, rb.plan_years[1], units=rb.units)
    assert not cons.units_missing and len(cons.register) == len(rb.units) * PER_FILE
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        write_register(cons, Path(out) / "so-tong-hop.xlsx")
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(cons.register)


def bench_naive(files: list[Path]) -> tuple[float, int]:
    import openpyxl
    import pandas as pd

    from exemplars.columns import SHEET_CANDIDATES
    from exemplars.template_layout import FIRST_DATA_ROW, HEADER_ROW

    frames = []
    t0 = time.perf_counter()
    for f in files:
        wb = openpyxl.load_workbook(f, data_only=True)
        values = list(wb[SHEET_CANDIDATES].values)
        frame = pd.DataFrame(values[FIRST_DATA_ROW:], columns=values[HEADER_ROW])
        frame = frame.dropna(how="all")
        frame["_source"] = f.name
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    return time.perf_counter() - t0, len(table)


def child_peak_mib(folder: Path) -> float:
    """Peak RSS of a fresh interpreter that only runs the consolidation.

    The child reports its own VmHWM (high-water RSS of its address space since
    exec); ``ru_maxrss`` of children would also count the parent's pages at fork.
    """
    done = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True,
                          capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("peak_kib="):
            return int(line.split("=", 1)[1]) / 1024
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def own_peak_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bench_safety(files: list[Path]) -> float:
    """The safety gate alone (run by consolidate_folder first for every file)."""
    from exemplars.reader.safety import inspect_file

    t0 = time.perf_counter()
    for f in files:
        inspect_file(f, 25 << 20)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--naive-files", type=int, default=1000, help="files read the naive way (scaled to N)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        bench_consolidate_only(args.child)
        return
    folder = cached_folder(args.files)
    files = files_of(folder)
    warm(files)
    n = len(files)
    cal_s, _ = bench_calamine(files)
    cons_s, write_s, rows = bench_consolidate(folder)
    safety_s = bench_safety(files)
    sample = files[: min(n, args.naive_files)]
    naive_s, _ = bench_naive(sample)
    naive_full = naive_s * n / len(sample)
    peak = child_peak_mib(folder)
    print(f"calamine alone     : {cal_s:8.2f} s  {n / cal_s:8.0f} files/s  {cal_s / n * 1000:6.2f} ms/file")
    print(f"consolidate_folder : {cons_s:8.2f} s  {n / cons_s:8.0f} files/s  {cons_s / n * 1000:6.2f} ms/file"
          f"  ({rows} candidates)")
    print(f"  of which safety  : {safety_s:8.2f} s  {safety_s / n * 1000:6.2f} ms/file (gate alone); "
          f"reading and assembling: {(cons_s - safety_s) / n * 1000:.2f} ms/file = "
          f"{(cons_s - safety_s) / cal_s:.2f} × calamine")
    print(f"write register     : {write_s:8.2f} s")
    scaled = "" if len(sample) == n else f"  (measured on {len(sample)} files, scaled to {n})"
    print(f"naive openpyxl+pd  : {naive_full:8.2f} s  {n / naive_full:8.0f} files/s{scaled}")
    print(f"files={n} files_per_s={n / cons_s:.0f} ratio_vs_calamine={cons_s / cal_s:.2f} "
          f"ratio_vs_naive={naive_full / cons_s:.1f} peak_mib={peak:.0f}")


def bench_consolidate_only(folder: Path) -> None:
    from exemplars.consolidate import consolidate_folder

    rb = bench_rulebook(len(files_of(folder)))
    cons = consolidate_folder(folder, rb, rb.plan_years[1], units=rb.units)
    assert len(cons.register) == len(rb.units) * PER_FILE
    print(f"peak_kib={own_peak_kib()}")


if __name__ == "__main__":
    main()

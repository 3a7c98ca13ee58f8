"""Benchmark: consolidating N unit workbooks vs python-calamine alone vs the naive openpyxl+pandas way.

    python benchmarks/bench_consolidate.py --files 1000

Generates N filled workbooks (20 candidates each, ``samples.generate_bulk``) once
and caches them under the temp dir keyed by N, then measures in this run (the
fastest of ``--repeat`` runs for (a) and (b), to damp the noise of a shared machine):

(a) python-calamine alone: open each file and read the candidate sheet into lists (one process);
(b) ``consolidate_folder`` as the product runs it (default: worker processes on up to 4 cores
    for more than 100 files) and in one process (``workers=1``), and separately writing the register;
(c) the naive way: openpyxl ``load_workbook`` + one DataFrame per file + ``concat``
    (on at most ``--naive-files`` files, scaled to N when fewer; said so in the output);
peak memory of a child process that only runs the consolidation, with its reading workers
(the whole process tree, see ``tree_peak_kib``).

Each file comes from its own unit (the rulebook's unit list is replaced by N
units for the run), as when N units each send one workbook: nothing is
superseded and the register holds all N × 20 candidates.
The last line is machine-readable:
``files=… workers=… files_per_s=… ratio_vs_calamine=… ratio_vs_calamine_serial=… ratio_vs_naive=… peak_mib=…``
(``ratio_vs_calamine``: the default path; ``_serial``: one process; ``peak_mib``: process tree).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (the shared generated folders)

RULEBOOK = "dong-nai-kcn-2020"
PER_FILE = 20


def bench_rulebook(n: int):
    return corpus.bench_rulebook(RULEBOOK, n)


def cached_folder(n: int, per_file: int = PER_FILE) -> Path:
    """N generated workbooks, made once per N and reused by later runs."""
    return corpus.cached_folder(RULEBOOK, n, per_file)


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


def bench_consolidate(folder: Path, workers: int | None = None, write: bool = True) -> tuple[float, float, int]:
    """Seconds to consolidate (``workers``: None = the product's default), seconds to write the register."""
    from exemplars.consolidate import consolidate_folder
    from exemplars.outputs.register_book import write_register

    rb = bench_rulebook(len(files_of(folder)))
    gc.collect()
    t0 = time.perf_counter()
    cons = consolidate_folder(folder, rb, rb.plan_years[1], units=rb.units, workers=workers)
    assert not cons.units_missing and len(cons.register) == len(rb.units) * PER_FILE
    t1 = time.perf_counter()
    if write:
        with tempfile.TemporaryDirectory() as out:
            write_register(cons, Path(out) / "so-tong-hop.xlsx")
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(cons.register)


def bench_naive(files: list[Path]) -> tuple[float, int]:
    import openpyxl
    import pandas as pd

    from exemplars.columns import SHEET_CANDIDATES
    from exemplars.template.layout import FIRST_DATA_ROW, HEADER_ROW

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


def child_peak_mib(folder: Path) -> tuple[float, float]:
    """(process tree, consolidating process alone) peak memory of a fresh interpreter, MiB.

    The child reports its own VmHWM (high-water RSS since exec) and ``tree_peak_kib``:
    the peak of the child with its reading workers (see ``TreePeak``).
    """
    done = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True,
                          capture_output=True, text=True)
    got = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    if "peak_kib" in got:
        own = int(got["peak_kib"]) / 1024
        return int(got.get("tree_peak_kib", got["peak_kib"])) / 1024, own
    own = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    return own, own


def _status_kib(pid: int | str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kib(pid: int | str) -> int:
    """Proportional set size: shared pages (forked workers share most) divided among their users."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return _status_kib(pid, "VmRSS")


class TreePeak(threading.Thread):
    """Samples, every 20 ms, the memory of this process and its child processes (the reading workers).

    ``kib()``: the highest sum of PSS over the tree seen in a sample, or this process's own
    VmHWM if higher (a sample can miss a short peak).  PSS counts a page shared by k processes
    as 1/k in each, so the sum is the memory the tree really holds.  Linux only (/proc).
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0
        self.stop = threading.Event()

    def _child_pids(self) -> list[str]:
        pids = []
        try:
            for task in Path(f"/proc/{os.getpid()}/task").iterdir():
                pids += (task / "children").read_text().split()
        except OSError:
            pass
        return pids

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, sum(_pss_kib(pid) for pid in [os.getpid(), *self._child_pids()]))

    def kib(self) -> int:
        self.stop.set()
        self.join()
        return max(own_peak_kib(), self.peak)


def own_peak_kib() -> int:
    return _status_kib("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


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
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of calamine alone and of each consolidation; the fastest counts (less noise)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        bench_consolidate_only(args.child)
        return
    folder = cached_folder(args.files)
    files = files_of(folder)
    warm(files)
    n = len(files)
    repeat = max(1, args.repeat)
    cal_s = min(bench_calamine(files)[0] for _ in range(repeat))
    cons_s, write_s, rows = bench_consolidate(folder)
    cons_s = min([cons_s] + [bench_consolidate(folder, write=False)[0] for _ in range(repeat - 1)])
    serial_s = min(bench_consolidate(folder, workers=1, write=False)[0] for _ in range(repeat))
    safety_s = bench_safety(files)
    sample = files[: min(n, args.naive_files)]
    naive_s, _ = bench_naive(sample)
    naive_full = naive_s * n / len(sample)
    peak, own_peak = child_peak_mib(folder)
    from exemplars.consolidate.files import worker_count

    workers = worker_count(n, None)
    print(f"(times: fastest of {repeat} runs each)")
    print(f"calamine alone     : {cal_s:8.2f} s  {n / cal_s:8.0f} files/s  {cal_s / n * 1000:6.2f} ms/file"
          f"  (one process)")
    print(f"consolidate_folder : {cons_s:8.2f} s  {n / cons_s:8.0f} files/s  {cons_s / n * 1000:6.2f} ms/file"
          f"  ({rows} candidates; default: {workers} reading process{'es' if workers > 1 else ''},"
          f" os.cpu_count()={os.cpu_count()})")
    print(f"  in one process   : {serial_s:8.2f} s  {n / serial_s:8.0f} files/s  {serial_s / n * 1000:6.2f} ms/file"
          f"  (workers=1)")
    print(f"  of which safety  : {safety_s:8.2f} s  {safety_s / n * 1000:6.2f} ms/file (gate alone, one process); "
          f"reading and assembling: {(serial_s - safety_s) / n * 1000:.2f} ms/file = "
          f"{(serial_s - safety_s) / cal_s:.2f} × calamine")
    print(f"write register     : {write_s:8.2f} s")
    scaled = "" if len(sample) == n else f"  (measured on {len(sample)} files, scaled to {n})"
    print(f"naive openpyxl+pd  : {naive_full:8.2f} s  {n / naive_full:8.0f} files/s{scaled}")
    print(f"peak memory        : {peak:8.0f} MiB process tree (PSS of the consolidating process and its "
          f"reading workers, sampled; the process alone: VmHWM {own_peak:.0f} MiB)")
    print(f"files={n} workers={workers} files_per_s={n / cons_s:.0f} ratio_vs_calamine={cons_s / cal_s:.2f} "
          f"ratio_vs_calamine_serial={serial_s / cal_s:.2f} ratio_vs_naive={naive_full / cons_s:.1f} "
          f"peak_mib={peak:.0f}")


def bench_consolidate_only(folder: Path) -> None:
    from exemplars.consolidate import consolidate_folder

    rb = bench_rulebook(len(files_of(folder)))
    tree = TreePeak()
    tree.start()
    cons = consolidate_folder(folder, rb, rb.plan_years[1], units=rb.units)
    assert len(cons.register) == len(rb.units) * PER_FILE
    print(f"tree_peak_kib={tree.kib()}")
    print(f"peak_kib={own_peak_kib()}")


if __name__ == "__main__":
    main()

"""Consolidation and full-pipeline benchmark against the plain ways of reading the same folder.

    python benchmarks/bench_pipeline.py --sizes 100,1000,5000 --skip-naive-above 1000

For each size a folder of unit workbooks (``exemplars.demo.samples.generate_bulk``, 20
candidates each, cached under the temp dir) is read four ways, each in its own
child process whose peak memory comes from ``os.wait4`` (the child's own rusage):

* calamine alone — python-calamine opens each file and reads the candidates sheet
  to Python rows (the floor: no cleaning, no checks);
* naive — ``pandas.read_excel(engine="openpyxl")``, one DataFrame per file, then
  ``concat`` (what a quick script would do);
* consolidate — ``exemplars.consolidate.consolidate_folder`` (safety gate, reader,
  cleaning, problems, register);
* pipeline — ``exemplars.pipeline.run`` to the end (register, validation, ranking,
  selection, every output workbook; the PDF copy is left out: it is one LibreOffice
  call whatever the size).

Prints a Markdown table and writes it to ``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RULEBOOK = "nnptnt-2017-2020"
YEAR = 2020
MODES = ("calamine", "naive", "consolidate", "consolidate1", "pipeline")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (the shared generated folders)
from bench_consolidate import TreePeak  # noqa: E402


def bench_rulebook(n_files: int):
    return corpus.bench_rulebook(RULEBOOK, n_files)


def _child(mode: str, folder: Path, out: Path) -> dict:
    """One measurement, run inside the child process; imports happen before the clock starts."""
    import pandas as pd
    import python_calamine

    import exemplars.outputs.office
    from exemplars.columns import SHEET_CANDIDATES
    from exemplars.consolidate import consolidate_folder
    from exemplars.pipeline import run
    from exemplars.settings import RunSettings
    from exemplars.template.layout import HEADER_ROW

    files = sorted(p for p in folder.iterdir() if p.suffix == ".xlsx")
    rulebook = bench_rulebook(len(files))
    if mode == "stages":
        return _stages(folder, out)
    tree = TreePeak()  # this process and its worker processes (letters, reading), summed
    tree.start()
    start = time.perf_counter()
    if mode == "calamine":
        rows = 0
        for path in files:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            rows += len(book.get_sheet_by_name(SHEET_CANDIDATES).to_python(skip_empty_area=False))
            book.close()
        found = {"rows": rows}
    elif mode == "naive":
        frames = [pd.read_excel(path, sheet_name=SHEET_CANDIDATES, engine="openpyxl", header=HEADER_ROW - 1)
                  for path in files]
        found = {"rows": len(pd.concat(frames, ignore_index=True))}
    elif mode in ("consolidate", "consolidate1"):  # default reading processes, or one process
        cons = consolidate_folder(folder, rulebook, YEAR, units=rulebook.units,
                                  workers=1 if mode == "consolidate1" else None)
        found = {"rows": len(cons.register), "files": len(cons.files)}
    else:
        exemplars.outputs.office.find_soffice = lambda: None  # no PDF copy: a fixed LibreOffice cost
        result = run(RunSettings(folder=folder, out_dir=out, rulebook=RULEBOOK, year=YEAR), units=rulebook.units)
        found = {"rows": len(result.consolidation.register), "outputs": len(result.outputs)}
    found["seconds"] = time.perf_counter() - start
    found["n_files"] = len(files)
    found["tree_peak_mib"] = tree.kib() / 1024
    return found


def _rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MiB, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _stages(folder: Path, out: Path) -> dict:
    """The pipeline's stages one after the other, as ``pipeline.run`` chains them, each timed."""
    import exemplars.outputs.office
    from exemplars.consolidate import consolidate_folder
    from exemplars.outputs.feedback import FEEDBACK_DIR, write_feedback
    from exemplars.outputs.outcomes import candidate_outcomes
    from exemplars.outputs.register_book import write_register
    from exemplars.outputs.submission import submission_name, write_submission
    from exemplars.outputs.working_register import register_name, write_working_register
    from exemplars.ranking import rank
    from exemplars.results import RunResult
    from exemplars.rulebook import load_legal, load_rulebook
    from exemplars.selection import select
    from exemplars.settings import RunSettings
    from exemplars.validate import validate

    exemplars.outputs.office.find_soffice = lambda: None
    files = sorted(p for p in folder.iterdir() if p.suffix == ".xlsx")
    units = bench_rulebook(len(files)).units
    rulebook = load_rulebook(RULEBOOK)
    settings = RunSettings(folder=folder, out_dir=out, rulebook=RULEBOOK, year=YEAR)
    stages: list[dict] = []
    state: dict = {}

    def timed(name: str, fn) -> None:
        start = time.perf_counter()
        fn()
        now, peak = _rss_mib()
        stages.append({"stage": name, "seconds": time.perf_counter() - start, "mib": now, "peak_mib": peak})

    def cons():
        state["r"] = RunResult(consolidation=consolidate_folder(folder, rulebook, YEAR, units=units))

    def rank_select():
        r = state["r"]
        r.ranking = rank(r.assessment, rulebook, None)
        r.selection = select(r.ranking, r.assessment, rulebook, load_legal(), settings.effective_decision_date(),
                             superior_decision_date=settings.superior_decision_date)

    r = lambda: state["r"]  # noqa: E731
    timed("consolidate (read + assemble)", cons)
    timed("register writer", lambda: write_register(r().consolidation, out / "so-tong-hop.xlsx"))
    timed("validate", lambda: setattr(r(), "assessment", validate(r().consolidation, rulebook)))
    timed("rank + select", rank_select)
    timed("submission list", lambda: write_submission(r(), settings, rulebook, out / submission_name(YEAR)))
    timed("candidate outcomes", lambda: state.update(outcomes=candidate_outcomes(r())))
    timed("working register", lambda: write_working_register(r(), out / register_name(YEAR), state["outcomes"]))
    timed("feedback workbooks", lambda: write_feedback(r(), settings, rulebook, out / FEEDBACK_DIR,
                                                       state["outcomes"]))
    return {"stages": stages, "rows": len(r().consolidation.register), "n_files": len(files)}


def stage_table(n_files: int, result: dict) -> str:
    lines = [f"| stage at {n_files:,} files, {result['rows']:,} candidates | s | MiB after | peak MiB |",
             "|---|---|---|---|"]
    lines += [f"| {s['stage']} | {s['seconds']:.2f} | {s['mib']:.0f} | {s['peak_mib']:.0f} |" for s in result["stages"]]
    total = sum(s["seconds"] for s in result["stages"])
    lines.append(f"| **all stages** | **{total:.2f}** | | **{result['peak_mib']:.0f}** |")
    return "\n".join(lines)


def measure(mode: str, folder: Path) -> dict:
    """Run ``mode`` in a fresh interpreter; seconds as measured inside, peak RSS from wait4."""
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
        proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(folder), out],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        stdout, stderr = proc.stdout.read(), proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} failed on {folder}:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def generated(cache: Path, n_files: int, per_file: int) -> Path:
    """The cached folder of ``n_files`` generated workbooks (built once)."""
    return corpus.cached_folder(RULEBOOK, n_files, per_file, year=YEAR, cache=cache)


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.1f}×"


def table(rows: list[dict]) -> str:
    head = ("| files | candidates read | register rows | calamine alone s | naive openpyxl+DataFrame s "
            "| consolidate s (all cores) | ÷ calamine | consolidate s (one process) | ÷ calamine "
            "| pipeline s | pipeline ÷ calamine | peak MiB, process tree: calamine / naive / consolidate / pipeline |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        sec = {m: (r[m]["seconds"] if r.get(m) else None) for m in MODES}
        mem = " / ".join("—" if not r.get(m) else f"{_tree_mib(r[m]):.0f}"
                         for m in ("calamine", "naive", "consolidate", "pipeline"))
        lines.append(
            f"| {r['n_files']:,} | {r['n_files'] * r['per_file']:,} | {r['consolidate']['rows']:,} "
            f"| {_s(sec['calamine'])} | {_s(sec['naive'])} | {_s(sec['consolidate'])} "
            f"| {_ratio(sec['consolidate'], sec['calamine'])} | {_s(sec['consolidate1'])} "
            f"| {_ratio(sec['consolidate1'], sec['calamine'])} "
            f"| {_s(sec['pipeline'])} | {_ratio(sec['pipeline'], sec['calamine'])} | {mem} |")
    return "\n".join(lines)


def _tree_mib(m: dict) -> float:
    """The higher of the sampled process tree and the child's own peak (wait4)."""
    return max(m.get("tree_peak_mib", 0.0), m["peak_mib"])


def linearity(rows: list[dict]) -> str:
    """Least-squares line of pipeline seconds over files, and each size's seconds per file against it."""
    points = [(r["n_files"], r["pipeline"]["seconds"]) for r in rows if r.get("pipeline")]
    if len(points) < 2:
        return ""
    n = len(points)
    mx, my = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    per_file = ", ".join(f"{x:,}: {y / x * 1000:.1f} ms" for x, y in points)
    per_candidate = slope / rows[0]["per_file"] * 1000
    return (f"Pipeline time against files (least squares): slope {slope * 1000:.2f} ms a file "
            f"({per_candidate:.3f} ms a candidate), intercept {my - slope * mx:.2f} s; "
            f"seconds per file by size: {per_file}.")


def _writers(n_files: int) -> tuple[str, dict[str, float]]:
    """bench_writers.py at ``n_files`` (one repeat): its table and its machine-readable figures."""
    done = subprocess.run([sys.executable, str(HERE / "bench_writers.py"), "--files", str(n_files), "--repeat", "1"],
                          check=True, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    got = dict(item.split("=", 1) for item in lines[-1].split())
    figures = {k: float(v) for k, v in (pair.split(":") for pair in got["writers"].split(","))}
    figures["letter_ms"] = float(got["letter_ms"])
    return "\n".join(lines[:-1]).strip(), figures


def targets(rows: list[dict], writers: dict[str, float]) -> str:
    """Each target of the speed issue with the figure measured in this run."""
    by = {r["n_files"]: r for r in rows}
    out = ["| target | measured | met |", "|---|---|---|"]

    def add(target: str, value: float | None, limit: float, unit: str) -> None:
        if value is not None:
            out.append(f"| {target} | {value:.2f}{unit} | {'yes' if value <= limit else 'no'} |")

    def sec(n: int, mode: str) -> float | None:
        r = by.get(n)
        return r[mode]["seconds"] if r and r.get(mode) else None

    def ratio(n: int, mode: str) -> float | None:
        a, b = sec(n, mode), sec(n, "calamine")
        return None if a is None or b is None else a / b

    add("pipeline at 1,000 files ≤ 10 s", sec(1000, "pipeline"), 10, " s")
    add("pipeline at 1,000 files ≤ 5× calamine alone", ratio(1000, "pipeline"), 5, "×")
    add("pipeline at 5,000 files ≤ 45 s", sec(5000, "pipeline"), 45, " s")
    if by.get(5000) and by[5000].get("pipeline"):
        add("pipeline at 5,000 files: peak ≤ 400 MiB (process tree)", _tree_mib(by[5000]["pipeline"]), 400, " MiB")
    add("consolidation at 1,000 files ≤ 1.5× calamine (all cores)", ratio(1000, "consolidate"), 1.5, "×")
    add("consolidation at 1,000 files ≤ 2.0× calamine (one process)", ratio(1000, "consolidate1"), 2.0, "×")
    for key, name in (("register", "register writer"), ("working", "working register"), ("letters", "feedback letters")):
        add(f"{name} ≤ 2× its floor", writers.get(key), 2, "×")
    add("one feedback letter ≤ 3 ms", writers.get("letter_ms"), 3, " ms")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000", help="comma-separated numbers of files")
    ap.add_argument("--per-file", type=int, default=20, help="candidates per file")
    ap.add_argument("--skip-naive-above", type=int, default=1000, help="no naive run above this many files")
    ap.add_argument("--skip-pipeline-above", type=int, default=None,
                    help="no full-pipeline run above this many files (default: always run it)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "exemplars-bench",
                    help="where generated folders are kept between runs")
    ap.add_argument("--out", type=Path, default=HERE / "results.md", help="Markdown file for the table")
    ap.add_argument("--no-stages", action="store_true", help="no per-stage run (one more child per size)")
    ap.add_argument("--writers-at", type=int, default=1000,
                    help="size at which each writer is timed against its floor (bench_writers.py; 0: never)")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        mode, folder, out = args.child
        print(json.dumps(_child(mode, Path(folder), Path(out))))
        return 0
    rows = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        folder = generated(args.cache, n, args.per_file)
        row = {"n_files": n, "per_file": args.per_file}
        for mode in MODES:
            if mode == "naive" and n > args.skip_naive_above:
                continue
            if mode == "pipeline" and args.skip_pipeline_above is not None and n > args.skip_pipeline_above:
                continue
            row[mode] = measure(mode, folder)
            print(f"  {n:>6} files  {mode:12} {row[mode]['seconds']:8.2f} s  {row[mode]['peak_mib']:6.0f} MiB",
                  file=sys.stderr)
        if not args.no_stages:
            row["stages"] = measure("stages", folder)
            print(stage_table(n, row["stages"]), file=sys.stderr)
        rows.append(row)
    writers = _writers(args.writers_at) if args.writers_at in {r["n_files"] for r in rows} else None
    text = table(rows) + (f"\n\n{linearity(rows)}" if linearity(rows) else "") + "".join(
        f"\n\n{stage_table(r['n_files'], r['stages'])}" for r in rows if "stages" in r)
    if writers is not None:
        text += f"\n\n{writers[0]}"
    text += "\n\n" + targets(rows, writers[1] if writers else {})
    print(text)
    machine = f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    skips = f"--skip-naive-above {args.skip_naive_above}" + (
        f" --skip-pipeline-above {args.skip_pipeline_above}" if args.skip_pipeline_above is not None else "")
    args.out.write_text(
        f"# Pipeline benchmark\n\nMeasured {dt.date.today().isoformat()} on {machine} with "
        f"`python benchmarks/bench_pipeline.py --sizes {args.sizes} {skips}` "
        f"(rulebook `{RULEBOOK}`, {args.per_file} candidates per file, each figure from its own child "
        "process; “—”: not run).\n\n" + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

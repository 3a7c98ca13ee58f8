"""Benchmark: how long ``exemplars demo`` takes, and what the nurturing year adds to it.

    python benchmarks/bench_demo.py --repeat 3

Each repeat runs the demo's steps for every shipped rulebook in a fresh temporary folder and times
them apart: the registration (sample files, votes and the full run with its PDF list), the
nurturing year without its PDFs (plans written and sent back, four rounds collected, the periodic
reports of 6, 9 and 12 months, the bulletin's HTML and A4 sheet), and the one LibreOffice start that
turns every rulebook's bulletin and sheet into PDF.  The fastest repeat of each step is printed (a
shared machine is noisy); the last line is machine-readable:
``registration_s=… nurture_s=… bulletin_pdf_s=… total_s=… nurture_share=…``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from exemplars import demo
from exemplars.outputs import office
from exemplars.rulebook import list_rulebooks


def one_run(out: Path) -> dict[str, float]:
    times = {"registration": 0.0, "nurture": 0.0, "bulletin_pdf": 0.0}
    original = demo.run_nurture_year
    spent = {"nurture": 0.0}

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent["nurture"] += time.perf_counter() - start

    demo.run_nurture_year = timed  # the demo calls it through its module namespace
    try:
        runs = []
        for rb in list_rulebooks():
            start = time.perf_counter()
            runs.append(demo.run_demo_rulebook(rb, out, pdf=False))
            times["registration"] += time.perf_counter() - start
        start = time.perf_counter()
        if office.find_soffice() is not None:
            demo._bulletin_pdfs(runs)
        times["bulletin_pdf"] = time.perf_counter() - start
    finally:
        demo.run_nurture_year = original
    times["nurture"] = spent["nurture"]
    times["registration"] -= spent["nurture"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, float] = {}
    for n in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="exemplars-bench-demo-") as tmp:
            got = one_run(Path(tmp))
        print(f"run {n + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in got.items()))
        best = {k: min(v, best.get(k, v)) for k, v in got.items()}
    total = sum(best.values())
    share = (best["nurture"] + best["bulletin_pdf"]) / total if total else 0.0
    print(f"registration_s={best['registration']:.2f} nurture_s={best['nurture']:.2f} "
          f"bulletin_pdf_s={best['bulletin_pdf']:.2f} total_s={total:.2f} nurture_share={share:.2f}")


if __name__ == "__main__":
    main()

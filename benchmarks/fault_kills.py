"""Kill `exemplars run` at random moments and print what each kill left (Linux, LibreOffice, pdftotext).

    python benchmarks/fault_kills.py --kills 50                # 50 SIGKILLs
    python benchmarks/fault_kills.py --kills 50 --interrupts 10 --seed 3

A scene of template-made unit files and two council vote books (the second drops two candidates) is
run once to completion (the previous set, and the length of a run), then each trial starts
`exemplars run` in its own process group and stops it at a seeded random moment, one in each equal
slice of the run's length, so every part of the run (the PDF step included) gets its share.  After
each stop the next start's cleanup runs, and the folder is checked: one complete set of one run id,
its PDF (`pdftotext`) naming exactly the candidates of its list, history rows exactly for the runs
whose set was switched in, `PRAGMA integrity_check`, no staging or temporary folder, no process of
the stopped run (soffice included) alive 30 s later.  Exits 1 when any trial fails a check.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.fault_runs import Outcome, first_run, make_scene, spread, trial  # noqa: E402

from exemplars.rulebook import load_rulebook  # noqa: E402


def row(n: int, o: Outcome, span: float) -> str:
    return (f"| {n} | {o.signal} | {o.at:.2f} | {100 * o.at / span:.0f} % | {o.stage} | "
            f"{'new' if o.new_set else 'old'} | {'yes' if o.consistent else 'NO'} | {o.history_rows} | "
            f"{len(o.left_by_stop)} → {len(o.leftovers)} | {len(o.strays)} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs (default 50)")
    parser.add_argument("--interrupts", type=int, default=5, help="Ctrl+C (SIGINT) after the kills (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rules", default="dong-nai-kcn-2020")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exemplars-kills-") as tmp:
        root = Path(tmp)
        scene = make_scene(load_rulebook(args.rules), root)
        span = first_run(scene, root / "logs")
        print(f"One complete run: {span:.2f} s (the moments are spread over it)\n")
        print("| # | signal | at (s) | of the run | stage | set after | consistent | history rows | "
              "temporary left → after next start | stray processes |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        plan = [(at, signal.SIGKILL) for at in spread(span, args.kills, args.seed)]
        # Ctrl+C from half a second on: one while the interpreter itself starts is Python's, not ours
        plan += [(0.5 + at, signal.SIGINT) for at in spread(max(span - 0.5, 0.5), args.interrupts, args.seed + 1)]
        outcomes: list[Outcome] = []
        started = time.monotonic()
        for n, (at, sig) in enumerate(plan, start=1):
            outcome = trial(scene, at, sig, root / "logs")
            outcomes.append(outcome)
            print(row(n, outcome, span), flush=True)
        failed = [(n, o) for n, o in enumerate(outcomes, start=1) if not o.consistent]
        stages = Counter(o.stage for o in outcomes)
        print(f"\n{len(outcomes)} trials in {time.monotonic() - started:.0f} s; stages: "
              + ", ".join(f"{s} {c}" for s, c in stages.most_common()))
        print(f"sets: {sum(not o.new_set for o in outcomes)} old, {sum(o.new_set for o in outcomes)} new; "
              f"consistent: {len(outcomes) - len(failed)}/{len(outcomes)}; history rows at the end: "
              f"{outcomes[-1].history_rows if outcomes else 0} (= sets switched in: {len(scene.committed)}); "
              f"stray processes: {sum(len(o.strays) for o in outcomes)}; temporary folders left after the next "
              f"start: {sum(len(o.leftovers) for o in outcomes)}")
        for n, o in failed:
            print(f"  #{n}: {o.problems}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""How well legacy (TCVN3 / VNI) text is recognised and repaired: exact-match and false-conversion rates.

Run: ``python benchmarks/eval_legacy.py [--baseline REV] [--failures N]``.  Needs glibc's
``iconv`` (the TCVN3 bytes come from it, see ``legacy_corpus``).

Cases (each cell is read alone, "per cell", as a one-off cell is; and, where the product
pools evidence, as columns of 25 cells of one file, "pooled"):

* TCVN3 / VNI without a font name, with a plain legacy font, and TCVN3 with a capital (…H) font;
* short real-world cells (positions, awards, short names, places);
* genuine Unicode Vietnamese and foreign Latin-1 words, which must stay as they are.

A TCVN3 cell is right when it reads back as the typist meant, or — when the meant text has
accented capitals that TCVN3 has no code for and its own case pattern cannot tell (no other
capital letter, no ``…H`` font) — as the cell shows it in a plain ``.VnTime`` font.  The
"as meant" line counts only exact returns of the meant text.

``--baseline REV`` also runs the evaluation on the product as it was at git revision REV (its
``exemplars`` package is exported to a temporary folder) and prints both columns.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import legacy_corpus as corpus

COLUMN = 25
TARGETS = {
    "TCVN3 without font": ">= 99.5 %", "TCVN3 short cells, without font": ">= 97 %",
    "VNI without font": ">= 99.8 %", "VNI short cells, without font": ">= 99.8 %",
    "Unicode without font: changed": "0", "foreign Latin-1: changed": "<= 1 %",
    "Unicode in a legacy font: made non-Vietnamese": "0",
}


def _caps_evidence(source: str) -> bool:
    """The TCVN3 source itself shows capitals: a plain capital after a word's first letter, or a capital code."""
    words = source.split()
    return any(c in "\xa1\xa2\xa3\xa4\xa5\xa6\xa7" for c in source) or any(
        c.isascii() and c.isupper() for w in words for c in w[1:])


def _tcvn3_accepted(meant: str, source: str) -> set[str]:
    shown = corpus.tcvn3_typed(meant)
    if shown == meant:
        return {meant}
    if meant == meant.upper() and _caps_evidence(source):
        return {meant}
    return {meant, shown}


def _fixer(legacy):
    pooled_api = hasattr(legacy, "decide_encoding")

    def per_cell(text: str, font: str | None = None) -> str:
        return legacy.fix_legacy(text, font)[0]

    def pooled(column: list[str], font: str | None = None) -> list[str] | None:
        if not pooled_api:
            return None
        decision = legacy.decide_encoding(column)
        return [legacy.fix_legacy(t, font, pooled=decision)[0] for t in column]

    return per_cell, pooled


def _columns(n: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i:i + COLUMN] for i in range(0, n, COLUMN)]


def evaluate(failures: int = 0) -> dict[str, dict]:
    try:
        from exemplars.vi import legacy_detect as legacy
    except ImportError:  # revisions before the pooled decision kept detection in ``legacy``
        from exemplars.vi import legacy

    per_cell, pooled = _fixer(legacy)
    cats = corpus.generate()
    every = [t for texts in cats.values() for t in texts]
    short = corpus.short_cells()
    results: dict[str, dict] = {}

    def run(name: str, sources: list[str], ok, font: str | None = None, bad=None) -> None:
        """``ok(i, got)`` says whether cell i came out right; with ``bad`` instead, the rate printed is
        the share of cells for which ``bad`` holds (a false-conversion rate)."""
        if bad is not None:
            def ok(i, g):
                return not bad(i, g)
        got = [per_cell(s, font) for s in sources]
        good = [ok(i, g) for i, g in enumerate(got)]
        share = sum(good) / len(sources)
        row = {"n": len(sources), "per_cell": 1 - share if bad else share, "failures": []}
        row["failures"] = [(sources[i], got[i]) for i, g in enumerate(good) if not g][:failures]
        columns = _columns(len(sources), 7)
        fixed: dict[int, str] = {}
        for col in columns:
            out = pooled([sources[i] for i in col], font)
            if out is None:
                break
            fixed.update(zip(col, out, strict=True))
        if fixed:
            share = sum(ok(i, fixed[i]) for i in range(len(sources))) / len(sources)
            row["pooled"] = 1 - share if bad else share
        results[name] = row

    def tcvn3_cases(label: str, meant: list[str]) -> None:
        sources = corpus.iconv_tcvn3([corpus.tcvn3_typed(m) for m in meant])
        accepted = [_tcvn3_accepted(m, s) for m, s in zip(meant, sources, strict=True)]
        run(f"TCVN3 {label}without font", sources, lambda i, g: g in accepted[i])
        run(f"TCVN3 {label}without font, as meant", sources, lambda i, g: g == meant[i])
        run(f"TCVN3 {label}in .VnTime", sources, lambda i, g: g in accepted[i], ".VnTime")
        capitals = corpus.iconv_tcvn3([m.lower() for m in meant])
        run(f"TCVN3 {label}in .VnTimeH", capitals, lambda i, g: g == meant[i].upper(), ".VnTimeH")

    def vni_cases(label: str, meant: list[str]) -> None:
        sources = [corpus.vni(m) for m in meant]
        run(f"VNI {label}without font", sources, lambda i, g: g == meant[i])
        run(f"VNI {label}in VNI-Times", sources, lambda i, g: g == meant[i], "VNI-Times")

    for cat, texts in cats.items():
        tcvn3_cases(f"{cat}: ", texts)
    tcvn3_cases("", every)
    tcvn3_cases("short cells, ", short)
    for cat, texts in cats.items():
        vni_cases(f"{cat}: ", texts)
    vni_cases("", every)
    vni_cases("short cells, ", short)

    unicode = every + short
    run("Unicode without font: changed", unicode, None, bad=lambda i, g: g != unicode[i])
    run("foreign Latin-1: changed", corpus.FOREIGN, None, bad=lambda i, g: g != corpus.FOREIGN[i])
    from exemplars.vi.text import syllable_score

    def non_vietnamese(i: int, g: str) -> bool:
        valid, invalid = syllable_score(g)
        return g != unicode[i] and invalid > 0
    run("Unicode in a legacy font: made non-Vietnamese", unicode, None, ".VnTime", bad=non_vietnamese)
    run("Unicode in a legacy font: changed", unicode, None, ".VnTime", bad=lambda i, g: g != unicode[i])
    # A real sheet mixes: a TCVN3 column with a few Unicode cells typed later.
    mixed_meant = short[:] + every[:400]
    rng = random.Random(3)
    mixed = [m if rng.random() < 0.2 else corpus.iconv_tcvn3([corpus.tcvn3_typed(m)])[0] for m in mixed_meant]
    is_unicode = [s == m for s, m in zip(mixed, mixed_meant, strict=True)]
    run("Unicode cells in a TCVN3 column: changed", mixed, None,
        bad=lambda i, g: is_unicode[i] and g != mixed[i])
    return results


def _baseline(rev: str, failures: int) -> dict[str, dict]:
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(repo), "archive", rev, "exemplars"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        out = subprocess.run([sys.executable, __file__, "--json", "--failures", str(failures)], env=env,
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _pct(row: dict | None, key: str) -> str:
    if row is None or key not in row:
        return "—"
    return f"{100 * row[key]:.2f} %"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", help="git revision to compare with (e.g. main)")
    ap.add_argument("--failures", type=int, default=0, help="print this many failed cells per case")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    now = evaluate(args.failures)
    if args.json:
        print(json.dumps(now))
        return
    before = _baseline(args.baseline, args.failures) if args.baseline else {}
    head = f"{'case':<52} {'cells':>6}"
    head += f" {'before/cell':>12} {'before/pool':>12}" if before else ""
    print(head + f" {'per cell':>10} {'pooled':>10}  target")
    for name, row in now.items():
        line = f"{name:<52} {row['n']:>6}"
        if before:
            line += f" {_pct(before.get(name), 'per_cell'):>12} {_pct(before.get(name), 'pooled'):>12}"
        print(line + f" {_pct(row, 'per_cell'):>10} {_pct(row, 'pooled'):>10}  {TARGETS.get(name, '')}")
        for source, got in row["failures"]:
            print(f"      {source!r} -> {got!r}")


if __name__ == "__main__":
    main()

"""The demonstration: realistic unit workbooks for a fictional 2026, run end to end.

For each shipped rulebook ``demo`` writes, under ``<out>/<rulebook id>/``:

* ``ho-so-don-vi/`` — one filled registration workbook per unit, with a few real
  mistakes planted on purpose (listed in ``loi-co-y.json``);
* ``phieu-bau.xlsx`` — the council's votes (by name and unit, as clerks type them);
* ``ket-qua/`` — everything the pipeline produces (submission, registers, feedback).

The same seed always gives the same files, and every run replaces the previous
demo folders, so running it twice gives the same result.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from exemplars.demo.samples import SampleManifest, generate_unit_files
from exemplars.history.store import record_run
from exemplars.pipeline import run
from exemplars.results import Progress, RunResult
from exemplars.rulebook import list_rulebooks
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import DocumentHeader, RunSettings
from exemplars.votes import SHEET_VOTES, VOTE_HEADERS
from exemplars.xlsx import Styles, atomic_path, atomic_write_text, new_workbook, write_table

DEMO_YEAR = 2026
#: After 01/7/2026, so the 2.530.000 base salary of Nghị định 161/2026/NĐ-CP applies.
DEMO_DECISION_DATE = dt.date(2026, 12, 15)
DEMO_SEED = 0
COUNCIL_MEMBERS = 11
UNIT_FILES_DIR = "ho-so-don-vi"
RESULTS_DIR = "ket-qua"
VOTES_FILE = "phieu-bau.xlsx"
MANIFEST_FILE = "loi-co-y.json"
HISTORY_FILE = "lich-su.sqlite"
#: Periods recorded before the year's run, so the periodic reports of the README have data.
HISTORY_PERIODS = ("Q1", "Q2", "6_thang", "Q3", "9_thang")


@dataclass
class DemoRun:
    rulebook: Rulebook
    base: Path
    manifest: SampleManifest
    result: RunResult


def demo_votes(rulebook: Rulebook, manifest: SampleManifest) -> list[tuple[str, str, int, int]]:
    """(name, unit code, yes, members) per named candidate: mostly clear majorities, a few below half."""
    rows = []
    for file in sorted(manifest.candidates):
        for cand in manifest.candidates[file]:
            if not cand.name:
                continue
            rng = random.Random(f"{rulebook.id}|{cand.unit_code}|{cand.name}")
            yes = rng.choice((4, 6, 7, 8, 8, 9, 9, 10, 10, 11))
            rows.append((cand.name, cand.unit_code, yes, COUNCIL_MEMBERS))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def write_votes_file(path: Path, rows: list[tuple[str, str, int, int]]) -> Path:
    """The "Phiếu bầu" sheet the office fills after the council meeting (id column left blank)."""
    headers = [(VOTE_HEADERS[key][0], width) for key, width in
               (("id", 14), ("name", 30), ("unit", 12), ("yes", 12), ("members", 16))]
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        ws = wb.add_worksheet(SHEET_VOTES)
        write_table(ws, Styles(wb), headers, [["", name, unit, yes, members] for name, unit, yes, members in rows])
        wb.close()
    return path


def _settings(rulebook: Rulebook, base: Path, period: str = "nam") -> RunSettings:
    return RunSettings(
        folder=base / UNIT_FILES_DIR, out_dir=base / RESULTS_DIR, rulebook=rulebook.id, year=DEMO_YEAR,
        period=period, votes_file=base / VOTES_FILE, decision_date=DEMO_DECISION_DATE,
        history_db=base / HISTORY_FILE,
        header=DocumentHeader(doc_number="125", doc_date=dt.date(DEMO_YEAR, 12, 1), signer_name="Nguyễn Văn Minh"),
    )


def run_demo_rulebook(rulebook: Rulebook, out: Path, progress: Progress | None = None) -> DemoRun:
    """Sample files, votes and a full run for one rulebook under ``out / rulebook.id``."""
    base = Path(out) / rulebook.id
    folder = base / UNIT_FILES_DIR
    if folder.exists():
        shutil.rmtree(folder)  # only the demo's own generated files live here
    manifest = generate_unit_files(rulebook, folder, DEMO_YEAR, seed=DEMO_SEED, mistakes=True)
    atomic_write_text(base / MANIFEST_FILE, manifest.dumps() + "\n")
    write_votes_file(base / VOTES_FILE, demo_votes(rulebook, manifest))
    (base / HISTORY_FILE).unlink(missing_ok=True)  # the demo's own store: a re-run starts a fresh history
    earlier = run(_settings(rulebook, base, HISTORY_PERIODS[0]), until="select", progress=progress)
    for period in HISTORY_PERIODS:  # the same sample files stand for each earlier period of the year
        record_run(base / HISTORY_FILE, earlier, _settings(rulebook, base, period))
    result = run(_settings(rulebook, base), progress=progress)
    return DemoRun(rulebook=rulebook, base=base, manifest=manifest, result=result)


def run_demo(out: Path, progress: Progress | None = None) -> list[DemoRun]:
    """The demonstration for every shipped rulebook (see the module docstring)."""
    return [run_demo_rulebook(rb, Path(out), progress) for rb in list_rulebooks()]

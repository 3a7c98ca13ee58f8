"""The demonstration: realistic unit workbooks for a fictional 2026, run end to end.

For each shipped rulebook ``demo`` writes, under ``<out>/<rulebook id>/``:

* ``ho-so-don-vi/`` — one filled registration workbook per unit, with a few real
  mistakes planted on purpose (listed in ``loi-co-y.json``);
* ``phieu-bau.xlsx`` — the council's votes (by name and unit, as clerks type them);
* ``ket-qua/`` — everything the pipeline produces (submission, registers, feedback);
* ``lich-su.sqlite`` — the history store of the year;
* ``so-nhan-ho-so.xlsx`` — the office's receipt book: the day each unit's list arrived
  (one unit left out, so the tracker shows the «Ngày lập» fallback, and one late);
* ``ket-qua/bao-cao/`` — the year's periodic reports with the deadline tracker;
* the nurturing year (``exemplars.demo.nurture``): plan workbooks filled by the units with a few
  real mistakes (``ke-hoach-don-vi/``), the plans, 6-month, 9-month and annual rounds, the periodic
  reports and the bulletin, as far as the rulebook's ``[nurture] steps`` go.

The same seed always gives the same files, and every run replaces the previous
demo folders, so running it twice gives the same result.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.demo.nurture import PLANS_DIR, NurtureDemo, run_nurture_year
from exemplars.demo.samples import SampleManifest, generate_unit_files
from exemplars.history.deadlines import deadlines_for, due_date
from exemplars.history.reports import periodic_report
from exemplars.history.store import record_run
from exemplars.outputs import office
from exemplars.periods import parse_period
from exemplars.pipeline import run
from exemplars.results import SELECT, Progress, RunResult
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
RECEIPTS_FILE = "so-nhan-ho-so.xlsx"
HISTORY_FILE = "lich-su.sqlite"
MANIFEST_FILE = "loi-co-y.json"
#: The day the demo's periodic reports are made (fixed, so the tracker reads the same every time).
DEMO_REPORT_DAY = dt.date(DEMO_YEAR, 12, 1)
#: Periods recorded before the year's run, so the periodic reports have the year's earlier data.
HISTORY_PERIODS = ("Q1", "Q2", "6_thang", "Q3", "9_thang")


@dataclass
class DemoRun:
    rulebook: Rulebook
    base: Path
    manifest: SampleManifest
    result: RunResult
    nurture: NurtureDemo | None = None
    reports: dict[str, Path] = field(default_factory=dict)


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
    """The "Phiếu bầu" sheet the office fills after the council meeting (id column left blank; the whole
    council attended, so the minutes show the members present and the quorum)."""
    headers = [(VOTE_HEADERS[key][0], width) for key, width in
               (("id", 14), ("name", 30), ("unit", 12), ("yes", 12), ("members", 16), ("present", 16))]
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        ws = wb.add_worksheet(SHEET_VOTES)
        write_table(ws, Styles(wb), headers, [["", name, unit, yes, members, members]
                                                  for name, unit, yes, members in rows])
        wb.close()
    return path


def demo_receipts(rulebook: Rulebook) -> list[tuple[str, dt.date]]:
    """(unit code, day received) for the office's receipt book: most units a few days before the
    annual deadline, one three days late, the last unit not recorded (its «Ngày lập» counts)."""
    deadlines = deadlines_for(rulebook, parse_period(str(DEMO_YEAR)))
    due = due_date(deadlines[0], parse_period(str(DEMO_YEAR))) if deadlines else dt.date(DEMO_YEAR, 11, 15)
    rng = random.Random(f"{rulebook.id}|receipts")
    units = list(rulebook.units)
    rows = [(u.code, due - dt.timedelta(days=rng.randint(0, 6))) for u in units[:-1]]
    if len(rows) > 1:
        rows[1] = (rows[1][0], due + dt.timedelta(days=3))
    return rows


def write_receipts_file(path: Path, rows: list[tuple[str, dt.date]]) -> Path:
    """The office's «Sổ nhận hồ sơ»: unit code and the day its list arrived."""
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp)
        ws = wb.add_worksheet("Sổ nhận hồ sơ")
        styles = Styles(wb)
        write_table(ws, styles, [("Mã đơn vị", 14), ("Ngày nhận", 14)], [[code, day] for code, day in rows])
        wb.close()
    return path


def demo_settings(rulebook: Rulebook, base: Path, period: str = "nam") -> RunSettings:
    return RunSettings(
        folder=base / UNIT_FILES_DIR, out_dir=base / RESULTS_DIR, rulebook=rulebook.id, year=DEMO_YEAR,
        period=period, votes_file=base / VOTES_FILE, decision_date=DEMO_DECISION_DATE,
        received_file=base / RECEIPTS_FILE,
        history_db=base / HISTORY_FILE,
        header=DocumentHeader(doc_number="125", doc_date=dt.date(DEMO_YEAR, 12, 1), signer_name="Nguyễn Văn Minh"),
    )


def run_demo_rulebook(rulebook: Rulebook, out: Path, progress: Progress | None = None, pdf: bool = True) -> DemoRun:
    """Sample files, votes and a full run for one rulebook under ``out / rulebook.id``."""
    base = Path(out) / rulebook.id
    folder = base / UNIT_FILES_DIR
    for generated in (folder, base / PLANS_DIR):
        if generated.exists():
            shutil.rmtree(generated)  # only the demo's own generated files live here
    for suffix in ("", "-wal", "-shm"):  # a fresh history: running the demo again gives the same year
        (base / f"{HISTORY_FILE}{suffix}").unlink(missing_ok=True)
    manifest = generate_unit_files(rulebook, folder, DEMO_YEAR, seed=DEMO_SEED, mistakes=True)
    atomic_write_text(base / MANIFEST_FILE, manifest.dumps() + "\n")
    write_votes_file(base / VOTES_FILE, demo_votes(rulebook, manifest))
    write_receipts_file(base / RECEIPTS_FILE, demo_receipts(rulebook))
    earlier = run(demo_settings(rulebook, base, HISTORY_PERIODS[0]), until=SELECT, progress=progress)
    for period in HISTORY_PERIODS:  # the same sample files stand for each earlier period of the year
        record_run(base / HISTORY_FILE, earlier, demo_settings(rulebook, base, period))
    settings = demo_settings(rulebook, base)
    result = run(settings, progress=progress)
    year = (run_nurture_year(rulebook, base, settings, seed=DEMO_SEED, pdf=pdf)
            if result.selection is not None else None)
    reports = (year.reports.get(str(DEMO_YEAR)) if year is not None else None) or \
        periodic_report(settings, str(DEMO_YEAR), today=DEMO_REPORT_DAY)
    return DemoRun(rulebook=rulebook, base=base, manifest=manifest, result=result, nurture=year, reports=reports)


def _bulletin_pdfs(runs: list[DemoRun]) -> None:
    """Every rulebook's bulletin and flag-ceremony sheet to PDF with one LibreOffice start (about 2 s each).

    Both rulebooks name their files alike, so each is converted from a uniquely named copy.
    """
    items = [(d, key, d.nurture.bulletin[key]) for d in runs if d.nurture is not None
             for key in ("bulletin_html", "flag_sheet") if key in d.nurture.bulletin]
    if not items:
        return
    with tempfile.TemporaryDirectory(prefix="exemplars-demo-") as tmp:
        copies = []
        for n, (_d, _key, path) in enumerate(items):
            copy = Path(tmp) / f"{n}-{path.name}"
            shutil.copyfile(path, copy)
            copies.append(copy)
        pdfs = office.convert_all(copies, "pdf", tmp)
        for (d, key, path), pdf in zip(items, pdfs, strict=True):
            target = path.with_suffix(".pdf")
            shutil.move(pdf, target)
            if d.nurture is not None:
                d.nurture.bulletin["bulletin_pdf" if key == "bulletin_html" else "flag_sheet_pdf"] = target


def run_demo(out: Path, progress: Progress | None = None) -> list[DemoRun]:
    """The demonstration for every shipped rulebook (see the module docstring)."""
    runs = [run_demo_rulebook(rb, Path(out), progress, pdf=False) for rb in list_rulebooks()]
    if office.find_soffice() is not None:
        _bulletin_pdfs(runs)
    return runs

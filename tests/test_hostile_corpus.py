"""The whole hostile corpus through the real pipeline, in a child process with time and memory measured.

Every case must end as its ``CorpusCase`` says (status, rule id, candidates), with a
Vietnamese message; the good files must still be consolidated; no output cell may be
a formula.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hostile.make_corpus import DDE_TEXTS, MAX_FILE_MB, RULEBOOK, YEAR, build_corpus
from support.rule_ids import unknown_ids

from exemplars.rulebook import load_rulebook

WHOLE_CORPUS_S = 60
ONE_FILE_S = 10
MAX_RSS_MIB = 500
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@")

CHILD = r"""
import json, resource, sys, time
import exemplars.outputs.office
exemplars.outputs.office.find_soffice = lambda: None  # the PDF copy is not under test here and costs seconds
from exemplars.pipeline import run
from exemplars.settings import RunSettings

folder, out, rulebook, year, max_mb = sys.argv[1:6]
marks = []
start = time.perf_counter()
result = run(RunSettings(folder=folder, out_dir=out, rulebook=rulebook, year=int(year), max_file_mb=float(max_mb)),
             progress=lambda done, total, message: marks.append((time.perf_counter(), message)))
total = time.perf_counter() - start
cons = result.consolidation
names = {f.path for f in cons.files}
durations = {msg: marks[i + 1][0] - t for i, (t, msg) in enumerate(marks[:-1]) if msg in names}
print(json.dumps({
    "files": {f.path: {"status": f.status.value, "candidates": f.candidates, "message": f.message}
              for f in cons.files},
    "problems": [{"file": p.file, "rule_id": p.rule_id, "severity": p.severity.value, "message": p.message}
                 for p in result.problems],
    "names": sorted(set(cons.register["name"].astype(str))),
    "durations": durations, "total_s": total,
    "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "outputs": sorted(str(p) for p in result.outputs.values()),
}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return folder, build_corpus(folder, shutil.which("soffice"))


@pytest.fixture(scope="module")
def run(corpus, tmp_path_factory):
    folder, _cases = corpus
    out = tmp_path_factory.mktemp("outputs")
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out), RULEBOOK, str(YEAR),
                           str(MAX_FILE_MB)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["out"] = out
    return report


def test_corpus_has_at_least_30_cases(corpus):
    _folder, cases = corpus
    assert len(cases) >= 30
    assert len({c.name for c in cases}) == len(cases)


def test_every_case_ends_as_expected(corpus, run):
    _folder, cases = corpus
    failures = []
    for case in cases:
        record = run["files"].get(case.name)
        problems = [p for p in run["problems"] if p["file"] == case.name]
        if not case.record:
            if record is not None:
                failures.append(f"{case.name}: expected no record, got {record}")
            continue
        if record is None:
            failures.append(f"{case.name}: no file record")
            continue
        if record["status"] not in case.statuses:
            failures.append(f"{case.name} ({case.what}): status {record['status']}, expected {sorted(case.statuses)}"
                            f" — {record['message']}")
        if case.rule_id and case.rule_id not in {p["rule_id"] for p in problems}:
            failures.append(f"{case.name}: no problem with rule {case.rule_id}; got {[p['rule_id'] for p in problems]}")
        if case.candidates is not None and record["candidates"] != case.candidates:
            failures.append(f"{case.name}: {record['candidates']} candidates, expected {case.candidates}")
        if record["status"] in ("error", "skipped"):
            if not problems or not VIETNAMESE.search(record["message"]):
                failures.append(f"{case.name}: no Vietnamese message for the clerk: {record['message']!r}")
        for p in problems:
            if not VIETNAMESE.search(p["message"]):
                failures.append(f"{case.name}: problem {p['rule_id']} is not Vietnamese: {p['message']!r}")
    assert not failures, "\n".join(failures)


def test_good_files_are_consolidated(corpus, run):
    _folder, cases = corpus
    good = [c for c in cases if c.name.startswith("tot-")]
    assert good
    for case in good:
        assert run["files"][case.name]["status"] == "received"
        assert run["files"][case.name]["candidates"] == case.candidates
    assert set(DDE_TEXTS) <= set(run["names"]), "hostile texts must reach the register unchanged, as text"


def test_time_and_memory_are_bounded(run):
    slowest = max(run["durations"].items(), key=lambda kv: kv[1])
    print(f"\ncorpus: {run['total_s']:.2f} s, slowest file {slowest[0]} {slowest[1]:.2f} s, "
          f"peak {run['maxrss_mib']:.0f} MiB")
    assert run["total_s"] < WHOLE_CORPUS_S, f"whole corpus took {run['total_s']:.1f} s"
    slow = {name: round(s, 2) for name, s in run["durations"].items() if s > ONE_FILE_S}
    assert not slow, f"files slower than {ONE_FILE_S} s: {slow}"
    assert run["durations"], "per-file progress was not reported"
    assert run["maxrss_mib"] < MAX_RSS_MIB, f"peak memory {run['maxrss_mib']:.0f} MiB"


def test_no_output_cell_is_a_formula(run):
    books = sorted(Path(run["out"]).rglob("*.xlsx"))
    assert any(b.name == "so-tong-hop.xlsx" for b in books), [b.name for b in books]
    seen_hostile = 0
    for book in books:
        wb = openpyxl.load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{book.name} › {ws.title} › {cell.coordinate}: {cell.value!r}"
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                        assert cell.data_type == "s", f"{book.name} › {ws.title} › {cell.coordinate}"
                        seen_hostile += cell.value in DDE_TEXTS
    assert seen_hostile >= len(DDE_TEXTS), "the DDE texts should appear in the outputs as plain text"


def test_every_reported_rule_id_is_catalogued(run):
    assert not unknown_ids((p["rule_id"] for p in run["problems"]), load_rulebook(RULEBOOK))

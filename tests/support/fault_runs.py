"""Stop `exemplars run` at a chosen moment (SIGKILL or Ctrl+C) and check what it left behind.

Shared by ``tests/test_fault_kills.py`` and ``benchmarks/fault_kills.py``.  A scene is a folder of
template-made unit workbooks and two council vote books that select different candidates, so every
run after the first changes the submission list, and a PDF that belongs to another run than its
list names the wrong people.  Each run carries a marker in its environment: every process it
started (the LibreOffice guard, soffice and its children) carries it too, which is how strays are
found, whatever else runs on the machine.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from exemplars.outputs.output_set import READY_FILE, SET_FILE, STAGING_PREFIX, output_session
from exemplars.outputs.submission import submission_name
from exemplars.rulebook.schema import Rulebook
from support.folders import collective, person, unit_folder, vote_book
from support.output_sets import history_run_ids, set_problems

YEAR = 2026
MARK = "EXEMPLARS_FAULT_TRIAL"
STRAY_GRACE = 30.0  # seconds the guard may take to end LibreOffice after its run died


@dataclass
class Scene:
    """Units, two vote books, an output folder and a history store that every trial shares."""

    rulebook_id: str
    folder: Path
    out: Path
    db: Path
    votes: tuple[Path, Path]
    names: set[str]
    committed: list[str] = field(default_factory=list)  # run ids whose set was switched in, in order
    turn: int = 0

    def command(self, votes: Path) -> list[str]:
        return [sys.executable, "-m", "exemplars", "run", str(self.folder), "--rules", self.rulebook_id,
                "--year", str(YEAR), "--out", str(self.out), "--votes", str(votes), "--history", str(self.db),
                "--decision-date", "15/12/2026", "--wait", "120"]

    def next_votes(self) -> Path:
        self.turn += 1
        return self.votes[self.turn % 2]


def make_scene(rb: Rulebook, root: Path) -> Scene:
    """Five candidates in three units; the second vote book drops the two collectives."""
    files = {"VP": [person(rb, "Trần Minh Tâm", dt.date(1980, 1, 2), level="tinh"),
                    collective(rb, "Phòng Hành chính")],
             "QLDN": [person(rb, "Lê Quang Vinh", dt.date(1981, 1, 2), level="tinh")],
             "QLDT": [person(rb, "Phạm Đức Huy", dt.date(1982, 1, 2), level="tinh"),
                      collective(rb, "Phòng Quy hoạch")]}
    folder = unit_folder(rb, root / "ho-so", files, year=YEAR)
    everyone = [(code, c) for code, cs in files.items() for c in cs]
    all_yes = vote_book(root / "phieu-du.xlsx", [["", c.name, code, 9, 11] for code, c in everyone])
    fewer = vote_book(root / "phieu-bot.xlsx", [["", c.name, code, 3 if c.subject_kind == "tap_the" else 9, 11]
                                                for code, c in everyone])
    return Scene(rb.id, folder, root / "ket-qua", root / "lich-su.sqlite", (all_yes, fewer),
                 {c.name for _, c in everyone})


def start(scene: Scene, votes: Path, token: str, logs: Path) -> subprocess.Popen:
    """`exemplars run` in a process group of its own, marked with ``token``."""
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / f"{token}.out", "wb") as out, open(logs / f"{token}.err", "wb") as err:
        return subprocess.Popen(scene.command(votes), stdout=out, stderr=err, start_new_session=True,
                                env={**os.environ, MARK: token})


def first_run(scene: Scene, logs: Path) -> float:
    """One complete run (the previous set of every trial); returns how long it took."""
    token = secrets.token_hex(4)
    started = time.monotonic()
    proc = start(scene, scene.next_votes(), token, logs)
    code = proc.wait(timeout=600)
    took = time.monotonic() - started
    if code != 0:
        raise RuntimeError((logs / f"{token}.err").read_text(encoding="utf-8", errors="replace"))
    scene.committed.append(set_problems(scene.out)[0])
    return took


def stage_now(out: Path, previous: str) -> str:
    """Where the run is, read from what it has written so far (``previous``: the set's run id before)."""
    staging = next(iter(sorted(out.glob(STAGING_PREFIX + "*"))), None)
    if staging is None:
        return "start" if _set_run_id(out) == previous else "exit"  # imports or lock; or switched, ending
    if (staging / READY_FILE).exists():
        return "switch"
    if any(staging.glob(".pdf-*")) or any(staging.glob("*.pdf")):
        return "pdf"
    if any(staging.rglob("*.xlsx")):
        return "workbooks"
    return "read"


def marked(token: str) -> list[int]:
    """Processes alive with ``token`` in their environment (Linux /proc)."""
    needle = f"{MARK}={token}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def strays(token: str, grace: float = STRAY_GRACE) -> list[int]:
    """What still runs of that run after ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while (alive := marked(token)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_problems(out: Path, names: set[str]) -> list[str]:
    """The PDF names exactly the candidates of the list beside it (and both are there)."""
    sheet, pdf = out / submission_name(YEAR), (out / submission_name(YEAR)).with_suffix(".pdf")
    if not sheet.exists() or not pdf.exists():
        return [f"missing: {[p.name for p in (sheet, pdf) if not p.exists()]}"]
    book = openpyxl.load_workbook(sheet, read_only=True)
    cells = _words(" ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                            for v in row if v is not None))
    book.close()
    printed = _words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                    timeout=120).stdout)
    listed = {n for n in names if n in cells}
    shown = {n for n in names if n in printed}
    if not listed:
        return ["the list names nobody"]
    return [] if listed == shown else [f"list {sorted(listed)} but PDF {sorted(shown)}"]


@dataclass
class Outcome:
    signal: str
    at: float          # seconds after the start
    stage: str         # where the run was when it was stopped ("done": it had already finished)
    new_set: bool      # the folder holds the stopped run's set (it had committed)
    problems: list[str]
    history_rows: int
    left_by_stop: list[str]  # staging and temporary folders the stopped run left
    leftovers: list[str]     # ... still there after the next start
    strays: list[int]
    returncode: int | None
    stderr: str

    @property
    def consistent(self) -> bool:
        return not self.problems


def trial(scene: Scene, delay: float, sig: int, logs: Path) -> Outcome:
    """Start a run, send ``sig`` to its group after ``delay`` seconds, then check as the next start would."""
    previous = set_problems(scene.out)[0]
    token = secrets.token_hex(4)
    proc = start(scene, scene.next_votes(), token, logs)
    started = time.monotonic()
    try:
        proc.wait(timeout=delay)
        stage = "done"
    except subprocess.TimeoutExpired:
        stage = stage_now(scene.out, previous)
        os.killpg(proc.pid, sig)
    returncode = proc.wait(timeout=300)
    at = time.monotonic() - started
    left = strays(token)
    stderr = (logs / f"{token}.err").read_text(encoding="utf-8", errors="replace")
    problems = []
    if sig == signal.SIGINT and returncode != 0:
        if "Traceback" in stderr or "Đã dừng theo yêu cầu" not in stderr:
            problems.append(f"Ctrl+C told: {stderr.strip()[-300:]!r}")
    left_by_stop = _temporary(scene.out)
    with output_session(scene.out, history=scene.db, wait=120):
        pass  # the next start: it finishes a committed switch or undoes the rest
    leftovers = _temporary(scene.out)
    run_id, set_wrong = set_problems(scene.out)
    problems += set_wrong + pdf_problems(scene.out, scene.names)
    if run_id != previous:
        scene.committed.append(run_id)
    rows = history_run_ids(scene.db)
    if rows != scene.committed:
        problems.append(f"history rows {rows}, sets switched in {scene.committed}")
    conn = sqlite3.connect(scene.db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if check != "ok":
        problems.append(f"integrity_check: {check}")
    if left:
        problems.append(f"stray processes {left}")
    return Outcome(signal.Signals(sig).name, at, stage, run_id != previous, problems, len(rows), left_by_stop,
                   leftovers, left, returncode, stderr)


def _set_run_id(out: Path) -> str:
    try:
        return str(json.loads((out / SET_FILE).read_text(encoding="utf-8"))["run_id"])
    except (OSError, ValueError, KeyError):
        return ""


def _temporary(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob(".*") if p.name.startswith((STAGING_PREFIX, ".pdf-")))


def spread(span: float, count: int, seed: int) -> list[float]:
    """``count`` moments over ``[0, span]``, one at random in each of ``count`` equal slices (seeded):
    random, yet every part of the run, the PDF step included, gets its share."""
    import random

    rng = random.Random(seed)
    width = span / count
    moments = [width * (i + rng.random()) for i in range(count)]
    rng.shuffle(moments)
    return moments

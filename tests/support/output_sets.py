"""Is an output folder one complete, mutually consistent set?  Used by the fault tests and benchmarks."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from exemplars.outputs.output_set import SET_FILE, STAGING_PREFIX
from exemplars.outputs.verify import pdf_run_id, verify_output


def workbook_run_id(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    start = custom.index("<vt:lpwstr>") + len("<vt:lpwstr>")
    return custom[start:custom.index("</vt:lpwstr>", start)]


def set_problems(out: Path) -> tuple[str, list[str]]:
    """(run id of the set, what is wrong with it): every file of the set present, complete and of that run,
    nothing else of the product's in the folder, no staging folder or temporary file left."""
    problems: list[str] = []
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    run_id = summary["run_id"]
    listed = json.loads((out / SET_FILE).read_text(encoding="utf-8"))
    if listed["run_id"] != run_id:
        problems.append(f"set file names {listed['run_id']}, summary.json {run_id}")
    for rel in listed["files"]:
        path = out / rel
        try:
            verify_output(path, run_id)
        except Exception as exc:  # noqa: BLE001 - reported, not raised: the caller lists every problem
            problems.append(f"{rel}: {exc}")
            continue
        if path.suffix == ".xlsx" and workbook_run_id(path) != run_id:
            problems.append(f"{rel} is of run {workbook_run_id(path)}")
        if path.suffix == ".pdf" and pdf_run_id(path) != run_id:
            problems.append(f"{rel} is of run {pdf_run_id(path)!r}")
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    if present != set(listed["files"]):
        problems.append(f"files outside the set: {sorted(present ^ set(listed['files']))}")
    leftovers = [p.name for p in out.rglob(".*") if p.name.startswith((STAGING_PREFIX, ".pdf-", ".so-", ".danh-",
                                                                         ".summary-"))]
    if leftovers:
        problems.append(f"left behind: {leftovers}")
    return run_id, problems


def history_run_ids(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT run_uid FROM runs ORDER BY id")]
    finally:
        conn.close()

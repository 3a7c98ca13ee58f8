"""Hand-built registers for the stage tests: valid candidates by default, one field changed per test.

``make_cons(rulebook, rows)`` builds a ``Consolidation`` the way the consolidator
documents it (codes for choices, dates, True/False/None, ``tc:<id>`` columns,
provenance columns) with one file per unit so ``cons.cell`` resolves A1 refs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from exemplars.columns import CANDIDATE_COLUMNS, PROVENANCE_COLUMNS, SHEET_CANDIDATES, criterion_column
from exemplars.domain import MovementKind, SubjectKind
from exemplars.reader.workbook import column_letter
from exemplars.results import Consolidation, FileRecord
from exemplars.rulebook.schema import Rulebook

HISTORY_KEYS = ("candidate_id", "stt", "candidate_stt", "name", "year", "title", "decision_no", "decision_date",
                "issuer", "source_file", "source_sheet", "source_row")


def column_letters(rulebook: Rulebook) -> dict[str, str]:
    keys = [c.key for c in CANDIDATE_COLUMNS] + [criterion_column(c.id) for c in rulebook.criteria]
    return {key: column_letter(i) for i, key in enumerate(keys)}


def candidate(rulebook: Rulebook, id: str, kind: str = "ca_nhan", *, unit: str | None = None,
              movement: str = "thuong_xuyen", **fields: Any) -> dict[str, Any]:
    """A valid candidate of ``kind``: every applicable criterion Có, every required field filled."""
    unit_obj = next((u for u in rulebook.units if u.code == unit), None) if unit else rulebook.units[0]
    unit_code = unit_obj.code if unit_obj else unit
    unit_name = unit_obj.name if unit_obj else unit
    row: dict[str, Any] = {c.key: None for c in CANDIDATE_COLUMNS}
    row.update({
        "id": id, "unit_code": unit_code, "unit_name": unit_name,
        "source_file": f"{unit_code}.xlsx", "source_sheet": SHEET_CANDIDATES, "source_row": 0,
        "subject_kind": kind, "name": f"Ứng viên {id}", "movement": movement,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ được giao.", "discipline": "khong",
        "task_completion": "htxs", "is_leader": False, "collective": "",
    })
    if kind == "ca_nhan":
        row.update({"birth_date": dt.date(1985, 3, 4), "gender": "nam", "honorific": "ong"})
    leader = bool(fields.get("is_leader"))
    k = SubjectKind(kind)
    for c in rulebook.criteria:
        row[criterion_column(c.id)] = None
    for c in rulebook.applicable_criteria(k, MovementKind(movement), leader):
        row[criterion_column(c.id)] = True
    row.update(fields)
    return row


def make_cons(rulebook: Rulebook, rows: list[dict[str, Any]], history: list[dict[str, Any]] | None = None,
              year: int = 2026) -> Consolidation:
    letters = column_letters(rulebook)
    per_file: dict[str, int] = {}
    for row in rows:
        if not row.get("source_row"):
            per_file[row["source_file"]] = per_file.get(row["source_file"], 4) + 1
            row["source_row"] = per_file[row["source_file"]]
    keys = list(PROVENANCE_COLUMNS) + [c.key for c in CANDIDATE_COLUMNS] + \
        [criterion_column(c.id) for c in rulebook.criteria]
    register = pd.DataFrame.from_records([{k: r.get(k) for k in keys} for r in rows], columns=keys)
    register = register.astype(object).where(register.notna(), None)
    files = [FileRecord(path=f, unit_code=f.removesuffix(".xlsx"), sheet=SHEET_CANDIDATES, columns=letters)
             for f in sorted({r["source_file"] for r in rows})]
    hist = pd.DataFrame.from_records(history or [], columns=HISTORY_KEYS)
    return Consolidation(rulebook=rulebook, year=year, folder=Path("."), register=register, history=hist,
                         files=files, problems=[], units=list(rulebook.units), units_missing=[])


def award(candidate_id: str, year: int, title: str) -> dict[str, Any]:
    return {"candidate_id": candidate_id, "year": year, "title": title, "name": "", "source_file": "",
            "source_sheet": "Lịch sử khen thưởng", "source_row": 5}

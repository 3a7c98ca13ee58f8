"""Hand-built run results for the history store tests: one person or collective per row, selected or not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from exemplars.domain import SubjectKind, Unit
from exemplars.findings import Finding, Severity
from exemplars.results import (
    Assessment,
    Consolidation,
    FileRecord,
    Ranking,
    RewardLine,
    RunResult,
    SelectedCandidate,
    Selection,
)
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings


def person(cid: str, unit: str, name: str, birth: dt.date | None, kind: str = "ca_nhan", **extra) -> dict:
    """One register row (the columns the store reads)."""
    return {"id": cid, "unit_code": unit, "unit_name": f"Đơn vị {unit}", "source_file": f"{unit}.xlsx",
            "source_sheet": "Danh sách đề xuất", "source_row": 8, "subject_kind": kind, "name": name,
            "birth_date": birth, "gender": "nu", "movement": "thuong_xuyen", "field": extra.pop("field", "Thủy lợi"),
            "achievements": extra.pop("achievements", f"Thành tích của {name}"), "proposed_award": "giay_khen",
            **extra}


def make_result(rulebook_id: str, year: int, rows: list[dict], *, selected: tuple[str, ...] = (),
                history: list[dict] = (), files: list[FileRecord] | None = None, units: list[Unit] | None = None,
                folder: Path = Path("don-vi")) -> RunResult:
    """A RunResult as the pipeline would give it, built by hand."""
    rb = load_rulebook(rulebook_id)
    register = pd.DataFrame(rows)
    units = units if units is not None else list(rb.units)
    if files is None:
        codes = sorted({r["unit_code"] for r in rows})
        files = [FileRecord(path=f"{c}.xlsx", sha256=c * 4, unit_code=c, unit_name=f"Đơn vị {c}",
                            candidates=sum(r["unit_code"] == c for r in rows),
                            modified=dt.datetime(year, 3, 1, 9, 0)) for c in codes]
    sent = {f.unit_code for f in files}
    cons = Consolidation(rulebook=rb, year=year, folder=folder, register=register,
                         history=pd.DataFrame(list(history)), files=files,
                         problems=[Finding(severity=Severity.WARNING, rule_id="T-1", message="Cảnh báo thử",
                                           file="a.xlsx", sheet="Danh sách đề xuất", cell="B8", value="x")],
                         units=units, units_missing=[u for u in units if u.code not in sent])
    ids = [r["id"] for r in rows]
    table = pd.DataFrame({"eligible": [True] * len(ids), "fast_track": [False] * len(ids),
                          "criteria_met": 3, "criteria_applicable": 3, "reasons": ""}, index=ids)
    ranking = pd.DataFrame({"id": ids, "score": [50.0 - i for i in range(len(ids))],
                            "rank": list(range(1, len(ids) + 1))})
    chosen = []
    for rank, r in enumerate(rows, start=1):
        if r["id"] in selected:
            reward = RewardLine("giay_khen", "Giấy khen", "giay_khen", SubjectKind(r["subject_kind"]), "152/2025",
                                0.3, 2_530_000, "161/2026", 759_000.0, 760_000, "0,3 × 2.530.000")
            chosen.append(SelectedCandidate(r["id"], r["name"], SubjectKind(r["subject_kind"]), r["unit_code"],
                                            r["unit_name"], 50.0 - rank, rank, "regular", reward))
    selection = Selection(chosen, [], [], [], 760_000 * len(chosen), dt.date(year, 12, 31))
    return RunResult(cons, Assessment(cons, table, []), Ranking(ranking), selection)


def settings_for(tmp: Path, rulebook_id: str, year: int, period: str = "nam") -> RunSettings:
    return RunSettings(folder=tmp / "don-vi", out_dir=tmp / "ket-qua", rulebook=rulebook_id, year=year,
                       period=period, history_db=tmp / "lich-su.sqlite")

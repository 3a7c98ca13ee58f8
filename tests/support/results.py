"""Hand-built ``RunResult`` fixtures for tests of the writers (no folder, no reader needed).

``build_run_result(rulebook, folder)`` returns a complete run of the Đồng Nai plan
(or any rulebook whose units and reward forms it can borrow): five units, two of
them silent, a collective, individuals (one named like a formula), an ineligible
candidate, a fast-track (đột xuất) candidate, a reserve, errors and warnings with
cell references, and reward lines computed by ``exemplars.rewards``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from exemplars.columns import CANDIDATE_COLUMNS, PROVENANCE_COLUMNS, SHEET_CANDIDATES, criterion_column
from exemplars.domain import SubjectKind
from exemplars.findings import Finding, Severity
from exemplars.results import (
    Assessment,
    Consolidation,
    FileRecord,
    FileStatus,
    Ranking,
    RunResult,
    SelectedCandidate,
    Selection,
)
from exemplars.rewards import reward_for
from exemplars.rulebook import load_legal
from exemplars.rulebook.schema import Rulebook

FORMULA_NAME = '=HYPERLINK("http://evil.example","Bấm vào đây")'
FORMULA_NOTE = "=cmd|' /C calc'!A0"
PLAIN_NAME = "Võ Thanh Tùng"
NOT_ELIGIBLE_REASONS = "Chưa đạt tiêu chí A-11.1; hoàn thành nhiệm vụ dưới mức yêu cầu"
DECISION_DATE = dt.date(2026, 12, 31)
#: Column letters of the registration template used for the cell references below.
LETTERS = {"stt": "A", "subject_kind": "B", "name": "D", "birth_date": "E", "field": "K",
           "movement": "L", "achievements": "M", "task_completion": "T", "proposed_award": "U"}

# (id, unit index, kind, name, position, field, movement, award index, row)
CANDIDATES = [
    ("C01", 0, "tap_the", "Tổ Hành chính - Quản trị", "", 0, "thuong_xuyen", 0, 12),
    ("C02", 0, "ca_nhan", "Nguyễn Thị Hồng Nhung", "Chuyên viên", 0, "thuong_xuyen", 0, 13),
    ("C03", 1, "ca_nhan", FORMULA_NAME, "Phó Trưởng phòng", 1, "cai_cach_hanh_chinh", 1, 12),
    ("C04", 1, "ca_nhan", "Trần Văn Bình", "Chuyên viên", 2, "thuong_xuyen", 0, 13),
    ("C05", 1, "ca_nhan", "Lê Minh Đức", "Kỹ sư", 2, "dot_xuat", 0, 14),
    ("C06", 2, "tap_the", "Phòng Một cửa", "", 1, "cai_cach_hanh_chinh", 0, 12),
    ("C07", 2, "ca_nhan", "Phạm Thị Lan", "Chuyên viên", 0, "thuong_xuyen", 0, 13),
]
ELIGIBLE = {"C01": True, "C02": True, "C03": True, "C04": False, "C05": True, "C06": True, "C07": True}
SCORES = {"C01": 92.5, "C02": 88.0, "C03": 95.0, "C04": 40.0, "C05": 70.0, "C06": 90.0, "C07": 60.0}


def _register(rb: Rulebook, units, plain: bool) -> pd.DataFrame:
    rows = []
    for cid, u, kind, name, position, field_i, movement, award_i, row in CANDIDATES:
        name = PLAIN_NAME if plain and cid == "C03" else name
        unit = units[u]
        record = {key: None for key in PROVENANCE_COLUMNS}
        record.update({c.key: None for c in CANDIDATE_COLUMNS})
        record.update(
            id=cid, unit_code=unit.code, unit_name=unit.name, source_file=f"{unit.code.lower()}.xlsx",
            source_sheet=SHEET_CANDIDATES, source_row=row, stt=row - 11, subject_kind=kind, name=name,
            position=position, workplace=unit.name if kind == "ca_nhan" else "",
            field=rb.fields[field_i % len(rb.fields)], movement=movement,
            achievements=f"Hoàn thành xuất sắc nhiệm vụ năm; {name} có nhiều đóng góp nổi bật.",
            initiative="Số hóa hồ sơ một cửa" if cid in ("C03", "C06") else "",
            initiative_level="co_so" if cid in ("C03", "C06") else None,
            effectiveness="Rút ngắn 30% thời gian xử lý hồ sơ." if kind == "tap_the" else "",
            replicability="cao" if kind == "tap_the" else None,
            discipline="khong", task_completion="htxs" if ELIGIBLE[cid] else "ht",
            proposed_award=rb.reward_forms[award_i % len(rb.reward_forms)].id,
            gender="nu" if "Thị" in name else ("nam" if kind == "ca_nhan" else None),
            birth_date=dt.date(1985, 3, 7) if kind == "ca_nhan" else None,
            note=FORMULA_NOTE if cid == "C02" and not plain else "",
        )
        for criterion in rb.criteria:
            record[criterion_column(criterion.id)] = ELIGIBLE[cid]
        rows.append(record)
    return pd.DataFrame(rows)


def _problems(units) -> list[Finding]:
    u0, u1 = units[0], units[1]
    return [
        Finding(severity=Severity.ERROR, rule_id="R-DATE", message="Ngày sinh không hợp lệ: nhập dạng dd/mm/yyyy.",
                file="qldn.xlsx", sheet=SHEET_CANDIDATES, cell="E13", value="31/02/1985", candidate_id="C04",
                unit_code=u1.code),
        Finding(severity=Severity.WARNING, rule_id="R-FIELD", message="Lĩnh vực không có trong danh mục.",
                file="qldn.xlsx", sheet=SHEET_CANDIDATES, cell="K12", value="=SUM(A1)", candidate_id="C03",
                unit_code=u1.code),
        Finding(severity=Severity.ERROR, rule_id="A-11.1", message="Chưa đạt tiêu chí A-11.1.",
                file="qldn.xlsx", sheet=SHEET_CANDIDATES, cell="F13", value="Không", candidate_id="C04",
                unit_code=u1.code),
        Finding(severity=Severity.NOTICE, rule_id="R-OLD", message="Tệp dùng mẫu cũ, vẫn đọc được.",
                file="vp.xlsx", unit_code=u0.code),
    ]


def build_run_result(rb: Rulebook, folder: Path | str = "don-vi", year: int = 2026,
                     plain: bool = False) -> RunResult:
    """The run described in the module docstring.  By default the rank-1 individual is named
    like a formula and another candidate's note is a DDE formula; ``plain`` gives ordinary
    texts (for documentation pictures)."""
    units = list(rb.units[:5])
    register = _register(rb, units, plain)
    files = [
        FileRecord(path=f"{u.code.lower()}.xlsx", status=FileStatus.RECEIVED, unit_code=u.code, unit_name=u.name,
                   candidates=int((register["unit_code"] == u.code).sum()), sheet=SHEET_CANDIDATES,
                   columns=dict(LETTERS))
        for u in units[:3]
    ]
    files.append(FileRecord(path="ban-nhap/~$tam.xlsx", status=FileStatus.SKIPPED, message="Tệp tạm của Excel."))
    problems = _problems(units)
    consolidation = Consolidation(rulebook=rb, year=year, folder=Path(folder), register=register,
                                  history=pd.DataFrame(), files=files, problems=problems[:2] + problems[3:],
                                  units=units, units_missing=units[3:5])
    ids = [c[0] for c in CANDIDATES]
    table = pd.DataFrame({
        "eligible": [ELIGIBLE[i] for i in ids],
        "fast_track": [i == "C05" for i in ids],
        "criteria_met": [9 if ELIGIBLE[i] else 5 for i in ids],
        "criteria_applicable": [9] * len(ids),
        "reasons": ["" if ELIGIBLE[i] else NOT_ELIGIBLE_REASONS for i in ids],
    }, index=pd.Index(ids, name="id"))
    assessment = Assessment(consolidation=consolidation, table=table, problems=[problems[2]])
    ranking = _ranking(register, table)
    selection = _selection(rb, ranking)
    return RunResult(consolidation=consolidation, assessment=assessment, ranking=ranking, selection=selection)


def _ranking(register: pd.DataFrame, table: pd.DataFrame) -> Ranking:
    rows = []
    for _, r in register.iterrows():
        cid = r["id"]
        rows.append({
            "id": cid, "name": r["name"], "subject_kind": r["subject_kind"], "unit_code": r["unit_code"],
            "unit_name": r["unit_name"], "movement": r["movement"], "eligible": bool(table.at[cid, "eligible"]),
            "fast_track": bool(table.at[cid, "fast_track"]), "score": SCORES[cid],
            "breakdown": f"tiêu chí {table.at[cid, 'criteria_met']}×10; sáng kiến 5",
            "vote_yes": 8, "vote_members": 9, "vote_share": 8 / 9, "vote_ok": True, "rank": None,
        })
    ranked = pd.DataFrame(rows).sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    rank = 0
    for i in ranked.index:
        if ranked.at[i, "eligible"] and not ranked.at[i, "fast_track"]:
            rank += 1
            ranked.at[i, "rank"] = rank
    return Ranking(table=ranked)


def _selection(rb: Rulebook, ranking: Ranking) -> Selection:
    legal = load_legal()

    def chosen(row, track: str) -> SelectedCandidate:
        kind = SubjectKind(row["subject_kind"])
        form = rb.reward_forms[0]
        line = reward_for(legal, form.legal_key, kind, DECISION_DATE, form_id=form.id, form_label=form.label)
        return SelectedCandidate(id=row["id"], name=row["name"], kind=kind, unit_code=row["unit_code"],
                                 unit_name=row["unit_name"], score=row["score"], rank=row["rank"], track=track,
                                 reward=line)

    t = ranking.table
    regular = [chosen(r, "regular") for _, r in t[t["rank"].notna()].iterrows() if r["id"] != "C07"]
    fast = [chosen(r, "fast_track") for _, r in t[t["fast_track"]].iterrows()]
    reserve = [(chosen(r, "regular"), "Vượt số lượng tối đa của hạn mức cá nhân.") for _, r in
               t[t["id"] == "C07"].iterrows()]
    for c, _ in reserve:
        c.reward = None
    total = sum(c.reward.amount for c in regular if c.reward)  # the council's list only, as selection does
    return Selection(selected=regular, fast_track=fast, reserve=reserve, problems=[], reward_total=total,
                     decision_date=DECISION_DATE)

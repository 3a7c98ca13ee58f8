"""Shared helpers for the reader and consolidation tests (no tests here).

Unit files are made with the real template builder and then edited with
openpyxl the way clerks edit them (insert columns/rows, rename sheets…).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl

from exemplars.columns import CANDIDATE_COLUMNS
from exemplars.domain import AwardRecord, Candidate, Unit
from exemplars.template.build import build_template


def sample_candidates(rb) -> list[Candidate]:
    """A collective and two individuals with every kind of field filled, criteria and history."""
    crit_tt = {c.id: (i % 3 != 2) for i, c in enumerate(rb.criteria) if "tap_the" in [k.value for k in c.applies_to]}
    crit_cn = {c.id: (i % 2 == 0) for i, c in enumerate(rb.criteria) if "ca_nhan" in [k.value for k in c.applies_to]}
    return [
        Candidate(subject_kind="tap_the", name="Phòng Quản lý doanh nghiệp", movement="thuong_xuyen",
                  achievements="Hoàn thành vượt mức kế hoạch; tổ chức 12 đợt kiểm tra doanh nghiệp.",
                  initiative="Mô hình một cửa liên thông", initiative_level="co_so",
                  initiative_decision="12/QĐ-BQL ngày 05/3/2020", effectiveness="Giảm 30% thời gian xử lý hồ sơ",
                  replicability="cao", discipline="khong", task_completion="htxs", field=rb.fields[0],
                  proposed_award=rb.reward_forms[0].id, evidence="Báo cáo số 45/BC-QLDN", criteria=crit_tt,
                  history=[AwardRecord(year=2019, title="Tập thể lao động tiên tiến", decision_no="88/QĐ-BQL",
                                       decision_date=dt.date(2019, 12, 20), issuer="Ban Quản lý các KCN")]),
        Candidate(subject_kind="ca_nhan", honorific="ba", name="Nguyễn Thị Hương", birth_date=dt.date(1985, 2, 25),
                  gender="nu", position="Phó Trưởng phòng", is_leader=True, workplace="Phòng Quản lý doanh nghiệp",
                  collective="Phòng Quản lý doanh nghiệp", movement="cai_cach_hanh_chinh",
                  achievements="Chủ trì số hóa hồ sơ; hướng dẫn 150 doanh nghiệp.", discipline="khong",
                  task_completion="htt", field=rb.fields[1], proposed_award=rb.reward_forms[-1].id,
                  note="Đề nghị xem xét", criteria=crit_cn,
                  history=[AwardRecord(year=2018, title="Chiến sĩ thi đua cơ sở", decision_no="10/QĐ-BQL",
                                       decision_date=dt.date(2018, 11, 2), issuer="Ban Quản lý các KCN"),
                           AwardRecord(year=2019, title="Lao động tiên tiến")]),
        Candidate(subject_kind="ca_nhan", honorific="ong", name="Trần Văn Đức", birth_date=dt.date(1990, 11, 7),
                  gender="nam", position="Chuyên viên", movement="dot_xuat",
                  achievements="Cứu người trong vụ cháy tại KCN Biên Hòa 2.", discipline="khong",
                  task_completion="htt", criteria={c: True for c in crit_cn}),
    ]


def make_unit_file(rb, path: Path, unit: Unit | None, year: int = 2020, candidates=None, **block) -> Path:
    """A pre-filled registration workbook (the real template builder)."""
    cands = sample_candidates(rb) if candidates is None else candidates
    return build_template(rb, path, unit=unit, year=year, candidates=cands, unit_block=block or None)


def edit_workbook(path: Path, change) -> Path:
    """Load with openpyxl, apply ``change(wb)``, save in place (what a clerk's Excel session does)."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def sha256_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def register_candidates(cons) -> list[Candidate]:
    """The register rows back as ``Candidate`` records (criteria and history included)."""
    hist: dict[str, list[AwardRecord]] = {}
    for row in cons.history.to_dict("records"):
        hist.setdefault(row["candidate_id"], []).append(AwardRecord(
            year=row["year"], title=row["title"], decision_no=row["decision_no"] or "",
            decision_date=row["decision_date"], issuer=row["issuer"] or ""))
    out = []
    for row in cons.register.to_dict("records"):
        fields = {c.key: row[c.key] for c in CANDIDATE_COLUMNS if c.key != "stt"}
        for key, value in list(fields.items()):
            if value is None and key in ("position", "workplace", "collective", "field", "achievements",
                                         "initiative", "initiative_decision", "effectiveness", "proposed_award",
                                         "evidence", "note"):
                fields[key] = ""
        fields["is_leader"] = bool(fields["is_leader"])
        criteria = {k[3:]: v for k, v in row.items() if k.startswith("tc:") and v is not None}
        out.append(Candidate(**fields, criteria=criteria, history=hist.get(row["id"], [])))
    return out


def comparable(cand: Candidate) -> dict:
    """A candidate without the fields the reader fills itself (id, unit)."""
    data = cand.model_dump()
    for key in ("id", "unit_code", "unit_name"):
        data.pop(key)
    data["criteria"] = {k: v for k, v in data["criteria"].items() if v is not None}
    return data

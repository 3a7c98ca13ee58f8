"""A folder of unit workbooks made with the product's template, a council vote book, and a run.

The end-to-end tests of the signed list (identity, votes, ties) build what a clerk
really receives: one registration workbook per unit (``template.build``), typed by
``Candidate`` records, and the office's «Phiếu bầu» workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import xlsxwriter

from exemplars import pipeline
from exemplars.domain import Candidate, Gender, Honorific, MovementKind, SubjectKind, TaskCompletion
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings
from exemplars.template.build import build_template

VOTE_HEADER = ["Mã ứng viên", "Họ và tên / Tên tập thể", "Đơn vị", "Phiếu đồng ý", "Tổng số thành viên"]
DECISION = dt.date(2026, 12, 15)


def person(rb: Rulebook, name: str, birth: dt.date, *, movement: str = "thuong_xuyen", female: bool = False,
           level: str | None = None, **fields: Any) -> Candidate:
    """An eligible individual: every applicable criterion Có, HTXS, no discipline."""
    kind, move = SubjectKind.CA_NHAN, MovementKind(movement)
    return Candidate(
        subject_kind=kind, name=name, birth_date=birth, gender=Gender.NU if female else Gender.NAM,
        honorific=Honorific.BA if female else Honorific.ONG, movement=move, field=rb.fields[0],
        achievements=f"Thành tích nổi bật của {name}.", discipline="khong", task_completion=TaskCompletion.XUAT_SAC,
        initiative_level=level, initiative="Sáng kiến cải tiến" if level else "",
        criteria={c.id: True for c in rb.applicable_criteria(kind, move, False)}, **fields)


def collective(rb: Rulebook, name: str, *, kind: str = "tap_the", movement: str = "thuong_xuyen",
               level: str | None = None, **fields: Any) -> Candidate:
    """An eligible collective (or household) with every applicable criterion Có."""
    k, move = SubjectKind(kind), MovementKind(movement)
    return Candidate(
        subject_kind=k, name=name, movement=move, field=rb.fields[0], achievements=f"Thành tích của {name}.",
        discipline="khong", task_completion=TaskCompletion.XUAT_SAC, initiative_level=level,
        initiative="Mô hình mới" if level else "", replicability=fields.pop("replicability", "cao"),
        criteria={c.id: True for c in rb.applicable_criteria(k, move, False)}, **fields)


def unit_folder(rb: Rulebook, folder: Path, files: Mapping[str, list[Candidate]], year: int = 2026) -> Path:
    """One registration workbook per unit code (``<code>.xlsx``), made with the real template builder."""
    folder.mkdir(parents=True, exist_ok=True)
    units = {u.code: u for u in rb.units}
    for code, candidates in files.items():
        build_template(rb, folder / f"{code.lower()}.xlsx", unit=units[code], year=year, candidates=candidates)
    return folder


def vote_book(path: Path, rows: Iterable[list[Any]], header: list[str] | None = None) -> Path:
    """The office's «Phiếu bầu» workbook: one row per candidate as typed (values kept as given)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Phiếu bầu")
    ws.write_row(0, 0, header or VOTE_HEADER)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)
    wb.close()
    return path


def run_folder(rb_id: str, folder: Path, out: Path, *, votes: Path | None = None, until: str = "select",
               year: int = 2026):
    """``pipeline.run`` on ``folder`` as ``exemplars run`` does (decision date in the 2.530.000 base salary)."""
    settings = RunSettings(folder=folder, out_dir=out, rulebook=rb_id, year=year, votes_file=votes,
                           decision_date=DECISION)
    return pipeline.run(settings, until=until)


def rulebook_variant(rb_id: str, path: Path, replace: Mapping[str, str]) -> Path:
    """A copy of a shipped rulebook TOML with text replaced (a setting changed as an office would)."""
    from exemplars.rulebook.loader import RULEBOOK_DIR

    text = (RULEBOOK_DIR / f"{rb_id}.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path

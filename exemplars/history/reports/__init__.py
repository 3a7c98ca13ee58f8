"""Periodic reports of the yearly cycle, written from the history store.

Which reports a period gets (keys of the returned dict):

=====================  ===========================================  ============================
key                    report                                       periods
=====================  ===========================================  ============================
``danh_gia_don_vi``    unit evaluation with tóm tắt thành tích      6 tháng, 9 tháng, năm
``danh_sach_quy``      quarterly list of exemplars for the City     each quarter
``khoi_thi_dua``       emulation blocs' report                      Quý III, 9 tháng
``danh_sach_nam``      annual list of exemplars                     năm
``theo_doi_han``       deadline tracker with reminder texts         periods with a units' deadline
=====================  ===========================================  ============================
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exemplars.errors import InputError
from exemplars.history.deadlines import deadlines_for
from exemplars.history.reports.books import (
    write_annual_list,
    write_bloc_report,
    write_quarter_list,
    write_tracker,
    write_unit_evaluation,
)
from exemplars.history.reports.data import PeriodData, gather
from exemplars.history.store import HistoryStore
from exemplars.nurture.deadlines import nurture_deadline_rows
from exemplars.nurture.sheets import section_of
from exemplars.periods import Period, parse_period
from exemplars.rulebook import load_rulebook
from exemplars.settings import RunSettings

REPORT_DIR = "bao-cao"
REPORT_NAMES = {
    "danh_gia_don_vi": "danh-gia-don-vi",
    "danh_sach_quy": "danh-sach-quy",
    "khoi_thi_dua": "khoi-thi-dua",
    "danh_sach_nam": "danh-sach-nam",
    "theo_doi_han": "theo-doi-thoi-han",
}
_WRITERS = {
    "danh_gia_don_vi": write_unit_evaluation,
    "danh_sach_quy": write_quarter_list,
    "khoi_thi_dua": write_bloc_report,
    "danh_sach_nam": write_annual_list,
    "theo_doi_han": write_tracker,
}


def reports_for(period: Period, has_deadline: bool) -> list[str]:
    """Keys of the reports that make sense for ``period``."""
    keys = []
    if period.kind in ("6_thang", "9_thang", "nam"):
        keys.append("danh_gia_don_vi")
    if period.kind == "quy":
        keys.append("danh_sach_quy")
    if period.kind == "9_thang" or (period.kind == "quy" and period.quarter == 3):
        keys.append("khoi_thi_dua")
    if period.kind == "nam":
        keys.append("danh_sach_nam")
    if has_deadline:
        keys.append("theo_doi_han")
    return keys


def resolve_period(text: str, year: int) -> Period:
    """A period given as a code with its own year (``2026-Q1``) or in the settings' style with ``year``."""
    raw = (text or "").strip()
    return parse_period(raw, None if raw[:4].isdigit() else year)


def _open_store(settings: RunSettings) -> Path:
    if settings.history_db is None:
        raise InputError("Chưa chọn cơ sở dữ liệu lịch sử: báo cáo định kỳ được lập từ lịch sử các lần tổng hợp.")
    path = Path(settings.history_db)
    if not path.is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{path}». Hãy chạy tổng hợp có lưu lịch sử trước.")
    return path


def periodic_report(settings: RunSettings, period: str, *, today: dt.date | None = None) -> dict[str, Path]:
    """Write the reports of ``period`` into ``settings.out_dir / "bao-cao"``; returns key → path."""
    db = _open_store(settings)
    rulebook = load_rulebook(settings.rulebook)
    when = resolve_period(period, settings.year)
    today = today or dt.date.today()
    with HistoryStore(db) as store:
        if not store.runs(rulebook_id=rulebook.id):
            raise InputError(
                f"Cơ sở dữ liệu lịch sử «{db}» chưa có lần tổng hợp nào theo quy chế «{rulebook.id}»."
            )
        data: PeriodData = gather(store, rulebook, when, today)
        data.nurture = section_of(store, rulebook.id, when.year, when.end)
        data.nurture_tracker = nurture_deadline_rows(store, rulebook, when, today)
    has_deadline = bool(deadlines_for(rulebook, when)) or bool(data.nurture_tracker)
    keys = reports_for(when, has_deadline)
    if not data.runs:
        if not has_deadline and data.nurture is None:
            raise InputError(f"Chưa có lần tổng hợp nào thuộc kỳ {when.label}; chưa lập được báo cáo.")
        # Nothing received yet: the tracker shows who is late, and the evaluation the nurturing work if any.
        keys = [k for k in keys if k == "theo_doi_han" or (data.nurture is not None and k == "danh_gia_don_vi")]
    header = settings.header.resolved(rulebook, today)
    folder = Path(settings.out_dir) / REPORT_DIR
    written = {}
    for key in keys:
        target = folder / f"{when.code}-{REPORT_NAMES[key]}.xlsx"
        written[key] = _WRITERS[key](target, data, header)
    return written

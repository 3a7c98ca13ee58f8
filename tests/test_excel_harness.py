"""Tests that the remote-engine harness of the Excel glue (``support.excel_harness``) is faithful.

The harness (its module docstring says how) must show a workbook exactly as Excel would after a run:
these tests hold its payload and its replay oracle against real workbook files.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support.excel_harness import payload_from_xlsx, remote_book, replay

from exemplars.excel import layout as L


def test_payload_carries_every_sheet_and_name_of_the_committed_workbook(monkeypatch):
    payload = payload_from_xlsx()
    assert [s["name"] for s in payload["sheets"]] == list(L.SHEETS)
    names = {n["name"] for n in payload["names"]}
    assert {s.name for s in L.SETTINGS} <= names
    assert {n for n, _ in L.STATUS_CELLS + L.SUMMARY_CELLS} <= names
    book = remote_book(payload, monkeypatch)
    assert book.names["cfg_quy_che"].refers_to_range.value == L.DEFAULT_RULEBOOK
    assert book.names["cfg_nam"].refers_to_range.value == L.DEFAULT_YEAR


def test_remote_engine_traps_the_glue_relies_on(monkeypatch):
    payload = payload_from_xlsx()
    book = remote_book(payload, monkeypatch)
    cell = book.names["dk_trang_thai"].refers_to_range
    cell.value = "mới"
    assert cell.value == "Chưa chạy lần nào."  # writes are not visible to later reads
    assert book.fullname == L.DEFAULT_FILE  # the name only, no folder
    with pytest.raises(NotImplementedError):
        book.app.status_bar = "x"
    assert replay(payload, book).cell(L.SHEET_DASHBOARD, L.dashboard_cell("dk_trang_thai")) == "mới"


def test_replay_refuses_actions_it_does_not_model(monkeypatch):
    payload = payload_from_xlsx()
    book = remote_book(payload, monkeypatch)
    book.sheets[0]["A1"].merge()
    with pytest.raises(AssertionError, match="unmodelled action"):
        replay(payload, book)


def test_payload_dates_become_datetimes_on_read(monkeypatch):
    ref = L.setting_cell("cfg_ngay_quyet_dinh")
    payload = payload_from_xlsx(cells={(L.SHEET_SETTINGS, ref): dt.datetime(2026, 12, 20)})
    book = remote_book(payload, monkeypatch)
    assert book.names["cfg_ngay_quyet_dinh"].refers_to_range.value == dt.datetime(2026, 12, 20)

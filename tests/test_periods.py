"""Reporting periods: codes, settings style, dates, labels, previous period, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from exemplars.errors import InputError
from exemplars.periods import Period, parse_period, period_of_settings, periods_of_year


@pytest.mark.parametrize("text, kind, quarter, start, end, label", [
    ("2026-Q1", "quy", 1, dt.date(2026, 1, 1), dt.date(2026, 3, 31), "Quý I năm 2026"),
    ("2026-q2", "quy", 2, dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Quý II năm 2026"),
    ("2026-Q3", "quy", 3, dt.date(2026, 7, 1), dt.date(2026, 9, 30), "Quý III năm 2026"),
    ("2026-Q4", "quy", 4, dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Quý IV năm 2026"),
    ("2026-6T", "6_thang", None, dt.date(2026, 1, 1), dt.date(2026, 6, 30), "6 tháng đầu năm 2026"),
    ("2026-9t", "9_thang", None, dt.date(2026, 1, 1), dt.date(2026, 9, 30), "9 tháng năm 2026"),
    ("2026", "nam", None, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Năm 2026"),
    (" 2026-N ", "nam", None, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Năm 2026"),
])
def test_parse_codes(text, kind, quarter, start, end, label):
    p = parse_period(text)
    assert (p.kind, p.year, p.quarter, p.start, p.end, p.label) == (kind, 2026, quarter, start, end, label)
    assert parse_period(p.code) == p


@pytest.mark.parametrize("text, code", [("nam", "2025"), ("6_thang", "2025-6T"), ("9_thang", "2025-9T"),
                                        ("Q3", "2025-Q3"), ("2025-Q4", "2025-Q4")])
def test_settings_style(text, code):
    p = period_of_settings(text, 2025)
    assert p.code == code
    assert period_of_settings(p.settings_period, 2025) == p


def test_previous():
    assert parse_period("2026-Q1").previous().code == "2025-Q4"
    assert parse_period("2026-Q3").previous().code == "2026-Q2"
    assert parse_period("2026-6T").previous().code == "2025-6T"
    assert parse_period("2026").previous().code == "2025"


def test_contains_and_order():
    year = periods_of_year(2026)
    assert [p.code for p in year] == ["2026-Q1", "2026-Q2", "2026-6T", "2026-Q3", "2026-9T", "2026-Q4", "2026"]
    nine = parse_period("2026-9T")
    assert [p.code for p in year if nine.contains(p)] == ["2026-Q1", "2026-Q2", "2026-6T", "2026-Q3", "2026-9T"]
    assert not parse_period("2026-Q2").contains(parse_period("2026-6T"))


@pytest.mark.parametrize("text, year, message", [
    ("2026-Q5", None, "không hợp lệ"),
    ("quý 1", None, "không hợp lệ"),
    ("", None, "không hợp lệ"),
    ("nam", None, "cần kèm theo năm"),
    ("2025-Q1", 2026, "không khớp với năm 2026"),
    ("1999", None, "ngoài khoảng"),
])
def test_invalid(text, year, message):
    with pytest.raises(InputError, match=message):
        parse_period(text, year)


def test_quarter_required_only_for_quarters():
    with pytest.raises(InputError):
        Period("quy", 2026)
    with pytest.raises(InputError):
        Period("nam", 2026, 2)

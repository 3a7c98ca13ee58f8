"""Cell value parsers: text, dates, numbers, yes/no, choices."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from exemplars.domain import TaskCompletion
from exemplars.errors import InputError
from exemplars.vi.legacy import TCVN3, VNI, encode
from exemplars.vi.values import (
    Parsed,
    choice_map,
    date_swap_warning,
    format_number,
    is_ambiguous_date_cell,
    is_day_first_text_date,
    parse_choice,
    parse_date,
    parse_int,
    parse_number,
    parse_text,
    parse_yesno,
)

D = dt.date


def test_parsed_is_frozen_and_clean_by_default():
    p = parse_text("abc")
    assert p == Parsed("abc") and p.ok and p.severity is None and p.rule_id == "" and p.message == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.value = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "text"),
    [("  Nguyễn  Văn A ", "Nguyễn Văn A"), (12.0, "12"), (12, "12"), (1.5, "1.5"), (None, ""), ("", ""),
     (D(2020, 2, 5), "05/02/2020"), (dt.datetime(2020, 2, 5, 8, 30), "05/02/2020 08:30"), (True, "Có"),
     ("0912345678", "0912345678")],
)
def test_parse_text_clean(raw, text):
    assert parse_text(raw) == Parsed(text)


def test_parse_text_converts_legacy_with_a_notice():
    p = parse_text("NguyÔn ThÞ H\u00ad\u00acng")
    assert (p.value, p.severity, p.rule_id) == ("Nguyễn Thị Hương", "notice", "D-10")
    assert p.message == "Đã chuyển từ mã TCVN3 (ABC) sang Unicode: «Nguyễn Thị Hương»"
    p = parse_text("Nguyeãn Thò Höông")
    assert (p.value, p.rule_id) == ("Nguyễn Thị Hương", "D-11")
    assert "VNI" in p.message


def test_parse_text_uses_the_font_name():
    assert parse_text("danh s¸ch", font_name=".VnTimeH").value == "DANH SÁCH"
    assert parse_text("Bà Lê").value == "Bà Lê"


# --- dates ---

@pytest.mark.parametrize(
    "text",
    ["05/02/2020", "5/2/2020", "05.02.2020", "05-02-2020", "2020-02-05", "ngày 05 tháng 02 năm 2020",
     "Ngày 5 tháng 2, năm 2020", "05/02/20", " 05 / 02 / 2020 ", "05/02/2020.", "2020-02-05 00:00:00"],
)
def test_text_dates_are_read_day_first(text):
    p = parse_date(text, max_year=2026)
    assert p.value == D(2020, 2, 5)
    assert (p.severity, p.rule_id) == ("notice", "D-20")
    assert "05/02/2020" in p.message


def test_real_dates_are_clean():
    assert parse_date(D(1985, 3, 4)) == Parsed(D(1985, 3, 4))
    assert parse_date(dt.datetime(1985, 3, 4, 10, 0)) == Parsed(D(1985, 3, 4))
    assert parse_date("") == Parsed(None) and parse_date(None) == Parsed(None) and parse_date("  ") == Parsed(None)


@pytest.mark.parametrize(
    ("serial", "date1904", "expected"),
    [(43866, False, D(2020, 2, 5)), (43866.75, False, D(2020, 2, 5)), (1, False, D(1900, 1, 1)),
     (59, False, D(1900, 2, 28)), (61, False, D(1900, 3, 1)), (0, True, D(1904, 1, 1)),
     (42404, True, D(2020, 2, 5))],
)
def test_excel_serials(serial, date1904, expected):
    p = parse_date(serial, date1904=date1904)
    assert p.value == expected and p.rule_id == "D-20"


@pytest.mark.parametrize("bad", [60, 0, -5, 3e7, float("nan"), "31/02/2020", "29/02/2019", "00/01/2020",
                                 "abc", "05/13/2020", "12/2019", True, dt.timedelta(days=3)])
def test_invalid_dates(bad):
    p = parse_date(bad)
    assert (p.value, p.severity, p.rule_id) == (None, "error", "D-22")


def test_bare_year_is_a_warning_without_a_value():
    for v in ("1985", 1985, 1985.0):
        p = parse_date(v, max_year=2026)
        assert (p.value, p.severity, p.rule_id) == (None, "warning", "D-24")
        assert "1985" in p.message


def test_out_of_range_dates():
    p = parse_date("05/02/2030", max_year=2026)
    assert (p.value, p.severity, p.rule_id) == (None, "error", "D-23")
    assert "2026" in p.message
    assert parse_date(D(1900, 1, 1), max_year=2026).rule_id == "D-23"
    assert parse_date(D(1930, 1, 1), max_year=2026, min_year=1940).rule_id == "D-23"
    assert parse_date("1890", max_year=2026).rule_id == "D-23"
    assert parse_date(D(2030, 1, 1)) == Parsed(D(2030, 1, 1))


def test_two_digit_years():
    assert parse_date("5/2/85", max_year=2026).value == D(1985, 2, 5)
    assert parse_date("5/2/26", max_year=2026).value == D(2026, 2, 5)
    assert parse_date("5/2/27", max_year=2026).value == D(1927, 2, 5)


def test_legacy_text_date():
    assert parse_date(encode("ngày 05 tháng 02 năm 2020", TCVN3)).value == D(2020, 2, 5)


def test_day_month_swap_checks():
    assert is_ambiguous_date_cell(D(2020, 5, 2))
    assert is_ambiguous_date_cell(dt.datetime(2020, 5, 2))
    assert not is_ambiguous_date_cell(D(2020, 5, 13))
    assert not is_ambiguous_date_cell(D(2020, 5, 5))  # swapping changes nothing
    assert not is_ambiguous_date_cell("05/02/2020")
    assert is_day_first_text_date("25/02/2020")
    assert not is_day_first_text_date("05/02/2020")
    assert not is_day_first_text_date("25/13/2020")
    assert not is_day_first_text_date(D(2020, 2, 25))
    w = date_swap_warning(D(2020, 5, 2))
    assert (w.value, w.severity, w.rule_id) == (D(2020, 5, 2), "warning", "D-21")
    assert "02/05/2020" in w.message and "05/02/2020" in w.message


# --- numbers ---

@pytest.mark.parametrize(
    ("raw", "value", "rule"),
    [(12, 12, ""), (12.0, 12, ""), ("12", 12, "D-30"), ("12.0", 12, "D-30"), ("1.234", 1234, "D-30"),
     ("1,234", 1234, "D-30"), (" 7 ", 7, "D-30"), ("-3", -3, "D-30"), ("1 800 000", 1800000, "D-30")],
)
def test_parse_int(raw, value, rule):
    p = parse_int(raw)
    assert p.value == value and type(p.value) is int and p.rule_id == rule


@pytest.mark.parametrize("bad", ["0,5", 2.5, "abc", "1.2.3", "12a", True, D(2020, 1, 1), float("inf"), "1,23,4"])
def test_parse_int_errors(bad):
    p = parse_int(bad)
    assert (p.value, p.severity, p.rule_id) == (None, "error", "D-31")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("0,3", 0.3), ("1.800.000", 1800000), ("1,800,000", 1800000), ("1.800.000 đ", 1800000),
     ("2.530.000 đồng", 2530000), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("12.5", 12.5), (",5", 0.5),
     (0.3, 0.3), (7, 7), ("0.300", 0.3), ("012", 12)],
)
def test_parse_number(raw, value):
    assert parse_number(raw).value == pytest.approx(value)


def test_parse_number_notice_names_what_was_understood():
    p = parse_number("1,800,000")
    assert p.message == "Số được nhập dạng chữ «1,800,000», đã hiểu là 1.800.000."
    assert parse_number("abc").rule_id == "D-31"
    assert parse_number("").value is None and parse_number("").ok


def test_format_number():
    assert format_number(1800000) == "1.800.000"
    assert format_number(0.3) == "0,3"
    assert format_number(-1234.5) == "-1.234,5"
    assert format_number(12.0) == "12"


# --- yes/no ---

@pytest.mark.parametrize(
    "yes", ["x", "X", "✓", "✔", "có", "Có", "CÓ", "Co", "co", "c", "yes", "Y", "y", 1, 1.0, True, "đạt", "Đạt",
            "dat", " x ", "1"])
def test_yes(yes):
    assert parse_yesno(yes) == Parsed(True)


@pytest.mark.parametrize(
    "no", ["không", "Không", "KHÔNG", "khong", "k", "ko", "no", "n", 0, 0.0, False, "-", "–", "0", "không đạt"])
def test_no(no):
    assert parse_yesno(no) == Parsed(False)


def test_yesno_blank_and_errors():
    assert parse_yesno("") == Parsed(None) and parse_yesno(None) == Parsed(None)
    for bad in ("có lẽ", 2, "??", D(2020, 1, 1)):
        p = parse_yesno(bad)
        assert (p.value, p.severity, p.rule_id) == (None, "error", "D-40")
        assert "Có" in p.message and "Không" in p.message


def test_yesno_in_legacy_encoding():
    assert parse_yesno(encode("Có", TCVN3)).value is True
    assert parse_yesno(encode("Không", VNI)).value is False


# --- choices ---

def test_choice_map_and_parse_choice():
    mapping = choice_map((m.label, m.value) for m in TaskCompletion)
    assert mapping["hoan thanh tot nhiem vu"] == "htt" and mapping["htt"] == "htt"
    assert parse_choice("Hoàn thành tốt nhiệm vụ", mapping) == Parsed("htt")
    assert parse_choice("HOÀN THÀNH  tốt nhiệm vụ.", mapping) == Parsed("htt")
    assert parse_choice("htxs", mapping) == Parsed("htxs")
    assert parse_choice("", mapping) == Parsed(None)
    bad = parse_choice("Tốt", mapping)
    assert (bad.value, bad.severity, bad.rule_id) == (None, "error", "D-41")
    assert "Hoàn thành tốt nhiệm vụ" in bad.message and "«Tốt»" in bad.message


def test_parse_choice_with_legacy_text_keeps_the_notice():
    mapping = choice_map([("Cấp cơ sở", "co_so"), ("Cấp tỉnh, thành phố", "tinh")])
    p = parse_choice(encode("Cấp tỉnh, thành phố", TCVN3), mapping)
    assert (p.value, p.rule_id) == ("tinh", "D-10")
    assert parse_choice("co so", mapping).value == "co_so"


def test_parse_choice_with_a_plain_mapping_lists_codes():
    p = parse_choice("z", {"a": "code_a"})
    assert p.rule_id == "D-41" and "code_a" in p.message


def test_choice_map_refuses_conflicting_keys():
    with pytest.raises(ValueError):
        choice_map([("Cao", "cao"), ("CAO", "thap")])


def test_one_date_reading_for_every_door():
    """Command line, control workbook and unit cells read a typed date the same way."""
    from exemplars.excel.settings_io import _date
    from exemplars.vi.values import parse_day

    for typed, meant in (("15/12/26", D(2026, 12, 15)), ("05/02/2020", D(2020, 2, 5)), ("2026-12-31", D(2026, 12, 31)),
                         ("1/7/2026", D(2026, 7, 1)), ("ngày 20 tháng 11 năm 2026", D(2026, 11, 20))):
        assert parse_date(typed).value == meant
        assert parse_day(typed, "--decision-date") == meant
        assert _date(typed, "Ngày quyết định") == meant
    with pytest.raises(InputError, match="Ngày quyết định"):
        _date("31/02/2026", "Ngày quyết định")
    with pytest.raises(InputError, match="--today"):
        parse_day("mai", "--today")

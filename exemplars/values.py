"""Parse one cell value into what the register stores, plus at most one finding.

Readers hand over what python-calamine or openpyxl give: ``str`` (``""`` for an
empty cell), ``int``, ``float``, ``bool``, ``datetime.date``,
``datetime.datetime``, ``datetime.timedelta`` or ``None``.  Every parser returns
a ``Parsed``: the value and, when something was noticed, a severity, a rule id
and a Vietnamese message naming what was found and what was understood.
Parsers never raise on cell content.

Rule ids (used verbatim by the consolidator and in reports):

====  ========  ==============================================================
id    severity  meaning
====  ========  ==============================================================
D-10  notice    text converted from TCVN3 (ABC) to Unicode
D-11  notice    text converted from VNI to Unicode
D-20  notice    date not stored as a date (typed as text, or a bare serial number)
D-21  warning   day and month possibly swapped (real date with day ≤ 12)
D-22  error     invalid date (impossible day/month, unreadable text)
D-23  error     date out of range (after ``max_year`` or more than 100 years before)
D-24  warning   only a year was given ("1985"); value None (see ``parse_date``)
D-30  notice    number typed as text
D-31  error     invalid number (text that is no number, a fraction where a whole number is due)
D-40  error     invalid yes/no answer
D-41  error     value not in the list of choices
====  ========  ==============================================================
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from exemplars.legacy import ENCODING_LABELS, TCVN3, could_be_legacy, fix_legacy
from exemplars.text import clean_text, fold, header_key

ERROR, WARNING, NOTICE = "error", "warning", "notice"


@dataclass(frozen=True, slots=True)
class Parsed:
    value: object
    severity: str | None = None
    rule_id: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when nothing was noticed."""
        return self.severity is None


# Clean results are by far the most common; build them without the frozen
# dataclass __init__ (which sets each field through object.__setattr__).
_new = object.__new__
_set_value, _set_severity = Parsed.value.__set__, Parsed.severity.__set__
_set_rule, _set_message = Parsed.rule_id.__set__, Parsed.message.__set__


def _clean(value: object) -> Parsed:
    parsed = _new(Parsed)
    _set_value(parsed, value)
    _set_severity(parsed, None)
    _set_rule(parsed, "")
    _set_message(parsed, "")
    return parsed


EMPTY = _clean(None)


def _quote(text: str, limit: int = 80) -> str:
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"


def _is_blank(v: object) -> bool:
    return v is None or (type(v) is str and (not v or v.isspace()))


def format_number(x: int | float) -> str:
    """Vietnamese rendering: ``1800000`` → ``"1.800.000"``, ``0.3`` → ``"0,3"``."""
    if isinstance(x, float) and not x.is_integer():
        whole, _, frac = repr(abs(x)).partition(".")
        if "e" in whole or "e" in frac:
            return repr(x).replace(".", ",")
        return ("-" if x < 0 else "") + f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(x):,}".replace(",", ".")


def format_date(d: dt.date) -> str:
    """``dd/mm/yyyy``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _render(v: object) -> str:
    """A non-text cell as text: whole floats without ".0", dates as dd/mm/yyyy."""
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0, 0):
            return format_date(v)
        return f"{format_date(v)} {v.hour:02d}:{v.minute:02d}"
    if isinstance(v, dt.date):
        return format_date(v)
    return str(v)


def _legacy_notice(text: str, encoding: str) -> Parsed:
    rule = "D-10" if encoding == TCVN3 else "D-11"
    message = f"Đã chuyển từ mã {ENCODING_LABELS[encoding]} sang Unicode: {_quote(text)}"
    return Parsed(text, NOTICE, rule, message)


def parse_text(v: object, font_name: str | None = None) -> Parsed:
    """Cell as clean text ("" for blank).  Legacy text is converted first (notice D-10/D-11)."""
    if type(v) is str:
        if v.isascii() or not could_be_legacy(v):
            return _clean(clean_text(v))
        fixed, encoding = fix_legacy(v, font_name)
        text = clean_text(fixed)
        return _clean(text) if encoding is None else _legacy_notice(text, encoding)
    if v is None:
        return _clean("")
    return _clean(clean_text(_render(v)))


def _text_of(v: str) -> tuple[str, str | None]:
    fixed, encoding = fix_legacy(v)
    return clean_text(fixed), encoding


# --- dates ---------------------------------------------------------------

_DMY_RE = re.compile(r"(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_YMD_RE = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_WORDS_RE = re.compile(r"(?:ngay )?(\d{1,2}) ?(?:thang|/|-) ?(\d{1,2})[ ,]*(?:nam|/|-) ?(\d{4})")
_YEAR_RE = re.compile(r"\d{4}")
_EXCEL_MAX_SERIAL = 2958465  # 31/12/9999


def _excel_serial_date(serial: float, date1904: bool) -> dt.date | None:
    days = math.floor(serial)
    if date1904:
        return dt.date(1904, 1, 1) + dt.timedelta(days=days) if 0 <= days <= _EXCEL_MAX_SERIAL - 1462 else None
    if days < 1 or days > _EXCEL_MAX_SERIAL or days == 60:  # 60 is Excel's fictitious 29/02/1900
        return None
    return dt.date(1899, 12, 31 if days < 60 else 30) + dt.timedelta(days=days)


def _full_year(yy: str, max_year: int | None) -> int:
    if len(yy) == 4:
        return int(yy)
    limit = max_year if max_year is not None else dt.date.today().year + 5
    return 2000 + int(yy) if 2000 + int(yy) <= limit else 1900 + int(yy)


def _date_in_range(d: dt.date, shown: str, max_year: int | None, min_year: int | None) -> Parsed | None:
    if max_year is not None and d.year > max_year:
        return Parsed(None, ERROR, "D-23", f"Ngày {shown} không hợp lệ: sau năm {max_year}.")
    if min_year is not None and d.year < min_year:
        return Parsed(None, ERROR, "D-23", f"Ngày {shown} không hợp lệ: trước năm {min_year}.")
    return None


def parse_date(v: object, *, date1904: bool = False, max_year: int | None = None,
               min_year: int | None = None) -> Parsed:
    """A date cell → ``datetime.date``.

    Real date cells are taken as they are (see ``is_ambiguous_date_cell`` for the
    day/month swap check).  Numbers are Excel serials (1900 or 1904 system),
    except whole numbers 1000–2200, which are years.  Text is always read day
    first: "05/02/2020", "5/2/20", "05.02.2020", "05-02-2020", "2020-02-05",
    "ngày 05 tháng 02 năm 2020" (notice D-20).  Two-digit years go to the latest
    century not after ``max_year`` (or this year + 5).

    A bare year ("1985") gives value None and warning D-24: a made-up 1 January
    would be printed on official lists as if it were known.  With ``max_year``,
    dates after it or before ``min_year`` (default ``max_year - 100``) are
    errors D-23.
    """
    if _is_blank(v):
        return EMPTY
    if max_year is not None and min_year is None:
        min_year = max_year - 100
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return _date_in_range(v, format_date(v), max_year, min_year) or _clean(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if not math.isfinite(v):
            return Parsed(None, ERROR, "D-22", f"Ngày không hợp lệ: {_quote(str(v))}.")
        if float(v).is_integer() and 1000 <= v <= 2200:
            return _bare_year(int(v), max_year, min_year)
        d = _excel_serial_date(v, date1904)
        if d is None:
            return Parsed(None, ERROR, "D-22", f"Ngày không hợp lệ: số {_render(v)} không phải là ngày.")
        shown = format_date(d)
        return _date_in_range(d, shown, max_year, min_year) or Parsed(
            d, NOTICE, "D-20", f"Ngày được lưu dạng số ({_render(v)}), đã hiểu là {shown}.")
    if not isinstance(v, str):
        return Parsed(None, ERROR, "D-22", f"Ngày không hợp lệ: {_quote(_render(v))}.")
    text, _ = _text_of(v)
    return _parse_date_text(text, max_year, min_year)


def _bare_year(year: int, max_year: int | None, min_year: int | None) -> Parsed:
    out_of_range = _date_in_range(dt.date(year, 1, 1), str(year), max_year, min_year)
    if out_of_range is not None:
        return Parsed(None, ERROR, "D-23", f"Năm {year} không hợp lệ: {out_of_range.message.split(': ', 1)[1]}")
    return Parsed(None, WARNING, "D-24",
                  f"Chỉ ghi năm {year}, thiếu ngày và tháng: cần ghi đủ dạng dd/mm/yyyy; chưa nhận ngày này.")


def _parse_date_text(text: str, max_year: int | None, min_year: int | None) -> Parsed:
    if not text:
        return EMPTY
    key = fold(text).rstrip(".")
    if _YEAR_RE.fullmatch(key):
        return _bare_year(int(key), max_year, min_year)
    match = _DMY_RE.fullmatch(key) or _WORDS_RE.fullmatch(key)
    if match:
        day, month, year = int(match[1]), int(match[2]), _full_year(match[3], max_year)
    elif match := _YMD_RE.fullmatch(key):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        return Parsed(None, ERROR, "D-22",
                      f"Không đọc được ngày {_quote(text)}: cần ghi dạng dd/mm/yyyy, ví dụ 05/02/2020.")
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return Parsed(None, ERROR, "D-22",
                      f"Ngày không hợp lệ {_quote(text)}: không có ngày {day:02d}/{month:02d}/{year}.")
    shown = format_date(d)
    return _date_in_range(d, shown, max_year, min_year) or Parsed(
        d, NOTICE, "D-20", f"Ngày được nhập dạng chữ {_quote(text)}, đã hiểu là {shown} (ngày/tháng/năm).")


def is_ambiguous_date_cell(v: object) -> bool:
    """True for a real date cell whose day and month could be swapped (day ≤ 12, day ≠ month).

    Excel on an en-US machine stores "05/02/2020" (meant: 5 February) as 2 May;
    the consolidator warns (D-21, ``date_swap_warning``) when a column also holds
    text dates whose day is above 12 (``is_day_first_text_date``).
    """
    if isinstance(v, dt.datetime):
        v = v.date()
    return isinstance(v, dt.date) and v.day <= 12 and v.day != v.month


def is_day_first_text_date(v: object) -> bool:
    """True for a text cell that is a dd/mm date with day > 12 (Excel could not read it as m/d)."""
    if not isinstance(v, str) or not v or v.isspace():
        return False
    match = _DMY_RE.fullmatch(fold(v).rstrip("."))
    return bool(match) and 12 < int(match[1]) <= 31 and int(match[2]) <= 12


def date_swap_warning(d: dt.date) -> Parsed:
    """Warning D-21 for a real date that may have day and month swapped; value stays ``d``."""
    shown = format_date(d)
    try:
        meant = f"nếu ngày đúng là {format_date(dt.date(d.year, d.day, d.month))} thì cần sửa lại"
    except ValueError:
        meant = "đề nghị kiểm tra lại"
    return Parsed(d, WARNING, "D-21",
                  f"Ngày {shown} có thể bị đảo ngày và tháng (Excel đọc theo kiểu tháng/ngày); {meant}.")


# --- numbers -------------------------------------------------------------

_NUMBER_RE = re.compile(r"([+-]?) ?(\d[\d., ]*|[.,]\d+) ?(?:đ|đồng|vnđ|vnd|d|dong)?", re.IGNORECASE)
_GROUPED = {sep: re.compile(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+") for sep in ".,"}


def _split_number(digits: str) -> tuple[str, str] | None:
    """(whole digits, fraction digits) of "1.800.000", "1,800,000", "0,3", "1.234,5" …; None if malformed.

    A single separator followed by exactly three digits after a non-zero part
    of one to three digits is a thousands separator ("1.234", "1,800"), as
    Vietnamese and English writers both mean it; otherwise it is the decimal
    separator ("0,3", "12.5").
    """
    if " " in digits:  # "1 800 000": spaces only as thousands separators
        if not re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", digits):
            return None
        digits = digits.replace(" ", "")
    dots, commas = digits.count("."), digits.count(",")
    if not dots and not commas:
        return digits, ""
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        whole, _, frac = digits.rpartition(decimal)
        thousands = "," if decimal == "." else "."
        if not _GROUPED[thousands].fullmatch(whole) or not frac.isdigit():
            return None
        return whole.replace(thousands, ""), frac
    sep = "." if dots else ","
    if dots + commas > 1:
        return (digits.replace(sep, ""), "") if _GROUPED[sep].fullmatch(digits) else None
    whole, _, frac = digits.partition(sep)
    if not frac.isdigit() or (whole and not whole.isdigit()):
        return None
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return whole + frac, ""
    return whole or "0", frac


def _number_from_text(text: str) -> int | float | None:
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        return None
    parts = _split_number(match[2].strip())
    if parts is None:
        return None
    whole, frac = parts
    sign = -1 if match[1] == "-" else 1
    if frac.strip("0") == "":
        return sign * int(whole)
    return sign * float(f"{whole}.{frac}")


def _numeric_cell(v: object) -> int | float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return int(v) if v.is_integer() else v
    return v


def _parse_numeric(v: object, whole_only: bool) -> Parsed:
    if _is_blank(v):
        return EMPTY
    what = "số nguyên" if whole_only else "số"
    number = _numeric_cell(v)
    if number is not None:
        if whole_only and isinstance(number, float):
            return Parsed(None, ERROR, "D-31", f"{_quote(format_number(number))} không phải là {what}.")
        return _clean(number)
    if not isinstance(v, str):
        return Parsed(None, ERROR, "D-31", f"{_quote(_render(v))} không phải là {what}.")
    text, _ = _text_of(v)
    number = _number_from_text(text)
    if number is None:
        return Parsed(None, ERROR, "D-31", f"{_quote(text)} không phải là {what}.")
    if whole_only and isinstance(number, float):
        return Parsed(None, ERROR, "D-31", f"{_quote(text)} không phải là {what} (có phần thập phân).")
    return Parsed(number, NOTICE, "D-30",
                  f"Số được nhập dạng chữ {_quote(text)}, đã hiểu là {format_number(number)}.")


def parse_int(v: object) -> Parsed:
    """Whole number: 12, 12.0, "12", "12.0", "1.234" (Vietnamese thousands → 1234).

    Text gives notice D-30; fractions ("0,5", 2.5) and non-numbers give error D-31.
    """
    return _parse_numeric(v, whole_only=True)


def parse_number(v: object) -> Parsed:
    """Number: int when whole, else float.  Text in vi-VN ("0,3", "1.800.000",
    "1.800.000 đ") or en-US ("1,800,000", "2.5") form gives notice D-30."""
    return _parse_numeric(v, whole_only=False)


# --- yes/no and choices --------------------------------------------------

_YES = frozenset({"x", "\u2713", "\u2714", "\u2611", "co", "c", "yes", "y", "1", "dat", "true", "dung"})
_NO = frozenset({"khong", "k", "ko", "kh", "no", "n", "0", "false", "-", "khong dat", "sai"})


def parse_yesno(v: object) -> Parsed:
    """Có/Không answer → True/False; blank → None; anything else → error D-40 (value None)."""
    if _is_blank(v):
        return EMPTY
    if isinstance(v, bool):
        return _clean(v)
    if isinstance(v, (int, float)):
        if v == 1:
            return _clean(True)
        if v == 0:
            return _clean(False)
        text = _render(v)
    elif isinstance(v, str):
        text, _ = _text_of(v)
        key = fold(text).rstrip(".")
        if key in _YES:
            return _clean(True)
        if key in _NO:
            return _clean(False)
    else:
        text = _render(v)
    return Parsed(None, ERROR, "D-40", f"Không hiểu câu trả lời {_quote(text)}: cần ghi Có (hoặc x) hoặc Không.")


class ChoiceMap(dict):
    """Folded label or code → code; ``labels`` keeps the labels for messages."""

    labels: tuple[str, ...] = ()


def choice_map(options: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lookup table for ``parse_choice`` from (label, code) pairs.

    Both the label and the code are keyed by ``header_key`` (case-, space-,
    punctuation- and diacritic-insensitive).  Raises ValueError when two
    different codes would share a key (a defect of the list, not of a cell).
    """
    mapping = ChoiceMap()
    labels = []
    for label, code in options:
        labels.append(label)
        for key in (header_key(label), header_key(code)):
            if mapping.get(key, code) != code:
                raise ValueError(f"choice key {key!r} maps to both {mapping[key]!r} and {code!r}")
            if key:
                mapping[key] = code
    mapping.labels = tuple(labels)
    return mapping


def parse_choice(v: object, mapping: Mapping[str, str]) -> Parsed:
    """Code of the option whose folded label or code equals the folded cell; blank → None.

    Anything else is error D-41 listing the allowed labels (value None).
    """
    if _is_blank(v):
        return EMPTY
    text, encoding = _text_of(v) if isinstance(v, str) else (clean_text(_render(v)), None)
    code = mapping.get(header_key(text))
    if code is not None:
        return _clean(code) if encoding is None else Parsed(code, *_legacy_notice(text, encoding)[1:])
    labels = getattr(mapping, "labels", ()) or tuple(sorted(set(mapping.values())))
    return Parsed(None, ERROR, "D-41",
                  f"{_quote(text)} không có trong danh sách; chọn một trong: {'; '.join(labels)}.")

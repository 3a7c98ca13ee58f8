"""Vietnamese notations of numbers and dates: reading and writing them as text.

Pure functions without findings; ``exemplars.vi.values`` builds the cell parsers
(and their Vietnamese messages) on top of them.

* Numbers: vi-VN writes "1.800.000" and "0,3"; en-US machines give "1,800,000"
  and "2.5"; both are read.  Money may carry "đ", "đồng", "VNĐ".
* Money and coefficients: ``format_vnd`` and ``format_coefficient`` keep every
  decimal of the amount (``Decimal``); scores and percentages: ``number_vi``.
* Dates: day first, always ("05/02/2020" is 5 February); Excel serials in the
  1900 system (with its fictitious 29/02/1900) or the 1904 system.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

_DMY_RE = re.compile(r"(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_YMD_RE = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_WORDS_RE = re.compile(r"(?:ngay )?(\d{1,2}) ?(?:thang|/|-) ?(\d{1,2})[ ,]*(?:nam|/|-) ?(\d{4})")
_YEAR_RE = re.compile(r"\d{4}")
_EXCEL_MAX_SERIAL = 2958465  # 31/12/9999
_DAYS_1900_TO_1904 = 1462

_NUMBER_RE = re.compile(r"([+-]?) ?(\d[\d., ]*|[.,]\d+) ?(?:đ|đồng|vnđ|vnd|d|dong)?", re.IGNORECASE)
_GROUPED = {sep: re.compile(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+") for sep in ".,"}
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?")


def format_number(x: int | float) -> str:
    """Vietnamese rendering: ``1800000`` → ``"1.800.000"``, ``0.3`` → ``"0,3"``."""
    if isinstance(x, float) and not x.is_integer():
        whole, _, frac = repr(abs(x)).partition(".")
        if "e" in whole or "e" in frac:
            return repr(x).replace(".", ",")
        return ("-" if x < 0 else "") + f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(x):,}".replace(",", ".")


def format_vnd(amount: int | float | Decimal) -> str:
    """Vietnamese thousands grouping: 2530000 → "2.530.000"; 1138500.5 → "1.138.500,5"."""
    value = Decimal(str(amount)).normalize()
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    frac = value - whole
    text = f"{whole:,}".replace(",", ".")
    if frac:
        text += "," + format(frac, "f").split(".")[1]
    return sign + text


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _three_digits(n: int, leading: bool) -> list[str]:
    """Words of 0 < n < 1000; ``leading``: the highest group, read without "không trăm" or "linh"."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _number_words(n: int) -> list[str]:
    if n == 0:
        return ["không"]
    billions, rest = divmod(n, 1_000_000_000)
    words = (_number_words(billions) + ["tỷ"]) if billions else []
    groups = [rest // 1_000_000, rest // 1000 % 1000, rest % 1000]
    for scale, group in zip(("triệu", "nghìn", ""), groups, strict=True):
        if group:
            words += _three_digits(group, leading=not words) + ([scale] if scale else [])
    return words


def vnd_in_words(amount: int | float | Decimal) -> str:
    """A whole amount of money as written on an official document:
    11400000 → "Mười một triệu bốn trăm nghìn đồng"; 1050000 → "Một triệu không trăm năm mươi nghìn đồng"."""
    value = int(Decimal(str(amount)).to_integral_value())
    words = (["âm"] if value < 0 else []) + _number_words(abs(value)) + ["đồng"]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def format_coefficient(coefficient: float | Decimal) -> str:
    """0.3 → "0,3"; 3.0 → "3,0"; 0.45 → "0,45" (a decimal comma, as printed in decrees)."""
    text = format(Decimal(str(coefficient)).normalize(), "f")
    if "." not in text:
        text += ".0"
    return text.replace(".", ",")


def number_vi(value: float) -> str:
    """12.0 → "12"; 24.5 → "24,5"; 66.667 → "66,67" (Vietnamese decimal comma)."""
    rounded = round(float(value), 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").replace(".", ",")


def format_date(d: dt.date) -> str:
    """``dd/mm/yyyy``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def render_value(v: object) -> str:
    """A non-text cell as text: whole floats without ".0", dates as dd/mm/yyyy, booleans as Có/Không."""
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0, 0):
            return format_date(v)
        return f"{format_date(v)} {v.hour:02d}:{v.minute:02d}"
    if isinstance(v, dt.date):
        return format_date(v)
    return str(v)


def excel_serial_date(serial: float, date1904: bool = False) -> dt.date | None:
    """Date of an Excel serial number (time of day dropped); None outside Excel's range or for 29/02/1900."""
    days = math.floor(serial)
    if date1904:
        if 0 <= days <= _EXCEL_MAX_SERIAL - _DAYS_1900_TO_1904:
            return dt.date(1904, 1, 1) + dt.timedelta(days=days)
        return None
    if days < 1 or days > _EXCEL_MAX_SERIAL or days == 60:  # 60 is Excel's fictitious 29/02/1900
        return None
    return dt.date(1899, 12, 31 if days < 60 else 30) + dt.timedelta(days=days)


def full_year(yy: str, max_year: int | None = None) -> int:
    """Four-digit year; two digits go to the latest century not after ``max_year`` (default: this year + 5)."""
    if len(yy) == 4:
        return int(yy)
    limit = max_year if max_year is not None else dt.date.today().year + 5
    return 2000 + int(yy) if 2000 + int(yy) <= limit else 1900 + int(yy)


def read_text_date(key: str, max_year: int | None = None) -> tuple[int, int, int] | int | None:
    """(year, month, day) written in folded text ``key``, the year alone for "1985", else None.

    Accepts "05/02/2020", "5/2/20", "05.02.2020", "05-02-2020", "2020-02-05",
    "ngay 05 thang 02 nam 2020" (a trailing time is ignored).  The triple is not
    checked: 31/02 comes back as (y, 2, 31) so that the caller can say why it is wrong.
    """
    key = key.rstrip(".")
    if _YEAR_RE.fullmatch(key):
        return int(key)
    match = _DMY_RE.fullmatch(key) or _WORDS_RE.fullmatch(key)
    if match:
        return full_year(match[3], max_year), int(match[2]), int(match[1])
    match = _YMD_RE.fullmatch(key)
    if match:
        return int(match[1]), int(match[2]), int(match[3])
    return None


def day_first_parts(key: str) -> tuple[int, int] | None:
    """(day, month) of a folded "dd/mm/yyyy"-style text, else None."""
    match = _DMY_RE.fullmatch(key.rstrip("."))
    return (int(match[1]), int(match[2])) if match else None


def split_number(digits: str) -> tuple[str, str] | None:
    """(whole digits, fraction digits) of "1.800.000", "1,800,000", "0,3", "1.234,5" …; None if malformed.

    A single separator followed by exactly three digits after a non-zero part
    of one to three digits is a thousands separator ("1.234", "1,800"), as
    Vietnamese and English writers both mean it; otherwise it is the decimal
    separator ("0,3", "12.5").
    """
    if " " in digits:  # "1 800 000": spaces only as thousands separators
        if not _SPACE_GROUPED.fullmatch(digits):
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


def number_from_text(text: str) -> int | float | None:
    """The number written in clean ``text`` (int when whole, else float); None if it is no number."""
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        return None
    parts = split_number(match[2].strip())
    if parts is None:
        return None
    whole, frac = parts
    sign = -1 if match[1] == "-" else 1
    if frac.strip("0") == "":
        return sign * int(whole)
    return sign * float(f"{whole}.{frac}")


def numeric_cell(v: object) -> int | float | None:
    """A numeric cell as int when whole, else float; None for non-numbers, booleans, NaN and infinities."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return int(v) if v.is_integer() else v
    return v

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
D-12  warning   a legacy font on a cell that already holds Unicode (left as it is)
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from exemplars.catalogue import (
    CHOICE_INVALID,
    DATE_INTERPRETED,
    DATE_INVALID,
    DATE_MAYBE_SWAPPED,
    DATE_OUT_OF_RANGE,
    LEGACY_FONT_IGNORED,
    LEGACY_TCVN3,
    LEGACY_VNI,
    NUMBER_INTERPRETED,
    NUMBER_INVALID,
    YEAR_ONLY,
    YESNO_INVALID,
)
from exemplars.errors import InputError
from exemplars.findings import Severity
from exemplars.vi.legacy import ENCODING_LABELS, TCVN3, VNI, convert, could_be_legacy
from exemplars.vi.legacy_detect import Decision, fix_legacy, repair
from exemplars.vi.notation import (
    day_first_parts,
    excel_serial_date,
    format_date,
    format_number,
    number_from_text,
    numeric_cell,
    read_text_date,
    render_value,
)
from exemplars.vi.text import clean_text, fold, header_key

__all__ = [
    "Parsed", "parse_text", "parse_date", "parse_day", "parse_int", "parse_number", "parse_yesno", "parse_choice",
    "choice_map", "is_ambiguous_date_cell", "is_day_first_text_date", "date_swap_warning",
    "format_date", "format_number",
]

ERROR, WARNING, NOTICE = Severity.ERROR, Severity.WARNING, Severity.NOTICE


@dataclass(frozen=True, slots=True)
class Parsed:
    value: object
    severity: Severity | None = None
    rule_id: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when nothing was noticed."""
        return self.severity is None


# Clean results are by far the most common; build them without the frozen
# dataclass __init__ (which sets each field through object.__setattr__).
# The slot descriptors are taken from the class namespace (``Parsed.value`` reads as the field to a type checker).
_new = object.__new__
_slots = vars(Parsed)
_set_value, _set_severity = _slots["value"].__set__, _slots["severity"].__set__
_set_rule, _set_message = _slots["rule_id"].__set__, _slots["message"].__set__


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


def _legacy_notice(text: str, encoding: str) -> Parsed:
    rule = LEGACY_TCVN3 if encoding == TCVN3 else LEGACY_VNI
    message = f"Đã chuyển từ mã {ENCODING_LABELS[encoding]} sang Unicode: {_quote(text)}"
    return Parsed(text, NOTICE, rule, message)


# Short cell texts repeat a lot across a folder (positions, answers, unit names):
# results are immutable, so the parsers keep the latest ones per input text.
_MEMO_LIMIT = 50_000
_MEMO_MAX_LENGTH = 80
_text_memo: dict[str, Parsed] = {}
_yesno_memo: dict[str, Parsed] = {}
_EMPTY_TEXT = _clean("")


def _remember(memo: dict, key: object, parsed: Parsed) -> Parsed:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = parsed
    return parsed


def parse_text(v: object, font_name: str | None = None, pooled: Decision | None = None) -> Parsed:
    """Cell as clean text ("" for blank).  Legacy text is converted first (notice D-10/D-11);
    ``font_name`` (when the reader knows it) is the strongest legacy signal, ``pooled`` the
    decision of the cell's column or file (``legacy_detect.decide_encoding``).  A legacy font
    on text that already is Vietnamese Unicode leaves the text as it is (warning D-12)."""
    if type(v) is str:
        plain = font_name is None and (pooled is None or pooled.encoding is None)
        if plain:
            known = _text_memo.get(v)
            if known is not None:
                return known
        if v.isascii() or not could_be_legacy(v):
            parsed = _clean(clean_text(v))
        else:
            got = repair(v, font_name, pooled)
            text = clean_text(got.text)
            if got.encoding is not None:
                parsed = _legacy_notice(text, got.encoding)
            elif got.font_ignored:
                parsed = Parsed(text, WARNING, LEGACY_FONT_IGNORED,
                                f"Ô dùng phông chữ cũ «{got.font_ignored}» nhưng nội dung đã là chữ Unicode: "
                                f"giữ nguyên {_quote(text)}, không chuyển mã.")
            else:
                parsed = _clean(text)
        if plain and len(v) <= _MEMO_MAX_LENGTH:
            _remember(_text_memo, v, parsed)
        return parsed
    if v is None:
        return _EMPTY_TEXT
    if type(v) is float or type(v) is int:
        return _clean(render_value(v))  # digits, sign, point: nothing to clean
    return _clean(clean_text(render_value(v)))


def _text_of(v: str) -> tuple[str, str | None]:
    fixed, encoding = fix_legacy(v)
    return clean_text(fixed), encoding


def _legacy_readings(raw: str) -> list[tuple[str, str]]:
    """The cell read as TCVN3 and as VNI, for short answers too ambiguous to detect ("Cã" = "Có")."""
    if not could_be_legacy(raw):
        return []
    return [(clean_text(convert(raw, encoding)), encoding) for encoding in (TCVN3, VNI)]


# --- dates ---------------------------------------------------------------

def _date_in_range(d: dt.date, shown: str, max_year: int | None, min_year: int | None) -> Parsed | None:
    if max_year is not None and d.year > max_year:
        return Parsed(None, ERROR, DATE_OUT_OF_RANGE, f"Ngày {shown} không hợp lệ: sau năm {max_year}.")
    if min_year is not None and d.year < min_year:
        return Parsed(None, ERROR, DATE_OUT_OF_RANGE, f"Ngày {shown} không hợp lệ: trước năm {min_year}.")
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
            return Parsed(None, ERROR, DATE_INVALID, f"Ngày không hợp lệ: {_quote(str(v))}.")
        if float(v).is_integer() and 1000 <= v <= 2200:
            return _bare_year(int(v), max_year, min_year)
        d = excel_serial_date(v, date1904)
        if d is None:
            return Parsed(None, ERROR, DATE_INVALID, f"Ngày không hợp lệ: số {render_value(v)} không phải là ngày.")
        shown = format_date(d)
        return _date_in_range(d, shown, max_year, min_year) or Parsed(
            d, NOTICE, DATE_INTERPRETED, f"Ngày được lưu dạng số ({render_value(v)}), đã hiểu là {shown}.")
    if not isinstance(v, str):
        return Parsed(None, ERROR, DATE_INVALID, f"Ngày không hợp lệ: {_quote(render_value(v))}.")
    text, _ = _text_of(v)
    return _parse_date_text(text, max_year, min_year)


def _bare_year(year: int, max_year: int | None, min_year: int | None) -> Parsed:
    out_of_range = _date_in_range(dt.date(year, 1, 1), str(year), max_year, min_year)
    if out_of_range is not None:
        return Parsed(None, ERROR, DATE_OUT_OF_RANGE, f"Năm {year} không hợp lệ: {out_of_range.message.split(': ', 1)[1]}")
    return Parsed(None, WARNING, YEAR_ONLY,
                  f"Chỉ ghi năm {year}, thiếu ngày và tháng: cần ghi đủ dạng dd/mm/yyyy; chưa nhận ngày này.")


def parse_day(value: object, label: str = "Ngày") -> dt.date | None:
    """A date the clerk typed as a setting (command line, control workbook) → date; None when blank.

    Read exactly as a unit's date cells (day first, "15/12/26" is 15/12/2026), so every door
    agrees; an unusable value is an ``InputError`` naming the setting.
    """
    if _is_blank(value):
        return None
    parsed = parse_date(value)
    if not isinstance(parsed.value, dt.date) or parsed.severity == ERROR:
        shown = value.strip() if isinstance(value, str) else render_value(value)
        raise InputError(f"«{label}» = «{shown}» không phải là ngày hợp lệ (dạng dd/mm/yyyy, ví dụ 20/11/2026). "
                         f"{parsed.message}".rstrip())
    return parsed.value


def _parse_date_text(text: str, max_year: int | None, min_year: int | None) -> Parsed:
    if not text:
        return EMPTY
    parts = read_text_date(fold(text), max_year)
    if parts is None:
        return Parsed(None, ERROR, DATE_INVALID,
                      f"Không đọc được ngày {_quote(text)}: cần ghi dạng dd/mm/yyyy, ví dụ 05/02/2020.")
    if isinstance(parts, int):
        return _bare_year(parts, max_year, min_year)
    year, month, day = parts
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return Parsed(None, ERROR, DATE_INVALID,
                      f"Ngày không hợp lệ {_quote(text)}: không có ngày {day:02d}/{month:02d}/{year}.")
    shown = format_date(d)
    return _date_in_range(d, shown, max_year, min_year) or Parsed(
        d, NOTICE, DATE_INTERPRETED, f"Ngày được nhập dạng chữ {_quote(text)}, đã hiểu là {shown} (ngày/tháng/năm).")


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
    parts = day_first_parts(fold(v))
    return parts is not None and 12 < parts[0] <= 31 and 1 <= parts[1] <= 12


def date_swap_warning(d: dt.date) -> Parsed:
    """Warning D-21 for a real date that may have day and month swapped; value stays ``d``."""
    shown = format_date(d)
    try:
        meant = f"nếu ngày đúng là {format_date(dt.date(d.year, d.day, d.month))} thì cần sửa lại"
    except ValueError:
        meant = "đề nghị kiểm tra lại"
    return Parsed(d, WARNING, DATE_MAYBE_SWAPPED,
                  f"Ngày {shown} có thể bị đảo ngày và tháng (Excel đọc theo kiểu tháng/ngày); {meant}.")


# --- numbers -------------------------------------------------------------

def _parse_numeric(v: object, whole_only: bool) -> Parsed:
    if _is_blank(v):
        return EMPTY
    what = "số nguyên" if whole_only else "số"
    number = numeric_cell(v)
    if number is not None:
        if whole_only and isinstance(number, float):
            return Parsed(None, ERROR, NUMBER_INVALID, f"{_quote(format_number(number))} không phải là {what}.")
        return _clean(number)
    if not isinstance(v, str):
        return Parsed(None, ERROR, NUMBER_INVALID, f"{_quote(render_value(v))} không phải là {what}.")
    text, _ = _text_of(v)
    number = number_from_text(text)
    if number is None:
        return Parsed(None, ERROR, NUMBER_INVALID, f"{_quote(text)} không phải là {what}.")
    if whole_only and isinstance(number, float):
        return Parsed(None, ERROR, NUMBER_INVALID, f"{_quote(text)} không phải là {what} (có phần thập phân).")
    return Parsed(number, NOTICE, NUMBER_INTERPRETED,
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


def _percent_error(shown: str) -> Parsed:
    return Parsed(None, ERROR, NUMBER_INVALID, f"{_quote(shown)} không phải là tỷ lệ phần trăm (từ 0 đến 100%).")


def parse_percent(v: object) -> Parsed:
    """A share in percent (0–100): 75, "75", "75%", "70,5 %", and 0.75 from a %-formatted cell.

    A %-formatted cell stores the fraction (Excel turns a typed 75 into 0,75), so a number
    up to 1 without a "%" sign is read as a fraction: 0.75 → 75, 1 → 100.  Anything else,
    or a share outside 0–100 %, is error D-31.
    """
    if _is_blank(v):
        return EMPTY
    number = numeric_cell(v)
    if number is not None:
        percent = number * 100 if 0 <= number <= 1 else number
    elif isinstance(v, str):
        text, _ = _text_of(v)
        core = text.rstrip().removesuffix("%").rstrip()
        found = number_from_text(core)
        if found is None:
            return _percent_error(text)
        percent = found if core != text or not 0 <= found <= 1 else found * 100
    else:
        return _percent_error(render_value(v))
    if not 0 <= percent <= 100:
        return _percent_error(format_number(number) if number is not None else str(v).strip())
    return _clean(round(float(percent), 4))


# --- yes/no and choices --------------------------------------------------

_YES = frozenset({"x", "\u2713", "\u2714", "\u2611", "co", "c", "yes", "y", "1", "dat", "true", "dung"})
_NO = frozenset({"khong", "k", "ko", "kh", "no", "n", "0", "false", "-", "khong dat", "sai"})
_YES_PARSED, _NO_PARSED = _clean(True), _clean(False)


def _yes_or_no(text: str) -> bool | None:
    key = fold(text).rstrip(".")
    return True if key in _YES else False if key in _NO else None


def parse_yesno(v: object) -> Parsed:
    """Có/Không answer → True/False; blank → None; anything else → error D-40 (value None)."""
    if type(v) is str:
        known = _yesno_memo.get(v)
        return known if known is not None else _remember(_yesno_memo, v, _parse_yesno(v))
    return _parse_yesno(v)


def _parse_yesno(v: object) -> Parsed:
    if _is_blank(v):
        return EMPTY
    answer, text = None, render_value(v)
    if isinstance(v, (bool, int, float)):
        answer = bool(v) if v in (0, 1) else None
    elif isinstance(v, str):
        text, _ = _text_of(v)
        answer = _yes_or_no(text)
        for alternative, _ in _legacy_readings(v) if answer is None else ():
            answer = _yes_or_no(alternative) if answer is None else answer
    if answer is not None:
        return _YES_PARSED if answer else _NO_PARSED
    return Parsed(None, ERROR, YESNO_INVALID, f"Không hiểu câu trả lời {_quote(text)}: cần ghi Có (hoặc x) hoặc Không.")


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
    text, encoding = _text_of(v) if isinstance(v, str) else (clean_text(render_value(v)), None)
    code = mapping.get(header_key(text))
    if code is not None and encoding is None:
        return _clean(code)
    if code is None and isinstance(v, str) and encoding is None:
        # Short legacy answers are too ambiguous to detect ("Cã" is TCVN3 for "Có"): try both readings.
        found = ((alt, enc) for alt, enc in _legacy_readings(v) if header_key(alt) in mapping)
        text, encoding = next(found, (text, None))
        code = mapping.get(header_key(text)) if encoding else None
    if code is not None and encoding is not None:  # a code found only through a legacy reading
        notice = _legacy_notice(text, encoding)
        return Parsed(code, notice.severity, notice.rule_id, notice.message)
    labels = getattr(mapping, "labels", ()) or tuple(sorted(set(mapping.values())))
    return Parsed(None, ERROR, CHOICE_INVALID,
                  f"{_quote(text)} không có trong danh sách; chọn một trong: {'; '.join(labels)}.")

"""Row access and display helpers of the register, shared by validation, ranking, selection and outputs.

The register holds enum codes, dates, True/False/None and text; pandas may turn a
missing value into NaN or NaT.  ``value_of`` hides that so the rules read plain
Python values; ``cell_text`` / ``label_of`` turn a value into the text a clerk reads.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from exemplars.columns import CANDIDATE_COLUMNS, Column
from exemplars.domain import (
    Discipline,
    LabelledEnum,
    MovementKind,
    RecognitionLevel,
    Replicability,
    SubjectKind,
    TaskCompletion,
)
from exemplars.findings import short_value
from exemplars.vi.notation import format_date
from exemplars.vi.text import fold, name_key

COLUMNS_BY_KEY: dict[str, Column] = {c.key: c for c in CANDIDATE_COLUMNS}

#: Register columns holding enum codes, and the enum that gives their Vietnamese label.
ENUM_COLUMNS: dict[str, type[LabelledEnum]] = {
    "subject_kind": SubjectKind,
    "movement": MovementKind,
    "initiative_level": RecognitionLevel,
    "replicability": Replicability,
    "discipline": Discipline,
    "task_completion": TaskCompletion,
}

Row = Mapping[str, Any]


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    kind = type(value)  # the plain types of most cells first, without the checks below
    if kind is str:
        return not value.strip()
    if kind is int:
        return False
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:  # pandas NaT / NA
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def number_or_none(value: Any) -> float | None:
    """A register number as a float; a blank (None, NaN, "") as None."""
    return None if is_blank(value) else float(value)


def value_of(row: Row, key: str) -> Any:
    """The cell's value, or None when blank or absent."""
    get = getattr(row, "get", None)
    value = get(key) if get is not None else None
    return None if is_blank(value) else value


def text_of(row: Row, key: str) -> str:
    value = value_of(row, key)
    return "" if value is None else str(value).strip()


def enum_of(row: Row, key: str, enum: type[LabelledEnum]) -> Any:
    """The enum member of a choice cell (code or label), None when blank or unknown."""
    value = value_of(row, key)
    if value is None:
        return None
    if isinstance(value, enum):
        return value
    return enum.from_label(str(value))


def kind_of(row: Row) -> SubjectKind | None:
    return enum_of(row, "subject_kind", SubjectKind)


def movement_of(row: Row) -> MovementKind | None:
    return enum_of(row, "movement", MovementKind)


def is_leader(row: Row) -> bool:
    return value_of(row, "is_leader") is True


def is_disciplined(row: Row) -> bool:
    """Any discipline or criticism recorded (A-17 counts "phê bình" too)."""
    discipline = enum_of(row, "discipline", Discipline)
    return discipline is not None and discipline is not Discipline.KHONG


def who(row: Row) -> str:
    """How a message names the candidate: «name» or the source row when the name is blank."""
    name = text_of(row, "name")
    if name:
        return f"«{name}»"
    return f"ứng viên ở dòng {row.get('source_row', '?')}"


def display_value(value: Any) -> str:
    """A register value as the clerk typed it: enum labels, Có/Không, dd/mm/yyyy."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, LabelledEnum):
        return value.label
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return short_value(value)


def label_value(row: Row, key: str) -> str:
    """Display text of a choice cell holding a code (``"tap_the"`` → ``"Tập thể"``)."""
    value = value_of(row, key)
    column = COLUMNS_BY_KEY.get(key)
    if value is not None and column is not None and isinstance(column.choices, type):
        member = column.choices.from_label(str(value))
        if member is not None:
            return member.label
    return display_value(value)


def cell_text(value: Any) -> str:
    """A register value as clerk text: blanks → "", booleans → Có/Không, dates dd/mm/yyyy."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def label_of(column: str, value: Any) -> str:
    """Vietnamese label of an enum-coded register value (the code itself when unknown)."""
    if is_blank(value):
        return ""
    enum = ENUM_COLUMNS.get(column)
    if enum is not None:
        member = value if isinstance(value, enum) else enum.from_label(str(value))
        if member is not None:
            return member.label
    return cell_text(value)


def join_parts(*parts: str, sep: str = ", ") -> str:
    """Non-empty parts joined once each (a position repeated in the workplace is not doubled)."""
    seen: list[str] = []
    for part in parts:
        p = (part or "").strip()
        if p and p not in seen:
            seen.append(p)
    return sep.join(seen)


def row_dict(row: Mapping[str, Any] | None) -> dict[str, Any]:
    """A register row (Series or mapping) as a plain dict; {} when the row is unknown."""
    if row is None:
        return {}
    return {str(k): v for k, v in dict(row).items()}


def strip_collective_words(text: str) -> str:
    """Folded collective name without a leading "tập thể" ("Tập thể Phòng X" = "Phòng X")."""
    folded = fold(text)
    for prefix in ("tap the ",):
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
    return folded.strip()


def collective_key_of_member(row: Row) -> tuple[str, str]:
    """(unit, folded collective) an individual belongs to; the unit itself when ``collective`` is blank."""
    name = text_of(row, "collective") or text_of(row, "unit_name") or text_of(row, "unit_code")
    return text_of(row, "unit_code"), strip_collective_words(name)


def collective_key_of_candidate(row: Row) -> tuple[str, str]:
    """(unit, folded name) of a nominated collective, comparable with ``collective_key_of_member``."""
    return text_of(row, "unit_code"), strip_collective_words(text_of(row, "name"))


def collective_display(row: Row) -> str:
    """The collective an individual belongs to, as written (or the unit)."""
    return text_of(row, "collective") or text_of(row, "unit_name") or text_of(row, "unit_code")


def identity_key(row: Row) -> tuple[str, ...]:
    """Who a register row is, whatever unit, file or movement proposed it.

    A person: folded name (legacy text already converted, honorifics dropped) + birth date, or
    + unit when the birth date is blank.  A collective or household: folded name + unit.
    """
    kind = kind_of(row)
    name = name_key(text_of(row, "name"))
    birth = value_of(row, "birth_date")
    if kind is SubjectKind.CA_NHAN and birth not in (None, ""):
        return ("person", name, str(birth)[:10])
    return (kind.value if kind else "", name, text_of(row, "unit_code") or fold(text_of(row, "unit_name")))

"""The office's receipt book (sổ nhận hồ sơ): the day each unit's file reached the office.

A deadline is met or missed on the day the office received the list, not on the day the
file was last saved (a copied or re-saved file has today's time).  The book is the office's
own table, first sheet of a workbook or a CSV, with the headers "Ngày nhận" and "Mã đơn vị"
or "Tệp" (either identifies the file; a unit's date applies to each of its files).  A row
that cannot be used is reported (F-45) and leaves the unit to its «Ngày lập».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from exemplars.catalogue import RECEIVED_DATE_INVALID
from exemplars.consolidate.units import table_rows
from exemplars.errors import InputError
from exemplars.findings import Finding, Severity
from exemplars.results import FileRecord
from exemplars.vi.text import header_key
from exemplars.vi.values import parse_date, parse_text

RECEIVED_HEADERS = {
    "date": ("ngay nhan", "ngay nhan ho so", "ngay den"),
    "unit": ("ma don vi", "ma dv"),
    "file": ("tep", "ten tep", "tep da nhan"),
}
WHAT = "sổ nhận hồ sơ"


def _text(value: object) -> str:
    return str(parse_text(value).value)


def _columns(header: Sequence[object], name: str) -> dict[str, int]:
    keys = [header_key(_text(v)) for v in header]
    found = {field: keys.index(k) for field, accepted in RECEIVED_HEADERS.items() for k in accepted if k in keys}
    if "date" not in found or not ({"unit", "file"} & set(found)):
        raise InputError(f"Sổ nhận hồ sơ {name}: dòng tiêu đề cần cột «Ngày nhận» và cột «Mã đơn vị» hoặc «Tệp».")
    return found


class ReceiptBook:
    """Receipt dates by unit code and by file name (both compared case-insensitively)."""

    def __init__(self) -> None:
        self.by_unit: dict[str, dt.date] = {}
        self.by_file: dict[str, dt.date] = {}
        self.problems: list[Finding] = []

    def date_for(self, record: FileRecord) -> dt.date | None:
        name = PurePosixPath(record.path).name.lower()
        return self.by_file.get(name) or self.by_unit.get(record.unit_code.upper())

    def apply(self, files: list[FileRecord]) -> None:
        for record in files:
            record.received_on = self.date_for(record)


def _cell(row: list[Any], columns: dict[str, int], field: str) -> object:
    index = columns.get(field)
    return row[index] if index is not None and index < len(row) else None


def _read_row(book: ReceiptBook, source: str, row_no: int, cells: list[object], year: int) -> None:
    """One row of the book: (date, unit code, file name) cells; a row that cannot be used is reported."""
    date_cell, unit_cell, file_cell = cells

    def report(problem: str, value: object) -> None:
        book.problems.append(Finding(
            severity=Severity.WARNING, rule_id=RECEIVED_DATE_INVALID, file=source, value=_text(value),
            message=f"Sổ nhận hồ sơ, dòng {row_no}: {problem}; hạn gửi của đơn vị này tính theo «Ngày lập» "
                    "ghi trên danh sách."))

    unit, file = _text(unit_cell).upper(), _text(file_cell)
    if not unit and not file:
        report("thiếu mã đơn vị và tên tệp", "")
        return
    parsed = parse_date(date_cell, max_year=year + 1, min_year=year - 1)
    if not isinstance(parsed.value, dt.date):
        report(f"ngày nhận «{_text(date_cell)}» không đọc được", date_cell)
        return
    if file:
        book.by_file[PurePosixPath(file.replace("\\", "/")).name.lower()] = parsed.value
    if unit:
        book.by_unit[unit] = min(parsed.value, book.by_unit.get(unit, parsed.value))


def read_receipt_book(path: Path, year: int) -> ReceiptBook:
    """The receipt book at ``path``; dates after ``year`` + 1 or before ``year`` - 1 are refused."""
    path = Path(path)
    book = ReceiptBook()
    rows: list[list[Any]] = table_rows(path, WHAT)
    columns: dict[str, int] | None = None
    for row_no, row in enumerate(rows, start=1):
        if not any(_text(v) for v in row):
            continue
        if columns is None:
            columns = _columns(row, path.name)
            continue
        _read_row(book, path.name, row_no, [_cell(row, columns, f) for f in RECEIVED_HEADERS], year)
    if columns is None:
        raise InputError(f"Sổ nhận hồ sơ {path.name} trống.")
    return book

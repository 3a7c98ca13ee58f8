"""Find the candidate table, the history table and the unit block in a workbook.

The hidden marker sheet is trusted only as far as the header texts agree with it:
a clerk who inserts a column or a title row in Excel does not update the marker.
When they disagree (or the marker is gone) the table is found by its header texts
(``Column.header`` / ``aliases`` after ``text.header_key``; criteria by "[id]").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from exemplars.columns import (
    SHEET_CANDIDATES,
    SHEET_GUIDE,
    SHEET_HISTORY,
    SHEET_LISTS,
    SHEET_MARKER,
    UNIT_BLOCK,
    criterion_column,
)
from exemplars.reader.workbook import RawWorkbook, column_index, column_letter, split_cell
from exemplars.rulebook.schema import Rulebook
from exemplars.vi import text

#: How deep below the top of a sheet a header row may sit.
HEADER_SCAN_ROWS = 40
_CRITERION_ID = re.compile(r"^\s*\[\s*([A-Za-z0-9][\w.\-]*)\s*\]")
_PAREN_TAIL = re.compile(r"\s*[\(\*:].*$", re.DOTALL)


@dataclass
class Marker:
    """Key/value rows of the very hidden "_exemplars" sheet."""

    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def int(self, key: str) -> int | None:
        try:
            return int(float(self.values.get(key, "")))
        except ValueError:
            return None

    def json(self, key: str) -> dict[str, str]:
        try:
            got = json.loads(self.values.get(key, "") or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in got.items()} if isinstance(got, dict) else {}


@dataclass
class Layout:
    """Where a table sits: 1-based header/first data row, key → 0-based column."""

    sheet: str
    header_row: int
    first_data_row: int
    columns: dict[str, int]
    by_marker: bool
    unmatched_headers: list[str] = field(default_factory=list)


def read_marker(book: RawWorkbook) -> Marker | None:
    """The marker's values, or None when the sheet is absent or has no template id."""
    if SHEET_MARKER not in book.sheet_names:
        return None
    values: dict[str, str] = {}
    for row in book.rows(SHEET_MARKER):
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            v = row[1]
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            values[row[0].strip()] = "" if v is None else str(v)
    return Marker(values) if values.get("template_id") else None


class HeaderIndex:
    """Header text → register key, memoised (the same header texts recur in every file)."""

    def __init__(self, rulebook: Rulebook, columns, with_criteria: bool):
        self._keys: dict[str, str] = {}
        for col in columns:
            for label in (col.header, *col.aliases):
                self._keys.setdefault(text.header_key(label), col.key)
        self._criteria = {c.id.lower(): c.id for c in rulebook.criteria} if with_criteria else {}
        self._memo: dict[str, str] = {}

    def key_of(self, value: object) -> str:
        """Register key matched by a header cell; "" when none."""
        if type(value) is not str or not value:
            return ""
        got = self._memo.get(value)
        if got is not None:
            return got
        got = ""
        m = _CRITERION_ID.match(value)
        if m:
            cid = self._criteria.get(m.group(1).lower())
            got = criterion_column(cid) if cid else ""
        else:
            got = self._keys.get(text.header_key(value), "")
            if not got:
                got = self._keys.get(text.header_key(_PAREN_TAIL.sub("", value)), "")
        self._memo[value] = got
        return got

    def unknown_criterion(self, value: object) -> str:
        """The "[id]" of a header naming a criterion the rulebook does not have; "" otherwise."""
        if type(value) is not str:
            return ""
        m = _CRITERION_ID.match(value)
        return m.group(1) if m and m.group(1).lower() not in self._criteria else ""

    def match_row(self, row: list) -> dict[str, int]:
        found: dict[str, int] = {}
        for c, v in enumerate(row):
            key = self.key_of(v)
            if key and key not in found:
                found[key] = c
        return found


def _marker_layout(book: RawWorkbook, index: HeaderIndex, sheet: str, header_row: int | None,
                   letters: dict[str, str], first_data_row: int | None) -> Layout | None:
    """The marker's layout when every header it names still sits where it says."""
    if sheet not in book.sheet_names or not header_row or not letters:
        return None
    rows = book.rows(sheet)
    if header_row > len(rows):
        return None
    header = rows[header_row - 1]
    columns: dict[str, int] = {}
    for key, letter in letters.items():
        c = column_index(letter)
        if c < 0 or c >= len(header) or index.key_of(header[c]) != key:
            return None
        columns[key] = c
    return Layout(sheet, header_row, first_data_row or header_row + 1, columns, by_marker=True)


def _search(book: RawWorkbook, index: HeaderIndex, sheets: list[str], required_any: tuple[str, ...],
            min_score: int) -> Layout | None:
    best: tuple[int, int, Layout] | None = None
    for sheet in sheets:
        if sheet == SHEET_MARKER:
            continue
        rows = book.rows(sheet)
        for r in range(min(len(rows), HEADER_SCAN_ROWS)):
            found = index.match_row(rows[r])
            if len(found) < min_score or "name" not in found or not any(k in found for k in required_any):
                continue
            last = r
            # A two-row header (group labels above, criteria below) adds the next row's keys.
            if r + 1 < len(rows):
                extra = {k: c for k, c in index.match_row(rows[r + 1]).items() if k not in found}
                if extra:
                    found.update(extra)
                    last = r + 1
            visible = 0 if sheet in book.hidden else 1
            rank = (len(found), visible)
            if best is None or rank > best[:2]:
                unmatched = [v for v in rows[r] if index.unknown_criterion(v)]
                best = (*rank, Layout(sheet, r + 1, last + 2, found, by_marker=False, unmatched_headers=unmatched))
    return best[2] if best else None


def locate_candidates(book: RawWorkbook, index: HeaderIndex, marker: Marker | None) -> Layout | None:
    """The candidate table: by the marker when it still holds, else by header texts."""
    if marker is not None:
        got = _marker_layout(book, index, marker.get("candidates_sheet"), marker.int("header_row"),
                             marker.json("columns"), marker.int("first_data_row"))
        if got is not None:
            return got
    return _search(book, index, book.sheet_names, ("subject_kind", "achievements", "movement"), 3)


def other_candidate_tables(book: RawWorkbook, index: HeaderIndex, skip: set[str]) -> list[str]:
    """Sheets besides ``skip`` that also hold a candidate table (units sometimes split Tập thể / Cá nhân).

    Only sheets the template does not have are parsed, so template files pay nothing.
    """
    known = {SHEET_CANDIDATES, SHEET_HISTORY, SHEET_GUIDE, SHEET_LISTS, SHEET_MARKER} | skip
    return [s for s in book.sheet_names if s not in known
            and _search(book, index, [s], ("subject_kind", "achievements", "movement"), 3) is not None]


def locate_history(book: RawWorkbook, index: HeaderIndex, marker: Marker | None,
                   candidates_sheet: str) -> Layout | None:
    """The award-history table (optional; None when the workbook has none)."""
    if marker is not None:
        got = _marker_layout(book, index, marker.get("history_sheet"), marker.int("history_header_row"),
                             marker.json("history_columns"), marker.int("history_first_data_row"))
        if got is not None:
            return got
    sheets = [s for s in book.sheet_names if s != candidates_sheet]
    got = _search(book, index, sheets, ("title",), 3)
    return got if got is not None and "year" in got.columns else None


_LABEL_KEYS: dict[str, str] = {}


def _label_keys() -> dict[str, str]:
    if not _LABEL_KEYS:
        _LABEL_KEYS.update({text.header_key(label): key for key, label in UNIT_BLOCK})
    return _LABEL_KEYS


def read_unit_block(rows: list[list], header_row: int, refs: dict[str, str]) -> dict[str, tuple[object, str]]:
    """Unit block key → (value, A1 cell) from the rows above the table.

    The marker's cell references are used when the label left of them still
    matches; otherwise labels are searched ("Tên đơn vị", "Ngày lập"…, also
    "Tên đơn vị: Phòng X" in one cell).
    """
    labels = _label_keys()
    out: dict[str, tuple[object, str]] = {}
    for key, ref in refs.items():
        rc = split_cell(ref)
        if rc is None or rc[0] >= len(rows):
            continue
        r, c = rc
        row = rows[r]
        left = next((row[i] for i in range(min(c, len(row)) - 1, -1, -1) if row[i] != ""), "")
        if isinstance(left, str) and labels.get(text.header_key(left.rstrip(": "))) == key:
            out[key] = (row[c] if c < len(row) else "", ref)
    if len(out) == len(refs) and refs:
        return out
    for r in range(min(header_row - 1, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if type(v) is not str or not v.strip():
                continue
            head, sep, tail = v.partition(":")
            found = labels.get(text.header_key(head.strip()))
            if not found or found in out:
                continue
            if sep and tail.strip():
                out[found] = (tail.strip(), f"{column_letter(c)}{r + 1}")
                continue
            for c2 in range(c + 1, len(row)):
                nxt = row[c2]
                if nxt != "":
                    # an empty value must not take the next label ("Tên đơn vị" | "" | "Khối thi đua" | …)
                    if not (type(nxt) is str and labels.get(text.header_key(nxt.partition(":")[0]))):
                        out[found] = (nxt, f"{column_letter(c2)}{r + 1}")
                    break
    return out

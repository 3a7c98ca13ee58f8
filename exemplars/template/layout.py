"""Where everything sits in the registration template (pure data, no I/O).

The writer (``exemplars.template.build``), the openpyxl filler and the tests all take
positions from here, so the layout is stated once.  Rows and columns are
0-based here; the marker sheet stores 1-based rows and column letters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from exemplars.columns import (
    CANDIDATE_COLUMNS,
    HISTORY_COLUMNS,
    NO,
    UNIT_BLOCK,
    YES,
    Column,
    criterion_column,
    criterion_header,
)
from exemplars.domain import Candidate, LabelledEnum, SubjectKind
from exemplars.rulebook.schema import Criterion, Rulebook

TITLE_ROW = 0
SUBTITLE_ROW = 1
#: The unit block: three rows of two (label, value) pairs.
UNIT_BLOCK_ROW = 2
UNIT_BLOCK_PAIRS_PER_ROW = 2
#: (label first col, label last col, value first col, value last col) of each pair in a row.
UNIT_BLOCK_SPANS = ((0, 1, 2, 3), (4, 5, 6, 7))
GROUP_ROW = UNIT_BLOCK_ROW + (len(UNIT_BLOCK) + UNIT_BLOCK_PAIRS_PER_ROW - 1) // UNIT_BLOCK_PAIRS_PER_ROW
HEADER_ROW = GROUP_ROW + 1
FIRST_DATA_ROW = HEADER_ROW + 1

HISTORY_HEADER_ROW = 2
HISTORY_FIRST_DATA_ROW = HISTORY_HEADER_ROW + 1

#: Formatted input rows of a blank template, and how far the validations reach
#: (further, so rows a clerk inserts or pastes below are checked too).
INPUT_ROWS = 200
HISTORY_INPUT_ROWS = 300
VALIDATED_ROWS = 1000
#: Formatted empty rows left below the candidates of a pre-filled workbook.
SPARE_ROWS = 5
#: Input rows a blank template prints (its print area): more than a unit proposes in a year, far
#: fewer than the 200 formatted rows.  A pre-filled workbook prints its candidates' rows.
PRINTED_BLANK_ROWS = 20
#: Body text size of the template's table (its header row is 11 pt, the input rows 12 pt).
HEADER_PT = 11

CRITERION_WIDTH = 18
FIXED_GROUP_LABEL = "THÔNG TIN ĐỐI TƯỢNG ĐỀ XUẤT"


LINE_POINTS = 16
MAX_LINES = 12


def line_capacity(width: float) -> float:
    """Characters of 12-point Times New Roman on one line of a column ``width`` units wide."""
    return max(width * 1.2 - 2, 1)


def wrapped_height(cells, line_points: float = LINE_POINTS) -> float | None:
    """Row height in points that shows every (text, line capacity) wrapped; None for one line.

    Neither Excel nor LibreOffice grows a row for wrapped text written by a library,
    so the writer sets it (capacities from ``line_capacity``).
    """
    longest = 1.0
    for text, capacity in cells:
        if text.__class__ is str and len(text) > capacity:
            longest = max(longest, len(text) / capacity)
    lines = math.ceil(longest)
    return None if lines == 1 else min(lines, MAX_LINES) * line_points


@dataclass(frozen=True)
class TableColumn:
    """One column of the candidate table: a register key, its header and what it holds."""

    key: str  # register key, or "tc:<criterion id>"
    header: str
    index: int
    width: float
    column: Column | None = None
    criterion: Criterion | None = None

    @property
    def letter(self) -> str:
        return xl_col_to_name(self.index)

    @property
    def spec(self) -> Column:
        """The register column shown here (a criterion column has none)."""
        if self.column is None:
            raise ValueError(f"{self.key} is a criterion column")
        return self.column


@dataclass(frozen=True)
class CriteriaGroup:
    kinds: tuple[SubjectKind, ...]
    criteria: tuple[Criterion, ...]
    first_index: int

    @property
    def label(self) -> str:
        return f"Tiêu chí – {', '.join(k.label for k in self.kinds)} ({YES}/{NO})"


def criteria_groups(rb: Rulebook) -> list[CriteriaGroup]:
    """Criteria grouped by the exact set of kinds they apply to, in the rulebook's kind order.

    A criterion shared by several kinds appears once, in the group of that set of
    kinds (whose label lists them all); groups come in the order a reader meets
    them going through the subject kinds.
    """
    order: dict[tuple[SubjectKind, ...], list[Criterion]] = {}
    placed: set[str] = set()
    for kind in rb.subject_kinds:
        for c in rb.criteria_for(kind):
            if c.id in placed:
                continue
            placed.add(c.id)
            kinds = tuple(k for k in rb.subject_kinds if k in c.applies_to)
            order.setdefault(kinds, []).append(c)
    groups: list[CriteriaGroup] = []
    index = len(CANDIDATE_COLUMNS)
    for kinds, crits in order.items():
        groups.append(CriteriaGroup(kinds, tuple(crits), index))
        index += len(crits)
    return groups


def table_columns(rb: Rulebook) -> list[TableColumn]:
    """Every column of the candidate table, fixed columns first, then the criteria groups."""
    out = [TableColumn(c.key, c.header, i, c.width, column=c) for i, c in enumerate(CANDIDATE_COLUMNS)]
    for g in criteria_groups(rb):
        for j, crit in enumerate(g.criteria):
            out.append(TableColumn(criterion_column(crit.id), criterion_header(crit.id, crit.label),
                                   g.first_index + j, CRITERION_WIDTH, criterion=crit))
    return out


def history_columns() -> list[TableColumn]:
    return [TableColumn(c.key, c.header, i, c.width, column=c) for i, c in enumerate(HISTORY_COLUMNS)]


def unit_block_cells() -> dict[str, tuple[int, int]]:
    """Unit block key → (row, col) of its value cell (0-based; top-left of the merged range)."""
    out = {}
    for i, (key, _label) in enumerate(UNIT_BLOCK):
        row = UNIT_BLOCK_ROW + i // UNIT_BLOCK_PAIRS_PER_ROW
        out[key] = (row, UNIT_BLOCK_SPANS[i % UNIT_BLOCK_PAIRS_PER_ROW][2])
    return out


def unit_block_refs() -> dict[str, str]:
    """Unit block key → A1 reference of its value cell, e.g. ``{"unit_name": "C3", …}``."""
    return {k: xl_rowcol_to_cell(r, c) for k, (r, c) in unit_block_cells().items()}


def choice_source(column: Column) -> str:
    """Name of the list a choice column draws from (a rulebook list name or the enum's class name)."""
    src = column.choices
    if src is None:
        raise ValueError(f"column {column.key!r} draws from no list")
    return src if isinstance(src, str) else src.__name__


def cell_values(rb: Rulebook, cand: Candidate, stt: int,
                criteria: Sequence[Criterion] | None = None) -> dict[str, object]:
    """What a clerk would type for ``cand``: labels for enums, Có/Không, real dates, ints.

    Keys are table column keys; None means the cell stays empty.  ``criteria`` (the
    table's criteria in column order) saves recomputing them for every candidate.
    """
    out: dict[str, object] = {}
    for col in CANDIDATE_COLUMNS:
        if col.key == "stt":
            out["stt"] = stt
            continue
        value = getattr(cand, col.key)
        if col.key == "is_leader" and cand.subject_kind is not SubjectKind.CA_NHAN:
            value = None  # a leader flag means nothing for a collective or a household
        if col.kind == "percent" and value is not None:
            out[col.key] = value / 100  # the cell is %-formatted: 0,75 shows as 75%
            continue
        if col.key == "proposed_award" and value:
            form = rb.reward_form(value)
            value = form.label if form else value
        out[col.key] = _as_cell(value)
    if criteria is None:
        criteria = [c for g in criteria_groups(rb) for c in g.criteria]
    for crit in criteria:
        answer = cand.criteria.get(crit.id)
        out[criterion_column(crit.id)] = None if answer is None else (YES if answer else NO)
    return out


def history_values(cand: Candidate, stt: int) -> list[dict[str, object]]:
    """Rows of the history sheet for ``cand`` (numbered later by the writer)."""
    return [
        {"candidate_stt": stt, "name": cand.name, "year": h.year, "title": h.title,
         "decision_no": h.decision_no or None, "decision_date": h.decision_date, "issuer": h.issuer or None}
        for h in cand.history
    ]


def _as_cell(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, (dt.date, int, str)):
        return value
    return str(value)

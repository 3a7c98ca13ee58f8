"""One unit workbook end to end: marker → table → unit block → candidate and history values.

``UnitFileReader`` is built once per consolidation (column readers, header
indexes, unit matcher) and called once per file; it returns a ``FileRead`` with
column lists (no DataFrame per file) and ``Finding`` records (with their row position) that the consolidator
turns into ``Finding`` records once candidate ids are known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.catalogue import (
    KIND_FROM_SECTION,
    LAYOUT_CHANGED,
    MARKER_FOREIGN,
    MARKER_OTHER_RULEBOOK,
    MISSING_COLUMNS,
    MISSING_CRITERIA_COLUMNS,
    NO_MARKER,
    NO_TABLE,
    OLD_TEMPLATE,
    ROW_WITHOUT_NAME,
    SECOND_TABLE,
    UNIT_FROM_FILE_NAME,
    UNKNOWN_CRITERION_COLUMN,
)
from exemplars.columns import (
    CANDIDATE_COLUMNS,
    HISTORY_COLUMNS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    criterion_column,
)
from exemplars.domain import LabelledEnum, Unit
from exemplars.errors import UnitFileError
from exemplars.findings import Finding, Severity
from exemplars.reader.locate import (
    HeaderIndex,
    Layout,
    locate_candidates,
    locate_history,
    other_candidate_tables,
    read_marker,
    read_unit_block,
)
from exemplars.reader.rows import Cells, ColumnReader, Located, data_rows
from exemplars.reader.workbook import RawWorkbook, split_cell
from exemplars.rulebook.schema import Rulebook
from exemplars.vi import text, values

#: Columns without which a file cannot be consolidated (required for every subject group).
REQUIRED_KEYS = tuple(c.key for c in CANDIDATE_COLUMNS if len(c.required_for) == 3)
_HEADERS = {c.key: c.header for c in CANDIDATE_COLUMNS}
_HISTORY_HEADERS = {c.key: c.header for c in HISTORY_COLUMNS}


class FileRefused(UnitFileError):
    """The file is a workbook but cannot be consolidated; ``message`` is Vietnamese."""


@dataclass
class FileRead:
    sheet: str
    columns: dict[str, list]
    rows: list[int]  # 1-based Excel rows of the candidates
    issues: list[Located]
    layout: Layout
    #: history key → values, and the 1-based Excel rows of the history table
    history: dict[str, list] = field(default_factory=dict)
    history_rows: list[int] = field(default_factory=list)
    history_layout: Layout | None = None
    #: where this file's rows start in the consolidation's column store (see ``consolidate.assemble.Store``)
    offset: int = 0
    history_offset: int = 0
    unit: Unit | None = None
    unit_name: str = ""
    prepared_on: dt.date | None = None
    year_found: int | None = None
    template_version: int | None = None
    old_template: bool = False


def _choice_pairs(column, rulebook: Rulebook) -> list[tuple[str, str]]:
    src = column.choices
    if src == "subject_kinds":
        return [(k.label, k.value) for k in rulebook.subject_kinds]
    if src == "fields":
        return [(f, f) for f in rulebook.fields]
    if src == "reward_forms":
        return [(f.label, f.id) for f in rulebook.reward_forms]
    if isinstance(src, type) and issubclass(src, LabelledEnum):
        return [(m.label, m.value) for m in src]
    return []


class UnitFileReader:
    """Reads unit workbooks for one rulebook and year."""

    def __init__(self, rulebook: Rulebook, year: int, units: list[Unit], matcher):
        self.rulebook = rulebook
        self.year = year
        self.units = {u.code: u for u in units}
        self.matcher = matcher
        self.cand_index = HeaderIndex(rulebook, CANDIDATE_COLUMNS, with_criteria=True)
        self.hist_index = HeaderIndex(rulebook, HISTORY_COLUMNS, with_criteria=False)
        self.readers = {c.key: ColumnReader(c.key, c.kind, _choice_pairs(c, rulebook) if c.kind == "choice" else None)
                        for c in CANDIDATE_COLUMNS}
        for crit in rulebook.criteria:
            self.readers[criterion_column(crit.id)] = ColumnReader(criterion_column(crit.id), "criterion")
        self.hist_readers = {c.key: ColumnReader(c.key, c.kind) for c in HISTORY_COLUMNS}
        self.criteria_keys = [criterion_column(c.id) for c in rulebook.criteria]
        self.pool: dict = {}
        self._maps: dict[tuple, dict] = {}
        self.section_kinds = [(text.fold(k.label), k.value) for k in rulebook.subject_kinds]

    def _shared_map(self, columns: dict[str, int]) -> dict[str, int]:
        """Files made from one template share one column map object (thousands of files, one layout)."""
        return self._maps.setdefault(tuple(columns.items()), columns)

    def adopt(self, got: FileRead) -> None:
        """A read made in another process: its column maps and equal values become this reader's shared ones
        (as if read here: thousands of files repeat the same titles, positions and dates)."""
        got.layout.columns = self._shared_map(got.layout.columns)
        if got.history_layout is not None:
            got.history_layout.columns = self._shared_map(got.history_layout.columns)
        share = self.pool.setdefault
        for table in (got.columns, got.history):
            for key, column in table.items():
                table[key] = list(map(share, column, column))

    def read(self, book: RawWorkbook) -> FileRead:
        file_issues: list[Located] = []

        def note(sev: Severity, rule: str, msg: str, cell: str = "", value: str = "") -> None:
            file_issues.append((-1, Finding(severity=sev, rule_id=rule, message=msg, cell=cell, value=value)))

        marker = read_marker(book)
        version = None
        if marker is not None:
            if marker.get("template_id") != TEMPLATE_ID:
                note(Severity.NOTICE, MARKER_FOREIGN, "Sheet đánh dấu mẫu không phải của mẫu đăng ký này; đã bỏ qua nó.")
                marker = None
            else:
                rb_id = marker.get("rulebook_id")
                if rb_id and rb_id != self.rulebook.id:
                    raise FileRefused(f"Tệp dùng mẫu của quy chế khác («{rb_id}»), không phải «{self.rulebook.id}».",
                                      MARKER_OTHER_RULEBOOK)
                version = marker.int("template_version")
        layout = locate_candidates(book, self.cand_index, marker)
        if layout is None:
            raise FileRefused("Không tìm thấy bảng danh sách đề xuất (không có dòng tiêu đề cột như «STT», "
                              "«Họ và tên / Tên tập thể», «Loại đối tượng»).", NO_TABLE)
        missing = [k for k in REQUIRED_KEYS if k not in layout.columns]
        if missing:
            names = ", ".join(f"«{_HEADERS[k]}»" for k in missing)
            raise FileRefused(f"Bảng ở sheet «{layout.sheet}» thiếu cột bắt buộc: {names}.", MISSING_COLUMNS)
        if marker is None:
            note(Severity.NOTICE, NO_MARKER, f"Không có dấu hiệu mẫu; đã tìm bảng theo tiêu đề cột ở sheet "
                                          f"«{layout.sheet}», dòng {layout.header_row}.")
        elif not layout.by_marker:
            note(Severity.NOTICE, LAYOUT_CHANGED, f"Bảng đã bị sửa so với mẫu (chèn, xóa hoặc di chuyển cột, dòng hay "
                                          f"đổi tên sheet); đã đọc theo tiêu đề cột ở sheet «{layout.sheet}», "
                                          f"dòng {layout.header_row}.")
        old = version is not None and version < TEMPLATE_VERSION
        if old:
            note(Severity.NOTICE, OLD_TEMPLATE, f"Tệp dùng mẫu cũ (phiên bản {version}, hiện hành {TEMPLATE_VERSION}); "
                                          "vẫn đọc được, đề nghị đơn vị dùng mẫu mới lần sau.")
        absent = [k for k in self.criteria_keys if k not in layout.columns]
        if absent:
            note(Severity.WARNING, MISSING_CRITERIA_COLUMNS, "Bảng không có cột tiêu chí: " + ", ".join(k[3:] for k in absent) + ".")
        for header in layout.unmatched_headers:
            note(Severity.WARNING, UNKNOWN_CRITERION_COLUMN, f"Cột tiêu chí «{header}» không có trong quy chế; đã bỏ qua.",
                 value=header)

        layout.columns = self._shared_map(layout.columns)
        rows = book.rows(layout.sheet)
        cells = Cells(book.legacy_fonts(layout.sheet), file_issues, pool=self.pool, max_year=self.year + 1)
        result = FileRead(layout.sheet, {}, [], file_issues, layout, template_version=version, old_template=old)
        self._unit_block(book, rows, layout, marker, cells, result)
        file_issues.extend(cells.legacy_findings({}, label="Tên đơn vị"))
        self._candidates(rows, layout, cells, result)
        file_issues.extend(cells.legacy_findings({c: _HEADERS.get(k, k) for k, c in layout.columns.items()}))
        self._history(book, marker, layout.sheet, result)
        history_sheet = result.history_layout.sheet if result.history_layout else ""
        for sheet in other_candidate_tables(book, self.cand_index, {layout.sheet, history_sheet}):
            note(Severity.ERROR, SECOND_TABLE, f"Sheet «{sheet}» cũng có bảng danh sách đề xuất nhưng mỗi tệp chỉ tổng hợp "
                                         f"một bảng (sheet «{layout.sheet}»): các dòng ở sheet «{sheet}» chưa được "
                                         f"tổng hợp. Đề nghị chuyển chúng sang sheet «{layout.sheet}».",
                 value=sheet)
        return result

    def _unit_block(self, book, rows, layout: Layout, marker, cells: Cells, out: FileRead) -> None:
        refs = marker.json("unit_block") if marker is not None else {}
        block = read_unit_block(rows, layout.header_row, refs)
        name_raw, name_cell = block.get("unit_name", ("", ""))
        rc = split_cell(name_cell) if name_cell else None
        out.unit_name = cells.text(name_raw, rc[0] if rc else -1, rc[1] if rc else 0, -1) if name_raw != "" else ""
        prepared, _ = block.get("prepared_on", ("", ""))
        if isinstance(prepared, dt.datetime):
            out.prepared_on = prepared.date()
        elif isinstance(prepared, dt.date):
            out.prepared_on = prepared
        elif type(prepared) is str and prepared.strip():
            got = values.parse_date(prepared).value
            if isinstance(got, dt.datetime):
                got = got.date()
            out.prepared_on = got if isinstance(got, dt.date) else None
        year_raw, _ = block.get("year", ("", ""))
        marker_year = marker.int("year") if marker is not None else None
        try:  # a number or text cell; anything else (a date…) falls back to the marker
            out.year_found = int(float(year_raw)) if isinstance(year_raw, (int, float, str)) and year_raw != "" \
                else marker_year
        except (TypeError, ValueError):
            out.year_found = marker_year
        code = marker.get("unit_code") if marker is not None else ""
        unit = self.units.get(code) if code else None
        if unit is None and out.unit_name:
            unit = self.matcher.match(out.unit_name)
        if unit is None:
            unit = self.matcher.match(Path(book.path).stem.replace("_", " ").replace("-", " "))
            if unit is not None:
                cells.add(-1, Severity.NOTICE, UNIT_FROM_FILE_NAME, f"Xác định đơn vị «{unit.name}» theo tên tệp.", -1, 0, "")
        out.unit = unit

    def _candidates(self, rows, layout: Layout, cells: Cells, out: FileRead) -> None:
        cols = layout.columns
        table = data_rows(rows, layout.first_data_row, cols["name"], cols.get("stt"))
        cells.pool_file(table.raw)
        out.rows = [r + 1 for r in table.rows0]
        for key, reader in self.readers.items():
            c = cols.get(key)
            if c is None:
                out.columns[key] = [None if reader.kind not in ("text", "long_text") else ""] * len(table.raw)
                continue
            out.columns[key] = reader.read(cells, c, [row[c] for row in table.raw], table.rows0)
        kinds = out.columns["subject_kind"]
        names = out.columns["name"]
        for i, kind in enumerate(kinds):
            if kind is None and table.section[i]:
                folded = text.fold(table.section[i])
                guess = next((code for label, code in self.section_kinds if label in folded), None)
                if guess:
                    kinds[i] = guess
                    cells.add(i, Severity.NOTICE, KIND_FROM_SECTION,
                              f"Ô «Loại đối tượng» trống; lấy theo mục «{table.section[i]}».",
                              table.rows0[i], cols.get("subject_kind", cols["name"]), "")
            if not names[i]:
                cells.add(i, Severity.ERROR, ROW_WITHOUT_NAME, "Dòng có dữ liệu nhưng thiếu «Họ và tên / Tên tập thể».",
                          table.rows0[i], cols["name"], "")

    def _history(self, book: RawWorkbook, marker, cand_sheet: str, out: FileRead) -> None:
        layout = locate_history(book, self.hist_index, marker, cand_sheet)
        if layout is None:
            return
        layout.columns = self._shared_map(layout.columns)
        out.history_layout = layout
        rows = book.rows(layout.sheet)
        cols = layout.columns
        table = data_rows(rows, layout.first_data_row, cols["name"], cols.get("stt"))
        cells = Cells(book.legacy_fonts(layout.sheet), [], pool=self.pool, max_year=self.year + 1)
        cells.pool_file(table.raw)
        got: dict[str, list] = {}
        for key, reader in self.hist_readers.items():
            c = cols.get(key)
            got[key] = reader.read(cells, c, [row[c] for row in table.raw], table.rows0) if c is not None \
                else [None if reader.kind in ("int", "date", "percent") else ""] * len(table.raw)
        cells.issues.extend(cells.legacy_findings({c: _HISTORY_HEADERS.get(k, k) for k, c in cols.items()}))
        out.issues.extend((-1, finding.model_copy(update={"sheet": layout.sheet})) for _pos, finding in cells.issues)
        out.history = got
        out.history_rows = [r + 1 for r in table.rows0]

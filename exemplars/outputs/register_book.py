"""The consolidated register workbook (``so-tong-hop.xlsx``), in Vietnamese.

Sheets: "Tổng hợp" (one row per candidate, labels instead of codes, provenance),
"Bản in" (the printable view of it: the columns a reader of the paper needs, on
readable A4 landscape pages), "Lịch sử khen thưởng", "Tình trạng nộp" (every file,
then the units that sent nothing) and "Lỗi" (every problem).  The full "Tổng hợp"
prints at a readable scale across as many pages as its 40-odd columns need, the
first columns repeated on each; the other sheets print their reader's columns on
the page width.  Written atomically; every text cell is written as a string, so a
unit's "=cmd|…" stays text and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from exemplars import page_setup
from exemplars.columns import CANDIDATE_COLUMNS, HISTORY_COLUMNS, criterion_column, criterion_header
from exemplars.domain import LabelledEnum, SubjectKind
from exemplars.findings import Severity
from exemplars.results import Consolidation
from exemplars.xlsx import RowStream, Styles, atomic_path, fitted_height, new_workbook, write_table, write_value

SHEET_REGISTER = "Tổng hợp"
SHEET_PRINT = "Bản in"
SHEET_HISTORY = "Lịch sử khen thưởng"
SHEET_FILES = "Tình trạng nộp"
SHEET_PROBLEMS = "Lỗi"
SHA_SHORT = 12
#: Above this many rows a sheet keeps Excel's one-line rows: measuring every wrapped text of a
#: register of many thousand candidates would cost more than the whole write.
FITTED_ROWS_LIMIT = 5000


def _labels(column, cons: Consolidation) -> dict[str, str] | None:
    """Code → Vietnamese label for a choice column; None for other kinds."""
    if column.kind != "choice":
        return None
    src = column.choices
    if src == "subject_kinds":
        return {k.value: k.label for k in SubjectKind}
    if src == "reward_forms":
        return {f.id: f.label for f in cons.rulebook.reward_forms}
    if isinstance(src, type) and issubclass(src, LabelledEnum):
        return {m.value: m.label for m in src}
    return {}


def _page(ws, headers: Sequence[tuple[str, float]], last_row: int, printed: int | None = None) -> None:
    """A4 landscape; the first ``printed`` columns on the page width, header row on every page."""
    widths = [w for _, w in headers][: printed or len(headers)]
    page_setup.set_page(ws, widths, last_row=last_row, landscape=True, repeat_rows=(0, 0))


def _table(ws, st: Styles, headers: Sequence[tuple[str, float]], rows, row_formats, printed: int) -> int:
    """Like ``xlsx.write_table`` but with per-row formats of some cells, written strictly row by row
    (the workbook streams rows to disk: ``constant_memory``); the first ``printed`` columns get
    row heights that show their wrapped text."""
    widths = [w for _, w in headers][:printed]
    ws.set_row(0, fitted_height([t for t, _ in headers[:printed]], widths, bold=True))
    for c, (title, width) in enumerate(headers):
        ws.write_string(0, c, title, st.header)
        ws.set_column(c, c, width)
    stream = RowStream(ws, st)
    formats = [st.text if c < printed else st.text_nowrap for c in range(len(headers))]
    n = 0
    for n, (values, special) in enumerate(zip(rows, row_formats, strict=True), start=1):
        values = list(values)
        height = fitted_height(values[:printed], widths) if n <= FITTED_ROWS_LIMIT else None
        stream.row(n, values, formats, special=special, height=height)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n, 1), len(headers) - 1)
    return n


def _register_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_REGISTER)
    reg = cons.register
    crit = cons.rulebook.criteria
    headers: list[tuple[str, float]] = [("STT", 6), ("Mã ứng viên", 15), ("Mã đơn vị", 10), ("Đơn vị đề xuất", 24)]
    keys: list[tuple[str, dict | None]] = [("unit_code", None), ("unit_name", None)]
    for col in CANDIDATE_COLUMNS:
        if col.key == "stt":
            continue
        headers.append((col.header, min(col.width, 40)))
        keys.append((col.key, _labels(col, cons)))
    for c in crit:
        headers.append((criterion_header(c.id, c.label), 14))
        keys.append((criterion_column(c.id), None))
    headers += [("Tệp", 24), ("Sheet", 16), ("Dòng", 7)]
    n = len(reg)
    columns = [reg[k].tolist() if k in reg.columns else [None] * n for k, _ in keys]
    labels = [lab for _, lab in keys]
    ids = reg["id"].tolist() if n else []
    prov = [reg[k].tolist() if n else [] for k in ("source_file", "source_sheet", "source_row")]

    def rows():
        for i in range(n):
            out = [i + 1, ids[i]]
            for values, lab in zip(columns, labels, strict=True):
                v = values[i]
                out.append(lab.get(v, v) if lab is not None and v is not None else v)
            out += [prov[0][i], prov[1][i], prov[2][i]]
            yield out

    formats = [st.int, st.text_nowrap] + [None] * len(keys) + [st.text_nowrap, st.text_nowrap, st.int]
    write_table(ws, st, headers, rows(), formats=formats, fit_rows=n <= FITTED_ROWS_LIMIT)
    # too wide for one page width: readable scale across pages, STT and candidate id on each
    page_setup.set_page(ws, [w for _, w in headers], last_row=n, landscape=True, repeat_rows=(0, 0),
                        repeat_cols=(0, 1), fit=False)


#: The printable view: (header, width, register key or None for the computed "where" text).
PRINT_VIEW: tuple[tuple[str, float, str | None], ...] = (
    ("STT", 5, None), ("Đơn vị đề xuất", 18, "unit_name"), ("Loại đối tượng", 9, "subject_kind"),
    ("Họ và tên / Tên tập thể", 22, "name"), ("Chức vụ, đơn vị công tác", 18, "position"),
    ("Lĩnh vực", 14, "field"), ("Tóm tắt thành tích", 42, "achievements"),
    ("Hình thức khen thưởng đề nghị", 16, "proposed_award"),
)


def _print_sheet(wb, st: Styles, cons: Consolidation) -> None:
    """"Bản in": one row per candidate with the columns a reader needs, readable on A4 landscape."""
    ws = wb.add_worksheet(SHEET_PRINT)
    reg = cons.register
    n = len(reg)
    labels = {c.key: _labels(c, cons) for c in CANDIDATE_COLUMNS}
    # whole columns once: a pandas look-up per cell cost more than writing the sheet
    shown = {key for _, _, key in PRINT_VIEW if key} | {"workplace"}
    columns = {key: reg[key].tolist() for key in shown if key in reg.columns}

    def value(key: str, i: int) -> object:
        v = columns[key][i] if key in columns else None
        lab = labels.get(key)
        return lab.get(v, v) if lab is not None and v is not None else v

    def rows():
        for i in range(n):
            out: list[object] = [i + 1]
            for _, _, key in PRINT_VIEW[1:]:
                if key == "position":
                    parts = [str(p) for p in (value("position", i), value("workplace", i)) if p not in (None, "")]
                    out.append(", ".join(parts))
                else:
                    out.append(value(key, i) if key else None)
            yield out

    headers = [(title, width) for title, width, _ in PRINT_VIEW]
    write_table(ws, st, headers, rows(), formats=[st.int] + [st.text] * (len(headers) - 1),
                fit_rows=n <= FITTED_ROWS_LIMIT)
    _page(ws, headers, n)


def _history_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_HISTORY)
    hist = cons.history
    keys = ["candidate_id"] + [c.key for c in HISTORY_COLUMNS if c.key != "stt"] + \
        ["source_file", "source_sheet", "source_row"]
    headers = [("STT", 6), ("Mã ứng viên", 15)] + [(c.header, min(c.width, 36)) for c in HISTORY_COLUMNS
                                                    if c.key != "stt"] + [("Tệp", 24), ("Sheet", 16), ("Dòng", 7)]
    cols = [hist[k].tolist() if k in hist.columns else [None] * len(hist) for k in keys]
    rows = ([i + 1, *(c[i] for c in cols)] for i in range(len(hist)))
    write_table(ws, st, headers, rows, fit_rows=len(hist) <= FITTED_ROWS_LIMIT)
    _page(ws, headers, len(hist), printed=len(headers) - 3)  # file, sheet and row stay on screen


def _files_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_FILES)
    # printed: file, status, unit, candidates, «Ngày lập», day received, note; the rest on screen
    headers = [("STT", 5), ("Tệp", 28), ("Tình trạng", 18), ("Đơn vị", 24), ("Số ứng viên", 8), ("Ngày lập", 11),
               ("Ngày nhận", 11), ("Ghi chú", 40), ("SHA-256 (rút gọn)", 16), ("Mã đơn vị", 10),
               ("Ngày sửa tệp", 16)]
    status_fmt = {"received": st.ok, "error": st.error, "unknown_unit": st.error, "wrong_format": st.error,
                  "superseded": st.warning,
                  "old_template": st.warning}
    rows = []
    for i, f in enumerate(cons.files, start=1):
        modified = f.modified.strftime("%d/%m/%Y %H:%M") if isinstance(f.modified, dt.datetime) else ""
        rows.append([i, f.path, f.status.label, f.unit_name, f.candidates, f.prepared_on, f.received_on, f.message,
                     f.sha256[:SHA_SHORT], f.unit_code, modified])
    row_formats = [{2: status_fmt.get(f.status.value, st.text)} for f in cons.files]
    n = _table(ws, st, headers, rows, row_formats, printed=8)
    row = n + 2
    ws.write_string(row, 0, f"Đơn vị chưa gửi danh sách: {len(cons.units_missing)}", st.bold)
    for j, u in enumerate(cons.units_missing, start=1):  # code under «Tệp», name under «Đơn vị»
        write_value(ws, row + j, 0, j, st, st.int)
        write_value(ws, row + j, 1, u.code, st)
        write_value(ws, row + j, 3, u.name, st)
        write_value(ws, row + j, 7, u.bloc, st)
    _page(ws, headers, row + len(cons.units_missing), printed=8)


def _problems_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_PROBLEMS)
    # printed: level, file and place, value, message, rule code; the separate parts stay for filters
    headers = [("STT", 5), ("Mức độ", 9), ("Tệp, vị trí (sheet!ô)", 26), ("Giá trị", 18), ("Nội dung", 72),
               ("Mã quy tắc", 13), ("Tệp", 28), ("Sheet", 18), ("Ô", 7), ("Mã ứng viên", 15), ("Mã đơn vị", 10)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
    problems = sorted(cons.problems, key=lambda p: (order[p.severity], p.file, p.sheet, p.cell, p.rule_id))
    sev_fmt = {Severity.ERROR: st.error, Severity.WARNING: st.warning, Severity.NOTICE: st.text}

    def where(p) -> str:
        place = f"{p.sheet}!{p.cell}" if p.sheet and p.cell else p.sheet or p.cell
        return "\n".join(t for t in (PurePosixPath(p.file).name, place) if t)

    rows = ([i, p.severity.label, where(p), p.value, p.message, p.rule_id, p.file, p.sheet, p.cell, p.candidate_id,
             p.unit_code] for i, p in enumerate(problems, start=1))
    n = _table(ws, st, headers, rows, ({1: sev_fmt[p.severity]} for p in problems), printed=6)
    _page(ws, headers, n, printed=6)


def write_register(cons: Consolidation, path: Path) -> Path:
    """Write the register workbook atomically to ``path``; returns ``path``."""
    path = Path(path)
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, constant_memory=True)  # 100,000 rows must not sit in memory as cell objects
        st = Styles(wb)
        _register_sheet(wb, st, cons)
        _print_sheet(wb, st, cons)
        _history_sheet(wb, st, cons)
        _files_sheet(wb, st, cons)
        _problems_sheet(wb, st, cons)
        wb.close()
    return path

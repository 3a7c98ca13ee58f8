"""The consolidated register workbook (``so-tong-hop.xlsx``), in Vietnamese.

Sheets: "Tổng hợp" (one row per candidate, labels instead of codes, provenance),
"Lịch sử khen thưởng", "Tình trạng nộp" (every file, then the units that sent
nothing) and "Lỗi" (every problem).  Written atomically; every text cell is
written as a string, so a unit's "=cmd|…" stays text and never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from exemplars.columns import CANDIDATE_COLUMNS, HISTORY_COLUMNS, criterion_column, criterion_header
from exemplars.domain import LabelledEnum, SubjectKind
from exemplars.findings import Severity
from exemplars.results import Consolidation
from exemplars.xlsx import Styles, atomic_path, new_workbook, write_table, write_value

SHEET_REGISTER = "Tổng hợp"
SHEET_HISTORY = "Lịch sử khen thưởng"
SHEET_FILES = "Tình trạng nộp"
SHEET_PROBLEMS = "Lỗi"
SHA_SHORT = 12


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


def _page(ws, last_col: int) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.hide_gridlines(0)


def _table(ws, st: Styles, headers: Sequence[tuple[str, float]], rows, row_formats) -> int:
    """Like ``xlsx.write_table`` but with per-row formats of some cells, written strictly row by row
    (the workbook streams rows to disk: ``constant_memory``)."""
    for c, (title, width) in enumerate(headers):
        ws.write_string(0, c, title, st.header)
        ws.set_column(c, c, width)
    n = 0
    for n, (values, special) in enumerate(zip(rows, row_formats, strict=True), start=1):
        for c, v in enumerate(values):
            write_value(ws, n, c, v, st, special.get(c))
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
    write_table(ws, st, headers, rows(), formats=formats)
    _page(ws, len(headers) - 1)


def _history_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_HISTORY)
    hist = cons.history
    keys = ["candidate_id"] + [c.key for c in HISTORY_COLUMNS if c.key != "stt"] + \
        ["source_file", "source_sheet", "source_row"]
    headers = [("STT", 6), ("Mã ứng viên", 15)] + [(c.header, min(c.width, 36)) for c in HISTORY_COLUMNS
                                                    if c.key != "stt"] + [("Tệp", 24), ("Sheet", 16), ("Dòng", 7)]
    cols = [hist[k].tolist() if k in hist.columns else [None] * len(hist) for k in keys]
    rows = ([i + 1, *(c[i] for c in cols)] for i in range(len(hist)))
    write_table(ws, st, headers, rows)
    _page(ws, len(headers) - 1)


def _files_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_FILES)
    headers = [("STT", 6), ("Tệp", 36), ("SHA-256 (rút gọn)", 16), ("Tình trạng", 22), ("Mã đơn vị", 10),
               ("Đơn vị", 28), ("Số ứng viên", 10), ("Ngày sửa tệp", 16), ("Ghi chú", 60)]
    status_fmt = {"received": st.ok, "error": st.error, "unknown_unit": st.error, "wrong_format": st.error,
                  "superseded": st.warning,
                  "old_template": st.warning}
    rows = []
    for i, f in enumerate(cons.files, start=1):
        modified = f.modified.strftime("%d/%m/%Y %H:%M") if isinstance(f.modified, dt.datetime) else ""
        rows.append([i, f.path, f.sha256[:SHA_SHORT], f.status.label, f.unit_code, f.unit_name, f.candidates,
                     modified, f.message])
    row_formats = [{3: status_fmt.get(f.status.value, st.text)} for f in cons.files]
    n = _table(ws, st, headers, rows, row_formats)
    row = n + 2
    ws.write_string(row, 0, f"Đơn vị chưa gửi danh sách: {len(cons.units_missing)}", st.bold)
    for j, u in enumerate(cons.units_missing, start=1):
        write_value(ws, row + j, 0, j, st, st.int)
        write_value(ws, row + j, 4, u.code, st)
        write_value(ws, row + j, 5, u.name, st)
        write_value(ws, row + j, 8, u.bloc, st)
    _page(ws, len(headers) - 1)


def _problems_sheet(wb, st: Styles, cons: Consolidation) -> None:
    ws = wb.add_worksheet(SHEET_PROBLEMS)
    headers = [("STT", 6), ("Mức độ", 10), ("Mã quy tắc", 10), ("Tệp", 28), ("Sheet", 18), ("Ô", 7),
               ("Giá trị", 24), ("Nội dung", 70), ("Mã ứng viên", 15), ("Mã đơn vị", 10)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}
    problems = sorted(cons.problems, key=lambda p: (order[p.severity], p.file, p.sheet, p.cell, p.rule_id))
    sev_fmt = {Severity.ERROR: st.error, Severity.WARNING: st.warning, Severity.NOTICE: st.text}
    rows = ([i, p.severity.label, p.rule_id, p.file, p.sheet, p.cell, p.value, p.message, p.candidate_id,
             p.unit_code] for i, p in enumerate(problems, start=1))
    _table(ws, st, headers, rows, ({1: sev_fmt[p.severity]} for p in problems))
    _page(ws, len(headers) - 1)


def write_register(cons: Consolidation, path: Path) -> Path:
    """Write the register workbook atomically to ``path``; returns ``path``."""
    path = Path(path)
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, constant_memory=True)  # 100,000 rows must not sit in memory as cell objects
        st = Styles(wb)
        _register_sheet(wb, st, cons)
        _history_sheet(wb, st, cons)
        _files_sheet(wb, st, cons)
        _problems_sheet(wb, st, cons)
        wb.close()
    return path

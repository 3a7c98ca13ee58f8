"""Turn per-file reads into the ``Consolidation``: statuses, superseded files, stable ids,
duplicates across units, wrong years, missing units, problems and the two DataFrames.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from exemplars.catalogue import (
    FILE_WRONG_FORMAT,
    HISTORY_ROW_UNMATCHED,
    NOMINATED_TWICE,
    POSSIBLE_DUPLICATE,
    SUPERSEDED_FILE,
    UNIT_MISSING,
    UNKNOWN_UNIT,
    WRONG_YEAR,
)
from exemplars.columns import CANDIDATE_COLUMNS, HISTORY_COLUMNS, PROVENANCE_COLUMNS, criterion_column
from exemplars.consolidate.units import UnitMatcher
from exemplars.domain import Unit
from exemplars.findings import Finding, Severity
from exemplars.reader.unitfile import FileRead
from exemplars.reader.workbook import column_letter
from exemplars.results import Consolidation, FileRecord, FileStatus
from exemplars.rulebook.schema import Rulebook
from exemplars.vi import text
from exemplars.vi.notation import format_date


class Store:
    """Every file's values appended to one list per column, as files are read.

    Per-file lists would cost a list header per column per file (tens of MiB at
    thousands of files); a file keeps only its offset.  Superseded files' rows are
    left out when the DataFrame is built.
    """

    def __init__(self, keys: list[str], history_keys: list[str]):
        self.cols: dict[str, list] = {k: [] for k in keys}
        self.hist: dict[str, list] = {k: [] for k in history_keys}

    def add(self, got: FileRead) -> None:
        got.offset = len(self.cols["name"])
        for key, col in self.cols.items():
            col.extend(got.columns.pop(key))
        got.columns = {}
        got.history_offset = len(self.hist["name"])
        n = len(got.history_rows)
        for key, col in self.hist.items():
            col.extend(got.history.pop(key, []) or [None] * n)
        got.history = {}

    def column(self, got: FileRead, key: str) -> list:
        return self.cols[key][got.offset:got.offset + len(got.rows)]

    def history_column(self, got: FileRead, key: str) -> list:
        return self.hist[key][got.history_offset:got.history_offset + len(got.history_rows)]



def _frame(keys: list[str], kept: list[tuple[int, int]], total: int, given: dict[str, list],
           stored: dict[str, list]) -> pd.DataFrame:
    """``given`` columns (already one value per kept row) plus ``stored`` columns cut to the ``kept``
    (offset, count) ranges; every list is released as soon as it is converted."""
    arrays = {k: _object_array(given.pop(k)) for k in list(given)}
    whole = sum(n for _, n in kept) == total
    index = None if whole else np.concatenate([np.arange(o, o + n) for o, n in kept] or [np.arange(0)])
    for key in keys:
        arr = _object_array(stored[key])
        stored[key] = []
        arrays[key] = arr if index is None else arr[index]
    # copy=False keeps one block per column: no second, consolidated copy of the whole table
    return pd.DataFrame(arrays, copy=False, dtype=object)


#: Each name is keyed up to three times (id, duplicates across units, history links): once is enough.
_name_key = functools.lru_cache(maxsize=1 << 16)(text.name_key)


@dataclass
class FileOutcome:
    record: FileRecord
    read: FileRead | None
    problems: list[Finding] = field(default_factory=list)

    @property
    def file_read(self) -> FileRead:
        """The read of a file that could be read (the only files assembly keeps)."""
        if self.read is None:
            raise ValueError(f"{self.record.path} was not read")
        return self.read


def candidate_key(rulebook_id: str, year: int, unit_code: str, name: str, birth: dt.date | None, kind: str | None) -> str:
    """The id basis: same person/collective, same unit, same plan and year → same id."""
    parts = (rulebook_id, str(year), unit_code or "", _name_key(name or ""),
             birth.isoformat() if birth else "", kind or "")
    return "UV-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _set_statuses(outcomes: list[FileOutcome], year: int) -> None:
    letters: dict[int, dict[str, str]] = {}  # one letters map per shared column map

    def as_letters(columns: dict[str, int]) -> dict[str, str]:
        got = letters.get(id(columns))
        if got is None:
            got = letters[id(columns)] = {k: column_letter(c) for k, c in columns.items()}
        return got

    for o in outcomes:
        rec, got = o.record, o.read
        if got is None:
            continue
        rec.sheet = got.sheet
        rec.columns = as_letters(got.layout.columns)
        if got.history_layout is not None:
            rec.history_sheet = got.history_layout.sheet
            rec.history_columns = as_letters(got.history_layout.columns)
        rec.template_version = got.template_version
        rec.candidates = len(got.rows)
        rec.unit_code = got.unit.code if got.unit else ""
        rec.unit_name = got.unit.name if got.unit else got.unit_name
        notes = []
        if got.unit is None:
            rec.status = FileStatus.UNKNOWN_UNIT
            what = f"«{got.unit_name}»" if got.unit_name else "(ô «Tên đơn vị» trống)"
            msg = (f"Không xác định được đơn vị {what}; {rec.candidates} ứng viên vẫn được tổng hợp "
                   "với mã đơn vị trống. Hãy sửa tên đơn vị hoặc bổ sung danh sách đơn vị.")
            o.problems.append(Finding(severity=Severity.ERROR, rule_id=UNKNOWN_UNIT, message=msg, file=rec.path,
                                      sheet=got.sheet, value=got.unit_name))
            notes.append(msg)
        elif got.old_template:
            rec.status = FileStatus.OLD_TEMPLATE
            notes.append(f"Mẫu cũ (phiên bản {got.template_version}).")
        elif not got.rows:
            rec.status = FileStatus.EMPTY
            notes.append("Không có ứng viên nào trong bảng.")
        if got.year_found is not None and got.year_found != year:
            msg = f"Tệp ghi năm đăng ký {got.year_found}, khác năm đang tổng hợp {year}."
            o.problems.append(Finding(severity=Severity.WARNING, rule_id=WRONG_YEAR, message=msg, file=rec.path,
                                      sheet=got.sheet, value=str(got.year_found), unit_code=rec.unit_code))
            notes.append(msg)
        rec.message = " ".join(notes)


def _mark_wrong_formats(outcomes: list[FileOutcome], units: list[Unit]) -> None:
    """Files refused for their format: status «gửi sai định dạng» and the unit told by the path
    (file name, then the folders from the nearest), since the content was never read."""
    matcher = None
    for o in outcomes:
        if o.read is not None or not any(p.rule_id == FILE_WRONG_FORMAT for p in o.problems):
            continue
        o.record.status = FileStatus.WRONG_FORMAT
        matcher = matcher or UnitMatcher(units)
        parts = Path(o.record.path).parts
        for part in [Path(parts[-1]).stem, *reversed(parts[:-1])]:
            unit = matcher.match(part.replace("_", " ").replace("-", " "))
            if unit is not None:
                o.record.unit_code, o.record.unit_name = unit.code, unit.name
                o.problems = [p.model_copy(update={"unit_code": p.unit_code or unit.code}) for p in o.problems]
                break


def _supersede(outcomes: list[FileOutcome]) -> None:
    """Several files of one unit: the newest (Ngày lập, then file time) wins."""
    by_unit: dict[str, list[FileOutcome]] = defaultdict(list)
    for o in outcomes:
        if o.read is not None and o.record.unit_code:
            by_unit[o.record.unit_code].append(o)
    for group in by_unit.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda o: (o.file_read.prepared_on or dt.date.min, o.record.modified or dt.datetime.min,
                                  o.record.path))
        newest = group[-1]
        for o in group[:-1]:
            msg = (f"Đơn vị đã gửi tệp mới hơn «{newest.record.path}»; {o.record.candidates} ứng viên "
                   "của tệp này không được tổng hợp.")
            o.record.status = FileStatus.SUPERSEDED
            o.record.message = msg
            o.problems = [Finding(severity=Severity.NOTICE, rule_id=SUPERSEDED_FILE, message=msg, file=o.record.path,
                                  unit_code=o.record.unit_code)]
            o.read = None


def _content_hash(store: Store, got: FileRead, i: int) -> str:
    h = hashlib.sha1()
    for key in sorted(store.cols):
        h.update(repr(store.cols[key][got.offset + i]).encode("utf-8", "replace"))
    return h.hexdigest()


def _assign_ids(rulebook: Rulebook, year: int, kept: list[FileOutcome], store: Store) -> list[list[str]]:
    """Ids per kept file and row; true collisions get "-2", "-3"… in content order."""
    ids = []
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f, o in enumerate(kept):
        # A file of no known unit still gets ids of its own unit (by the name it gives), not of "no unit".
        got = o.file_read
        code = o.record.unit_code or "?" + text.fold(got.unit_name or o.record.path)
        file_ids = [candidate_key(rulebook.id, year, code, n, b, k)
                    for n, b, k in zip(store.column(got, "name"), store.column(got, "birth_date"),
                                       store.column(got, "subject_kind"), strict=True)]
        for i, cid in enumerate(file_ids):
            where[cid].append((f, i))
        ids.append(file_ids)
    for cid, places in where.items():
        if len(places) < 2:
            continue
        places.sort(key=lambda p: (_content_hash(store, kept[p[0]].file_read, p[1]), kept[p[0]].record.path, p[1]))
        for n, (f, i) in enumerate(places[1:], start=2):
            ids[f][i] = f"{cid}-{n}"
        for f, i in places:
            o = kept[f]
            cell = f"{o.record.columns.get('name', '')}{o.file_read.rows[i]}"
            name = store.cols["name"][o.file_read.offset + i]
            o.problems.append(Finding(
                severity=Severity.WARNING, rule_id=NOMINATED_TWICE, file=o.record.path, sheet=o.file_read.sheet,
                cell=cell,
                value=name, candidate_id=ids[f][i], unit_code=o.record.unit_code,
                message=f"Ứng viên «{name}» được đề xuất {len(places)} lần "
                        "(trùng tên, ngày sinh, loại đối tượng và đơn vị)."))
    return ids


def _duplicates_across_units(kept: list[FileOutcome], ids: list[list[str]], store: Store) -> None:
    """The same person (name key + birth date) nominated by two units: a warning on each row."""
    seen: dict[tuple[str, dt.date], list[tuple[int, int]]] = defaultdict(list)
    for f, o in enumerate(kept):
        got = o.file_read
        for i, (name, birth) in enumerate(zip(store.column(got, "name"), store.column(got, "birth_date"),
                                                 strict=True)):
            if birth is not None and name:
                seen[(_name_key(name), birth)].append((f, i))
    for places in seen.values():
        if len(places) < 2:  # one row cannot come from two units
            continue
        units = {kept[f].record.unit_code or kept[f].record.path for f, _ in places}
        if len(units) < 2:
            continue
        for f, i in places:
            o = kept[f]
            others = sorted({kept[g].record.unit_name or kept[g].record.path for g, _ in places if g != f})
            name = store.cols["name"][o.file_read.offset + i]
            birth = store.cols["birth_date"][o.file_read.offset + i]
            o.problems.append(Finding(
                severity=Severity.WARNING, rule_id=POSSIBLE_DUPLICATE, file=o.record.path, sheet=o.file_read.sheet,
                cell=f"{o.record.columns.get('name', '')}{o.file_read.rows[i]}", value=name, candidate_id=ids[f][i],
                unit_code=o.record.unit_code,
                message=f"«{name}» (sinh {birth_text(birth)}) cũng được đề xuất bởi: "
                        + "; ".join(others) + "."))


def birth_text(d: dt.date | None) -> str:
    return format_date(d) if d else ""


def _issue_problems(o: FileOutcome, file_ids: list[str]) -> None:
    got = o.file_read
    for pos, it in got.issues:
        o.problems.append(it.model_copy(update={
            "file": o.record.path, "sheet": it.sheet or (got.sheet if it.cell else ""),
            "candidate_id": file_ids[pos] if 0 <= pos < len(file_ids) else "", "unit_code": o.record.unit_code}))


def _history_links(o: FileOutcome, file_ids: list[str], store: Store) -> list[str]:
    """Candidate id of each history row of a file: by "STT ứng viên", else by name; "" (warned) if none."""
    got = o.file_read
    by_stt: dict[object, str] = {}
    for i, stt in enumerate(store.column(got, "stt")):
        if stt is not None:
            by_stt.setdefault(stt, file_ids[i])
    by_name: dict[str, str] = {}
    for i, name in enumerate(store.column(got, "name")):
        by_name.setdefault(_name_key(name), file_ids[i])
    out = []
    for stt, name, row in zip(store.history_column(got, "candidate_stt"), store.history_column(got, "name"),
                              got.history_rows, strict=True):
        cid = by_stt.get(stt) if stt is not None else None
        cid = cid or by_name.get(_name_key(name or ""), "")
        if not cid:
            o.problems.append(Finding(
                severity=Severity.WARNING, rule_id=HISTORY_ROW_UNMATCHED, file=o.record.path, sheet=o.record.history_sheet,
                cell=f"{o.record.history_columns.get('name', '')}{row}", value=name or "",
                unit_code=o.record.unit_code,
                message="Dòng lịch sử khen thưởng không khớp ứng viên nào (theo STT ứng viên hoặc họ tên)."))
        out.append(cid)
    return out


def _object_array(values: list) -> np.ndarray:
    """A list as an object array (values kept as they are: None, date, bool, str)."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


def assemble(rulebook: Rulebook, year: int, folder: Path, units: list[Unit], outcomes: list[FileOutcome],
             skipped: list[FileRecord], skipped_problems: list[Finding], store: Store) -> Consolidation:
    try:
        return _assemble(rulebook, year, folder, units, outcomes, skipped, skipped_problems, store)
    finally:
        _name_key.cache_clear()  # names of one consolidation are not kept for the next


def _assemble(rulebook: Rulebook, year: int, folder: Path, units: list[Unit], outcomes: list[FileOutcome],
              skipped: list[FileRecord], skipped_problems: list[Finding], store: Store) -> Consolidation:
    _set_statuses(outcomes, year)
    _mark_wrong_formats(outcomes, units)
    _supersede(outcomes)
    kept = [o for o in outcomes if o.read is not None]
    ids = _assign_ids(rulebook, year, kept, store)
    _duplicates_across_units(kept, ids, store)
    register: dict[str, list] = {k: [] for k in PROVENANCE_COLUMNS}
    history: dict[str, list] = {k: [] for k in ("candidate_id", "source_file", "source_sheet", "source_row")}
    for o, file_ids in zip(kept, ids, strict=True):
        _issue_problems(o, file_ids)
        n = len(file_ids)
        register["id"].extend(file_ids)
        register["unit_code"].extend([o.record.unit_code] * n)
        register["unit_name"].extend([o.record.unit_name] * n)
        register["source_file"].extend([o.record.path] * n)
        register["source_sheet"].extend([o.file_read.sheet] * n)
        register["source_row"].extend(o.file_read.rows)
        h = len(o.file_read.history_rows)
        history["candidate_id"].extend(_history_links(o, file_ids, store))
        history["source_file"].extend([o.record.path] * h)
        history["source_sheet"].extend([o.record.history_sheet] * h)
        history["source_row"].extend(o.file_read.history_rows)
    keys = [c.key for c in CANDIDATE_COLUMNS] + [criterion_column(c.id) for c in rulebook.criteria]
    frame = _frame(keys, [(o.file_read.offset, len(o.file_read.rows)) for o in kept], len(store.cols["name"]),
                   register, store.cols)
    hist_keys = [c.key for c in HISTORY_COLUMNS]
    hist_frame = _frame(hist_keys, [(o.file_read.history_offset, len(o.file_read.history_rows)) for o in kept],
                        len(store.hist["name"]), {"candidate_id": history.pop("candidate_id")}, store.hist)
    for key in ("source_file", "source_sheet", "source_row"):
        hist_frame[key] = _object_array(history.pop(key))
    records = sorted([o.record for o in outcomes] + skipped, key=lambda r: r.path)
    problems = list(skipped_problems)
    for o in sorted(outcomes, key=lambda o: o.record.path):
        problems.extend(o.problems)
    read_codes = {r.unit_code for r in records if r.unit_code and r.status is not FileStatus.WRONG_FORMAT}
    wrong_codes = {r.unit_code for r in records if r.unit_code and r.status is FileStatus.WRONG_FORMAT}
    wrong_format = [u for u in units if u.code in wrong_codes and u.code not in read_codes]
    missing = [u for u in units if u.code not in read_codes | wrong_codes]
    problems.extend(Finding(severity=Severity.WARNING, rule_id=UNIT_MISSING, unit_code=u.code,
                            message=f"Đơn vị «{u.name}» ({u.code}) chưa gửi danh sách đề xuất.") for u in missing)
    return Consolidation(rulebook=rulebook, year=year, folder=Path(folder), register=frame, history=hist_frame,
                         files=records, problems=problems, units=list(units), units_missing=missing,
                         units_wrong_format=wrong_format)

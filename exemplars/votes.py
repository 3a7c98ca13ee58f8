"""Council votes (phiếu bầu of the Hội đồng Thi đua - Khen thưởng) per candidate.

The office records, per candidate, the number of "đồng ý" ballots and the number
of council members in a sheet "Phiếu bầu" (columns Mã ứng viên | Họ và tên / Tên
tập thể | Đơn vị | Phiếu đồng ý | Tổng số thành viên [| Số thành viên có mặt]).  The
candidate id is the reliable key; when a clerk leaves it blank the name and the unit are
used.  With ``voting.base = "cast"`` the members column holds the ballots cast instead.

A row in error is never dropped silently: it is an error naming the cell, and its
candidate is remembered in ``Votes.invalid`` so that selection cannot take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from exemplars.catalogue import VOTE_ROW
from exemplars.errors import InputError
from exemplars.findings import Finding, Severity, short_value
from exemplars.reader.workbook import column_letter
from exemplars.vi.text import fold, header_key, name_key

SHEET_VOTES = "Phiếu bầu"

#: register-like key → accepted header texts (compared with ``header_key``).
VOTE_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("Mã ứng viên", "Mã", "Mã số ứng viên"),
    "name": ("Họ và tên / Tên tập thể", "Họ và tên", "Họ tên", "Tên tập thể", "Tên ứng viên"),
    "unit": ("Đơn vị", "Đơn vị đề xuất", "Mã đơn vị"),
    "yes": ("Phiếu đồng ý", "Số phiếu đồng ý", "Đồng ý"),
    "members": ("Tổng số thành viên", "Số thành viên", "Tổng số phiếu", "Số phiếu bầu"),
    "present": ("Số thành viên có mặt", "Có mặt", "Số có mặt", "Thành viên có mặt"),
}
_HEADER_INDEX = {header_key(text): key for key, texts in VOTE_HEADERS.items() for text in texts}


class Votes(Mapping[str, tuple[int, int]]):
    """Key → (yes, members).  The key is the candidate id, or ``name_vote_key(name, unit)`` for a row
    typed without an id; ``lookup`` tries the id first, then the name with the unit code or name."""

    def __init__(self, entries: Mapping[str, tuple[int, int]] | None = None):
        self._entries = dict(entries or {})
        #: key → cell of a vote row in error (its candidate is not selectable)
        self.invalid: dict[str, str] = {}
        #: key → members present at the vote, when the sheet records it (quorum)
        self.present: dict[str, int] = {}
        #: key → cell of «Số thành viên có mặt», named when the quorum is not reached
        self.present_cells: dict[str, str] = {}
        #: the file the rows came from, named in findings about them
        self.source = ""

    def __getitem__(self, key: str) -> tuple[int, int]:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Votes({self._entries!r})"

    def add(self, yes: int, members: int, *, candidate_id: str = "", name: str = "", unit: str = "",
            present: int | None = None, present_cell: str = "") -> None:
        key = candidate_id or name_vote_key(name, unit)
        self._entries[key] = (yes, members)
        self.invalid.pop(key, None)  # a later valid row of the same candidate replaces an earlier bad one
        if present is not None:
            self.present[key] = present
            self.present_cells[key] = present_cell

    @property
    def supplied(self) -> bool:
        """True when the council's vote was recorded at all (a row, valid or not)."""
        return bool(self._entries or self.invalid)

    def _key(self, table: Mapping[str, object], candidate_id: str, name: str, unit_code: str,
             unit_name: str) -> str | None:
        if candidate_id in table:
            return candidate_id
        for unit in (unit_code, unit_name, ""):
            key = name_vote_key(name or "", unit or "")
            if key in table:
                return key
        return None

    def lookup(self, candidate_id: str, name: str = "", unit_code: str = "", unit_name: str = "",
               ) -> tuple[int, int] | None:
        """Votes of a candidate by id, else by name and unit (code or name); None when not recorded."""
        key = self._key(self._entries, candidate_id, name, unit_code, unit_name)
        return None if key is None else self._entries[key]

    def present_of(self, candidate_id: str, name: str = "", unit_code: str = "", unit_name: str = "") -> int | None:
        key = self._key(self.present, candidate_id, name, unit_code, unit_name)
        return None if key is None else self.present[key]

    def present_cell(self, candidate_id: str, name: str = "", unit_code: str = "", unit_name: str = "") -> str | None:
        """The cell of «Số thành viên có mặt» of the candidate's vote row (None when not recorded)."""
        key = self._key(self.present_cells, candidate_id, name, unit_code, unit_name)
        return None if key is None else self.present_cells[key]

    def invalid_cell(self, candidate_id: str, name: str = "", unit_code: str = "", unit_name: str = "") -> str | None:
        """The cell of the candidate's vote row in error, None when its row (if any) was valid."""
        key = self._key(self.invalid, candidate_id, name, unit_code, unit_name)
        return None if key is None else self.invalid[key]


def name_vote_key(name: str, unit: str) -> str:
    """Key of a vote row typed without a candidate id (folded name without honorifics, folded unit)."""
    return f"ten:{name_key(name)}|{fold(unit)}"


def _as_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value) == int(value) else None
    text = str(value).strip().replace(".", "").replace(",", "").replace(" ", "")
    try:
        return int(text)
    except ValueError:
        return None


def _cell(cols: dict[str, int], row: list[Any], key: str) -> Any:
    """The value of column ``key`` in one row (None when the sheet has no such column or the row is short)."""
    c = cols.get(key)
    return row[c] if c is not None and c < len(row) else None


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(row index, key → column index) of the first row that names the vote columns."""
    for r, row in enumerate(rows[:30]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            key = _HEADER_INDEX.get(header_key(str(cell))) if cell is not None else None
            if key and key not in found:
                found[key] = c
        if "yes" in found and "members" in found and ("id" in found or "name" in found):
            return r, found
    return None


def votes_from_rows(rows: Iterable[Iterable[Any]], source: str = SHEET_VOTES) -> tuple[Votes, list[Finding]]:
    """Votes from the rows of a "Phiếu bầu" sheet (header row anywhere in the first 30 rows)."""
    table = [list(r) for r in rows]
    votes, problems = Votes(), []
    votes.source = source

    def problem(message: str, cell: str = "", value: Any = None, severity: Severity = Severity.ERROR) -> None:
        problems.append(Finding(severity=severity, rule_id=VOTE_ROW, message=message, file=source,
                                sheet=SHEET_VOTES, cell=cell, value=short_value(value)))

    header = _find_header(table)
    if header is None:
        problem("Không tìm thấy dòng tiêu đề của bảng phiếu bầu (cần các cột «Mã ứng viên» hoặc «Họ và tên», "
                "«Phiếu đồng ý», «Tổng số thành viên»).")
        return votes, problems
    head, cols = header
    seen: dict[str, int] = {}
    for r in range(head + 1, len(table)):
        row = table[r]
        cell = partial(_cell, cols, row)
        text = {k: ("" if cell(k) is None else str(cell(k)).strip()) for k in ("id", "name", "unit")}
        if not any(text.values()) and cell("yes") in (None, "") and cell("members") in (None, ""):
            continue
        who = text["name"] or text["id"] or f"dòng {r + 1}"
        ref_yes, ref_members = f"{column_letter(cols['yes'])}{r + 1}", f"{column_letter(cols['members'])}{r + 1}"
        if not text["id"] and not text["name"]:
            problem(f"Dòng {r + 1}: thiếu cả mã ứng viên và họ tên nên không biết phiếu bầu của ai.",
                    f"A{r + 1}")
            continue
        key = text["id"] or name_vote_key(text["name"], text["unit"])

        def bad(message: str, ref: str, value: Any, key: str = key) -> None:
            problem(message, ref, value)
            if key not in votes:
                votes.invalid[key] = ref

        yes, members = _as_int(cell("yes")), _as_int(cell("members"))
        present_cell = cell("present") if "present" in cols else None
        present = _as_int(present_cell)
        ref_present = f"{column_letter(cols['present'])}{r + 1}" if "present" in cols else ""
        if yes is None or members is None:
            bad_ref, bad_value = (ref_yes, cell("yes")) if yes is None else (ref_members, cell("members"))
            bad(f"«{who}»: số phiếu phải là số nguyên; phiếu bầu dòng này không được tính và ứng viên "
                "chưa được chọn.", bad_ref, bad_value)
            continue
        if yes < 0 or members <= 0:
            bad(f"«{who}»: số phiếu đồng ý ({yes}) và tổng số thành viên ({members}) phải là số dương; ứng viên "
                "chưa được chọn.", ref_yes if yes < 0 else ref_members, yes if yes < 0 else members)
            continue
        if yes > members:
            bad(f"«{who}»: số phiếu đồng ý ({yes}) lớn hơn tổng số thành viên ({members}); ứng viên chưa được "
                "chọn cho đến khi sửa phiếu bầu.", ref_yes, yes)
            continue
        if present_cell not in (None, "") and (present is None or present < 0 or present > members):
            bad(f"«{who}»: số thành viên có mặt ({short_value(present_cell)}) phải là số nguyên từ 0 đến tổng số "
                f"thành viên ({members}); ứng viên chưa được chọn.", ref_present, present_cell)
            continue
        if present is not None and yes > present:
            bad(f"«{who}»: số phiếu đồng ý ({yes}) lớn hơn số thành viên có mặt ({present}); ứng viên chưa được "
                "chọn.", ref_yes, yes)
            continue
        if key in seen:
            problem(f"«{who}»: phiếu bầu được ghi hai lần (dòng {seen[key]} và dòng {r + 1}); dùng dòng sau.",
                    f"A{r + 1}", severity=Severity.WARNING)
        seen[key] = r + 1
        votes.add(yes, members, candidate_id=text["id"], name=text["name"], unit=text["unit"], present=present,
                  present_cell=ref_present)
    return votes, problems


def read_votes(path: Path) -> tuple[Votes, list[Finding]]:
    """Votes from the "Phiếu bầu" sheet of an .xlsx/.xlsm/.ods workbook (first sheet when absent)."""
    path = Path(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every unreadable format
        raise InputError(f"Không đọc được tệp phiếu bầu «{path}»: {exc}") from None
    names = book.sheet_names
    wanted = header_key(SHEET_VOTES)
    sheet = next((n for n in names if header_key(n) == wanted), names[0] if names else None)
    if sheet is None:
        raise InputError(f"Tệp phiếu bầu «{path}» không có trang tính nào.")
    rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return votes_from_rows(rows, source=path.name)

"""Read filled plan workbooks and progress reports back, through the product's safe reader.

Each file passes the safety gate (``exemplars.reader.safety``) and is opened by python-calamine
(values only, never evaluated, never written).  The very hidden marker says which unit, rulebook
and year the workbook was made for and where its columns are.  Cell text goes through the same
parsers as the registration (legacy TCVN3/VNI text converted, dates read day first), and every
problem is a ``Finding`` naming the file, sheet and cell.  One bad file never stops the others.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.catalogue import (
    NURTURE_ACTION_INCOMPLETE,
    NURTURE_ADOPTION_UNDATED,
    NURTURE_NO_LEADER,
    NURTURE_NOT_A_PLAN,
    NURTURE_UNKNOWN_EXEMPLAR,
)
from exemplars.columns import TEMPLATE_ID
from exemplars.errors import UnitFileError
from exemplars.findings import Finding, Severity, short_value
from exemplars.nurture import layout as L
from exemplars.nurture.model import Action, Adoption, Exemplar, Place, PlanEntry, UnitPlan
from exemplars.reader.safety import inspect_file
from exemplars.reader.workbook import column_index, open_workbook
from exemplars.vi import values
from exemplars.vi.text import fold

DEFAULT_MAX_MB = 25


@dataclass
class PlanFile:
    """One file of the plans folder and what became of it."""

    path: str  # relative to the folder
    sha256: str = ""
    unit_code: str = ""
    status: str = "received"  # received | error | superseded
    modified: dt.datetime | None = None
    message: str = ""
    plan: UnitPlan | None = None
    problems: list[Finding] = field(default_factory=list)


class _NotAPlan(UnitFileError):
    pass


def _marker(rows: list[list]) -> dict[str, str]:
    return {str(r[0]): str(r[1]) if len(r) > 1 and r[1] is not None else "" for r in rows if r and r[0]}


class _Sheet:
    """One table of the workbook: the rows and the letters of its columns (from the marker)."""

    def __init__(self, book, name: str, letters: dict[str, str], first_row: int, file: str):
        if name not in book.sheet_names:
            raise _NotAPlan(f"thiếu sheet «{name}»", NURTURE_NOT_A_PLAN)
        self.rows = book.rows(name)
        self.name, self.letters, self.first, self.file = name, letters, first_row, file
        self.problems: list[Finding] = []

    def records(self):
        """(1-based row, Place, raw values by key) for every row with something typed in an input column."""
        idx = {k: column_index(v) for k, v in self.letters.items()}
        for r in range(self.first - 1, len(self.rows)):
            row = self.rows[r]
            raw = {k: (row[i] if 0 <= i < len(row) else "") for k, i in idx.items()}
            if all(v in ("", None) for k, v in raw.items() if k != "stt"):
                continue
            place = Place(self.file, self.name, r + 1, {k: f"{v}{r + 1}" for k, v in self.letters.items()})
            yield place, raw

    def _report(self, parsed: values.Parsed, place: Place, key: str, raw: object) -> None:
        if parsed.severity is not None:
            self.problems.append(Finding(severity=parsed.severity, rule_id=parsed.rule_id, message=parsed.message,
                                         file=self.file, sheet=self.name, cell=place.cell(key),
                                         value=short_value(raw)))

    def text(self, raw: dict, place: Place, key: str) -> str:
        parsed = values.parse_text(raw.get(key))
        self._report(parsed, place, key, raw.get(key))
        return str(parsed.value or "")

    def date(self, raw: dict, place: Place, key: str, year: int) -> dt.date | None:
        parsed = values.parse_date(raw.get(key), max_year=year + 1, min_year=year - 1)
        self._report(parsed, place, key, raw.get(key))
        return parsed.value if isinstance(parsed.value, dt.date) else None

    def yes(self, raw: dict, place: Place, key: str) -> bool:
        parsed = values.parse_yesno(raw.get(key))
        self._report(parsed, place, key, raw.get(key))
        return parsed.value is True

    def finding(self, severity: Severity, rule_id: str, message: str, place: Place, key: str,
                value: object = "", unit_code: str = "") -> None:
        self.problems.append(Finding(severity=severity, rule_id=rule_id, message=message, file=self.file,
                                     sheet=self.name, cell=place.cell(key), value=short_value(value),
                                     unit_code=unit_code))


def resolve_code(text: str, exemplars: dict[str, Exemplar]) -> str | None:
    """The exemplar a cell names: the dropdown text, the bare code, or the exemplar's name."""
    head = text.split(L.CODE_SEPARATOR.strip(), 1)[0].strip()
    if head in exemplars:
        return head
    key = fold(text)
    return next((c for c, e in exemplars.items() if fold(e.name) == key or fold(L.exemplar_item(c, e.name)) == key),
                None)


def _entries(sheet: _Sheet, exemplars: dict[str, Exemplar], unit: str) -> dict[str, PlanEntry]:
    out: dict[str, PlanEntry] = {}
    for place, raw in sheet.records():
        code = sheet.text(raw, place, "code")
        if code not in exemplars:
            if code:
                sheet.finding(Severity.ERROR, NURTURE_UNKNOWN_EXEMPLAR, f"Mã điển hình «{code}» không thuộc các điển "
                              "hình đã đăng ký của đơn vị; dòng này không được tính.", place, "code", code, unit)
            continue
        entry = PlanEntry(code=code, leader_name=sheet.text(raw, place, "leader_name"),
                          leader_position=sheet.text(raw, place, "leader_position"),
                          model=sheet.text(raw, place, "model"), effect=sheet.text(raw, place, "effect"),
                          channels=sheet.text(raw, place, "channels"), evidence=sheet.text(raw, place, "evidence"),
                          stopped=sheet.yes(raw, place, "stopped"), stop_reason=sheet.text(raw, place, "stop_reason"),
                          place=place)
        name = exemplars[code].name
        for key, what in (("leader_name", "họ và tên"), ("leader_position", "chức vụ")):
            if not getattr(entry, key):
                sheet.finding(Severity.ERROR, NURTURE_NO_LEADER, f"«{name}»: chưa ghi {what} của lãnh đạo chịu "
                              "trách nhiệm bồi dưỡng, nhân rộng.", place, key, "", unit)
        out[code] = entry
    return out


def _exemplar_of(sheet: _Sheet, raw: dict, place: Place, exemplars: dict[str, Exemplar], unit: str) -> str | None:
    text = sheet.text(raw, place, "exemplar")
    code = resolve_code(text, exemplars)
    if code is None:
        shown = text or "(trống)"
        sheet.finding(Severity.ERROR, NURTURE_UNKNOWN_EXEMPLAR, f"Mã điển hình «{shown}» không thuộc các điển hình "
                      "đã đăng ký của đơn vị; dòng này không được tính.", place, "exemplar", text, unit)
    return code


_ACTION_PARTS = (("what", "nội dung"), ("who", "người thực hiện"), ("due", "thời hạn hoàn thành"),
                 ("expected", "kết quả dự kiến"))


def _actions(sheet: _Sheet, exemplars: dict[str, Exemplar], unit: str, year: int) -> list[Action]:
    out = []
    for place, raw in sheet.records():
        code = _exemplar_of(sheet, raw, place, exemplars, unit)
        action = Action(code=code or "", what=sheet.text(raw, place, "what"), who=sheet.text(raw, place, "who"),
                        due=sheet.date(raw, place, "due", year), expected=sheet.text(raw, place, "expected"),
                        done_on=sheet.date(raw, place, "done_on", year), result=sheet.text(raw, place, "result"),
                        place=place)
        missing = [(k, w) for k, w in _ACTION_PARTS if not getattr(action, k) and raw.get(k) in ("", None)]
        for key, what in missing:
            label = action.what or f"dòng {place.row}"
            sheet.finding(Severity.WARNING, NURTURE_ACTION_INCOMPLETE, f"Hoạt động «{label}»: chưa ghi {what}.",
                          place, key, "", unit)
        if code is not None:
            out.append(action)
    return out


def _adoptions(sheet: _Sheet, exemplars: dict[str, Exemplar], unit: str, year: int) -> list[Adoption]:
    out = []
    for place, raw in sheet.records():
        code = _exemplar_of(sheet, raw, place, exemplars, unit)
        adoption = Adoption(code=code or "", place_name=sheet.text(raw, place, "place"),
                            since=sheet.date(raw, place, "since", year), result=sheet.text(raw, place, "result"),
                            place=place)
        if adoption.place_name and adoption.since is None and raw.get("since") in ("", None):
            sheet.finding(Severity.WARNING, NURTURE_ADOPTION_UNDATED, f"Nơi áp dụng «{adoption.place_name}»: chưa "
                          "ghi ngày bắt đầu áp dụng; vẫn được tính là đã nhân rộng.", place, "since", "", unit)
        if code is not None and adoption.place_name:
            out.append(adoption)
    return out


def _check_marker(marker: dict[str, str], rulebook_id: str, year: int) -> str:
    if not marker:
        raise _NotAPlan("không có dấu nhận biết của mẫu kế hoạch; hãy dùng tệp Văn phòng gửi", NURTURE_NOT_A_PLAN)
    if marker.get("template_id") == TEMPLATE_ID:
        raise _NotAPlan("đây là mẫu đăng ký điển hình, không phải kế hoạch bồi dưỡng", NURTURE_NOT_A_PLAN)
    if marker.get("template_id") != L.PLAN_TEMPLATE_ID:
        raise _NotAPlan("dấu nhận biết không phải của mẫu kế hoạch", NURTURE_NOT_A_PLAN)
    if marker.get("rulebook_id") != rulebook_id:
        raise _NotAPlan(f"lập theo quy chế «{marker.get('rulebook_id')}», không phải «{rulebook_id}»",
                        NURTURE_NOT_A_PLAN)
    if marker.get("year") != str(year):
        raise _NotAPlan(f"kế hoạch năm {marker.get('year')}, không phải năm {year}", NURTURE_NOT_A_PLAN)
    return marker.get("unit_code", "")


def read_plan_file(path: Path, rel: str, rulebook_id: str, year: int, exemplars_by_unit: dict[str, dict[str, Exemplar]],
                   max_mb: float = DEFAULT_MAX_MB) -> PlanFile:
    """Read one plan workbook; unreadable or foreign files come back with status "error" and their finding."""
    record = PlanFile(path=rel)
    try:
        record.modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
        check = inspect_file(path, int(max_mb * 1024 * 1024))
        record.problems += check.problems(rel)
        book = open_workbook(path, check.fmt, check.data)
        record.sha256 = book.sha256
        try:
            marker = _marker(book.rows(L.MARKER_SHEET)) if L.MARKER_SHEET in book.sheet_names else {}
            unit = _check_marker(marker, rulebook_id, year)
            record.unit_code = unit
            known = exemplars_by_unit.get(unit, {})
            first = int(marker.get("first_data_row", L.FIRST_DATA_ROW + 1))
            plan = _Sheet(book, marker.get("plan_sheet", L.SHEET_PLAN), json.loads(marker["plan_columns"]), first, rel)
            acts = _Sheet(book, marker.get("actions_sheet", L.SHEET_ACTIONS), json.loads(marker["actions_columns"]),
                          first, rel)
            adopt = _Sheet(book, marker.get("adoptions_sheet", L.SHEET_ADOPTIONS),
                           json.loads(marker["adoptions_columns"]), first, rel)
            record.plan = UnitPlan(unit_code=unit, file=rel, entries=_entries(plan, known, unit),
                                   actions=_actions(acts, known, unit, year),
                                   adoptions=_adoptions(adopt, known, unit, year))
            record.problems += plan.problems + acts.problems + adopt.problems
        finally:
            book.close()
    except (UnitFileError, KeyError, ValueError) as exc:
        message = getattr(exc, "message", "") or f"dấu nhận biết bị hỏng ({type(exc).__name__})"
        rule = getattr(exc, "rule_id", NURTURE_NOT_A_PLAN) or NURTURE_NOT_A_PLAN
        if isinstance(exc, _NotAPlan) or rule == NURTURE_NOT_A_PLAN:
            message = f"Tệp không phải kế hoạch bồi dưỡng, nhân rộng của chương trình ({message})."
        record.status, record.message = "error", message
        record.problems.append(Finding(severity=Severity.ERROR, rule_id=rule, message=message, file=rel))
    return record

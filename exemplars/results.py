"""Result records passed between pipeline stages (plain data, no I/O).

consolidate → ``Consolidation``; validate → ``Assessment``; rank → ``Ranking``;
select → ``Selection``; the whole run → ``RunResult``.  Writers, the CLI and the
Excel glue read these; none of them recomputes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol, cast

import pandas as pd

from exemplars.domain import LabelledEnum, SubjectKind, Unit
from exemplars.findings import Finding, count_by_severity
from exemplars.rulebook.schema import Rulebook

#: progress(done, total, message): called by long stages; may be None.  ``total == 0``: a notice to show
#: as it is (e.g. the run waits for another one).
Progress = Callable[[int, int, str], None]

#: The pipeline's stages in order (``pipeline.STAGES``); the history store records the last one a run
#: completed and shows it with its label.  Kept here because the store and the pipeline both need it.
CONSOLIDATE, VALIDATE, RANK, SELECT, OUTPUTS = "consolidate", "validate", "rank", "select", "outputs"
STAGES = (CONSOLIDATE, VALIDATE, RANK, SELECT, OUTPUTS)
#: The mark every output showing the selection carries while the council has not voted.
DRAFT_MARK = "DỰ THẢO – chưa có kết quả biểu quyết của Hội đồng"
#: How every output names a candidate the standing office proposed itself (A-24).
OFFICE_PROPOSAL_LABEL = "Thường trực Hội đồng đề xuất"
STAGE_LABELS = {CONSOLIDATE: "Đã tổng hợp", VALIDATE: "Đã kiểm tra", RANK: "Đã xếp hạng",
                SELECT: "Đã lựa chọn", OUTPUTS: "Đã xuất kết quả"}


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a product table as plain dicts (its column names are always strings)."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas NA."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class FileStatus(LabelledEnum):
    RECEIVED = ("received", "Đã nhận")
    EMPTY = ("empty", "Không có ứng viên")
    ERROR = ("error", "Lỗi, không đọc được")
    SUPERSEDED = ("superseded", "Đã được thay bằng tệp mới hơn")
    UNKNOWN_UNIT = ("unknown_unit", "Không xác định được đơn vị")
    OLD_TEMPLATE = ("old_template", "Mẫu cũ (vẫn đọc được)")
    WRONG_FORMAT = ("wrong_format", "Gửi sai định dạng")
    SKIPPED = ("skipped", "Bỏ qua (tệp tạm, tệp ẩn, không phải bảng tính)")


@dataclass
class FileRecord:
    """One file of the folder and what became of it."""

    path: str  # relative to the folder, with "/" separators
    sha256: str = ""
    status: FileStatus = FileStatus.RECEIVED
    message: str = ""
    unit_code: str = ""
    unit_name: str = ""
    candidates: int = 0
    sheet: str = ""
    template_version: int | None = None
    modified: dt.datetime | None = None
    #: «Ngày lập» the unit wrote on its list; the date the office recorded receiving the file
    prepared_on: dt.date | None = None
    received_on: dt.date | None = None
    #: register column key (or "tc:<criterion id>") → column letter in ``sheet``
    columns: dict[str, str] = field(default_factory=dict)
    history_sheet: str = ""
    history_columns: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "status": self.status.value,
            "unit": self.unit_code,
            "candidates": self.candidates,
            "message": self.message,
        }


@dataclass
class Consolidation:
    """A folder of unit workbooks turned into one register.

    ``register``: one row per candidate; columns ``columns.PROVENANCE_COLUMNS``,
    every ``Column.key`` of ``CANDIDATE_COLUMNS`` and ``tc:<criterion id>`` per
    criterion.  Choice columns hold enum codes (``"tap_the"``) or None; dates are
    ``datetime.date`` or None; yes/no and criteria are True/False/None; text is str.
    ``history``: award history rows with ``candidate_id`` and the keys of
    ``HISTORY_COLUMNS`` plus ``source_file``, ``source_sheet``, ``source_row``.
    """

    rulebook: Rulebook
    year: int
    folder: Path
    register: pd.DataFrame
    history: pd.DataFrame
    files: list[FileRecord]
    problems: list[Finding]
    units: list[Unit]
    units_missing: list[Unit]
    #: units whose only files are spreadsheets in a format the product does not read (told how to re-save)
    units_wrong_format: list[Unit] = field(default_factory=list)
    #: the run that wrote this result's outputs (also in every workbook's properties and the history)
    run_id: str = ""
    _awards: dict[str, list[tuple[int, str]]] | None = field(default=None, init=False, repr=False, compare=False)
    _files_by_path: dict[str, FileRecord] | None = field(default=None, init=False, repr=False, compare=False)
    _records: list[dict[str, Any]] | None = field(default=None, init=False, repr=False, compare=False)

    def records(self) -> list[dict[str, Any]]:
        """The register as plain dicts, built once (stages read rows field by field; pandas rows are slow)."""
        if self._records is None or len(self._records) != len(self.register):
            self._records = frame_records(self.register)
        return self._records

    def awards_by_candidate(self) -> dict[str, list[tuple[int, str]]]:
        """candidate id → (year, title) rows of ``history`` with both filled; built once (validation asks per row)."""
        if self._awards is None:
            index: dict[str, list[tuple[int, str]]] = {}
            table = self.history
            if table is not None and len(table) and {"candidate_id", "year", "title"} <= set(table.columns):
                for cid, year, title in zip(table["candidate_id"], table["year"], table["title"], strict=True):
                    if _missing(year) or _missing(title) or not str(title).strip():
                        continue
                    try:
                        index.setdefault(str(cid), []).append((int(year), str(title).strip()))
                    except (TypeError, ValueError):
                        continue
            self._awards = index
        return self._awards

    def file(self, path: str) -> FileRecord | None:
        # Asked once per cell reference: index by path (rebuilt if the file list changed).
        if self._files_by_path is None or len(self._files_by_path) != len(self.files):
            self._files_by_path = {}
            for f in self.files:
                self._files_by_path.setdefault(f.path, f)
        return self._files_by_path.get(path)

    def cell(self, row: Any, key: str) -> str:
        """A1 reference of field ``key`` of a register row (a Series or mapping); "" if unknown."""
        rec = self.file(row["source_file"])
        letter = rec.columns.get(key, "") if rec else ""
        return f"{letter}{int(row['source_row'])}" if letter and row["source_row"] else ""

    def summary(self) -> dict[str, Any]:
        """The stable keys of ``summary.json`` (other tools read them)."""
        return {
            "run_id": self.run_id,
            "rulebook": self.rulebook.id,
            "year": self.year,
            "files": [f.to_json() for f in self.files],
            "candidates": int(len(self.register)),
            "problems": count_by_severity(self.problems),
            "units_missing": [u.code for u in self.units_missing],
            "units_wrong_format": [u.code for u in self.units_wrong_format],
        }


@dataclass
class Assessment:
    """Validation result.  ``table`` is indexed by candidate id with columns
    ``eligible`` (bool), ``fast_track`` (bool), ``criteria_met`` (int),
    ``criteria_applicable`` (int), ``reasons`` (Vietnamese, "; "-joined)."""

    consolidation: Consolidation
    table: pd.DataFrame
    problems: list[Finding]


@dataclass
class Ranking:
    """``table``: one row per candidate, best first, columns ``id, name, subject_kind,
    unit_code, unit_name, movement, eligible, fast_track, score, breakdown, vote_yes,
    vote_members, vote_share, vote_ok, vote_status, vote_cell, rank, …`` (rank is None for ineligible);
    ``vote_cell`` is the vote sheet's cell a blocked candidate's reason names (row in error, quorum)."""

    table: pd.DataFrame
    #: the vote file the ``vote_cell`` references are in ("" without votes)
    votes_source: str = ""


@dataclass
class RewardLine:
    form_id: str
    form_label: str
    legal_key: str
    subject_kind: SubjectKind
    decree: str
    coefficient: float
    base_salary: int
    base_salary_instrument: str
    raw_amount: float
    amount: int
    rule: str  # Vietnamese explanation, e.g. "0,3 × 2.530.000 = 759.000 → làm tròn lên 760.000"


@dataclass
class SelectedCandidate:
    id: str
    name: str
    kind: SubjectKind
    unit_code: str
    unit_name: str
    score: float
    rank: int | None
    track: str  # "regular" | "fast_track"
    reward: RewardLine | None = None
    office_proposed: bool = False  # proposed top-down by the standing office

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "unit": self.unit_code,
            "score": self.score,
            "rank": self.rank,
            "office_proposed": self.office_proposed,
        }


@dataclass
class Selection:
    selected: list[SelectedCandidate]
    fast_track: list[SelectedCandidate]
    reserve: list[tuple[SelectedCandidate, str]]  # (candidate, Vietnamese reason not selected)
    problems: list[Finding]
    reward_total: int
    decision_date: dt.date
    #: Money of the forms proposed to and paid by the superior (not in ``reward_total``).
    superior_total: int = 0
    superior_decision_date: dt.date | None = None
    #: no council vote recorded yet: every output showing the selection carries ``DRAFT_MARK``
    draft: bool = False
    #: candidate id → note for the council (a tie at the last place of a quota or of the models)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class RunResult:
    consolidation: Consolidation
    assessment: Assessment | None = None
    ranking: Ranking | None = None
    selection: Selection | None = None
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def problems(self) -> list[Finding]:
        out = list(self.consolidation.problems)
        if self.assessment:
            out += self.assessment.problems
        if self.selection:
            out += self.selection.problems
        return out

    def summary(self) -> dict[str, Any]:
        s = self.consolidation.summary()
        s["problems"] = count_by_severity(self.problems)
        if self.selection is not None:
            s["selected"] = [c.to_json() for c in self.selection.selected]
            s["reward_total"] = self.selection.reward_total
            s["superior_total"] = self.selection.superior_total
            s["draft"] = self.selection.draft
        return s


class HistoryLookup(Protocol):
    """What validation asks of the history store (``exemplars.history``) about past years."""

    def award_titles(self, candidate: Mapping[str, Any]) -> list[tuple[int, str]]:
        """(year, title) of awards recorded in earlier runs for the same candidate
        (matched on folded name + birth date + unit, whatever the spelling or encoding)."""
        ...

    def selected_years(self, candidate: Mapping[str, Any]) -> list[int]:
        """Years in which the same candidate was selected as an exemplar before."""
        ...

"""Pydantic schema of a rulebook (one agency's plan) and of the shared legal tables.

Every model refuses unknown keys (``extra="forbid"``) so a typo in a rulebook
file is an error naming the field, never a silently ignored rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from exemplars.domain import (
    Discipline,
    MovementKind,
    RecognitionLevel,
    Replicability,
    SubjectKind,
    TaskCompletion,
    Unit,
)
from exemplars.rulebook.dossier_schema import Dossier

PeriodKind = Literal["quy", "6_thang", "9_thang", "nam"]
PERIOD_LABELS = {"quy": "Quý", "6_thang": "6 tháng", "9_thang": "9 tháng", "nam": "Năm"}
TieBreak = Literal["score", "criteria_met", "vote_share", "initiative_level", "female", "name", "id"]
#: Defaults of a rulebook without these settings.
DEFAULT_TIE_BREAKS: tuple[TieBreak, ...] = ("score", "vote_share", "criteria_met", "initiative_level", "female",
                                            "name", "id")
DEFAULT_PERIODS: tuple[PeriodKind, ...] = ("nam",)


#: Bounds of every number a rulebook holds: finite and within what a plan can mean, so a typo such as
#: ``inf``, ``nan`` or ``1e308`` is refused when the rulebook is loaded instead of breaking a later stage.
Points = Annotated[float, Field(ge=-1000, le=1000, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=100_000)]
PlanYear = Annotated[int, Field(ge=2000, le=2100)]
Multiplier = Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Criterion(Strict):
    id: str = Field(description="Stable id, e.g. 'A-12'; appears in template headers and problems.")
    label: str = Field(max_length=80, description="Short Vietnamese label for the template header.")
    text: str = Field(description="Full text of the criterion, as in the plan.")
    applies_to: list[SubjectKind]
    mandatory: bool = True
    leaders_only: bool = Field(default=False, description="Only for leaders / heads of unit (A-20, B-16).")
    only_movements: list[MovementKind] = Field(
        default_factory=list, description="Applies only to candidates of these movements; empty = every movement."
    )
    source: str = Field(default="", description="Where the plan states it (section).")

    def applies(self, kind: SubjectKind | None, movement: MovementKind | None, is_leader: bool) -> bool:
        """Whether the criterion applies to a candidate of this kind, movement and leader status."""
        return (kind in self.applies_to and (not self.leaders_only or is_leader)
                and (not self.only_movements or movement in self.only_movements))


class Quota(Strict):
    id: str
    label: str
    subject_kinds: list[SubjectKind]
    movements: list[MovementKind]
    max: Count


class Selection(Strict):
    mode: Literal["quotas", "models"] = Field(
        description="quotas: caps per subject kind (Quota list); models: a total between min_total and max_total."
    )
    min_total: Count = 0
    max_total: Count | None = None
    office_unit: str | None = Field(
        default=None, description="Unit code of the council's standing office (Thường trực, the Văn phòng): only "
        "its file may mark candidates «Thường trực Hội đồng đề xuất» (A-24). None: the mark is taken from any file.")
    max_individuals_per_collective: int | None = Field(default=None, ge=1, le=100_000)
    over_nomination: Literal["reject_all", "keep_best"] = Field(
        default="keep_best", description="A collective nominating more individuals than the cap (A-22): "
        "keep_best = the best-ranked stay selectable, the others are warned; reject_all = every member rejected.")
    model_min_replicability: Replicability | None = Field(
        default=Replicability.TRUNG_BINH, description="mode = models (B-18: mô hình có khả năng nhân rộng): a "
        "candidate whose «Khả năng nhân rộng» is blank or below this level is not selectable as a model.")
    fast_track_movements: list[MovementKind] = Field(
        default_factory=list, description="Uncapped tracks listed separately for the head of agency."
    )
    fast_track_proposer: str = "Thường trực Hội đồng Thi đua - Khen thưởng"
    fast_track_decider: str = ""
    decided_by: str = "Hội đồng Thi đua - Khen thưởng"


class HouseholdCulture(Strict):
    titles: list[str] = Field(description="Titles that count as 'gia đình văn hóa' (folded match).")
    outstanding_titles: list[str] = Field(description="Titles that qualify alone ('gia đình văn hóa tiêu biểu').")
    min_consecutive_years: int = Field(ge=1, le=100)
    applies_to: list[SubjectKind] = Field(default_factory=lambda: [SubjectKind.HO_GIA_DINH])


#: Positions (Chức vụ) that read as a leader's, folded and matched as whole words (A-20, B-16).
DEFAULT_LEADER_POSITIONS = [
    "Giám đốc", "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng", "Phó Trưởng phòng",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chi cục trưởng", "Phó Chi cục trưởng", "Hạt trưởng",
    "Trạm trưởng", "Đội trưởng", "Tổ trưởng", "Chủ nhiệm", "Chủ tịch", "Bí thư",
]


class LeaderCollectiveRating(Strict):
    """A-20.3: a leader whose collective is in the register needs that collective rated at least this."""

    criterion: str = Field(description="Criterion id the check enforces (e.g. 'A-20.3'); it applies exactly "
                           "where that criterion applies.")
    min_rating: TaskCompletion = TaskCompletion.XUAT_SAC


class CrossRules(Strict):
    collective_needs_exemplary_member: bool = False
    collective_no_disciplined_member: bool = False
    collective_members_criterion: str | None = Field(
        default=None, description="Criterion id of the collective-members rule (A-17): the rule applies exactly "
        "where that criterion applies (its subject kinds and only_movements). None = every tập thể.")
    leader_requires_collective: bool = False
    leader_collective_rating: LeaderCollectiveRating | None = None
    leader_positions: list[str] = Field(
        default_factory=lambda: list(DEFAULT_LEADER_POSITIONS),
        description="Positions that read as a leader's: an individual with such a position and a blank "
        "«Lãnh đạo, quản lý» gets a warning and is treated as a leader.")
    household_culture: HouseholdCulture | None = None
    min_task_completion: TaskCompletion | None = None
    blocking_discipline: list[Discipline] = Field(default_factory=list)


class Scoring(Strict):
    criteria_basis: Literal["share", "count"] = Field(
        default="share", description="share: criteria points = share of the applicable criteria met × "
        "criteria_points, so identical merit scores the same whatever the subject kind (B-18); count: criteria "
        "met × per_criterion (favours kinds with more criteria).")
    criteria_points: Points = Field(default=100, ge=0, description="Points for meeting every applicable criterion "
                                    "(criteria_basis = share).")
    per_criterion: Points = 10
    initiative_level: dict[RecognitionLevel, Points] = Field(default_factory=dict)
    replicability: dict[Replicability, Points] = Field(default_factory=dict)
    task_completion: dict[TaskCompletion, Points] = Field(default_factory=dict)
    award_history_per_year: Points = 0
    award_history_years: int = Field(default=5, ge=0, le=100)
    vote_weight: Points = 0
    women_collective_share: float = Field(
        default=0.7, ge=0, le=1, allow_inf_nan=False, description="Nghị định 152/2025 Điều 4: a collective with "
        "at least this share of women («Tỷ lệ nữ (%)») counts as 'female' in the tie-breaks.")
    tie_breaks: list[TieBreak] = Field(default_factory=lambda: list(DEFAULT_TIE_BREAKS))


class Voting(Strict):
    threshold: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False,
                             description="Share of all members needed to be selectable.")
    comparison: Literal["more_than", "at_least"] = Field(
        default="more_than", description="more_than: share > threshold (biểu quyết theo đa số); at_least: ≥.")
    base: Literal["members", "cast"] = "members"
    required: bool = Field(default=False, description="Refuse to make a list at all without a vote sheet.")
    quorum: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False,
                                 description="Members present at the vote ≥ this share of all members.")

    def passes(self, yes: int, members: int) -> bool:
        share = yes / members
        return share > self.threshold if self.comparison == "more_than" else share >= self.threshold


class Money(Strict):
    household_rounding: Literal["household_amount", "individual_amount"] = Field(
        default="household_amount", description="Order of the household 1,5× and the rounding: household_amount "
        "rounds 1,5 × coefficient × base salary once (the amount paid is what Điều 49 k2 rounds); "
        "individual_amount takes 1,5 × the rounded individual amount.")


class RewardForm(Strict):
    id: str
    label: str
    legal_key: str = Field(description="Key of the coefficient in the legal tables, e.g. 'giay_khen'.")
    issuer: str = ""
    paid_by: Literal["agency", "superior"] = Field(
        default="agency", description="agency: the agency decides and pays (counted in its total); superior: "
        "proposed to the province/city, which decides and pays («đề nghị cấp trên khen thưởng»), shown apart.")


class Deadline(Strict):
    id: str
    label: str
    period: PeriodKind
    who: Literal["units", "blocs", "office"] = "units"
    month: int | None = Field(default=None, ge=1, le=12, description="Fixed month; None = end of the period.")
    day: int | None = Field(default=None, ge=1, le=31)
    offset_days: int = Field(default=0, ge=-366, le=366,
                             description="Days after the period end (when month/day are not set).")
    source: str = ""

    @model_validator(mode="after")
    def _on_the_calendar(self) -> "Deadline":
        if self.day is not None and self.month is None:
            raise ValueError(f"hạn «{self.id}»: có ngày ({self.day}) mà thiếu tháng")
        # 29/02 exists in leap years (``due_date`` uses 28/02 in the others); 30/02 or 31/04 never does
        if self.month is not None and self.day is not None and self.day > calendar.monthrange(2024, self.month)[1]:
            raise ValueError(f"hạn «{self.id}»: ngày {self.day}/{self.month} không có trong lịch")
        return self


NurtureStep = Literal["plan", "progress", "bulletin"]
NurtureRound = Literal["plan", "quy", "6_thang", "9_thang", "nam"]
#: Steps a rulebook without a ``[nurture]`` table has: the whole of B-23, B-28/B-29 and A-31/B-27.
DEFAULT_NURTURE_STEPS: tuple[NurtureStep, ...] = ("plan", "progress", "bulletin")
DEFAULT_CHANNELS = ("Hội nghị cán bộ, công chức, viên chức hằng năm", "Các cuộc họp cơ quan",
                    "Buổi chào cờ sáng thứ hai hằng tuần", "Mạng nội bộ, trang thông tin điện tử")


class NurtureDeadline(Strict):
    """When a unit sends its nurturing plan (round ``plan``) or a progress report (a period kind)."""

    id: str
    label: str
    round: NurtureRound
    month: int | None = Field(default=None, ge=1, le=12, description="Fixed month; None = end of the period.")
    day: int | None = Field(default=None, ge=1, le=31)
    offset_days: int = Field(default=0, description="Days after the period end (when month/day are not set).")
    source: str = ""

    @model_validator(mode="after")
    def _plan_has_a_day(self) -> "NurtureDeadline":
        if self.round == "plan" and (self.month is None or self.day is None):
            raise ValueError(f"hạn «{self.id}» của kế hoạch bồi dưỡng cần ghi month và day")
        return self


class Nurture(Strict):
    """What the plan asks after selection: a nurturing plan per unit, progress reports, propagation."""

    steps: list[NurtureStep] = Field(
        default_factory=lambda: list(DEFAULT_NURTURE_STEPS),
        description="plan: each unit writes a nurturing and replication plan for its exemplars (B-23); "
        "progress: the units report its progress at the rulebook's periods (B-28, B-29); bulletin: the office "
        "prints propagation material (A-31, B-27).")
    channels: list[str] = Field(default_factory=lambda: list(DEFAULT_CHANNELS),
                                description="Propagation channels offered in the plan's dropdown.")
    deadlines: list[NurtureDeadline] = Field(default_factory=list)

    def has(self, step: NurtureStep) -> bool:
        return step in self.steps


class Submission(Strict):
    title: str = "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN"
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận lines.")
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    doc_symbol: str = Field(default="", description="Ký hiệu, e.g. 'BQL-VP' → 'Số: …/BQL-VP'.")


class Rulebook(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1, le=1_000_000)
    agency: str = Field(description="Tên cơ quan ban hành.")
    parent_agency: str = Field(default="", description="Tên cơ quan chủ quản.")
    locality: str = Field(default="", description="Địa danh for 'Đồng Nai, ngày … tháng … năm …'.")
    plan_title: str
    plan_years: tuple[PlanYear, PlanYear]
    source_document: str = ""
    subject_kinds: list[SubjectKind]
    fields: list[str] = Field(min_length=1)
    periods: list[PeriodKind] = Field(default_factory=lambda: list(DEFAULT_PERIODS))
    criteria: list[Criterion]
    quotas: list[Quota] = Field(default_factory=list)
    selection: Selection
    cross_rules: CrossRules = CrossRules()
    scoring: Scoring = Scoring()
    voting: Voting = Voting()
    reward_forms: list[RewardForm] = Field(min_length=1)
    money: Money = Money()
    deadlines: list[Deadline] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    submission: Submission = Submission()
    nurture: Nurture = Nurture()
    dossier: Dossier = Dossier()

    @model_validator(mode="after")
    def _consistent(self) -> "Rulebook":
        ids = [c.id for c in self.criteria]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"mã tiêu chí bị trùng: {', '.join(dup)}")
        for c in self.criteria:
            extra = [k.value for k in c.applies_to if k not in self.subject_kinds]
            if extra:
                raise ValueError(f"tiêu chí {c.id} áp dụng cho loại đối tượng không có trong subject_kinds: {extra}")
        for q in self.quotas:
            extra = [k.value for k in q.subject_kinds if k not in self.subject_kinds]
            if extra:
                raise ValueError(f"hạn mức {q.id} nêu loại đối tượng không có trong subject_kinds: {extra}")
        if self.plan_years[0] > self.plan_years[1]:
            raise ValueError(f"plan_years: năm đầu ({self.plan_years[0]}) lớn hơn năm cuối ({self.plan_years[1]})")
        codes = [u.code for u in self.units]
        if len(codes) != len(set(codes)):
            raise ValueError("mã đơn vị bị trùng trong danh sách units")
        office = self.selection.office_unit
        if office is not None and codes and office not in codes:
            raise ValueError(f"selection.office_unit «{office}» không có trong danh sách units")
        if self.selection.max_total is not None and self.selection.max_total < self.selection.min_total:
            raise ValueError("selection.max_total nhỏ hơn selection.min_total")
        bound = {"cross_rules.collective_members_criterion": self.cross_rules.collective_members_criterion}
        if self.cross_rules.leader_collective_rating is not None:
            bound["cross_rules.leader_collective_rating.criterion"] = self.cross_rules.leader_collective_rating.criterion
        for field_path, criterion_id in bound.items():
            if criterion_id is not None and criterion_id not in ids:
                raise ValueError(f"trường «{field_path}» = «{criterion_id}»: không có tiêu chí mã này trong "
                                 f"criteria (có: {', '.join(ids)})")
        return self

    def criterion(self, criterion_id: str | None) -> Criterion | None:
        """The criterion with this id (None when the id is None or unknown)."""
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def criteria_for(self, kind: SubjectKind) -> list[Criterion]:
        """Every criterion that can apply to ``kind`` (the template's columns for it)."""
        return [c for c in self.criteria if kind in c.applies_to]

    def applicable_criteria(
        self, kind: SubjectKind, movement: MovementKind | None, is_leader: bool
    ) -> list[Criterion]:
        """Criteria that apply to one candidate."""
        return [c for c in self.criteria if c.applies(kind, movement, is_leader)]

    def reward_form(self, form_id_or_label: str) -> RewardForm | None:
        t = (form_id_or_label or "").strip()
        return next((f for f in self.reward_forms if t in (f.id, f.label)), None)


class Coefficient(Strict):
    individual: Multiplier | None = None
    collective: Multiplier | None = None
    household: Multiplier | None = Field(default=None, description="Explicit household coefficient; else factor × individual.")


class Decree(Strict):
    id: str
    title: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    coefficients: dict[str, Coefficient]


class BaseSalary(Strict):
    effective_from: dt.date
    amount: int = Field(gt=0, le=1_000_000_000)
    instrument: str


class Rounding(Strict):
    step: int = Field(default=10_000, gt=0, le=10_000_000)
    mode: Literal["ceil", "nearest", "none"] = "ceil"


class LegalTables(Strict):
    forms: dict[str, str] = Field(description="legal_key → Vietnamese name of the title/form.")
    decrees: list[Decree] = Field(min_length=1)
    base_salaries: list[BaseSalary] = Field(min_length=1)
    household_factor: float = Field(default=1.5, gt=0, le=100, allow_inf_nan=False)
    rounding: Rounding = Rounding()

    @model_validator(mode="after")
    def _consistent(self) -> "LegalTables":
        for d in self.decrees:
            unknown = sorted(set(d.coefficients) - set(self.forms))
            if unknown:
                raise ValueError(f"nghị định {d.id} có hệ số cho hình thức không có trong forms: {unknown}")
        return self

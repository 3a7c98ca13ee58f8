"""Domain vocabulary and records: subject kinds, movements, candidates, units, award history.

Enum values are stable ASCII codes used in rulebooks, JSON and the history store;
``.label`` is the Vietnamese text shown to clerks and written in templates.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field


class LabelledEnum(str, Enum):
    """A str enum whose members carry a Vietnamese label."""

    label: str

    # Enum calls this once per member while it builds the class; afterwards ``Kind("code")`` looks a
    # member up by its code alone, and the default lets the type checker accept that one-argument call.
    def __new__(cls, value: str, label: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, text: str) -> Self | None:
        """Member whose label or code equals ``text`` (exact, after strip); None if none."""
        index = cls.__dict__.get("_by_text")
        if index is None:
            index = {m.label: m for m in cls} | {m.value: m for m in cls}
            type.__setattr__(cls, "_by_text", index)
        return index.get((text or "").strip())


class SubjectKind(LabelledEnum):
    TAP_THE = ("tap_the", "Tập thể")
    CA_NHAN = ("ca_nhan", "Cá nhân")
    HO_GIA_DINH = ("ho_gia_dinh", "Hộ gia đình")
    TO_HOP_TAC = ("to_hop_tac", "Tổ hợp tác")
    HOP_TAC_XA = ("hop_tac_xa", "Hợp tác xã")

    @property
    def group(self) -> "SubjectGroup":
        if self is SubjectKind.TAP_THE:
            return SubjectGroup.TAP_THE
        if self is SubjectKind.CA_NHAN:
            return SubjectGroup.CA_NHAN
        return SubjectGroup.HO_THT_HTX

    @property
    def is_collective(self) -> bool:
        """True for every kind paid at the collective rate (all but individuals and households)."""
        return self in (SubjectKind.TAP_THE, SubjectKind.TO_HOP_TAC, SubjectKind.HOP_TAC_XA)


class SubjectGroup(LabelledEnum):
    """The three sections of the submission list (I, II, III)."""

    TAP_THE = ("tap_the", "Tập thể")
    CA_NHAN = ("ca_nhan", "Cá nhân")
    HO_THT_HTX = ("ho_tht_htx", "Hộ gia đình / Tổ hợp tác / Hợp tác xã")


class MovementKind(LabelledEnum):
    THUONG_XUYEN = ("thuong_xuyen", "Thường xuyên")
    CAI_CACH_HANH_CHINH = ("cai_cach_hanh_chinh", "Cải cách hành chính")
    CHUYEN_DE = ("chuyen_de", "Chuyên đề")
    DOT_XUAT = ("dot_xuat", "Đột xuất")
    NGUOI_TOT_VIEC_TOT = ("nguoi_tot_viec_tot", "Người tốt việc tốt")

    @property
    def fast_track_label(self) -> str:
        """How the head of agency's list names the movement (A-27: hoạt động phong trào, người tốt việc tốt,
        trường hợp đột xuất): a chuyên đề movement is the plan's "phong trào"."""
        return {"dot_xuat": "Đột xuất", "nguoi_tot_viec_tot": "Người tốt, việc tốt",
                "chuyen_de": "Phong trào"}.get(self.value, self.label)


class Gender(LabelledEnum):
    NAM = ("nam", "Nam")
    NU = ("nu", "Nữ")


class Honorific(LabelledEnum):
    ONG = ("ong", "Ông")
    BA = ("ba", "Bà")


class TaskCompletion(LabelledEnum):
    XUAT_SAC = ("htxs", "Hoàn thành xuất sắc nhiệm vụ")
    TOT = ("htt", "Hoàn thành tốt nhiệm vụ")
    HOAN_THANH = ("ht", "Hoàn thành nhiệm vụ")
    KHONG = ("kht", "Không hoàn thành nhiệm vụ")


class Discipline(LabelledEnum):
    KHONG = ("khong", "Không")
    PHE_BINH = ("phe_binh", "Phê bình")
    KHIEN_TRACH = ("khien_trach", "Khiển trách")
    CANH_CAO = ("canh_cao", "Cảnh cáo")
    CAO_HON = ("cao_hon", "Cách chức / hạ bậc trở lên")


class RecognitionLevel(LabelledEnum):
    """Level at which an initiative or model was recognised."""

    CHUA = ("chua", "Chưa công nhận")
    CO_SO = ("co_so", "Cấp cơ sở")
    NGANH = ("nganh", "Cấp ngành")
    TINH = ("tinh", "Cấp tỉnh, thành phố")
    TOAN_QUOC = ("toan_quoc", "Toàn quốc")


class Replicability(LabelledEnum):
    CAO = ("cao", "Cao")
    TRUNG_BINH = ("trung_binh", "Trung bình")
    THAP = ("thap", "Thấp")


class Unit(BaseModel):
    """A unit of the agency that sends a registration workbook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Mã đơn vị, short and stable (e.g. 'VP', 'P-KH').")
    name: str = Field(description="Tên đơn vị as printed.")
    bloc: str = Field(default="", description="Khối thi đua.")
    aliases: tuple[str, ...] = Field(default=(), description="Other names the unit has used (renames, mergers).")


class AwardRecord(BaseModel):
    """One line of a candidate's award history (Lịch sử khen thưởng)."""

    model_config = ConfigDict(extra="forbid")

    year: int
    title: str = Field(description="Danh hiệu or hình thức khen thưởng, as written.")
    decision_no: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""


class Candidate(BaseModel):
    """A nominated collective, individual, household, co-op group or co-operative.

    Field names are the register's column keys (see ``exemplars.columns``).
    ``criteria`` maps a criterion id of the rulebook to the unit's answer
    (True = Có, False = Không, None = not answered).
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default="", description="Stable candidate id, same on every re-run.")
    unit_code: str = ""
    unit_name: str = Field(default="", description="Đơn vị đề xuất.")
    subject_kind: SubjectKind
    honorific: Honorific | None = None
    name: str
    birth_date: dt.date | None = None
    gender: Gender | None = None
    women_share: float | None = Field(default=None, ge=0, le=100,
                                      description="Tỷ lệ nữ (%) of a collective (Nghị định 152/2025 Điều 4).")
    position: str = ""
    is_leader: bool = False
    workplace: str = ""
    collective: str = Field(default="", description="Tập thể the individual belongs to (A-22, A-20, B-16).")
    field: str = Field(default="", description="Lĩnh vực.")
    movement: MovementKind | None = None
    achievements: str = ""
    initiative: str = ""
    initiative_level: RecognitionLevel | None = None
    initiative_decision: str = ""
    effectiveness: str = ""
    replicability: Replicability | None = None
    discipline: Discipline | None = None
    task_completion: TaskCompletion | None = None
    proposed_award: str = Field(default="", description="Id of a reward form of the rulebook.")
    evidence: str = ""
    note: str = ""
    under_review: bool | None = Field(default=None, description="Under disciplinary review, inspection or a "
                                      "pending complaint (Nghị định 152/2025 Điều 4).")
    office_proposal: bool | None = Field(default=None, description="Proposed top-down by the council's standing "
                                         "office (A-24), not by the unit.")
    criteria: dict[str, bool | None] = Field(default_factory=dict)
    history: list[AwardRecord] = Field(default_factory=list)

"""Records of the nurturing and replication part of the plans (B-23, B-28..B-30, A-31, B-27).

An ``Exemplar`` is one selected candidate of the year, known by its candidate id (``code``, the
same on every re-run).  A unit's plan gives, per exemplar, a ``PlanEntry`` (responsible leader,
model, channels, evidence), its ``Action`` rows and its ``Adoption`` rows (who replicates the
model, from when).  ``ExemplarProgress`` is what one round of plans or progress reports says of
an exemplar as of the round's reference day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from exemplars.domain import LabelledEnum, SubjectKind


class NurtureStatus(LabelledEnum):
    """Where an exemplar stands (the plan's three words, plus the case of no plan at all)."""

    NO_PLAN = ("chua_co_ke_hoach", "Chưa có kế hoạch")
    NURTURING = ("dang_boi_duong", "Đang bồi dưỡng")
    REPLICATED = ("da_nhan_rong", "Đã nhân rộng")
    STOPPED = ("dung", "Dừng")


class ActionState(LabelledEnum):
    DONE = ("done", "Đã thực hiện")
    LATE = ("late", "Quá hạn, chưa có kết quả")
    PENDING = ("pending", "Chưa đến hạn")


@dataclass(frozen=True)
class Exemplar:
    """A selected candidate the unit nurtures and replicates."""

    code: str
    match_key: str
    name: str
    kind: SubjectKind | None
    unit_code: str
    unit_name: str
    field: str = ""
    achievements: str = ""
    model: str = ""  # the initiative or way of working to replicate (registration «Sáng kiến, mô hình»)
    effect: str = ""  # its effect (registration «Hiệu quả»)

    @property
    def kind_label(self) -> str:
        return self.kind.label if self.kind else ""


@dataclass(frozen=True)
class Place:
    """Where a value was read: file (relative to the folder), sheet, A1 cell."""

    file: str
    sheet: str
    row: int
    cells: dict[str, str] = field(default_factory=dict)  # column key → A1 reference

    def cell(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass
class PlanEntry:
    code: str
    leader_name: str = ""
    leader_position: str = ""
    model: str = ""
    effect: str = ""
    channels: str = ""
    evidence: str = ""
    stopped: bool = False
    stop_reason: str = ""
    place: Place | None = None


@dataclass
class Action:
    code: str
    what: str = ""
    who: str = ""
    due: dt.date | None = None
    expected: str = ""
    done_on: dt.date | None = None
    result: str = ""
    place: Place | None = None

    @property
    def done(self) -> bool:
        return self.done_on is not None or bool(self.result)

    def state(self, as_of: dt.date) -> ActionState:
        if self.done:
            return ActionState.DONE
        if self.due is not None and self.due < as_of:
            return ActionState.LATE
        return ActionState.PENDING


@dataclass
class Adoption:
    code: str
    place_name: str = ""
    since: dt.date | None = None
    result: str = ""
    place: Place | None = None

    def counted(self, as_of: dt.date) -> bool:
        """An adoption counts once it has started (an undated one counts: the unit reports it)."""
        return bool(self.place_name) and (self.since is None or self.since <= as_of)


@dataclass
class UnitPlan:
    """Everything one unit's plan file says."""

    unit_code: str
    file: str
    entries: dict[str, PlanEntry] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)


@dataclass
class ExemplarProgress:
    """One exemplar in one round: its plan, its actions and adopters as of the reference day."""

    exemplar: Exemplar
    status: NurtureStatus
    entry: PlanEntry | None = None
    actions: list[Action] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    as_of: dt.date | None = None

    def _count(self, state: ActionState) -> int:
        return sum(1 for a in self.actions if self.as_of is not None and a.state(self.as_of) is state)

    @property
    def done(self) -> int:
        return self._count(ActionState.DONE)

    @property
    def late(self) -> int:
        return self._count(ActionState.LATE)

    @property
    def pending(self) -> int:
        return self._count(ActionState.PENDING)

    @property
    def adopters(self) -> list[str]:
        """Adopting units or places (each once, in the plan's order) that count as of the reference day."""
        seen: dict[str, str] = {}
        for a in self.adoptions:
            if self.as_of is not None and a.counted(self.as_of):
                seen.setdefault(" ".join(a.place_name.lower().split()), a.place_name)
        return list(seen.values())


def status_of(entry: PlanEntry | None, actions: list[Action], adoptions: list[Adoption],
              as_of: dt.date) -> NurtureStatus:
    """Dừng when the unit stopped it; đã nhân rộng once one place adopted it; else đang bồi dưỡng.

    Without a plan entry and without a single action there is no plan at all.
    """
    if entry is not None and entry.stopped:
        return NurtureStatus.STOPPED
    if any(a.counted(as_of) for a in adoptions):
        return NurtureStatus.REPLICATED
    if entry is None or not actions:
        return NurtureStatus.NO_PLAN
    return NurtureStatus.NURTURING

"""Mistakes planted in sample unit files, the way clerks really make them.

Each planter changes the candidate lists of the sample (or schedules a cell to be
retyped as text after the workbook is written) and returns what it did, so the
manifest tells tests exactly which problem each file must produce.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.demo.history import culture_history
from exemplars.demo.people import GENERIC_SUBUNITS, SUBUNITS, head_title
from exemplars.domain import Candidate, Discipline, MovementKind, SubjectKind, Unit
from exemplars.rulebook.schema import Rulebook
from exemplars.template.layout import FIRST_DATA_ROW, table_columns

#: Mistake code → what was done (Vietnamese, as a clerk would read it).
MISTAKES: dict[str, str] = {
    "missing_name": "Bỏ trống họ và tên / tên tập thể của một dòng đề xuất.",
    "mandatory_criterion_no": "Một tiêu chí bắt buộc được đánh giá «Không».",
    "criterion_blank": "Bỏ trống một tiêu chí áp dụng cho đối tượng.",
    "two_individuals_same_collective": "Hai cá nhân cùng một tập thể được đề xuất (vượt mức 01 cá nhân mỗi tập thể).",
    "disciplined_member_in_collective": "Cá nhân bị phê bình, khiển trách thuộc một tập thể đang được đề xuất.",
    "leader_collective_not_eligible": "Lãnh đạo được đề xuất trong khi tập thể do mình phụ trách không đạt tiêu chí.",
    "household_no_culture_streak": "Hộ gia đình không đạt «Gia đình văn hóa» đủ số năm liên tục.",
    "birth_date_text": "Ngày sinh gõ dạng văn bản dd/mm/yyyy với ngày lớn hơn 12 (vẫn đọc được, có ghi chú).",
    "bad_choice": "Loại đối tượng gõ tay, không có trong danh sách («Ca nhan tieu bieu»).",
    "duplicate_person_two_units": "Cùng một người được hai đơn vị đề xuất.",
}


@dataclass(frozen=True)
class PlantedMistake:
    file: str  # file name inside the sample folder
    candidate_name: str
    code: str  # key of MISTAKES
    description: str
    cell: str = ""  # A1 cell of the candidates sheet where the mistake shows


@dataclass
class SampleManifest:
    folder: Path
    rulebook_id: str
    year: int
    files: list[Path]
    mistakes: list[PlantedMistake]
    #: file name → the candidates as intended (before cell-level retyping)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"rulebook": self.rulebook_id, "year": self.year, "files": [p.name for p in self.files],
                "mistakes": [m.__dict__ for m in self.mistakes]}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


Edit = tuple[str, int, str, object]  # ("candidates", data row, column key, value typed as is)


class _Files:
    """The sample's candidate lists while mistakes are planted into them."""

    def __init__(self, rb: Rulebook, units: list[Unit], names: list[str], lists: list[list[Candidate]],
                 year: int, rng: random.Random):
        self.rb, self.units, self.names, self.lists, self.year, self.rng = rb, units, names, lists, year, rng
        self.used: list[set[int]] = [set() for _ in lists]
        self.edits: dict[str, list[Edit]] = {}
        self.letters = {c.key: c.letter for c in table_columns(rb)}

    def cell(self, f: int, i: int, key: str) -> str:
        return f"{self.letters[key]}{FIRST_DATA_ROW + 1 + i}"

    def nominated(self, f: int) -> set[str]:
        return {c.name for c in self.lists[f] if c.subject_kind is SubjectKind.TAP_THE}

    def free_people(self, f: int) -> list[int]:
        """Individuals not touched yet, not a leader, not the member of a nominated collective."""
        nominated = self.nominated(f)
        return [i for i, c in enumerate(self.lists[f]) if c.subject_kind is SubjectKind.CA_NHAN
                and i not in self.used[f] and not c.is_leader and c.collective not in nominated]

    def first_free(self, f: int) -> int | None:
        """The first of ``free_people``, or None when every individual of the file is taken."""
        people = self.free_people(f)
        return people[0] if people else None

    def type_in(self, f: int, i: int, key: str, typed: object) -> None:
        """Record that row ``i``'s cell ``key`` is typed as ``typed`` in the written file."""
        self.edits.setdefault(self.names[f], []).append(("candidates", i, key, typed))

    def member_pairs(self, f: int) -> list[tuple[int, int]]:
        """(collective index, member index) of nominated collectives and their untouched members."""
        cands = self.lists[f]
        out = []
        for ci, c in enumerate(cands):
            if c.subject_kind is not SubjectKind.TAP_THE or ci in self.used[f]:
                continue
            for mi, m in enumerate(cands):
                if m.subject_kind is SubjectKind.CA_NHAN and m.collective == c.name and mi not in self.used[f]:
                    out.append((ci, mi))
        return out

    def update(self, f: int, i: int, **changes) -> Candidate:
        self.lists[f][i] = self.lists[f][i].model_copy(update=changes)
        self.used[f].add(i)
        return self.lists[f][i]


def _all_yes(rb: Rulebook, kind: SubjectKind, movement: MovementKind, leader: bool) -> dict[str, bool | None]:
    """Criteria answers after a planter changes the movement or the leader flag: all met."""
    return {k.id: True for k in rb.applicable_criteria(kind, movement, leader)}


def _mandatory(rb: Rulebook, c: Candidate):
    return [k for k in rb.applicable_criteria(c.subject_kind, c.movement, c.is_leader) if k.mandatory]


def _missing_name(s: _Files, f: int):
    i = s.first_free(f)
    if i is None:
        return None
    name = s.lists[f][i].name
    s.update(f, i, name="")
    return i, name, f"Dòng của «{name}» để trống cột họ và tên.", "name"


def _mandatory_no(s: _Files, f: int):
    for i in s.free_people(f):
        crits = _mandatory(s.rb, s.lists[f][i])
        if crits:
            crit = s.rng.choice(crits)
            c = s.update(f, i, criteria={**s.lists[f][i].criteria, crit.id: False})
            return i, c.name, f"Tiêu chí bắt buộc [{crit.id}] được đánh giá «Không».", f"tc:{crit.id}"
    return None


def _criterion_blank(s: _Files, f: int):
    for i in s.free_people(f):
        c = s.lists[f][i]
        crits = s.rb.applicable_criteria(c.subject_kind, c.movement, c.is_leader)
        if crits:
            crit = s.rng.choice(crits)
            c = s.update(f, i, criteria={**c.criteria, crit.id: None})
            return i, c.name, f"Tiêu chí [{crit.id}] bị bỏ trống.", f"tc:{crit.id}"
    return None


def _same_collective(s: _Files, f: int):
    if not s.rb.selection.max_individuals_per_collective:
        return None
    people = s.free_people(f)
    if len(people) < 2:
        return None
    a, b = people[:2]
    move = MovementKind.THUONG_XUYEN  # a movement with a quota, where the cap applies
    first = s.update(f, a, movement=move, criteria=_all_yes(s.rb, SubjectKind.CA_NHAN, move, False))
    second = s.update(f, b, movement=move, criteria=_all_yes(s.rb, SubjectKind.CA_NHAN, move, False),
                      collective=first.collective, workplace=first.collective)
    text = f"«{first.name}» và «{second.name}» cùng thuộc tập thể «{first.collective}»."
    return b, second.name, text, "collective"


def _disciplined_member(s: _Files, f: int):
    if not s.rb.cross_rules.collective_no_disciplined_member:
        return None
    for ci, mi in s.member_pairs(f):
        if s.lists[f][mi].is_leader:
            continue
        discipline = s.rng.choice((Discipline.PHE_BINH, Discipline.KHIEN_TRACH))
        member = s.update(f, mi, discipline=discipline)
        s.used[f].add(ci)
        text = (f"«{member.name}» bị {discipline.label.lower()} trong kỳ, thuộc tập thể "
                f"«{s.lists[f][ci].name}» đang được đề xuất.")
        return mi, member.name, text, "discipline"
    return None


def _leader_not_eligible(s: _Files, f: int):
    if not s.rb.cross_rules.leader_requires_collective:
        return None
    for ci, mi in s.member_pairs(f):
        coll = s.lists[f][ci]
        crits = _mandatory(s.rb, coll)
        if not crits:
            continue
        crit = crits[0]
        s.update(f, ci, criteria={**coll.criteria, crit.id: False})
        m = s.lists[f][mi]
        move = MovementKind.THUONG_XUYEN
        leader = s.update(f, mi, is_leader=True, position=head_title(m.collective), movement=move,
                          criteria=_all_yes(s.rb, SubjectKind.CA_NHAN, move, True))
        text = (f"«{leader.name}» là lãnh đạo tập thể «{coll.name}», tập thể này không đạt "
                f"tiêu chí [{crit.id}].")
        return mi, leader.name, text, "is_leader"
    return None


def _no_culture_streak(s: _Files, f: int):
    rule = s.rb.cross_rules.household_culture
    if rule is None:
        return None
    for i, c in enumerate(s.lists[f]):
        if c.subject_kind in rule.applies_to and i not in s.used[f]:

            commune = c.workplace.split(", ", 1)[-1] or "xã"
            years = [s.year - rule.min_consecutive_years - 1, s.year - 2]  # broken streak, none last year
            c = s.update(f, i, history=culture_history(s.rng, commune, years))
            text = (f"«{c.name}» chỉ đạt «{rule.titles[0]}» các năm "
                    f"{', '.join(map(str, years))} (không liên tục).")
            return i, c.name, text, "name"
    return None


def _birth_date_text(s: _Files, f: int):
    i = s.first_free(f)
    if i is None:
        return None
    b = s.lists[f][i].birth_date
    if b is None:
        return None
    birth = dt.date(b.year, b.month, s.rng.randint(13, 28))
    c = s.update(f, i, birth_date=birth)
    typed = f"{birth.day:02d}/{birth.month:02d}/{birth.year}"
    s.type_in(f, i, "birth_date", typed)
    return i, c.name, f"Ngày sinh của «{c.name}» gõ dạng văn bản «{typed}».", "birth_date"


def _bad_choice(s: _Files, f: int):
    i = s.first_free(f)
    if i is None:
        return None
    c = s.update(f, i)
    s.type_in(f, i, "subject_kind", "Ca nhan tieu bieu")
    return i, c.name, f"Loại đối tượng của «{c.name}» gõ tay «Ca nhan tieu bieu».", "subject_kind"


def _duplicate(s: _Files, f: int):
    if len(s.lists) < 2:
        return None
    g = (f + 1) % len(s.lists)
    i = s.first_free(g)
    if i is None:
        return None
    src = s.update(g, i)
    unit = s.units[f]
    taken = {c.collective for c in s.lists[f]} | {c.name for c in s.lists[f]}
    collective = next((n for n in _collective_names(unit) if n not in taken), f"Tổ công tác số {len(taken) + 1}")
    dup = src.model_copy(update={"unit_code": unit.code, "unit_name": unit.name, "collective": collective,
                                 "workplace": collective})
    s.lists[f].append(dup)
    s.used[f].add(len(s.lists[f]) - 1)
    text = (f"«{dup.name}» (sinh {dup.birth_date:%d/%m/%Y}) cũng được đề xuất "
            f"trong tệp «{s.names[g]}».")
    return len(s.lists[f]) - 1, dup.name, text, "name"


def _collective_names(unit: Unit) -> list[str]:
    return list(SUBUNITS.get(unit.code, ())) + list(GENERIC_SUBUNITS)


_PLANTERS: dict[str, Callable] = {
    "missing_name": _missing_name,
    "mandatory_criterion_no": _mandatory_no,
    "criterion_blank": _criterion_blank,
    "two_individuals_same_collective": _same_collective,
    "disciplined_member_in_collective": _disciplined_member,
    "leader_collective_not_eligible": _leader_not_eligible,
    "household_no_culture_streak": _no_culture_streak,
    "birth_date_text": _birth_date_text,
    "bad_choice": _bad_choice,
    "duplicate_person_two_units": _duplicate,
}


def plant_mistakes(rb: Rulebook, units: list[Unit], names: list[str], lists: list[list[Candidate]], year: int,
                   rng: random.Random) -> tuple[list[PlantedMistake], dict[str, list[Edit]]]:
    """Plant each mistake that the rulebook makes meaningful once, spread over the files.

    Changes ``lists`` in place; returns the planted mistakes and the cell edits to
    apply to each written file (by file name).
    """
    s = _Files(rb, units, names, lists, year, rng)
    order = list(range(len(lists)))
    rng.shuffle(order)
    planted: list[PlantedMistake] = []
    for n, (code, planter) in enumerate(_PLANTERS.items()):
        for k in range(len(order)):
            f = order[(n + k) % len(order)]
            done = planter(s, f)
            if done:
                i, who, description, key = done
                planted.append(PlantedMistake(names[f], who, code, description, s.cell(f, i, key)))
                break
    return planted, s.edits

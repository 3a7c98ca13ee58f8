"""Realistic sample registrations for a fictional year: candidates, unit files, bulk files.

Everything is drawn from one ``random.Random`` so a seed always gives the same
files.  Candidates are valid and eligible under the rulebook; the mistakes a
clerk makes are planted on purpose by ``exemplars.demo.mistakes`` and listed
in the manifest, so tests know exactly what the checks must find.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

from exemplars.demo import people as P
from exemplars.demo import texts as T
from exemplars.demo.history import culture_history
from exemplars.demo.mistakes import MISTAKES, Edit, PlantedMistake, SampleManifest, plant_mistakes
from exemplars.domain import (
    AwardRecord,
    Candidate,
    Discipline,
    Gender,
    Honorific,
    MovementKind,
    RecognitionLevel,
    Replicability,
    SubjectKind,
    TaskCompletion,
    Unit,
)
from exemplars.errors import InputError
from exemplars.rulebook.schema import Rulebook
from exemplars.template.build import build_template

__all__ = ["MISTAKES", "PlantedMistake", "SampleManifest", "generate_bulk", "generate_unit_files",
           "sample_candidates"]

_FARM_KINDS = (SubjectKind.HO_GIA_DINH, SubjectKind.TO_HOP_TAC, SubjectKind.HOP_TAC_XA)
_MOVES_COLLECTIVE = ((MovementKind.THUONG_XUYEN, 60), (MovementKind.CAI_CACH_HANH_CHINH, 25),
                     (MovementKind.CHUYEN_DE, 9), (MovementKind.DOT_XUAT, 6))
_MOVES_PERSON = ((MovementKind.THUONG_XUYEN, 55), (MovementKind.CAI_CACH_HANH_CHINH, 22),
                 (MovementKind.DOT_XUAT, 8), (MovementKind.CHUYEN_DE, 8), (MovementKind.NGUOI_TOT_VIEC_TOT, 7))
_LEVELS = ((RecognitionLevel.CO_SO, 50), (RecognitionLevel.NGANH, 25), (RecognitionLevel.TINH, 10),
           (RecognitionLevel.CHUA, 15))
_REPLICABILITY = ((Replicability.CAO, 40), (Replicability.TRUNG_BINH, 45), (Replicability.THAP, 15))
_AREA_CODES = {"Đồng Nai": "0251", "Thành phố Hồ Chí Minh": "028"}


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def doc_symbol(rb: Rulebook) -> str:
    """Issuer part of decision numbers, e.g. "KCNĐN" from "KCNĐN-VP"."""
    return (rb.submission.doc_symbol or "UBND").split("-")[0]


class _UnitDraw:
    """Draws names, sub-units and texts for one unit, never repeating a name or sub-unit."""

    def __init__(self, rb: Rulebook, unit: Unit, year: int, rng: random.Random, taken: set[str]):
        self.rb, self.unit, self.year, self.rng, self.taken = rb, unit, year, rng, taken
        own = list(P.SUBUNITS.get(unit.code, ()))
        rng.shuffle(own)
        extra = [s for s in P.GENERIC_SUBUNITS if s not in own]
        rng.shuffle(extra)
        self.subunits = own + extra
        self.next_subunit = 0

    def subunit(self) -> str:
        i = self.next_subunit
        self.next_subunit += 1
        return self.subunits[i] if i < len(self.subunits) else f"Tổ công tác số {i - len(self.subunits) + 1}"

    def person(self, female: bool | None = None) -> tuple[str, Gender, Honorific]:
        rng = self.rng
        female = rng.random() < 0.45 if female is None else female
        for _ in range(200):
            name = " ".join((_pick(rng, P.SURNAMES),
                             rng.choice(P.MIDDLE_FEMALE if female else P.MIDDLE_MALE),
                             rng.choice(P.GIVEN_FEMALE if female else P.GIVEN_MALE)))
            if name not in self.taken:
                break
        self.taken.add(name)
        return name, (Gender.NU if female else Gender.NAM), (Honorific.BA if female else Honorific.ONG)

    def text(self, template: str) -> str:
        rng = self.rng
        return template.format(n=rng.randint(3, 40), pct=rng.randint(10, 35), year=self.year,
                               produce=rng.choice(P.PRODUCE), commune=rng.choice(P.COMMUNES))

    def field_for(self, movement: MovementKind | None, farm: bool = False) -> str:
        fields = self.rb.fields
        wanted = {MovementKind.NGUOI_TOT_VIEC_TOT: "Người tốt, việc tốt",
                  MovementKind.CAI_CACH_HANH_CHINH: "Cải cách hành chính"}.get(movement) if movement is not None else None
        if farm:
            wanted = self.rng.choice(("Lao động sản xuất", "Kinh tế hợp tác"))
        if wanted in fields:
            return wanted
        usual = [f for f in fields if f not in ("Người tốt, việc tốt", "Cải cách hành chính")] or list(fields)
        return self.rng.choice(usual)

    def decision(self, year: int, issuer_symbol: str | None = None) -> tuple[str, dt.date]:
        rng = self.rng
        return (f"{rng.randint(12, 980)}/QĐ-{issuer_symbol or doc_symbol(self.rb)}",
                dt.date(year, 12, rng.randint(10, 28)))


def _contents(d: _UnitDraw, field: str, farm_kind: SubjectKind | None = None) -> dict:
    rng = d.rng
    texts = T.BY_FIELD.get(field, T.GENERIC)
    if farm_kind is SubjectKind.HO_GIA_DINH:
        achievements = d.text(rng.choice(T.HOUSEHOLD_ACHIEVEMENTS))
    elif farm_kind is not None:
        achievements = d.text(rng.choice(T.GROUP_ACHIEVEMENTS))
    else:
        achievements = d.text(rng.choice(texts["achievements"]))
    initiative = d.text(rng.choice(texts["initiatives"]))
    level = _pick(rng, _LEVELS) if initiative else None
    decision = ""
    if level not in (None, RecognitionLevel.CHUA):
        no, day = d.decision(d.year)
        decision = f"{no} ngày {day.day:02d}/{rng.randint(3, 10):02d}/{d.year}"
    return {
        "field": field, "achievements": achievements, "initiative": initiative, "initiative_level": level,
        "initiative_decision": decision, "effectiveness": d.text(rng.choice(texts["effects"])),
        "replicability": _pick(rng, _REPLICABILITY),
        "task_completion": TaskCompletion.XUAT_SAC if rng.random() < 0.6 else TaskCompletion.TOT,
        "discipline": Discipline.KHONG,
        "proposed_award": d.rb.reward_forms[0 if rng.random() < 0.85 or len(d.rb.reward_forms) == 1 else 1].id,
        "evidence": f"Báo cáo thành tích năm {d.year}" + (f"; Quyết định {decision}" if decision else ""),
    }


def answer_criteria(rb: Rulebook, kind: SubjectKind, movement: MovementKind | None, is_leader: bool,
                    rng: random.Random) -> dict[str, bool | None]:
    """Every applicable criterion answered: mandatory ones Có, optional ones mostly Có."""
    return {c.id: True if c.mandatory else rng.random() < 0.75
            for c in rb.applicable_criteria(kind, movement, is_leader)}


def _history_person(d: _UnitDraw) -> list[AwardRecord]:
    rng, out = d.rng, []
    for y in range(d.year - rng.randint(1, 4), d.year):
        title = "Chiến sĩ thi đua cơ sở" if rng.random() < 0.25 else "Lao động tiên tiến"
        no, day = d.decision(y)
        out.append(AwardRecord(year=y, title=title, decision_no=no, decision_date=day, issuer=d.rb.agency))
    return out


def _history_collective(d: _UnitDraw) -> list[AwardRecord]:
    out = []
    for y in range(d.year - d.rng.randint(1, 2), d.year):
        no, day = d.decision(y)
        out.append(AwardRecord(year=y, title="Tập thể lao động tiên tiến", decision_no=no, decision_date=day,
                               issuer=d.rb.agency))
    return out


def _farm_candidate(d: _UnitDraw, kind: SubjectKind) -> Candidate:
    rng = d.rng
    commune = rng.choice(P.COMMUNES)
    place = commune.removeprefix("xã ")
    produce = rng.choice(P.PRODUCE)
    history: list[AwardRecord] = []
    if kind is SubjectKind.HO_GIA_DINH:
        female = rng.random() < 0.3
        surname = _pick(rng, P.SURNAMES)
        head = (f"bà {surname} Thị {rng.choice(P.GIVEN_FEMALE)}" if female
                else f"ông {surname} Văn {rng.choice(P.GIVEN_FARMER + P.GIVEN_MALE)}")
        name = f"Hộ {head}"
        streak = rng.choice((3, 4, 5, 6, 3, 4, 2, 8))
        outstanding = d.year - 1 if streak < 3 else None  # short streaks qualify through "tiêu biểu"
        history = culture_history(rng, commune, range(d.year - streak, d.year), outstanding)
    elif kind is SubjectKind.TO_HOP_TAC:
        name = f"Tổ hợp tác {produce} {place}"
    else:
        name = f"Hợp tác xã Nông nghiệp – Dịch vụ {place}"
    if name in d.taken:
        name = f"{name} ({rng.randint(2, 9)})"
    d.taken.add(name)
    movement = MovementKind.THUONG_XUYEN
    content = _contents(d, d.field_for(movement, farm=True), farm_kind=kind)
    return Candidate(unit_code=d.unit.code, unit_name=d.unit.name, subject_kind=kind, name=name,
                     workplace=f"ấp {rng.randint(1, 9)}, {commune}", movement=movement,
                     criteria=answer_criteria(d.rb, kind, movement, False, rng), history=history, **content)


def _collective(d: _UnitDraw, name: str) -> Candidate:
    movement = _pick(d.rng, _MOVES_COLLECTIVE)
    kind = SubjectKind.TAP_THE
    return Candidate(unit_code=d.unit.code, unit_name=d.unit.name, subject_kind=kind, name=name,
                     workplace=d.unit.name, movement=movement,
                     criteria=answer_criteria(d.rb, kind, movement, False, d.rng),
                     history=_history_collective(d), **_contents(d, d.field_for(movement)))


def _person(d: _UnitDraw, collective: str, leader: bool, movement: MovementKind | None = None) -> Candidate:
    rng = d.rng
    name, gender, honorific = d.person()
    movement = movement or _pick(rng, _MOVES_PERSON)
    age = rng.randint(24, 58)
    birth = dt.date(d.year - age, rng.randint(1, 12), rng.randint(1, 28))
    position = P.head_title(collective) if leader else rng.choice(P.POSITIONS)
    if rng.random() < 0.3:
        position += ", " + rng.choice(P.PARTY_ROLES)
    kind = SubjectKind.CA_NHAN
    return Candidate(unit_code=d.unit.code, unit_name=d.unit.name, subject_kind=kind, honorific=honorific,
                     name=name, birth_date=birth, gender=gender, position=position, is_leader=leader,
                     workplace=collective, collective=collective, movement=movement,
                     criteria=answer_criteria(d.rb, kind, movement, leader, rng),
                     history=_history_person(d), **_contents(d, d.field_for(movement)))


def sample_candidates(rulebook: Rulebook, unit: Unit, year: int, n: int, rng: random.Random,
                      *, taken: set[str] | None = None) -> list[Candidate]:
    """``n`` valid candidates of ``unit``: collectives (sub-units), their members, other staff and,
    for units working with farmers, households, co-op groups and co-operatives.

    ``taken`` collects names already used (pass the same set for several units to keep
    every person distinct across files).
    """
    d = _UnitDraw(rulebook, unit, year, rng, taken if taken is not None else set())
    kinds = set(rulebook.subject_kinds)
    farm_kinds = [k for k in _FARM_KINDS if k in kinds]
    n_farm = 0
    if farm_kinds and n >= 2 and (unit.code in P.FARM_FACING or unit.code not in P.SUBUNITS):
        n_farm = max(1, round(n * 0.3))
    rest = n - n_farm
    has_people = SubjectKind.CA_NHAN in kinds
    n_coll = 0
    if SubjectKind.TAP_THE in kinds:
        n_coll = rest if not has_people else (max(1, round(rest * 0.3)) if rest >= 2 else 0)
    n_people = rest - n_coll
    collectives = [d.subunit() for _ in range(n_coll)]
    out = [_collective(d, name) for name in collectives]
    leader_at = 0 if collectives and rng.random() < 0.35 else -1
    for i in range(n_people):
        if i < len(collectives):  # one member per nominated collective
            move = MovementKind.THUONG_XUYEN if i == leader_at else rng.choice(
                (MovementKind.THUONG_XUYEN, MovementKind.CAI_CACH_HANH_CHINH))
            out.append(_person(d, collectives[i], i == leader_at, move))
        else:
            out.append(_person(d, d.subunit(), False))
    for i in range(n_farm):
        kind = farm_kinds[0] if i == 0 else _pick(rng, [(k, 6 if k is SubjectKind.HO_GIA_DINH else 2)
                                                         for k in farm_kinds])
        out.append(_farm_candidate(d, kind))
    return out


def _unit_block(rb: Rulebook, unit: Unit, year: int, d: _UnitDraw) -> dict[str, object]:
    preparer, _g, _h = d.person()
    area = _AREA_CODES.get(rb.locality, "024")
    return {"unit_name": unit.name, "bloc": unit.bloc or None, "prepared_by": preparer,
            "phone": f"{area} {d.rng.randint(3800, 3999)} {d.rng.randint(100, 999)}",
            "prepared_on": dt.date(year, 11, d.rng.randint(1, 14)), "year": year}


def _units(rb: Rulebook) -> list[Unit]:
    if not rb.units:
        raise InputError(f"Quy chế «{rb.id}» không có danh sách đơn vị nên không tạo được dữ liệu mẫu.")
    return list(rb.units)


def unit_file_name(unit: Unit, year: int) -> str:
    return f"dang-ky-{year}-{unit.code}.xlsx"


def generate_unit_files(rulebook: Rulebook, folder: Path | str, year: int, *, seed: int = 0,
                        per_unit: tuple[int, int] = (4, 8), mistakes: bool = True) -> SampleManifest:
    """One pre-filled workbook per unit of the rulebook in ``folder`` (+ planted mistakes)."""
    folder = Path(folder)
    rng = random.Random(f"exemplars-samples:{rulebook.id}:{year}:{seed}")
    taken: set[str] = set()
    units = _units(rulebook)
    lists, blocks = [], []
    for unit in units:
        n = rng.randint(*per_unit)
        lists.append(sample_candidates(rulebook, unit, year, n, rng, taken=taken))
        blocks.append(_unit_block(rulebook, unit, year, _UnitDraw(rulebook, unit, year, rng, taken)))
    names = [unit_file_name(u, year) for u in units]
    planted: list[PlantedMistake] = []
    edits: dict[str, list[Edit]] = {}
    if mistakes:
        planted, edits = plant_mistakes(rulebook, units, names, lists, year, rng)
    files = []
    for unit, name, cands, block in zip(units, names, lists, blocks, strict=True):
        typed = {(row, key): value for _role, row, key, value in edits.get(name, [])}
        files.append(build_template(rulebook, folder / name, unit=unit, year=year, candidates=cands,
                                    unit_block=block, cell_overrides=typed))
    return SampleManifest(folder=folder, rulebook_id=rulebook.id, year=year, files=files, mistakes=planted,
                          candidates=dict(zip(names, lists, strict=True)))


def generate_bulk(rulebook: Rulebook, folder: Path | str, n_files: int, per_file: int = 20, seed: int = 0,
                  *, year: int | None = None, listed_units: Sequence[Unit] | None = None) -> list[Path]:
    """``n_files`` pre-filled workbooks of valid candidates (units cycling), for benchmarks.

    ``listed_units`` is the unit list each file's dropdown lists carry, with the file's own
    unit added (a real agency's list, a dozen units); by default the rulebook's whole list.
    """
    folder = Path(folder)
    year = year or rulebook.plan_years[1]
    rng = random.Random(f"exemplars-bulk:{rulebook.id}:{year}:{seed}")
    units = _units(rulebook)
    width = max(5, len(str(n_files)))
    out = []
    for i in range(n_files):
        unit = units[i % len(units)]
        taken: set[str] = set()
        cands = sample_candidates(rulebook, unit, year, per_file, rng, taken=taken)
        block = _unit_block(rulebook, unit, year, _UnitDraw(rulebook, unit, year, rng, taken))
        listed = rulebook if listed_units is None else rulebook.model_copy(
            update={"units": [*(u for u in listed_units if u.code != unit.code), unit]})
        out.append(build_template(listed, folder / f"{i + 1:0{width}d}-{unit.code}.xlsx", unit=unit,
                                  year=year, candidates=cands, unit_block=block))
    return out

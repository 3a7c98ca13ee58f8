"""The demo's nurturing year: plans filled by the sample units, progress at 6 and 9 months, the year.

For a rulebook whose plan has the steps (``[nurture] steps``), after the registration run:

* the office writes the plan workbooks; every unit with exemplars sends its own back filled, with a
  few real mistakes: one unit leaves the leader's position blank, one
  sends no plan until the 9-month report, one action passes its date without a result, one
  adoption has no date, one date is typed as text, one exemplar is stopped at 9 months;
* the plans, the 6-month, the 9-month and the annual reports are collected as rounds, each
  folder's files dated as they arrived; the periodic reports of 6 months, 9 months and the year
  follow;
* the bulletin «Gương điển hình tiên tiến» and the flag-ceremony sheet are written.

Everything is drawn from a seeded generator, so the same seed gives the same files.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from exemplars.demo.people import GIVEN_MALE, MIDDLE_MALE, SURNAMES
from exemplars.domain import Unit
from exemplars.history.reports import periodic_report
from exemplars.history.store import HistoryStore
from exemplars.nurture import layout as NL
from exemplars.nurture import pipeline as nurture
from exemplars.nurture.fill import TypedAction, TypedAdoption
from exemplars.nurture.model import Exemplar, PlanEntry
from exemplars.nurture.workbook import build_plan_workbook
from exemplars.rulebook.schema import Rulebook
from exemplars.settings import RunSettings

PLANS_DIR = "ke-hoach-don-vi"
ROUND_DIRS = {"plan": "ke-hoach", "6_thang": "tien-do-6-thang", "9_thang": "tien-do-9-thang", "nam": "tien-do-nam"}
ROUND_LABELS = {"plan": "Kế hoạch đầu năm", "6_thang": "6 tháng", "9_thang": "9 tháng", "nam": "Cả năm"}
_ACTIONS = (
    ("Tổ chức hội nghị giới thiệu mô hình cho các phòng, đơn vị", "Hội nghị, {n} người dự"),
    ("Tập huấn cách làm cho cán bộ, công chức, người lao động", "{n} người được tập huấn"),
    ("Viết bài giới thiệu trên trang thông tin điện tử của Sở", "Bài viết được đăng"),
    ("Tham quan, học tập kinh nghiệm tại đơn vị điển hình", "{n} đoàn tham quan"),
    ("Xây dựng tài liệu hướng dẫn áp dụng mô hình", "Tài liệu hướng dẫn"),
)
_PLACES = ("Xã Tân Nhựt", "Xã Bình Lợi", "Xã Lý Nhơn", "Hợp tác xã Phước An", "Tổ hợp tác rau an toàn Tân Thông Hội",
           "Xã An Thới Đông", "Trạm Khuyến nông Củ Chi", "Xã Nhuận Đức")
_POSITIONS = ("Phó Giám đốc", "Chi cục trưởng", "Phó Chi cục trưởng", "Trưởng phòng", "Giám đốc Trung tâm")


@dataclass
class NurtureDemo:
    plans: list[Path] = field(default_factory=list)
    rounds: dict[str, nurture.CollectResult] = field(default_factory=dict)
    reports: dict[str, dict[str, Path]] = field(default_factory=dict)
    bulletin: dict[str, Path] = field(default_factory=dict)
    mistakes: list[str] = field(default_factory=list)


def _leader(rng: random.Random) -> str:
    surname = rng.choices([n for n, _w in SURNAMES], weights=[w for _n, w in SURNAMES])[0]
    return f"{surname} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"


@dataclass
class _UnitPlan:
    """What one unit types, and how it grows from one report to the next."""

    entries: dict[str, dict[str, object]]
    actions: list[TypedAction]
    adoptions: list[TypedAdoption]


def _draft(rng: random.Random, year: int, exemplars: list[Exemplar], channels: list[str]) -> _UnitPlan:
    entries: dict[str, dict[str, object]] = {}
    actions: list[TypedAction] = []
    adoptions: list[TypedAdoption] = []
    for e in exemplars:
        entries[e.code] = {"leader_name": _leader(rng), "leader_position": rng.choice(_POSITIONS),
                           "channels": "; ".join(rng.sample(channels, 2)),
                           "evidence": "Báo cáo kết quả, hình ảnh hoạt động, bài viết đã đăng"}
        item = NL.exemplar_item(e.code, e.name)
        for month in rng.sample((3, 4, 5, 8, 10), 3):
            what, expected = rng.choice(_ACTIONS)
            actions.append(TypedAction(item, what, f"Phòng, bộ phận phụ trách của {e.unit_name}",
                                       dt.date(year, month, rng.choice((10, 15, 25))),
                                       expected.format(n=rng.randint(2, 60))))
        adoptions.append(TypedAdoption(item, rng.choice(_PLACES), dt.date(year, rng.choice((4, 5, 6)), 1)))
        adoptions.append(TypedAdoption(item, rng.choice(_PLACES), dt.date(year, rng.choice((8, 9)), 1)))
    return _UnitPlan(entries, actions, adoptions)


def _report(plan: _UnitPlan, as_of: dt.date, rng: random.Random, skip: TypedAction | None) -> _UnitPlan:
    """The progress a unit reports as of ``as_of``: actions due by then are done, except ``skip``."""
    done = []
    for a in plan.actions:
        due = a.due if isinstance(a.due, dt.date) else None
        if a is not skip and due is not None and due <= as_of:
            a = TypedAction(a.exemplar, a.what, a.who, a.due, a.expected, due - dt.timedelta(days=rng.randint(0, 5)),
                            "Đã hoàn thành: " + a.expected.lower())
        done.append(a)
    return _UnitPlan(plan.entries, done, plan.adoptions)


def _send(rulebook: Rulebook, unit: Unit, year: int, exemplars: list[Exemplar], folder: Path, when: dt.datetime,
          plan: _UnitPlan, round_label: str) -> None:
    """The unit's workbook as it arrives: written filled with the product's own writer (what a clerk's typing
    gives is what ``nurture.fill`` checks in the tests; writing it directly keeps the demo quick)."""
    target = folder / NL.plan_file_name(unit.code, year)
    entries = {code: PlanEntry(code=code, leader_name=str(t.get("leader_name", "")),
                               leader_position=str(t.get("leader_position", "")), channels=str(t.get("channels", "")),
                               evidence=str(t.get("evidence", "")), stopped=t.get("stopped") is True,
                               stop_reason=str(t.get("stop_reason", "")))
               for code, t in plan.entries.items()}
    build_plan_workbook(rulebook, target, unit, year, exemplars, entries,
                        actions=[vars(a) for a in plan.actions], adoptions=[vars(a) for a in plan.adoptions],
                        block={"round": round_label, "prepared_on": when.date(), "prepared_by": "Văn thư đơn vị"})
    os.utime(target, (when.timestamp(), when.timestamp()))


def run_nurture_year(rulebook: Rulebook, base: Path, settings: RunSettings, seed: int = 0,
                     pdf: bool = True) -> NurtureDemo:
    """The nurturing year of the demo under ``base`` (see the module docstring); ``pdf=False`` leaves the
    bulletin's PDF to the caller (the demo converts every rulebook's with one LibreOffice start)."""
    out = NurtureDemo()
    year = settings.year
    if rulebook.nurture.has("plan"):
        _plans_and_rounds(rulebook, base, settings, random.Random(f"{seed}|{rulebook.id}|nurture"), out)
        for period in (f"{year}-6T", f"{year}-9T", str(year)):
            out.reports[period] = periodic_report(settings, period, today=dt.date(year, 12, 20))
    if rulebook.nurture.has("bulletin"):
        out.bulletin = nurture.make_bulletin(settings, pdf=pdf)
    return out


def _plans_and_rounds(rulebook: Rulebook, base: Path, settings: RunSettings, rng: random.Random,
                      out: NurtureDemo) -> None:
    year = settings.year
    out.plans = nurture.make_plans(settings)
    with HistoryStore(settings.history_db or base / "lich-su.sqlite") as store:
        _run, exemplars = nurture.year_exemplars(store, rulebook, year)
    units = list(dict.fromkeys(e.unit_code for e in exemplars))
    known = {u.code: u for u in rulebook.units}
    unit_of = {e.unit_code: known.get(e.unit_code) or Unit(code=e.unit_code, name=e.unit_name) for e in exemplars}
    drafts = {u: _draft(rng, year, [e for e in exemplars if e.unit_code == u], rulebook.nurture.channels)
              for u in units}
    names = {e.unit_code: e for e in exemplars}
    late_unit, silent_unit, blank_unit = units[0], units[-1], units[1 % len(units)]
    first_code = next(iter(drafts[blank_unit].entries))
    drafts[blank_unit].entries[first_code]["leader_position"] = ""
    skip = drafts[late_unit].actions[0]
    skip.due = dt.date(year, 5, 20)
    undated = drafts[units[2 % len(units)]].adoptions[0]
    undated.since = None
    typed = drafts[units[-2 % len(units)]].actions[1]
    typed.due = f"{typed.due:%d/%m/%Y}" if isinstance(typed.due, dt.date) else typed.due
    out.mistakes = [
        f"{names[blank_unit].unit_name}: bỏ trống chức vụ lãnh đạo chịu trách nhiệm (NR-02)",
        f"{names[silent_unit].unit_name}: không gửi kế hoạch, báo cáo 6 tháng; gửi từ báo cáo 9 tháng (NR-04, theo "
        "dõi hạn)",
        f"{names[late_unit].unit_name}: hoạt động «{skip.what}» hạn 20/05 chưa có kết quả (NR-03)",
        f"{names[units[2 % len(units)]].unit_name}: một nơi áp dụng không ghi ngày bắt đầu (NR-07)",
        "Một thời hạn gõ dạng chữ dd/mm/yyyy (D-20)",
        f"«{names[units[0]].name}»: đơn vị dừng bồi dưỡng ở báo cáo 9 tháng",
    ]
    arrivals = {"plan": dt.datetime(year, 2, 20, 9), "6_thang": dt.datetime(year, 7, 6, 9),
                "9_thang": dt.datetime(year, 10, 6, 9), "nam": dt.datetime(year, 11, 10, 9)}
    for round_kind, label in ROUND_LABELS.items():
        folder = base / PLANS_DIR / ROUND_DIRS[round_kind]
        folder.mkdir(parents=True, exist_ok=True)
        as_of = nurture.default_as_of(rulebook, nurture.parse_round(round_kind, year), year, arrivals[round_kind].date())
        for n, unit in enumerate(units):
            if unit == silent_unit and round_kind in ("plan", "6_thang"):
                continue
            plan = _report(drafts[unit], as_of, rng, skip if round_kind == "6_thang" else None)
            if round_kind in ("9_thang", "nam") and unit == late_unit:
                plan.entries[next(iter(plan.entries))].update(stopped=True, stop_reason="Tập thể được sắp xếp lại")
            late = dt.timedelta(days=4) if (unit == blank_unit and round_kind == "plan") else dt.timedelta(hours=n)
            _send(rulebook, unit_of[unit], year, [e for e in exemplars if e.unit_code == unit], folder,
                  arrivals[round_kind] + late, plan, label)
        out.rounds[round_kind] = nurture.collect(settings.model_copy(update={"folder": folder}), round_kind,
                                                 today=arrivals[round_kind].date() + dt.timedelta(days=14))

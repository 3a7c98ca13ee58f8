"""The nurturing steps as pipeline functions; the CLI and the Excel buttons call only these.

    exemplars of the year (history store) → plan workbooks per unit (``make_plans``)
    plans / progress reports folder → round in the history store + round workbook (``collect``)
    history store → bulletin «Gương điển hình tiên tiến» and flag-ceremony sheet (``make_bulletin``)

Which steps exist is the rulebook's ``[nurture] steps``; a step the plan does not have stops
with a Vietnamese message naming the setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from exemplars.domain import Unit
from exemplars.errors import InputError
from exemplars.history.store import HistoryStore
from exemplars.nurture import layout as L
from exemplars.nurture import store as nstore
from exemplars.nurture.bulletin import BulletinEntry, write_bulletin_html, write_flag_sheet
from exemplars.nurture.collect_book import write_round_book
from exemplars.nurture.deadlines import SentFile, deadlines_of_round, due_on, tracker_rows
from exemplars.nurture.model import Exemplar, NurtureStatus, PlanEntry
from exemplars.nurture.progress import RoundResult, evaluate_round
from exemplars.nurture.reader import read_plan_file
from exemplars.nurture.sheets import section_of, status_label
from exemplars.nurture.workbook import build_plan_workbook
from exemplars.outputs import office
from exemplars.periods import Period, parse_period
from exemplars.reader.workbook import FORMATS
from exemplars.rulebook import load_rulebook
from exemplars.rulebook.schema import NurtureStep, Rulebook
from exemplars.settings import RunSettings

PLANS_DIR = "ke-hoach-boi-duong"
ROUNDS_DIR = "theo-doi-nhan-rong"
STEP_LABELS = {"plan": "lập kế hoạch bồi dưỡng, nhân rộng", "progress": "báo cáo tiến độ bồi dưỡng, nhân rộng",
               "bulletin": "tài liệu tuyên truyền"}
_PLAN_WORDS = {"plan", "kh", "ke-hoach", "kehoach", "ke_hoach"}


def require_step(rulebook: Rulebook, step: NurtureStep) -> None:
    if not rulebook.nurture.has(step):
        raise InputError(f"Quy chế «{rulebook.id}» không có bước {STEP_LABELS[step]} (thiết lập [nurture] steps = "
                         f"{rulebook.nurture.steps}). Thêm \"{step}\" vào steps nếu cơ quan áp dụng bước này.")


def open_store(settings: RunSettings) -> HistoryStore:
    if settings.history_db is None:
        raise InputError("Chưa chọn cơ sở dữ liệu lịch sử: danh sách điển hình và tiến độ bồi dưỡng được lưu ở đó.")
    if not Path(settings.history_db).is_file():
        raise InputError(f"Không tìm thấy cơ sở dữ liệu lịch sử «{settings.history_db}». Hãy lập danh sách đăng ký "
                         "có lưu lịch sử trước.")
    return HistoryStore(settings.history_db)


def year_exemplars(store: HistoryStore, rulebook: Rulebook, year: int) -> tuple[int | None, list[Exemplar]]:
    run_id, exemplars = nstore.exemplars_of_year(store, rulebook.id, year)
    if not exemplars:
        raise InputError(f"Chưa có điển hình nào được lựa chọn năm {year} theo quy chế «{rulebook.id}» trong lịch "
                         "sử; hãy lập danh sách đăng ký (có lưu lịch sử) trước.")
    return run_id, exemplars


def _units_of(exemplars: Sequence[Exemplar], units: Sequence[Unit]) -> list[Unit]:
    known = {u.code: u for u in units}
    codes = list(dict.fromkeys(e.unit_code for e in exemplars))
    return [known.get(c) or Unit(code=c, name=next(e.unit_name for e in exemplars if e.unit_code == c) or c)
            for c in codes]


def make_plans(settings: RunSettings, units: Sequence[Unit] | None = None,
               entries: Mapping[str, PlanEntry] | None = None) -> list[Path]:
    """One plan workbook per unit with exemplars, in ``settings.out_dir / "ke-hoach-boi-duong"``."""
    rulebook = load_rulebook(settings.rulebook)
    require_step(rulebook, "plan")
    with open_store(settings) as store:
        _run, exemplars = year_exemplars(store, rulebook, settings.year)
    folder = Path(settings.out_dir) / PLANS_DIR
    out = []
    for unit in _units_of(exemplars, units if units is not None else rulebook.units):
        mine = [e for e in exemplars if e.unit_code == unit.code]
        out.append(build_plan_workbook(rulebook, folder / L.plan_file_name(unit.code, settings.year), unit,
                                       settings.year, mine, dict(entries or {})))
    return out


@dataclass(frozen=True)
class RoundSpec:
    code: str
    kind: str  # plan | quy | 6_thang | 9_thang | nam
    period: Period | None

    @property
    def label(self) -> str:
        return nstore.round_label(self.code)


def parse_round(text: str, year: int) -> RoundSpec:
    """``plan`` (or ``kh``, ``2026-KH``) for the plans, else a period (``2026-6T``, ``6_thang``, ``2026``…)."""
    raw = (text or "").strip()
    key = raw.lower()
    if key in _PLAN_WORDS or key == f"{year}-kh":
        return RoundSpec(nstore.round_code("plan", year), "plan", None)
    period = parse_period(raw, None if raw[:4].isdigit() else year)
    if period.year != year:
        raise InputError(f"Kỳ «{raw}» thuộc năm {period.year}, không phải năm {year}.")
    return RoundSpec(period.code, period.kind, period)


def default_as_of(rulebook: Rulebook, spec: RoundSpec, year: int, today: dt.date) -> dt.date:
    """The reference day of a round: a period's end, or the round's deadline when it falls earlier (the
    annual report is due on 15/11); for the plans, their deadline (else today)."""
    if spec.period is not None:
        due = [due_on(d, year, spec.period) for d in deadlines_of_round(rulebook, spec.kind)]
        return min([spec.period.end, *due])
    plan = deadlines_of_round(rulebook, "plan")
    return due_on(plan[0], year, None) if plan else today


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục kế hoạch, báo cáo tiến độ «{folder}».")
    return sorted(p for p in folder.iterdir() if p.suffix.lower().lstrip(".") in FORMATS
                  and not p.name.startswith(("~$", ".")))


@dataclass
class CollectResult:
    result: RoundResult
    round_id: int
    workbook: Path


def collect(settings: RunSettings, round_text: str, *, as_of: dt.date | None = None, today: dt.date | None = None,
            units: Sequence[Unit] | None = None) -> CollectResult:
    """Read the plans or progress reports of ``settings.folder``, record the round, write its workbook."""
    rulebook = load_rulebook(settings.rulebook)
    spec = parse_round(round_text, settings.year)
    require_step(rulebook, "plan" if spec.kind == "plan" else "progress")
    today = today or dt.date.today()
    reference = as_of or default_as_of(rulebook, spec, settings.year, today)
    folder = Path(settings.folder)
    with open_store(settings) as store:
        run_id, exemplars = year_exemplars(store, rulebook, settings.year)
        by_unit: dict[str, dict[str, Exemplar]] = {}
        for e in exemplars:
            by_unit.setdefault(e.unit_code, {})[e.code] = e
        files = [read_plan_file(p, p.name, rulebook.id, settings.year, by_unit, settings.max_file_mb)
                 for p in plan_files(folder)]
        previous, carried = nstore.carried_plans(store, rulebook.id, settings.year, reference)
        result = evaluate_round(exemplars, files, reference, spec.code, spec.kind, carried,
                                previous.label if previous else "")
        round_id = nstore.record_round(store, rulebook.id, settings.year, result, str(folder), run_id)
        section = section_of(store, rulebook.id, settings.year, reference)
        if section is None or section.round is None or section.round.id != round_id:
            raise InputError("Vòng vừa ghi không đọc lại được từ lịch sử.")
        actions = nstore.round_rows(store, "nurture_actions", round_id)
        file_rows = nstore.round_rows(store, "nurture_files", round_id)
        problems = nstore.round_rows(store, "nurture_problems", round_id)
    unit_list = _units_of(exemplars, units if units is not None else rulebook.units)
    deadlines = tracker_rows(rulebook, spec.kind, settings.year, spec.period, [(u.code, u.name) for u in unit_list],
                             [SentFile(f.unit_code, f.path, f.modified, f.status != "error") for f in files], today)
    target = Path(settings.out_dir) / ROUNDS_DIR / f"theo-doi-nhan-rong-{spec.code}.xlsx"
    write_round_book(target, section, actions, file_rows, problems, deadlines)
    return CollectResult(result, round_id, target)


BULLETIN_DIR = "tuyen-truyen"
BULLETIN_NAME = "guong-dien-hinh-tien-tien"
FLAG_NAME = "chao-co-thu-hai"


def bulletin_entries(store: HistoryStore, rulebook: Rulebook, year: int, as_of: dt.date) -> list[BulletinEntry]:
    """The year's exemplars with what the latest round up to ``as_of`` says; stopped ones are left out."""
    _run, exemplars = year_exemplars(store, rulebook, year)
    section = section_of(store, rulebook.id, year, as_of)
    rows = {r["code"]: r for r in section.exemplars} if section else {}
    places: dict[str, list[str]] = {}
    for a in section.adoptions if section else []:
        if a["counted"]:
            places.setdefault(a["code"], []).append(a["place"])
    out = []
    for e in exemplars:
        row = rows.get(e.code)
        if row is not None and row["status"] == NurtureStatus.STOPPED.value:
            continue
        out.append(BulletinEntry(
            exemplar=e, model=row["model"] if row else "", effect=row["effect"] if row else "",
            status=status_label(row["status"]) if row else "", adopters=list(dict.fromkeys(places.get(e.code, []))),
            actions_done=row["actions_done"] if row else 0,
            leader=", ".join(x for x in (row["leader_name"], row["leader_position"]) if x) if row else "",
            channels=row["channels"] if row else ""))
    return out


def make_bulletin(settings: RunSettings, *, as_of: dt.date | None = None, pdf: bool = True) -> dict[str, Path]:
    """The bulletin (HTML, PDF) and the flag-ceremony sheet (xlsx, PDF) in ``out_dir / "tuyen-truyen"``.

    The PDF copies need LibreOffice; without it (or with ``pdf=False``) only the HTML and the xlsx are written.
    """
    rulebook = load_rulebook(settings.rulebook)
    require_step(rulebook, "bulletin")
    day = as_of or dt.date(settings.year, 12, 31)
    with open_store(settings) as store:
        entries = bulletin_entries(store, rulebook, settings.year, day)
    folder = Path(settings.out_dir) / BULLETIN_DIR
    html = write_bulletin_html(folder / f"{BULLETIN_NAME}-{settings.year}.html", rulebook, settings.year, entries, day)
    sheet = write_flag_sheet(folder / f"{FLAG_NAME}-{settings.year}.xlsx", rulebook, settings.year, entries)
    out = {"bulletin_html": html, "flag_sheet": sheet}
    if pdf and office.find_soffice() is not None:
        bulletin_pdf, sheet_pdf = office.convert_all([html, sheet], "pdf", folder)
        out.update(bulletin_pdf=bulletin_pdf, flag_sheet_pdf=sheet_pdf)
    return out

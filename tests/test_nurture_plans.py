"""The plan workbook and its reader: same safety as the registration (foreign, broken and hostile files
are findings, the others still read; unit files are never modified; text never becomes a formula)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from exemplars import catalogue as C
from exemplars.domain import SubjectKind, Unit
from exemplars.errors import InputError
from exemplars.history.store import HistoryStore
from exemplars.nurture import layout as NL
from exemplars.nurture.fill import TypedAction, TypedAdoption, fill_plan
from exemplars.nurture.model import Exemplar, NurtureStatus
from exemplars.nurture.pipeline import parse_round, require_step
from exemplars.nurture.progress import evaluate_round
from exemplars.nurture.reader import read_plan_file
from exemplars.nurture.workbook import build_plan_workbook
from exemplars.outputs import office
from exemplars.rulebook import load_rulebook
from exemplars.template.build import build_template

RB = load_rulebook("nnptnt-2017-2020")
UNIT = Unit(code="CCTL", name="Chi cục Thủy lợi")
MAI = Exemplar("UV-0000000001", "k1", "Trần Thị Mai", SubjectKind.CA_NHAN, "CCTL", "Chi cục Thủy lợi",
               "Thủy lợi, phòng chống thiên tai", "Thành tích", "Tưới tiết kiệm", "Giảm 30% nước")
BY_UNIT = {"CCTL": {MAI.code: MAI}}
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def blank(tmp_path) -> Path:
    return build_plan_workbook(RB, tmp_path / "mau" / NL.plan_file_name("CCTL", 2026), UNIT, 2026, [MAI])


def filled(blank: Path, folder: Path, **typed) -> Path:
    folder.mkdir(exist_ok=True)
    return fill_plan(blank, folder / blank.name, **typed)


def read(path: Path, year: int = 2026):
    return read_plan_file(path, path.name, RB.id, year, BY_UNIT)


def test_same_inputs_give_the_same_bytes(tmp_path, blank):
    again = build_plan_workbook(RB, tmp_path / "again.xlsx", UNIT, 2026, [MAI])
    assert blank.read_bytes() == again.read_bytes()


def test_a_filled_plan_reads_back_and_the_file_is_not_modified(tmp_path, blank):
    path = filled(blank, tmp_path / "don-vi", entries={MAI.code: {"leader_name": "Lê Văn An",
                                                                 "leader_position": "Chi cục trưởng"}},
                  actions=[TypedAction(NL.exemplar_item(MAI.code, MAI.name), "Tập huấn", "Phòng Kỹ thuật",
                                       dt.date(2026, 4, 10), "40 hộ", "08/04/2026", FORMULA)],
                  adoptions=[TypedAdoption("Trần Thị Mai", "Xã Tân Nhựt", "01/05/2026")])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    got = read(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before == got.sha256
    plan = got.plan
    assert plan.entries[MAI.code].leader_name == "Lê Văn An" and plan.entries[MAI.code].model == "Tưới tiết kiệm"
    action = plan.actions[0]
    assert (action.due, action.done_on, action.result) == (dt.date(2026, 4, 10), dt.date(2026, 4, 8), FORMULA)
    assert plan.adoptions[0].code == MAI.code and plan.adoptions[0].since == dt.date(2026, 5, 1)  # by name
    result = evaluate_round([MAI], [got], dt.date(2026, 6, 30), "2026-6T", "6_thang")
    assert result.exemplars[0].status is NurtureStatus.REPLICATED and result.exemplars[0].done == 1


def test_foreign_broken_and_other_year_files_are_findings_and_the_rest_is_read(tmp_path, blank):
    folder = tmp_path / "ke-hoach"
    good = filled(blank, folder, entries={MAI.code: {"leader_name": "A", "leader_position": "B"}})
    registration = build_template(RB, folder / "mau-dang-ky.xlsx", year=2026)
    other_year = build_plan_workbook(RB, folder / "nam-khac.xlsx", UNIT, 2025, [MAI])
    (folder / "van-ban.xlsx").write_bytes(b"Day la van ban, khong phai bang tinh\n")
    (folder / "rong.xlsx").write_bytes(b"")
    reads = {p.name: read(p) for p in sorted(folder.iterdir())}
    assert reads[good.name].status == "received" and reads[good.name].plan is not None
    rules = {name: [f.rule_id for f in r.problems if f.severity.value == "error"] for name, r in reads.items()}
    assert rules[registration.name] == [C.NURTURE_NOT_A_PLAN] and "mẫu đăng ký" in reads[registration.name].message
    assert rules[other_year.name] == [C.NURTURE_NOT_A_PLAN] and "năm 2025" in reads[other_year.name].message
    assert rules["van-ban.xlsx"] == [C.FILE_NOT_WORKBOOK]
    assert rules["rong.xlsx"] == [C.FILE_EMPTY]


def test_unit_text_stays_text_in_the_round_workbook(tmp_path, blank):
    from exemplars.nurture.collect_book import write_round_book
    from exemplars.nurture.sheets import NurtureSection
    from exemplars.nurture.store import RoundInfo

    round_info = RoundInfo(1, RB.id, 2026, "2026-6T", "6_thang", dt.date(2026, 6, 30), "", True)
    row = {"code": MAI.code, "name": FORMULA, "unit_name": "u", "field": "", "leader_name": FORMULA,
           "leader_position": "", "actions_done": 0, "actions_late": 0, "actions_pending": 0, "adopters": 0,
           "status": "dang_boi_duong"}
    section = NurtureSection(round_info, [row], [], [])
    target = write_round_book(tmp_path / "r.xlsx", section, [], [], [], [])
    ws = openpyxl.load_workbook(target).worksheets[0]
    cell = next(c for r in ws.iter_rows() for c in r if c.value == FORMULA)
    assert cell.data_type == "s"


def test_a_plan_saved_again_by_libreoffice_reads_the_same(tmp_path, blank):
    if office.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    path = filled(blank, tmp_path / "don-vi", entries={MAI.code: {"leader_name": "Lê Văn An",
                                                                 "leader_position": "Chi cục trưởng"}},
                  actions=[TypedAction(MAI.code, "Tập huấn", "Phòng Kỹ thuật", dt.date(2026, 4, 10), "40 hộ")])
    ods = office.convert(path, "ods", tmp_path / "ods")
    a, b = read(path).plan, read(ods).plan
    assert a is not None and b is not None
    assert (a.entries[MAI.code].leader_name, a.actions[0].due) == (b.entries[MAI.code].leader_name, b.actions[0].due)


def test_rulebook_steps_default_and_refusal(tmp_path):
    text = (Path(__file__).resolve().parents[1] / "exemplars/rulebook/data/nnptnt-2017-2020.toml").read_text("utf-8")
    bare = text[:text.index("\n[nurture]")] + text[text.index("\n[submission]"):]
    assert "nurture" not in bare
    (tmp_path / "bare.toml").write_text(bare.replace('id = "nnptnt-2017-2020"', 'id = "bare"'), encoding="utf-8")
    default = load_rulebook(tmp_path / "bare.toml")
    assert default.nurture.steps == ["plan", "progress", "bulletin"] and default.nurture.deadlines == []
    with pytest.raises(InputError, match="không có bước lập kế hoạch"):
        require_step(load_rulebook("dong-nai-kcn-2020"), "plan")
    assert parse_round("kh", 2026).code == "2026-KH" and parse_round("9_thang", 2026).code == "2026-9T"


def test_history_store_brought_forward_keeps_old_runs(tmp_path):
    import sqlite3

    from exemplars.history.migrations import MIGRATIONS

    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "\nPRAGMA user_version = 2;")
    conn.close()
    with HistoryStore(db) as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"nurture_rounds", "nurture_exemplars", "nurture_actions", "candidate_details"} <= tables

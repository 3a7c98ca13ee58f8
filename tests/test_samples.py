"""Sample data: valid candidates, deterministic files, every planted mistake really in its file."""

from __future__ import annotations

import json
import random
import re

import openpyxl
import pytest

from exemplars.columns import NO, YES, criterion_column
from exemplars.demo.samples import MISTAKES, generate_bulk, generate_unit_files, sample_candidates
from exemplars.domain import Discipline, Gender, Honorific, SubjectKind
from exemplars.template.fill import read_marker


@pytest.fixture(scope="module")
def manifests(rb_dn, rb_nn, tmp_path_factory):
    return {rb.id: generate_unit_files(rb, tmp_path_factory.mktemp(rb.id), 2026, seed=3)
            for rb in (rb_dn, rb_nn)}


def _rows(path):
    """(marker, candidate rows as {key: value}, history rows) of a written sample file."""
    wb = openpyxl.load_workbook(path)
    m = read_marker(wb)
    cols = json.loads(m["columns"])
    ws = wb[m["candidates_sheet"]]
    rows = []
    for r in range(int(m["first_data_row"]), ws.max_row + 1):
        row = {k: ws[f"{v}{r}"].value for k, v in cols.items()}
        if row["stt"] is None:
            break
        rows.append(row)
    hist = wb[m["history_sheet"]]
    hcols = json.loads(m["history_columns"])
    history = []
    for r in range(int(m["history_first_data_row"]), hist.max_row + 1):
        h = {k: hist[f"{v}{r}"].value for k, v in hcols.items()}
        if h["stt"] is not None:
            history.append(h)
    return m, rows, history


def test_candidates_are_valid_and_varied(rb_dn, rb_nn):
    for rb in (rb_dn, rb_nn):
        seen_kinds = set()
        for unit in rb.units:
            cands = sample_candidates(rb, unit, 2026, 8, random.Random(unit.code))
            assert len(cands) == 8
            people = [c for c in cands if c.subject_kind is SubjectKind.CA_NHAN]
            if rb.selection.max_individuals_per_collective:
                assert len({c.collective for c in people}) == len(people)
            for c in cands:
                seen_kinds.add(c.subject_kind)
                assert c.name and c.achievements and c.movement and c.field in rb.fields
                assert c.unit_code == unit.code and c.discipline is Discipline.KHONG
                for crit in rb.applicable_criteria(c.subject_kind, c.movement, c.is_leader):
                    assert c.criteria.get(crit.id) is True or not crit.mandatory
                if c.subject_kind is SubjectKind.CA_NHAN:
                    assert (c.gender, c.honorific) in ((Gender.NAM, Honorific.ONG), (Gender.NU, Honorific.BA))
                    assert 20 <= 2026 - c.birth_date.year <= 60 and c.history
                if c.is_leader:
                    assert any(o.subject_kind is SubjectKind.TAP_THE and o.name == c.collective for o in cands)
                if c.subject_kind is SubjectKind.HO_GIA_DINH:
                    years = {h.year for h in c.history if h.title == "Gia đình văn hóa"}
                    streak = sum(1 for y in range(2025, 2015, -1) if all(z in years for z in range(y, 2026)))
                    assert streak >= 3 or any(h.title == "Gia đình văn hóa tiêu biểu" for h in c.history)
        assert seen_kinds == set(rb.subject_kinds)


def test_deterministic_per_seed(rb_nn, tmp_path):
    a = generate_unit_files(rb_nn, tmp_path / "a", 2026, seed=5)
    b = generate_unit_files(rb_nn, tmp_path / "b", 2026, seed=5)
    c = generate_unit_files(rb_nn, tmp_path / "c", 2026, seed=6)
    assert a.to_json() == b.to_json()
    for pa, pb in zip(a.files, b.files, strict=True):
        assert pa.read_bytes() == pb.read_bytes()
    assert [p.read_bytes() for p in a.files] != [p.read_bytes() for p in c.files]


def test_expected_mistakes_planted_per_rulebook(manifests):
    dn = {m.code for m in manifests["dong-nai-kcn-2020"].mistakes}
    nn = {m.code for m in manifests["nnptnt-2017-2020"].mistakes}
    assert dn == set(MISTAKES) - {"household_no_culture_streak"}
    assert nn == set(MISTAKES) - {"two_individuals_same_collective", "disciplined_member_in_collective"}
    for man in manifests.values():
        for m in man.mistakes:
            assert m.description and MISTAKES[m.code]


def test_each_planted_mistake_is_in_its_file(manifests, rb_dn, rb_nn):
    rulebooks = {rb.id: rb for rb in (rb_dn, rb_nn)}
    for rid, man in manifests.items():
        rb = rulebooks[rid]
        files = {p.name: _rows(p) for p in man.files}
        for m in man.mistakes:
            marker, rows, history = files[m.file]
            row_no = int(re.sub(r"[A-Z]", "", m.cell)) - int(marker["first_data_row"])
            row = rows[row_no]
            if m.code == "missing_name":
                assert row["name"] is None and row["achievements"]
            elif m.code == "mandatory_criterion_no":
                crit = next(c for c in rb.criteria if f"[{c.id}]" in m.description)
                assert crit.mandatory and row[criterion_column(crit.id)] == NO and row["name"] == m.candidate_name
            elif m.code == "criterion_blank":
                crit = next(c for c in rb.criteria if f"[{c.id}]" in m.description)
                assert row[criterion_column(crit.id)] is None and row["name"] == m.candidate_name
            elif m.code == "two_individuals_same_collective":
                mates = [r for r in rows if r["collective"] == row["collective"] and r["subject_kind"] == "Cá nhân"]
                assert len(mates) == 2
            elif m.code == "disciplined_member_in_collective":
                assert row["discipline"] in (Discipline.PHE_BINH.label, Discipline.KHIEN_TRACH.label)
                assert any(r["subject_kind"] == "Tập thể" and r["name"] == row["collective"] for r in rows)
            elif m.code == "leader_collective_not_eligible":
                assert row["is_leader"] == YES and row["name"] == m.candidate_name
                coll = next(r for r in rows if r["subject_kind"] == "Tập thể" and r["name"] == row["collective"])
                assert NO in coll.values()
            elif m.code == "household_no_culture_streak":
                years = sorted(h["year"] for h in history if h["name"] == m.candidate_name)
                assert years and 2025 not in years and len(years) < 3
            elif m.code == "birth_date_text":
                assert isinstance(row["birth_date"], str)
                day, month, _year = map(int, row["birth_date"].split("/"))
                assert day > 12 and 1 <= month <= 12
            elif m.code == "bad_choice":
                assert row["subject_kind"] == "Ca nhan tieu bieu"
            elif m.code == "duplicate_person_two_units":
                others = [(n, r) for n, (_m, rs, _h) in files.items() if n != m.file for r in rs
                          if r["name"] == m.candidate_name]
                assert len(others) == 1 and others[0][1]["birth_date"] == row["birth_date"]
                assert others[0][0] in m.description
            else:  # pragma: no cover - a new code needs a check here
                pytest.fail(f"no check for {m.code}")


def test_files_without_mistakes_and_unit_block(rb_dn, tmp_path):
    man = generate_unit_files(rb_dn, tmp_path, 2026, seed=1, per_unit=(3, 3), mistakes=False)
    assert man.mistakes == [] and len(man.files) == len(rb_dn.units)
    marker, rows, _h = _rows(man.files[0])
    assert len(rows) == 3 and marker["year"] == "2026" and marker["unit_code"] == rb_dn.units[0].code
    ws = openpyxl.load_workbook(man.files[0])[marker["candidates_sheet"]]
    block = json.loads(marker["unit_block"])
    assert ws[block["unit_name"]].value == rb_dn.units[0].name and ws[block["prepared_by"]].value


def test_bulk_files(rb_dn, tmp_path):
    paths = generate_bulk(rb_dn, tmp_path, 10, per_file=20, seed=2)
    assert len({p.name for p in paths}) == 10
    units = [read_marker(openpyxl.load_workbook(p))["unit_code"] for p in paths[:3]]
    assert units == [u.code for u in rb_dn.units[:3]]
    _m, rows, _h = _rows(paths[0])
    assert len(rows) == 20


def test_checks_find_exactly_the_planted_mistakes(manifests, tmp_path):
    """Run consolidation and validation on the samples: every error or warning is explained by
    a planted mistake (same row, or a name the mistake's description quotes), and every
    planted mistake's file gets at least one problem."""
    from exemplars import pipeline
    from exemplars.settings import RunSettings

    for rid, man in manifests.items():
        settings = RunSettings(folder=man.folder, out_dir=tmp_path / rid, rulebook=rid, year=man.year)
        problems = pipeline.run(settings, until="validate").problems
        for p in problems:
            if p.severity.value == "notice":
                continue
            # a duplicate shows in both files; its description names the other one
            mine = [m for m in man.mistakes if m.file == p.file or f"«{p.file}»" in m.description]
            row = re.sub(r"[A-Z]", "", p.cell)
            quoted = re.findall(r"«([^»]+)»", p.message)
            assert any(re.sub(r"[A-Z]", "", m.cell) == row or any(q == m.candidate_name or f"«{q}»" in m.description
                                                                 for q in quoted) for m in mine), p
        for m in man.mistakes:
            assert any(p.file == m.file for p in problems), m

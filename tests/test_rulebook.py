"""Rulebooks load, and broken ones fail with the file and the field named."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from exemplars.cli import cli
from exemplars.domain import SubjectKind
from exemplars.errors import RulebookError
from exemplars.rulebook import RULEBOOK_DIR, list_rulebooks, load_legal, load_rulebook


def test_shipped_rulebooks_listed():
    ids = [r.id for r in list_rulebooks()]
    assert ids == ["dong-nai-kcn-2020", "nnptnt-2017-2020"]


def test_dong_nai_quotas_and_fast_track(rb_dn):
    caps = {q.id: (q.max, [k.value for k in q.subject_kinds]) for q in rb_dn.quotas}
    assert caps == {"A-21-CN": (4, ["ca_nhan"]), "A-21-TT": (3, ["tap_the"])}
    assert rb_dn.selection.max_individuals_per_collective == 1
    assert {m.value for m in rb_dn.selection.fast_track_movements} == {"dot_xuat", "nguoi_tot_viec_tot", "chuyen_de"}
    assert rb_dn.selection.fast_track_decider == "Trưởng ban"
    assert SubjectKind.HO_GIA_DINH not in rb_dn.subject_kinds
    assert rb_dn.cross_rules.collective_needs_exemplary_member
    assert [c.id for c in rb_dn.criteria if c.leaders_only] == ["A-20.1", "A-20.2", "A-20.3"]
    assert {f.label for f in rb_dn.reward_forms} == {"Giấy khen của Trưởng ban", "Bằng khen của Chủ tịch UBND tỉnh"}


def test_nnptnt_models_and_household_rule(rb_nn):
    assert (rb_nn.selection.mode, rb_nn.selection.min_total, rb_nn.selection.max_total) == ("models", 3, 5)
    assert rb_nn.cross_rules.household_culture.min_consecutive_years >= 2
    assert [c.id for c in rb_nn.criteria_for(SubjectKind.HO_GIA_DINH)][-1] == "B-14"
    assert set(rb_nn.periods) == {"quy", "6_thang", "9_thang", "nam"}
    due = {d.id: (d.month, d.day) for d in rb_nn.deadlines}
    assert due["B-34"] == (11, 29)


def test_applicable_criteria_follow_leader_and_movement(rb_dn):
    from exemplars.domain import MovementKind as M

    plain = {c.id for c in rb_dn.applicable_criteria(SubjectKind.CA_NHAN, M.THUONG_XUYEN, False)}
    leader = {c.id for c in rb_dn.applicable_criteria(SubjectKind.CA_NHAN, M.THUONG_XUYEN, True)}
    sudden = {c.id for c in rb_dn.applicable_criteria(SubjectKind.CA_NHAN, M.DOT_XUAT, False)}
    assert leader - plain == {"A-20.1", "A-20.2", "A-20.3"}
    assert "A-10" in sudden and "A-19" not in sudden and "A-10" not in plain


def _write_variant(tmp_path, old: str, new: str):
    text = (RULEBOOK_DIR / "dong-nai-kcn-2020.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "custom.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_key_names_file_and_field(tmp_path):
    path = _write_variant(tmp_path, 'mode = "quotas"', 'mode = "quotas"\nmax_per_unit = 2')
    with pytest.raises(RulebookError) as err:
        load_rulebook(path)
    msg = str(err.value)
    assert str(path) in msg and "«selection.max_per_unit»" in msg and "khóa không được phép" in msg


def test_wrong_type_names_field(tmp_path):
    path = _write_variant(tmp_path, "max = 4", 'max = "bốn"')
    with pytest.raises(RulebookError) as err:
        load_rulebook(path)
    assert "«quotas[0].max»" in str(err.value) and "số nguyên" in str(err.value)


def test_bad_enum_and_cross_check(tmp_path):
    path = _write_variant(tmp_path, 'subject_kinds = ["tap_the", "ca_nhan"]', 'subject_kinds = ["tap_the"]')
    with pytest.raises(RulebookError) as err:
        load_rulebook(path)
    assert "ca_nhan" in str(err.value)


def test_toml_syntax_and_missing_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = [", encoding="utf-8")
    with pytest.raises(RulebookError, match="sai cú pháp TOML"):
        load_rulebook(bad)
    with pytest.raises(RulebookError, match="Không tìm thấy"):
        load_rulebook(tmp_path / "nope.toml")
    with pytest.raises(RulebookError, match="Các mã có sẵn"):
        load_rulebook("khong-co")


def test_custom_rulebook_is_a_file_not_code(tmp_path):
    path = _write_variant(tmp_path, 'id = "dong-nai-kcn-2020"', 'id = "so-xyz-2026"')
    assert load_rulebook(path).id == "so-xyz-2026"


def test_legal_tables_pick_by_date():
    legal = load_legal()
    by_id = {d.id: d for d in legal.decrees}
    assert by_id["152/2025/NĐ-CP"].coefficients["bang_khen_tinh"].individual == 1.5
    assert by_id["152/2025/NĐ-CP"].effective_from == dt.date(2025, 7, 1)
    amounts = {s.effective_from: s.amount for s in legal.base_salaries}
    assert amounts[dt.date(2026, 7, 1)] == 2_530_000 and amounts[dt.date(2024, 7, 1)] == 2_340_000
    assert legal.rounding.step == 10_000 and legal.rounding.mode == "ceil"


def test_profiles_cli():
    runner = CliRunner()
    out = runner.invoke(cli, ["profiles"])
    assert out.exit_code == 0 and "dong-nai-kcn-2020" in out.output and "nnptnt-2017-2020" in out.output
    show = runner.invoke(cli, ["profiles", "show", "dong-nai-kcn-2020"])
    assert show.exit_code == 0
    assert "Tối đa 4 cá nhân" in show.output and "Trưởng ban quyết định" in show.output
    bad = runner.invoke(cli, ["profiles", "show", "khong-co"])
    assert bad.exit_code == 2 and "Không có quy chế" in bad.output


def test_cli_setting_out_of_range_is_vietnamese(tmp_path):
    out = CliRunner().invoke(cli, ["consolidate", str(tmp_path), "--rules", "dong-nai-kcn-2020",
                                   "--year", "1999", "--out", str(tmp_path / "kq")])
    assert out.exit_code == 2
    assert "trường «year»: giá trị quá nhỏ (giới hạn 2000)" in out.output
    assert "Traceback" not in out.output

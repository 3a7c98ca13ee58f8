"""Reward money against the worked amounts of the domain brief (§2.2, §2.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from exemplars.domain import SubjectKind
from exemplars.errors import InputError
from exemplars.rewards import reward_for
from exemplars.rulebook import load_legal
from exemplars.rulebook.schema import LegalTables
from exemplars.vi.notation import format_coefficient, format_vnd

CN, TT, HO = SubjectKind.CA_NHAN, SubjectKind.TAP_THE, SubjectKind.HO_GIA_DINH
BASE_2024 = dt.date(2025, 12, 15)  # 2,340,000 under ND 152
BASE_2026 = dt.date(2026, 7, 15)  # 2,530,000 under ND 152


@pytest.fixture(scope="module")
def legal() -> LegalTables:
    return load_legal()


@pytest.mark.parametrize(
    "key, kind, day, amount",
    [
        ("giay_khen", CN, BASE_2024, 710_000),
        ("giay_khen", TT, BASE_2024, 1_410_000),
        ("giay_khen", CN, BASE_2026, 760_000),
        ("giay_khen", TT, BASE_2026, 1_520_000),
        ("bang_khen_tinh", CN, BASE_2026, 3_800_000),
        ("bang_khen_tinh", TT, BASE_2026, 7_590_000),
        ("bang_khen_tinh", CN, BASE_2024, 3_510_000),
        ("bang_khen_tinh", TT, BASE_2024, 7_020_000),
        ("chien_si_thi_dua_toan_quoc", CN, BASE_2026, 11_390_000),
        ("tap_the_lao_dong_tien_tien", TT, BASE_2024, 1_880_000),
        ("tap_the_lao_dong_tien_tien", TT, BASE_2026, 2_030_000),
        ("bang_khen_thu_tuong", CN, BASE_2026, 8_860_000),
        ("co_thi_dua_chinh_phu", TT, BASE_2026, 30_360_000),
        ("giay_khen", SubjectKind.HOP_TAC_XA, BASE_2026, 1_520_000),
    ],
)
def test_worked_amounts(legal, key, kind, day, amount):
    assert reward_for(legal, key, kind, day).amount == amount


def test_rule_text_names_decree_and_base_salary(legal):
    line = reward_for(legal, "giay_khen", CN, BASE_2026, form_id="giay_khen_truong_ban",
                      form_label="Giấy khen của Trưởng ban")
    assert line.rule == ("0,3 × 2.530.000 = 759.000 → làm tròn lên 760.000 "
                         "(Nghị định 152/2025/NĐ-CP; lương cơ sở theo Nghị định 161/2026/NĐ-CP)")
    assert (line.form_id, line.form_label, line.decree) == ("giay_khen_truong_ban", "Giấy khen của Trưởng ban",
                                                            "152/2025/NĐ-CP")
    assert line.raw_amount == 759_000 and line.base_salary == 2_530_000


def test_exact_product_has_no_rounding_words(legal):
    line = reward_for(legal, "bang_khen_tinh", TT, BASE_2026)
    assert line.rule.startswith("3,0 × 2.530.000 = 7.590.000 (Nghị định")
    assert "làm tròn" not in line.rule


def test_household_is_one_and_a_half_individual(legal):
    line = reward_for(legal, "giay_khen", HO, BASE_2026)
    assert line.amount == 1_140_000
    assert line.raw_amount == 1_138_500
    assert line.rule.startswith("1,5 × 0,3 × 2.530.000 = 1.138.500 → làm tròn lên 1.140.000")


def test_nd91_era(legal):
    line = reward_for(legal, "giay_khen", CN, dt.date(2020, 12, 15))
    assert (line.decree, line.base_salary, line.amount) == ("91/2017/NĐ-CP", 1_490_000, 450_000)
    assert reward_for(legal, "bang_khen_tinh", CN, dt.date(2020, 12, 15)).amount == 1_490_000


def test_decree_switch_on_first_july_2025(legal):
    before = reward_for(legal, "bang_khen_tinh", CN, dt.date(2025, 6, 30))
    after = reward_for(legal, "bang_khen_tinh", CN, dt.date(2025, 7, 1))
    assert before.decree == "98/2023/NĐ-CP" and before.coefficient == 1.0 and before.amount == 2_340_000
    assert after.decree == "152/2025/NĐ-CP" and after.coefficient == 1.5 and after.amount == 3_510_000


def test_base_salary_switch_on_first_july_2026(legal):
    assert reward_for(legal, "giay_khen", CN, dt.date(2026, 6, 30)).amount == 710_000
    assert reward_for(legal, "giay_khen", CN, dt.date(2026, 7, 1)).amount == 760_000


def test_date_before_every_decree_is_an_input_error(legal):
    with pytest.raises(InputError) as err:
        reward_for(legal, "giay_khen", CN, dt.date(2016, 1, 1))
    assert "không thuộc thời gian hiệu lực" in err.value.message


def test_date_before_every_base_salary_is_an_input_error(legal):
    early = legal.model_copy(update={"base_salaries": [b for b in legal.base_salaries
                                                       if b.effective_from.year >= 2019]})
    with pytest.raises(InputError) as err:
        reward_for(early, "giay_khen", CN, dt.date(2018, 3, 1))
    assert "lương cơ sở" in err.value.message


def test_form_without_coefficient_for_kind_is_an_input_error(legal):
    with pytest.raises(InputError) as err:
        reward_for(legal, "tap_the_lao_dong_tien_tien", CN, BASE_2026)
    assert "cá nhân" in err.value.message


def test_nearest_rounding_mode(legal):
    nearest = legal.model_copy(update={"rounding": legal.rounding.model_copy(update={"mode": "nearest"})})
    line = reward_for(nearest, "giay_khen", CN, BASE_2024)
    assert line.amount == 700_000 and "→ làm tròn 700.000" in line.rule


def test_number_formatting():
    assert format_vnd(2_530_000) == "2.530.000"
    assert format_vnd(1_138_500.5) == "1.138.500,5"
    assert format_coefficient(0.3) == "0,3" and format_coefficient(3) == "3,0" and format_coefficient(0.45) == "0,45"

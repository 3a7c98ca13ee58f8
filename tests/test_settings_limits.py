"""Numbers of the rulebook and of the run settings are bounded; click's usage errors are Vietnamese."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from exemplars.cli import cli
from exemplars.errors import RulebookError
from exemplars.rulebook import RULEBOOK_DIR, load_legal, load_rulebook

DN = (RULEBOOK_DIR / "dong-nai-kcn-2020.toml").read_text(encoding="utf-8")
NN = (RULEBOOK_DIR / "nnptnt-2017-2020.toml").read_text(encoding="utf-8")


def _variant(tmp_path, text: str, old: str, new: str):
    assert old in text, old
    path = tmp_path / "custom.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "field", "reason"), [
    ("vote_weight = 30", "vote_weight = inf", "scoring.vote_weight", "số hữu hạn"),
    ("vote_weight = 30", "vote_weight = nan", "scoring.vote_weight", "số hữu hạn"),
    ("per_criterion = 10", "per_criterion = 1e308", "scoring.per_criterion", "quá lớn"),
    ("co_so = 5", "co_so = -inf", "scoring.initiative_level.co_so", "số hữu hạn"),
    ("version = 1", "version = 99999999999999999999", "version", ""),
    ("version = 1", "version = 10000000", "version", "quá lớn"),
    ("plan_years = [2020, 2020]", "plan_years = [2021, 2020]", "(gốc)", "năm đầu (2021) lớn hơn năm cuối"),
    ("plan_years = [2020, 2020]", "plan_years = [2020, 20200]", "plan_years[1]", "quá lớn"),
    ("max = 4", "max = 1000000000", "quotas[0].max", "quá lớn"),
    ("month = 11\nday = 15", "month = 2\nday = 31", "deadlines[0]", "31/2 không có trong lịch"),
    ("month = 11\nday = 15", "day = 15", "deadlines[0]", "thiếu tháng"),
])
def test_rulebook_numbers_are_bounded(tmp_path, old, new, field, reason):
    with pytest.raises(RulebookError) as err:
        load_rulebook(_variant(tmp_path, DN, old, new))
    assert f"«{field}»" in err.value.message and reason in err.value.message


def test_leap_day_deadline_and_offsets_still_load(tmp_path):
    rb = load_rulebook(_variant(tmp_path, DN, "month = 11\nday = 15", "month = 2\nday = 29"))
    assert (rb.deadlines[0].month, rb.deadlines[0].day) == (2, 29)
    with pytest.raises(RulebookError, match="offset_days"):
        load_rulebook(_variant(tmp_path, NN, "offset_days = 5", "offset_days = 100000"))


def test_legal_table_numbers_are_bounded(tmp_path):
    text = (RULEBOOK_DIR / "legal.toml").read_text(encoding="utf-8")
    assert load_legal().household_factor == 1.5
    for n, (old, new) in enumerate((("household_factor = 1.5", "household_factor = inf"),
                                    ("individual = 0.3", "individual = nan"), ("step = 10000", "step = 0"))):
        path = tmp_path / f"legal-{n}.toml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(RulebookError, match="không hợp lệ"):
            load_legal(path)


def _run(tmp_path, *extra: str):
    (tmp_path / "hs").mkdir(exist_ok=True)
    return CliRunner().invoke(cli, ["run", str(tmp_path / "hs"), "--rules", "dong-nai-kcn-2020", "--year", "2026",
                                    "--out", str(tmp_path / "kq"), *extra])


@pytest.mark.parametrize(("value", "reason"), [("inf", "số hữu hạn"), ("nan", "số hữu hạn"),
                                               ("1e300", "quá lớn"), ("0", "quá nhỏ")])
def test_max_file_mb_is_bounded(tmp_path, value, reason):
    out = _run(tmp_path, "--max-file-mb", value)
    assert out.exit_code == 2 and "«max_file_mb»" in out.output and reason in out.output
    assert "Traceback" not in out.output and not (tmp_path / "kq").exists()


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "hs", "--rules", "x", "--year", "abc", "--out", "kq"],
     "Giá trị «abc» của --year không hợp lệ: phải là số nguyên"),
    (["run", "hs", "--rules", "x", "--year", "2026"], "Thiếu tùy chọn --out."),
    (["run", "--rules", "x", "--year", "2026", "--out", "kq"], "Thiếu đối số FOLDER."),
    (["run", "hs", "--bogus"], "Không có tùy chọn --bogus."),
    (["chay"], "Không có lệnh «chay»."),
    (["run", "hs", "extra", "--rules", "x", "--year", "2026", "--out", "kq"], "Thừa đối số: extra."),
    (["run", "hs", "--max-file-mb", "mười"], "phải là số"),
])
def test_click_usage_errors_are_vietnamese(args, expected):
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2
    assert expected in out.output and "--help" in out.output
    for english in ("Error:", "Invalid value", "Missing", "No such", "Usage:", "Got unexpected"):
        assert english not in out.output

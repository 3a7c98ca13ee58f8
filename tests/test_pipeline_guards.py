"""The pipeline refuses folders that would give a false success, and reads the period once."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support.unit_files import make_unit_file

from exemplars import pipeline
from exemplars.cli import cli
from exemplars.errors import InputError
from exemplars.settings import RunSettings


def _settings(folder, out, **extra) -> RunSettings:
    return RunSettings(folder=folder, out_dir=out, rulebook="dong-nai-kcn-2020", year=2020, **extra)


def test_empty_folder_is_an_error_not_an_empty_list(tmp_path):
    (tmp_path / "ho-so").mkdir()
    out = CliRunner().invoke(cli, ["run", str(tmp_path / "ho-so"), "--rules", "dong-nai-kcn-2020", "--year", "2020",
                                   "--out", str(tmp_path / "kq")])
    assert out.exit_code == 2 and "trống" in out.output
    assert not (tmp_path / "kq").exists()


@pytest.mark.parametrize("where", ["inside", "same", "around"])
def test_output_folder_and_units_folder_are_kept_apart(tmp_path, rb_dn, where):
    folder = tmp_path / "ho-so"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "VP.xlsx", rb_dn.units[0])
    out = {"inside": folder / "ket-qua", "same": folder, "around": tmp_path}[where]
    with pytest.raises(InputError, match="thư mục"):
        pipeline.run(_settings(folder, out))
    assert sorted(p.name for p in folder.iterdir()) == ["VP.xlsx"]


def test_a_mistyped_period_stops_before_anything_is_written(tmp_path):
    with pytest.raises(InputError, match="Kỳ báo cáo «2020-Q5» không hợp lệ"):
        _settings(tmp_path, tmp_path / "kq", period="2020-Q5")
    with pytest.raises(InputError, match="không khớp với năm 2020"):
        _settings(tmp_path, tmp_path / "kq", period="2026-Q3")
    assert _settings(tmp_path, tmp_path / "kq", period="2020-Q3").period == "2020-Q3"


def test_run_period_is_recorded_in_the_history(tmp_path, rb_dn):
    from exemplars.history.store import HistoryStore

    folder = tmp_path / "ho-so"
    folder.mkdir()
    make_unit_file(rb_dn, folder / "VP.xlsx", rb_dn.units[0])
    db = tmp_path / "lich-su.sqlite"
    for period in ("Q3", "9_thang"):
        out = CliRunner().invoke(cli, ["run", str(folder), "--rules", "dong-nai-kcn-2020", "--year", "2020",
                                       "--out", str(tmp_path / f"kq-{period}"), "--period", period,
                                       "--history", str(db)])
        assert out.exit_code == 0, out.output
    with HistoryStore(db) as store:
        assert sorted(r.period.code for r in store.runs()) == ["2020-9T", "2020-Q3"]

"""``exemplars demo`` and ``exemplars run`` from the command line: output, idempotence, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from exemplars.cli import cli
from exemplars.errors import InputError, OutputError
from exemplars.vi.values import parse_day

pytestmark = pytest.mark.slow


def names(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def summary_without_hashes(path: Path) -> dict:
    """summary.json minus file hashes (openpyxl stamps edited sample files with the time of writing) and
    the run id (each run has its own)."""
    summary = json.loads(path.read_text(encoding="utf-8"))
    assert summary.pop("run_id")
    for f in summary["files"]:
        f.pop("sha256")
    return summary


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_prints_where_the_outputs_are(demo_dir):
    out, text = demo_dir
    for rid in ("dong-nai-kcn-2020", "nnptnt-2017-2020"):
        assert str(out / rid / "ho-so-don-vi") in text
        assert str(out / rid / "ket-qua" / "danh-sach-dang-ky-2026.xlsx") in text
        assert (out / rid / "ket-qua" / "summary.json").is_file()
        assert (out / rid / "phieu-bau.xlsx").is_file()
        assert json.loads((out / rid / "loi-co-y.json").read_text(encoding="utf-8"))["rulebook"] == rid
    assert "Được lựa chọn: 7" in text and "Tổng tiền thưởng danh sách chính" in text


def test_demo_is_idempotent(demo_dir):
    out, _ = demo_dir
    units_before = names(out / "dong-nai-kcn-2020" / "ho-so-don-vi")
    results_before = names(out / "dong-nai-kcn-2020" / "ket-qua")
    summary_before = summary_without_hashes(out / "dong-nai-kcn-2020" / "ket-qua" / "summary.json")
    stray = out / "dong-nai-kcn-2020" / "ho-so-don-vi" / "cu.xlsx"
    stray.write_bytes(b"left by an older demo")
    again = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert names(out / "dong-nai-kcn-2020" / "ho-so-don-vi") == units_before
    assert names(out / "dong-nai-kcn-2020" / "ket-qua") == results_before
    assert summary_without_hashes(out / "dong-nai-kcn-2020" / "ket-qua" / "summary.json") == summary_before


def test_run_command_with_votes_history_and_header(demo_dir, tmp_path):
    out, _ = demo_dir
    base = out / "nnptnt-2017-2020"
    args = ["run", str(base / "ho-so-don-vi"), "--rules", "nnptnt-2017-2020", "--year", "2026",
            "--out", str(tmp_path / "kq"), "--votes", str(base / "phieu-bau.xlsx"), "--decision-date", "15/12/2026",
            "--history", str(tmp_path / "lich-su.sqlite"), "--signer", "Trần Văn Bình", "--doc-number", "77"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Được lựa chọn: 5" in result.output and "ngày quyết định 15/12/2026" in result.output
    assert "Vấn đề:" in result.output and (tmp_path / "lich-su.sqlite").is_file()
    summary = json.loads((tmp_path / "kq" / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["selected"]) == 5


def test_run_command_refuses_a_bad_date(demo_dir, tmp_path):
    out, _ = demo_dir
    result = CliRunner().invoke(cli, ["run", str(out / "nnptnt-2017-2020" / "ho-so-don-vi"), "--rules",
                                      "nnptnt-2017-2020", "--year", "2026", "--out", str(tmp_path),
                                      "--decision-date", "2026/31/12"])
    assert result.exit_code == 2 and "dd/mm/yyyy" in result.output


def test_parse_day():
    assert parse_day("01/7/2026").isoformat() == "2026-07-01" and parse_day("") is None
    with pytest.raises(InputError):
        parse_day("mai")


def test_failing_output_writer_keeps_the_previous_set(demo_dir, tmp_path, monkeypatch):
    """A writer failing half-way through the outputs leaves the previous run's set exactly as it was."""
    from exemplars import pipeline
    from exemplars.outputs import office
    from exemplars.settings import RunSettings

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    out, _ = demo_dir
    settings = RunSettings(folder=out / "dong-nai-kcn-2020" / "ho-so-don-vi", out_dir=tmp_path,
                           rulebook="dong-nai-kcn-2020", year=2026)
    first = pipeline.run(settings)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")}

    def broken(*args, **kwargs):
        raise PermissionError("tệp đang mở trong Excel")

    monkeypatch.setattr(pipeline, "write_outputs", broken)
    with pytest.raises(OutputError) as err:
        pipeline.run(settings)
    assert "tệp đang mở trong Excel" in err.value.message and "giữ nguyên" in err.value.message
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert after == before
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["run_id"] == first.consolidation.run_id and len(summary["selected"]) == 7


def test_run_until_stops_early(demo_dir, tmp_path):
    from exemplars.pipeline import run
    from exemplars.settings import RunSettings

    out, _ = demo_dir
    settings = RunSettings(folder=out / "dong-nai-kcn-2020" / "ho-so-don-vi", out_dir=tmp_path,
                           rulebook="dong-nai-kcn-2020", year=2026)
    ranked = run(settings, until="rank")
    assert ranked.ranking is not None and ranked.selection is None and ranked.outputs == {}
    with pytest.raises(InputError):
        run(settings, until="print")


def test_make_templates_writes_one_per_unit(tmp_path):
    from exemplars.pipeline import TEMPLATES_DIR, make_templates
    from exemplars.rulebook import load_rulebook
    from exemplars.settings import RunSettings

    settings = RunSettings(folder=tmp_path, out_dir=tmp_path / "kq", rulebook="dong-nai-kcn-2020", year=2026)
    paths = make_templates(settings)
    assert len(paths) == len(load_rulebook("dong-nai-kcn-2020").units)
    assert all(p.parent == tmp_path / "kq" / TEMPLATES_DIR and p.is_file() for p in paths)

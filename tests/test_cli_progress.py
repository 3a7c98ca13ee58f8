"""A long run reports every stage on stderr; a short one stays quiet."""

from __future__ import annotations

from exemplars.cli.progress import PROGRESS_MIN_FILES, ProgressBar
from exemplars.pipeline import _STAGE_MESSAGES
from exemplars.results import STAGES


def _feed(bar: ProgressBar, files: int) -> None:
    for i in range(files + 1):
        bar(i, files, f"tep-{i}.xlsx")
    for name, message in _STAGE_MESSAGES.items():
        bar(STAGES.index(name), len(STAGES), message)
    bar(len(STAGES), len(STAGES), "Hoàn tất.")
    bar.close()


def test_long_run_shows_the_bar_then_each_stage(capsys):
    _feed(ProgressBar(), PROGRESS_MIN_FILES * 3)
    err = capsys.readouterr().err
    assert "Đang đọc tệp" in err
    for message in [*_STAGE_MESSAGES.values(), "Hoàn tất."]:
        assert message in err
    assert err.index(_STAGE_MESSAGES["validate"]) < err.index(_STAGE_MESSAGES["outputs"]) < err.index("Hoàn tất.")


def test_short_run_is_quiet(capsys):
    _feed(ProgressBar(), 3)
    assert capsys.readouterr().err == ""


def test_control_workbook_status_cell_shows_each_stage_after_the_files(monkeypatch):
    from exemplars.excel import sheets

    shown = []
    monkeypatch.setattr(sheets, "write_named", lambda book, values: shown.append(values["dk_tien_trinh"]))
    monkeypatch.setattr(sheets, "set_status_bar", lambda book, text: None)
    cell = sheets.ProgressCell(book=None)
    for i in range(201):
        cell(i, 200, "")
    for name, message in _STAGE_MESSAGES.items():
        cell(STAGES.index(name), len(STAGES), message)
    assert len([t for t in shown if t.startswith(("0/200", "200/200"))]) == 2 and len(shown) <= 30
    for message in _STAGE_MESSAGES.values():
        assert any(t.endswith(message) for t in shown), message

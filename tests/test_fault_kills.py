"""`exemplars run` killed (SIGKILL) or interrupted (Ctrl+C) at random moments, the PDF step included,
with a previous complete run present: after the next start the folder holds one complete set whose
PDF names exactly the candidates of its list, the history has a row exactly for the runs whose set
was switched in, nothing temporary is left and no LibreOffice of the stopped run survives.

``benchmarks/fault_kills.py --kills 50`` runs more of them and prints a table.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys

import pytest
from support.fault_runs import first_run, make_scene, pdf_problems, spread, trial

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc"),
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")]

KILLS = 10
INTERRUPTS = 3


@pytest.fixture(scope="module")
def scene(soffice, rb_dn, tmp_path_factory):
    """Two complete runs with the two vote books; the first run's duration sets the moments."""
    root = tmp_path_factory.mktemp("kills")
    made = make_scene(rb_dn, root)
    span = first_run(made, root / "logs")
    old_pdf = root / "old.pdf"
    shutil.copy(made.out / "danh-sach-dang-ky-2026.pdf", old_pdf)
    first_run(made, root / "logs")
    return made, span, old_pdf, root / "logs"


def test_the_pdf_check_sees_a_pdf_of_another_run(scene, tmp_path):
    """The checker itself: the first run's PDF beside the second run's list (fewer names) is caught."""
    made, _, old_pdf, _ = scene
    assert pdf_problems(made.out, made.names) == []
    for name in ("danh-sach-dang-ky-2026.xlsx", "danh-sach-dang-ky-2026.pdf"):
        shutil.copy(made.out / name, tmp_path / name)
    shutil.copy(old_pdf, tmp_path / "danh-sach-dang-ky-2026.pdf")
    assert pdf_problems(tmp_path, made.names) != []


def test_random_sigkills_leave_one_consistent_set(scene):
    made, span, _, logs = scene
    outcomes = [trial(made, at, signal.SIGKILL, logs) for at in spread(span, KILLS, seed=17)]
    report = [(o.stage, round(o.at, 2), o.problems) for o in outcomes]
    assert all(o.consistent for o in outcomes), report
    assert all(o.leftovers == [] and o.strays == [] for o in outcomes), report
    assert any(o.stage == "pdf" for o in outcomes), report  # the PDF step was hit (about 40 % of the run)
    assert any(o.returncode == -signal.SIGKILL for o in outcomes), report


def test_ctrl_c_at_random_moments_says_so_in_vietnamese(scene):
    made, span, _, logs = scene
    # from half a second on: a Ctrl+C while the interpreter itself starts is Python's, not ours
    moments = [0.5 + at for at in spread(max(span - 0.5, 0.5), INTERRUPTS, seed=5)]
    outcomes = [trial(made, at, signal.SIGINT, logs) for at in moments]
    report = [(o.stage, round(o.at, 2), o.returncode, o.problems, o.stderr[-300:]) for o in outcomes]
    assert all(o.consistent for o in outcomes), report  # includes: «Đã dừng theo yêu cầu.», no traceback
    assert all(o.leftovers == [] and o.strays == [] for o in outcomes), report
    assert all(o.returncode in (0, 1) for o in outcomes), report
    assert any(o.returncode == 1 for o in outcomes), report


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_an_early_ctrl_c_is_told_in_vietnamese(scene):
    made, _, _, logs = scene
    outcome = trial(made, 0.4, signal.SIGINT, logs)  # while the command line's modules load
    assert outcome.consistent, outcome
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr

"""The stage order is written once (``exemplars.results.STAGES``); code names a stage by its constant."""

from __future__ import annotations

import ast
from pathlib import Path

import exemplars
from exemplars.results import STAGE_LABELS, STAGES

PACKAGE = Path(exemplars.__file__).parent


def stage_literals(source: str) -> list[int]:
    """Lines where a stage name is passed as a literal ``until=``/``stage=`` argument or as the first
    arguments of a call that runs stages."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        values = [k.value for k in node.keywords if k.arg in ("until", "stage")]
        if isinstance(node.func, ast.Name) and node.func.id == "_run_until":
            values += node.args[1:2]
        lines += [v.lineno for v in values if isinstance(v, ast.Constant) and v.value in STAGES]
    return lines


def test_no_module_names_a_stage_by_a_literal():
    found = {str(p.relative_to(PACKAGE)): stage_literals(p.read_text(encoding="utf-8"))
             for p in PACKAGE.rglob("*.py")}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_check_sees_a_literal_stage():
    assert stage_literals('run(settings, until="select")\n_run_until(book, "rank", "Xếp hạng", done)') == [1, 2]


def test_every_stage_has_its_label():
    assert list(STAGE_LABELS) == list(STAGES)

"""The catalogue is the only home of rule ids, and docs/rules.md is rendered from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from support.rule_ids import unknown_ids

from exemplars.catalogue import RULES
from exemplars.demo import run_demo
from exemplars.readings import READINGS
from exemplars.rules_doc import render_rules_markdown

ROOT = Path(__file__).resolve().parents[1]
RULE_ID = re.compile(r"^(?:[A-Z]{1,2}\d?)-[0-9A-Z][0-9A-Z.\-]*$")
HOMES = {"catalogue.py", "readings.py"}
VIETNAMESE = re.compile(r"[À-ỹ]")


def test_committed_rules_doc_is_the_rendered_one():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), "run: exemplars rules-doc --out docs/rules.md"


def test_no_rule_id_is_written_outside_the_catalogue():
    found = []
    for path in sorted((ROOT / "exemplars").rglob("*.py")):
        if path.name in HOMES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.match(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert not found, "rule ids belong in exemplars/catalogue.py:\n" + "\n".join(found)


def test_the_literal_check_would_see_a_stray_id(tmp_path):
    tree = ast.parse('rule = "F-99"\nlabel = "Tập thể"\n')
    hits = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and RULE_ID.match(n.value)]
    assert hits == ["F-99"]


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_entry_is_complete(rule):
    assert rule.severities and rule.source and rule.product_does
    assert VIETNAMESE.search(rule.message), "the clerk's message is Vietnamese"


def test_every_reading_says_what_the_plan_says_and_what_the_product_does():
    for r in READINGS:
        assert r.plan_says and r.product_does and r.setting, r.topic


def test_the_demo_reports_only_catalogued_ids(tmp_path):
    runs = run_demo(tmp_path / "demo")
    seen = set()
    for run in runs:
        ids = {p.rule_id for p in run.result.problems}
        if run.nurture is not None:  # the nurturing year's rounds report catalogued ids too
            ids |= {p.rule_id for done in run.nurture.rounds.values() for p in done.result.problems}
        seen |= ids
        assert not unknown_ids(ids, run.rulebook), run.rulebook.id
    assert len(seen) >= 10, "the demo's mistakes exercise many rules"

"""Validation: every candidate of the register against the rulebook → ``Assessment``.

Order matters because the cross-record rules read each other's outcome:

0. a blank leader flag with a leader's position reads as a leader (warning) — ``validate.cross``;
1. field rules of each record (required fields, allowed values, criteria,
   discipline, task completion) — ``validate.fields``;
2. individuals per collective (A-22), then the collective rules (A-17) which
   count the individuals still eligible after step 1–2;
3. leaders (A-20, B-16), who need their collective eligible after step 2, and the collective's
   task rating of A-20.3;
4. the household culture streak (B-14) and the history notices.

Rule ids live in ``exemplars.catalogue``; ``docs/rules.md`` is rendered from it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from exemplars.register import Row, movement_of
from exemplars.results import Assessment, Consolidation, HistoryLookup
from exemplars.rulebook.schema import Rulebook
from exemplars.validate import fields
from exemplars.validate.collector import Findings
from exemplars.validate.cross import check_cross_records, infer_leaders
from exemplars.validate.history import award_years, check_history

TABLE_COLUMNS = ("eligible", "fast_track", "criteria_met", "criteria_applicable", "award_years", "reasons",
                 "office_proposed")


def validate(cons: Consolidation, rulebook: Rulebook, *, history: HistoryLookup | None = None) -> Assessment:
    """Check every register row; return the assessment table and the problems found."""
    findings = Findings(cons)
    known_cells = {(p.file, p.sheet, p.cell) for p in cons.problems if p.cell}
    rows = infer_leaders(findings, cons.records(), rulebook)
    counts: dict[str, tuple[int, int]] = {}
    office: set[str] = set()
    for row in rows:
        fields.check_kind(findings, row, rulebook)
        fields.check_required(findings, row, rulebook, known_cells)
        counts[str(row["id"])] = fields.check_criteria(findings, row, rulebook)
        fields.check_conduct(findings, row, rulebook)
        if fields.office_proposed(findings, row, rulebook):
            office.add(str(row["id"]))
    check_cross_records(findings, rows, rulebook)
    check_history(findings, rows, rulebook, cons, history)
    years = {str(row["id"]): award_years(row, cons, rulebook, history) for row in rows}
    return Assessment(consolidation=cons, table=_table(rows, rulebook, findings, counts, years, office),
                      problems=findings.problems)


def _table(rows: Sequence[Row], rulebook: Rulebook, findings: Findings, counts: dict[str, tuple[int, int]],
           years: dict[str, int], office: set[str]) -> pd.DataFrame:
    fast = set(rulebook.selection.fast_track_movements)
    records = []
    for row in rows:
        cid = str(row["id"])
        met, applicable = counts.get(cid, (0, 0))
        records.append({
            "id": cid,
            "eligible": not findings.is_blocked(cid),
            "fast_track": movement_of(row) in fast,
            "criteria_met": met,
            "criteria_applicable": applicable,
            "award_years": years.get(cid, 0),
            "reasons": findings.reasons(cid),
            "office_proposed": cid in office,
        })
    table = pd.DataFrame.from_records(records, columns=("id",) + TABLE_COLUMNS)
    return table.set_index("id")


"""What became of each candidate, in the clerk's words, and the order problems are listed in.

Shared by the working register, the feedback packets and the Excel glue's sheets, so that
all three say the same status for the same candidate; ``clerk_text`` takes rule codes out of a
reason for the letters and the council's Biên bản.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from exemplars.catalogue import PLAN_BOUND_DEFAULTS, RULES
from exemplars.domain import MovementKind
from exemplars.findings import Finding, Severity
from exemplars.register import cell_text, is_blank, number_or_none
from exemplars.results import OFFICE_PROPOSAL_LABEL, RunResult
from exemplars.rulebook.schema import Rulebook

SELECTED = "Được chọn"
FAST_TRACK = "Đột xuất (thủ trưởng quyết định)"
RESERVE = "Dự phòng"
ELIGIBLE_NOT_SELECTED = "Đủ điều kiện, chưa được chọn"
NOT_ELIGIBLE = "Chưa đủ điều kiện"
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}


def fast_track_label(movement: object) -> str:
    """The real movement of a fast-track candidate (Đột xuất / Người tốt, việc tốt / Phong trào)."""
    member = MovementKind.from_label(str(movement)) if not is_blank(movement) else None
    return member.fast_track_label if member is not None else "Đột xuất"


@dataclass(frozen=True)
class Outcome:
    """What became of one candidate, in the clerk's words."""

    eligible: bool | None
    reasons: str
    score: float | None
    rank: int | None
    status: str
    detail: str = ""


def candidate_outcomes(result: RunResult) -> dict[str, Outcome]:
    """Candidate id → eligibility, score, rank and status (selected, fast track, reserve…)."""
    assessed = result.assessment.table if result.assessment is not None else None
    ranked = {}
    if result.ranking is not None and "id" in result.ranking.table:
        table = result.ranking.table
        shown = [c for c in ("id", "rank", "score", "office_proposed") if c in table]
        ranked = {str(r["id"]): r for r in table[shown].to_dict("records")}
    # whole columns once: a pandas scalar look-up per candidate was most of this function's time
    eligible_of = assessed["eligible"].to_dict() if assessed is not None else {}
    reasons_of = assessed["reasons"].to_dict() if assessed is not None else {}
    selection = result.selection
    selected = {c.id for c in selection.selected} if selection else set()
    fast = {c.id for c in selection.fast_track} if selection else set()
    reserve = {c.id: why for c, why in selection.reserve} if selection else {}
    notes = selection.notes if selection else {}
    out: dict[str, Outcome] = {}
    register = result.consolidation.register
    movements = {str(r["id"]): r.get("movement") for r in result.consolidation.records()} if fast else {}
    for cid in (register["id"].astype(str) if "id" in register else []):
        eligible, reasons = None, ""
        if cid in eligible_of:
            eligible = bool(eligible_of[cid])
            reasons = cell_text(reasons_of[cid])
        rank_row = ranked.get(cid, {})
        rank: Any = rank_row.get("rank")  # a record value: number, NaN or None
        rank = None if is_blank(rank) else int(rank)
        if cid in selected:
            status, detail = SELECTED, notes.get(cid, "")
        elif cid in fast:
            status, detail = FAST_TRACK, fast_track_label(movements.get(cid))
        elif cid in reserve:
            status, detail = RESERVE, reserve[cid]
        elif eligible is False:
            status, detail = NOT_ELIGIBLE, reasons
        elif eligible:
            status, detail = ELIGIBLE_NOT_SELECTED, ""
        else:
            status, detail = "Chưa xét", ""
        if bool(rank_row.get("office_proposed", False)):
            detail = "; ".join(x for x in (OFFICE_PROPOSAL_LABEL, detail) if x)
        out[cid] = Outcome(eligible, reasons, number_or_none(rank_row.get("score")), rank, status, detail)
    return out


def _cell_key(cell: str) -> tuple[int, int]:
    """"AB12" → (28, 12) so that F9 sorts before F14 and Z1 before AA1."""
    m = re.fullmatch(r"([A-Za-z]*)(\d*)", cell or "")
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return (col, int(m.group(2) or 0))


def sorted_problems(problems: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notices; within a severity by file, sheet and cell."""
    return sorted(problems, key=lambda p: (SEVERITY_ORDER[p.severity], p.file, p.sheet, _cell_key(p.cell), p.rule_id))


def plan_codes(rulebook: Rulebook) -> dict[str, str]:
    """Rule code → what the clerk reads instead: a quota by its label, any other code by nothing."""
    codes = dict.fromkeys(set(RULES) | set(PLAN_BOUND_DEFAULTS.values()), "")
    for c in rulebook.criteria:
        codes[c.id] = codes[c.id.split(".")[0]] = ""
    codes.update({q.id: f"«{q.label}»" for q in rulebook.quotas})
    return codes


def clerk_text(text: str, codes: dict[str, str]) -> str:
    """``text`` without rule codes: "[A-11.4] " dropped, "hạn mức A-21-TT" → "hạn mức «…»"."""
    def bracket(m: re.Match) -> str:
        return m.group(0) if m.group(1) not in codes else (f" {codes[m.group(1)]}" if codes[m.group(1)] else "")

    def bare(m: re.Match) -> str:
        return f"{m.group(1)}{codes[m.group(2)]}" if codes[m.group(2)] else ""

    text = re.sub(r"\s*\[([^\]\s]+)\]", bracket, text or "")
    found = [c for c in codes if c in text]
    if found:
        alternatives = "|".join(re.escape(c) for c in sorted(found, key=len, reverse=True))
        text = re.sub(rf"(\s?)(?<![\w.-])({alternatives})(?![\w-]|\.\d)", bare, text)
    return re.sub(r"\s{2,}", " ", text).replace(" )", ")").replace("( ", "(").strip()

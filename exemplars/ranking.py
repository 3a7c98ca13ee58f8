"""Ranking: a score per candidate from the rulebook's scoring table, with its explanation,
council votes, and explicit tie-breaks → ``Ranking``.

Neither plan defines a score, so every weight lives in ``[scoring]`` of the rulebook.
The order depends only on candidate data, never on file or row order: every tie
ends at the candidate id, which is stable across runs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from exemplars.domain import Gender, RecognitionLevel, Replicability, SubjectKind, TaskCompletion
from exemplars.register import enum_of, kind_of, movement_of, text_of, value_of
from exemplars.results import Assessment, Ranking
from exemplars.rulebook.schema import Rulebook, Voting
from exemplars.vi.notation import number_vi
from exemplars.vi.text import fold
from exemplars.votes import Votes

RANKING_COLUMNS = (
    "id", "name", "subject_kind", "unit_code", "unit_name", "movement", "eligible", "fast_track", "score",
    "breakdown", "vote_yes", "vote_members", "vote_share", "vote_ok", "vote_status", "vote_cell", "vote_present", "rank",
    "criteria_met", "criteria_applicable", "initiative_level", "gender", "women_share", "women_first", "office_proposed", "reasons",
)

TASK_ABBREVIATIONS = {
    TaskCompletion.XUAT_SAC: "HTXSNV",
    TaskCompletion.TOT: "HTTNV",
    TaskCompletion.HOAN_THANH: "HTNV",
    TaskCompletion.KHONG: "KHTNV",
}
_LEVEL_ORDER = list(RecognitionLevel)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def score_candidate(row: Any, met: int, applicable: int, award_years: int, share: float | None,
                    rulebook: Rulebook) -> tuple[float, str]:
    """(score, Vietnamese explanation), e.g. "7/7 tiêu chí × 10 = 70 + … → 138"."""
    s = rulebook.scoring
    if s.criteria_basis == "share":
        # B-18 compares kinds with different numbers of criteria: the share met is what counts
        share_met = met / applicable if applicable else 0.0
        criteria_points = share_met * s.criteria_points
        parts = [f"{met}/{applicable} tiêu chí ({number_vi(share_met * 100)}%) × {number_vi(s.criteria_points)} = "
                 f"{number_vi(criteria_points)}"]
    else:
        criteria_points = met * s.per_criterion
        parts = [f"{met}/{applicable} tiêu chí × {number_vi(s.per_criterion)} = {number_vi(criteria_points)}"]
    score = criteria_points
    level = enum_of(row, "initiative_level", RecognitionLevel)
    if level is not None and s.initiative_level.get(level):
        points = s.initiative_level[level]
        score += points
        parts.append(f"sáng kiến {_lower_first(level.label)} {number_vi(points)}")
    replicable = enum_of(row, "replicability", Replicability)
    if replicable is not None and s.replicability.get(replicable):
        points = s.replicability[replicable]
        score += points
        parts.append(f"nhân rộng {_lower_first(replicable.label)} {number_vi(points)}")
    task = enum_of(row, "task_completion", TaskCompletion)
    if task is not None and s.task_completion.get(task):
        points = s.task_completion[task]
        score += points
        parts.append(f"{TASK_ABBREVIATIONS[task]} {number_vi(points)}")
    years = min(award_years, s.award_history_years)
    if years and s.award_history_per_year:
        points = years * s.award_history_per_year
        score += points
        parts.append(f"{years} năm khen thưởng × {number_vi(s.award_history_per_year)} = {number_vi(points)}")
    if s.vote_weight:
        if share is None:
            parts.append("chưa có phiếu bầu")
        else:
            points = share * s.vote_weight
            score += points
            parts.append(f"phiếu {number_vi(share * 100)}% × {number_vi(s.vote_weight)} = {number_vi(points)}")
    score = round(score, 2)
    return score, " + ".join(parts) + f" → {number_vi(score)}"


def tie_value(record: dict[str, Any], rule: str) -> tuple:
    """The part of the order one tie-break gives (smaller goes first)."""
    if rule == "score":
        return (-record["score"],)
    if rule == "vote_share":
        share = record["vote_share"]
        return (-(share if isinstance(share, (int, float)) and share == share else -1.0),)
    if rule == "criteria_met":
        return (-record["criteria_met"],)
    if rule == "initiative_level":
        level = record["initiative_level"]  # None, or NaN once the records went through a DataFrame
        return (-(_LEVEL_ORDER.index(RecognitionLevel(level)) if isinstance(level, str) and level else -1),)
    if rule == "female":
        return (0 if record["women_first"] else 1,)
    if rule == "name":
        folded = fold(record["name"] or "")
        return (folded.split(" ")[-1] if folded else "", folded)
    if rule == "id":
        return (record["id"],)
    raise ValueError(f"unknown tie-break {rule!r}")


def sort_key(record: dict[str, Any], tie_breaks: list[str]) -> tuple:
    """Eligible first, then the rulebook's tie-breaks; the id always ends the key."""
    key: list[Any] = [0 if record["eligible"] else 1]
    for rule in tie_breaks:
        key.extend(tie_value(record, rule))
    key.append(record["id"])
    return tuple(key)


def women_first(kind: SubjectKind | None, gender: Gender | None, women_share: float | None,
                rulebook: Rulebook) -> bool:
    """Nghị định 152/2025 Điều 4: a woman, or a collective whose share of women reaches the rulebook's
    minimum (70 %), goes first among equals."""
    if kind is SubjectKind.CA_NHAN:
        return gender is Gender.NU
    return women_share is not None and women_share >= rulebook.scoring.women_collective_share * 100 - 1e-9


def _vote_of(row: dict[str, Any], cid: str, votes: Votes | None, voting: Voting,
             ) -> tuple[int | None, int | None, float | None, bool, str]:
    """(yes, members, share, vote_ok, status); status is one of ``VOTE_STATUSES``.

    Without any vote sheet the list is a draft and every candidate stays selectable (``"none"``);
    once votes are supplied, a candidate needs its own valid row that passes the threshold.
    """
    if votes is None or not votes.supplied:
        return None, None, None, not voting.required, "none"
    who = (cid, text_of(row, "name"), text_of(row, "unit_code"), text_of(row, "unit_name"))
    if votes.invalid_cell(*who) is not None:
        return None, None, None, False, "invalid"
    counted = votes.lookup(*who)
    if counted is None:
        return None, None, None, False, "missing"
    yes, members = counted
    present = votes.present_of(*who)
    if voting.quorum is not None and present is not None and present < voting.quorum * members:
        return yes, members, yes / members, False, "no_quorum"
    passed = voting.passes(yes, members)
    return yes, members, yes / members, passed, "passed" if passed else "below"


def _vote_cell(votes: Votes | None, status: str, cid: str, row: dict[str, Any]) -> str | None:
    """The vote sheet's cell a blocked candidate's reason names: its row in error, or its members present."""
    if votes is None or status not in ("invalid", "no_quorum"):
        return None
    who = (cid, text_of(row, "name"), text_of(row, "unit_code"), text_of(row, "unit_name"))
    return votes.invalid_cell(*who) if status == "invalid" else votes.present_cell(*who)


def rank(assessment: Assessment, rulebook: Rulebook, votes: Votes | None = None) -> Ranking:
    """Score, explain and order every candidate; ranks 1..n go to eligible candidates."""
    table = assessment.table
    voting = rulebook.voting
    records = []
    # Plain dicts: per-field access on pandas rows dominated the run time.
    infos = dict(zip(table.index.map(str), table.to_dict("records"), strict=True))
    for row in assessment.consolidation.records():
        cid = str(row["id"])
        info = infos[cid]
        yes, members, share, vote_ok, vote_status = _vote_of(row, cid, votes, voting)
        years = int(info["award_years"]) if "award_years" in table.columns else 0
        score, breakdown = score_candidate(row, int(info["criteria_met"]), int(info["criteria_applicable"]),
                                           years, share, rulebook)
        kind: SubjectKind | None = kind_of(row)
        movement = movement_of(row)
        gender = enum_of(row, "gender", Gender)
        level = enum_of(row, "initiative_level", RecognitionLevel)
        women = value_of(row, "women_share")
        women = float(women) if isinstance(women, (int, float)) and women == women else None
        records.append({
            "id": cid, "name": text_of(row, "name"), "subject_kind": kind.value if kind else None,
            "unit_code": text_of(row, "unit_code"), "unit_name": text_of(row, "unit_name"),
            "movement": movement.value if movement else None, "eligible": bool(info["eligible"]),
            "fast_track": bool(info["fast_track"]), "score": score, "breakdown": breakdown,
            "vote_yes": yes, "vote_members": members, "vote_share": share, "vote_ok": bool(vote_ok),
            "vote_status": vote_status,
            "vote_cell": _vote_cell(votes, vote_status, cid, row),
            "vote_present": votes.present_of(cid, text_of(row, "name"), text_of(row, "unit_code"),
                                             text_of(row, "unit_name")) if votes is not None else None,
            "rank": None, "criteria_met": int(info["criteria_met"]),
            "criteria_applicable": int(info["criteria_applicable"]),
            "initiative_level": level.value if level else None, "gender": gender.value if gender else None,
            "women_share": women, "women_first": women_first(kind, gender, women, rulebook),
            "office_proposed": bool(info.get("office_proposed", False)),
            "reasons": str(info["reasons"] or ""),
        })
    records.sort(key=lambda r: sort_key(r, list(rulebook.scoring.tie_breaks)))
    position = 0
    for record in records:
        if record["eligible"]:
            position += 1
            record["rank"] = position
    frame = pd.DataFrame.from_records(records, columns=RANKING_COLUMNS)
    for column in ("rank", "vote_yes", "vote_members", "vote_present", "vote_share", "women_share"):
        # Object columns keep None as None and integers as integers (no NaN, no 1.0).
        frame[column] = pd.Series([r[column] for r in records], dtype=object)
    return Ranking(table=frame.reset_index(drop=True), votes_source=votes.source if votes is not None else "")

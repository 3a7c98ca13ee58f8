"""Selection: walk the ranking and choose the exemplars the plan allows → ``Selection``.

* ``quotas`` (Đồng Nai KCN 2020): caps per subject kind for the movements each quota
  covers (A-21), at most N individuals of one collective (A-22), uncapped fast-track
  movements listed separately for the head of agency (A-23, A-27).
* ``models`` (Sở NN&PTNT 2017-2020): the best ``max_total`` models, with a warning when
  fewer than ``min_total`` qualify (B-18).

Fast-track candidates need no council vote (the standing office proposes, the head of
agency decides — A-27), so every eligible one is listed.  ``reward_total`` is the money
of ``selected`` only; fast-track candidates carry their
own reward lines and the outputs show their total separately, because the head of
agency decides them outside the council's list.  A tie at the last place of a limit is
flagged to the council (``exemplars.ties``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from exemplars.catalogue import (
    DRAFT_WITHOUT_VOTES,
    MODEL_NOT_REPLICABLE,
    NO_COEFFICIENT,
    SAME_IDENTITY,
    TOO_FEW_MODELS,
    VOTE_MISSING,
    VOTE_NO_QUORUM,
)
from exemplars.domain import MovementKind, Replicability, SubjectKind
from exemplars.errors import InputError
from exemplars.findings import Finding, Severity
from exemplars.nominations import settle_over_nomination
from exemplars.register import collective_display, collective_key_of_member, enum_of, identity_key, text_of
from exemplars.results import DRAFT_MARK, Assessment, Ranking, RewardLine, SelectedCandidate, Selection, frame_records
from exemplars.rewards import base_salary_on, decree_in_force, reward_for
from exemplars.rulebook.schema import LegalTables, Quota, Rulebook
from exemplars.ties import flag_tie, is_tie
from exemplars.votes import SHEET_VOTES


def _percent(value: float) -> str:
    """0.363636 → "36,4%": a share the clerk reads, with at most one decimal (Vietnamese comma)."""
    text = f"{value * 100:.1f}".removesuffix(".0")
    return text.replace(".", ",") + "%"


def _candidate(record: dict[str, Any], track: str, reward: RewardLine | None = None) -> SelectedCandidate:
    rank = record["rank"]
    return SelectedCandidate(
        id=record["id"], name=record["name"], kind=SubjectKind(record["subject_kind"]),
        unit_code=record["unit_code"], unit_name=record["unit_name"], score=float(record["score"]),
        rank=int(rank) if rank is not None else None, track=track, reward=reward,
        office_proposed=bool(record.get("office_proposed", False)),
    )


class _Chooser:
    """State of one walk down the ranking."""

    def __init__(self, ranking: Ranking, assessment: Assessment, rulebook: Rulebook, legal: LegalTables,
                 decision_date: dt.date):
        self.rulebook, self.legal, self.decision_date = rulebook, legal, decision_date
        self.superior_date = decision_date
        self.rows = {str(r["id"]): r for r in assessment.consolidation.records()}
        ranked = frame_records(ranking.table)  # once: each copy of the ranking is a dict per candidate
        self.records = [r for r in ranked if r["eligible"]]
        self.selected: list[SelectedCandidate] = []
        self.fast_track: list[SelectedCandidate] = []
        self.reserve: list[tuple[SelectedCandidate, str]] = []
        self.problems: list[Finding] = []
        self.per_collective: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.cons = assessment.consolidation
        #: identity (same person or collective) → the record already selected for it
        self.identities: dict[tuple[str, ...], dict[str, Any]] = {}
        self.notes: dict[str, str] = {}  # ties at the last place, for the council
        self.votes_source = ranking.votes_source
        # A-22 keep_best: members beyond the cap, settled on the ranking before the walk
        self.over_nominated, found = settle_over_nomination(assessment.consolidation,
                                                            ranked, rulebook)
        self.problems.extend(found)

    def reward(self, record: dict[str, Any]) -> RewardLine | None:
        """Money for the proposed form (a rulebook form) or the rulebook's first form."""
        row = self.rows.get(record["id"])
        proposed = str(row.get("proposed_award") or "") if row is not None else ""
        form = self.rulebook.reward_form(proposed) or self.rulebook.reward_forms[0]
        day = self.superior_date if form.paid_by == "superior" else self.decision_date
        try:
            return reward_for(self.legal, form.legal_key, SubjectKind(record["subject_kind"]),
                              day, form_id=form.id, form_label=form.label,
                              household_rounding=self.rulebook.money.household_rounding)
        except InputError as exc:
            # Only a form/kind mismatch gets here (dates are checked up front): report, keep going.
            self.problems.append(Finding(severity=Severity.WARNING, rule_id=NO_COEFFICIENT,
                                         message=f"«{record['name']}»: {exc.message}",
                                         candidate_id=record["id"], unit_code=record["unit_code"]))
            return None

    def vote_reason(self, record: dict[str, Any]) -> str:
        voting, status = self.rulebook.voting, record.get("vote_status")
        if status == "missing":
            row = self.rows[record["id"]]
            self.problems.append(Finding(
                severity=Severity.WARNING, rule_id=VOTE_MISSING, candidate_id=record["id"],
                unit_code=record["unit_code"], value=record["name"], file=text_of(row, "source_file"),
                sheet=text_of(row, "source_sheet"), cell=self.cons.cell(row, "name"),
                message=f"«{record['name']}» ({record['unit_name'] or record['unit_code']}): không có dòng phiếu bầu "
                        "của Hội đồng trong tệp phiếu bầu nên chưa được chọn."))
            return "không có dòng phiếu bầu của Hội đồng trong tệp phiếu bầu"
        if status == "invalid":
            at = f" (ô {record['vote_cell']} của sheet phiếu bầu)" if record.get("vote_cell") else ""
            return f"dòng phiếu bầu không hợp lệ{at}, không được tính; sửa dòng đó rồi chạy lại"
        if status == "no_quorum":
            quorum = _percent(voting.quorum or 0)
            self.problems.append(Finding(
                severity=Severity.WARNING, rule_id=VOTE_NO_QUORUM, candidate_id=record["id"],
                unit_code=record["unit_code"], file=self.votes_source, sheet=SHEET_VOTES,
                cell=str(record.get("vote_cell") or ""), value=record["name"],
                message=f"«{record['name']}»: chỉ {record.get('vote_present')}/{record['vote_members']} thành viên có "
                        f"mặt khi biểu quyết, dưới túc số {quorum} tổng số thành viên Hội đồng nên chưa được chọn."))
            return f"số thành viên có mặt dưới {quorum} tổng số thành viên Hội đồng"
        if record["vote_share"] is None:
            return "chưa có phiếu bầu của Hội đồng (bắt buộc theo kế hoạch)"
        word = "dưới" if record["vote_share"] < voting.threshold else "chưa quá"  # exactly half: not a majority
        return f"phiếu bầu {_percent(record['vote_share'])}, {word} {_percent(voting.threshold)} tổng số thành viên Hội đồng"

    def place(self, record: dict[str, Any]) -> str:
        row = self.rows[record["id"]]
        cell = self.cons.cell(row, "name")
        where = " › ".join(x for x in (text_of(row, "source_file"), cell) if x)
        return f"{record['unit_name'] or record['unit_code']}, {where}" if where else record["unit_name"]

    def same_identity(self, record: dict[str, Any]) -> str:
        """Why a row cannot be selected because its person or collective already is ("" when it can)."""
        kept = self.identities.get(identity_key(self.rows[record["id"]]))
        if kept is None:
            return ""
        here, there = self.place(record), self.place(kept)
        for row, other, at, other_at in ((record, kept, here, there), (kept, record, there, here)):
            self.problems.append(Finding(
                severity=Severity.WARNING, rule_id=SAME_IDENTITY, candidate_id=row["id"], unit_code=row["unit_code"],
                file=text_of(self.rows[row["id"]], "source_file"), cell=self.cons.cell(self.rows[row["id"]], "name"),
                value=row["name"],
                message=f"«{row['name']}» ({at}) trùng với «{other['name']}» ({other_at}); một người (tập thể) chỉ "
                        f"được chọn một lần: giữ «{kept['name']}» ({there})."))
        return f"trùng với «{kept['name']}» ({there}) đã được chọn; dòng này: {here}"

    def remember(self, record: dict[str, Any]) -> None:
        self.identities[identity_key(self.rows[record["id"]])] = record

    def collective_block(self, record: dict[str, Any]) -> str:
        """Why an individual cannot be added because of A-22 ("" when it can)."""
        cap = self.rulebook.selection.max_individuals_per_collective
        if not cap or record["subject_kind"] != SubjectKind.CA_NHAN.value:
            return ""
        if record["id"] in self.over_nominated:
            return self.over_nominated[record["id"]]
        row = self.rows[record["id"]]
        if len(self.per_collective[collective_key_of_member(row)]) >= cap:
            return f"tập thể «{collective_display(row)}» đã có cá nhân được chọn"
        return ""

    def replicability_block(self, record: dict[str, Any]) -> str:
        """B-18: a model must be replicable at least at the rulebook's level ("" when it is); warns the unit."""
        minimum = self.rulebook.selection.model_min_replicability
        if minimum is None:
            return ""
        row = self.rows[record["id"]]
        level = enum_of(row, "replicability", Replicability)
        order = list(Replicability)
        if level is not None and order.index(level) <= order.index(minimum):
            return ""
        shown = f"«{level.label}»" if level is not None else "để trống"
        reason = f"khả năng nhân rộng {shown}, chưa đạt mức tối thiểu «{minimum.label}» của mô hình (B-18)"
        self.problems.append(Finding(
            severity=Severity.WARNING, rule_id=MODEL_NOT_REPLICABLE,
            message=f"«{record['name']}»: {reason} nên không được chọn làm mô hình đăng ký.",
            file=str(row.get("source_file") or ""), sheet=str(row.get("source_sheet") or ""),
            cell=self.cons.cell(row, "replicability") if row.get("source_file") else "",
            value=level.label if level is not None else "", candidate_id=record["id"], unit_code=record["unit_code"]))
        return reason

    def take(self, record: dict[str, Any]) -> None:
        self.remember(record)
        if record["subject_kind"] == SubjectKind.CA_NHAN.value:
            self.per_collective[collective_key_of_member(self.rows[record["id"]])].append(record["id"])
        self.selected.append(_candidate(record, "regular", self.reward(record)))

    def put_aside(self, record: dict[str, Any], reason: str) -> None:
        self.reserve.append((_candidate(record, "regular"), reason))

    def set_aside_tie(self, record: dict[str, Any], last: dict[str, Any] | None, reason: str, limit: str) -> None:
        """Reserve for a full limit; a tie with the last one taken is flagged to the council."""
        if last is not None and is_tie(last, record):
            self.problems.append(flag_tie(last, record, limit, self.rulebook, self.notes))
            reason = f"{reason}; {self.notes[record['id']]}"
        self.put_aside(record, reason)

    def is_fast_track(self, record: dict[str, Any]) -> bool:
        """Fast-track rows are listed apart (no quota, no vote); True when ``record`` was handled here."""
        if not record["fast_track"]:
            return False
        if reason := self.same_identity(record):
            self.reserve.append((_candidate(record, "fast_track"), reason))
            return True
        self.remember(record)
        self.fast_track.append(_candidate(record, "fast_track", self.reward(record)))
        return True


def _covers(quota: Quota, record: dict[str, Any]) -> bool:
    return (SubjectKind(record["subject_kind"]) in quota.subject_kinds
            and record["movement"] is not None and MovementKind(record["movement"]) in quota.movements)


def _select_quotas(ch: _Chooser) -> None:
    quotas = ch.rulebook.quotas
    used = {q.id: 0 for q in quotas}
    last: dict[str, dict[str, Any]] = {}  # quota id → the last record that took one of its places
    for record in ch.records:
        if ch.is_fast_track(record):
            continue
        covering = [q for q in quotas if _covers(q, record)]
        if reason := ch.same_identity(record):
            ch.put_aside(record, reason)
        elif not covering:
            ch.put_aside(record, "không thuộc hạn mức nào của kế hoạch (loại đối tượng, phong trào)")
        elif not record["vote_ok"]:
            ch.put_aside(record, ch.vote_reason(record))
        elif full := [q for q in covering if used[q.id] >= q.max]:
            q = full[0]
            kinds = ", ".join(k.label.lower() for k in q.subject_kinds)
            ch.set_aside_tie(record, last.get(q.id), f"vượt hạn mức {q.id} (tối đa {q.max} {kinds})",
                             f"hạn mức {q.id} (tối đa {q.max} {kinds})")
        elif reason := ch.collective_block(record):
            ch.put_aside(record, reason)
        else:
            for q in covering:
                used[q.id] += 1
                last[q.id] = record
            ch.take(record)


def _select_models(ch: _Chooser) -> None:
    sel = ch.rulebook.selection
    last: dict[str, Any] | None = None
    for record in ch.records:
        if ch.is_fast_track(record):
            continue
        if reason := ch.same_identity(record):
            ch.put_aside(record, reason)
        elif reason := ch.replicability_block(record):
            ch.put_aside(record, reason)
        elif not record["vote_ok"]:
            ch.put_aside(record, ch.vote_reason(record))
        elif sel.max_total is not None and len(ch.selected) >= sel.max_total:
            ch.set_aside_tie(record, last, f"vượt số lượng tối đa {sel.max_total} mô hình, điển hình",
                             f"số lượng tối đa {sel.max_total} mô hình, điển hình")
        elif reason := ch.collective_block(record):
            ch.put_aside(record, reason)
        else:
            last = record
            ch.take(record)
    missing = sel.min_total - len(ch.selected)
    if missing > 0:
        ch.problems.append(Finding(
            severity=Severity.WARNING, rule_id=TOO_FEW_MODELS,
            message=f"Chỉ có {len(ch.selected)} mô hình đủ điều kiện, còn thiếu {missing} so với tối thiểu "
                    f"{sel.min_total}.",
            value=str(len(ch.selected)),
        ))


def select(ranking: Ranking, assessment: Assessment, rulebook: Rulebook, legal: LegalTables,
           decision_date: dt.date, *, superior_decision_date: dt.date | None = None) -> Selection:
    """Choose the exemplars; raises ``InputError`` when no decree or base salary covers ``decision_date``
    (or ``superior_decision_date``, the date of the forms the superior decides and pays)."""
    superior_date = superior_decision_date or decision_date
    for day in {decision_date, superior_date}:
        decree_in_force(legal, day)
        base_salary_on(legal, day)
    chooser = _Chooser(ranking, assessment, rulebook, legal, decision_date)
    chooser.superior_date = superior_date
    if rulebook.selection.mode == "quotas":
        _select_quotas(chooser)
    else:
        _select_models(chooser)
    draft = bool(len(ranking.table)) and bool((ranking.table["vote_status"] == "none").all()) \
        if "vote_status" in ranking.table.columns else False
    if draft and chooser.selected:
        chooser.problems.append(Finding(severity=Severity.WARNING, rule_id=DRAFT_WITHOUT_VOTES, message=(
            f"Danh sách là {DRAFT_MARK}: các ứng viên được chọn theo điểm, "
            "cần nhập phiếu bầu (trang «Phiếu bầu» hoặc --votes) rồi chạy lại trước khi trình ký.")))
    superior = {f.id for f in rulebook.reward_forms if f.paid_by == "superior"}
    total = sum(c.reward.amount for c in chooser.selected if c.reward is not None and c.reward.form_id not in superior)
    above = sum(c.reward.amount for c in chooser.selected + chooser.fast_track
                if c.reward is not None and c.reward.form_id in superior)
    return Selection(selected=chooser.selected, fast_track=chooser.fast_track, reserve=chooser.reserve,
                     problems=chooser.problems, reward_total=total, decision_date=decision_date,
                     draft=draft and bool(chooser.selected), superior_total=above,
                     superior_decision_date=superior_decision_date, notes=chooser.notes)


def fast_track_total(selection: Selection, rulebook: Rulebook | None = None) -> int:
    """Money of the fast-track list the agency pays (decided by the head of agency, shown apart from
    ``reward_total``); forms the superior pays are in ``superior_total`` when ``rulebook`` is given."""
    superior = {f.id for f in rulebook.reward_forms if f.paid_by == "superior"} if rulebook else set()
    return sum(c.reward.amount for c in selection.fast_track if c.reward is not None and c.reward.form_id not in superior)



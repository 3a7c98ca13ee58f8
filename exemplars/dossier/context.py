"""What each document of the dossier says, as plain data for the Word templates (no I/O).

The names below are the tags an office can use in its own templates:

* ``h`` (every document): ``parent_agency``, ``agency`` (capitals), ``agency_name``, ``number_line``,
  ``place_date``, ``year``, ``plan_title``, ``draft``, ``recipients``, ``signer_title``, ``signer_name``.
* a candidate ``c`` (lists and Báo cáo thành tích): ``stt``, ``name``, ``kind``, ``unit``, ``unit_upper``,
  ``where``, ``position``, ``workplace``, ``birth``, ``gender``, ``field``, ``movement``, ``track``,
  ``achievements`` (paragraphs), ``initiative``, ``effectiveness``, ``task``, ``duties``, ``form``,
  ``form_upper``, ``amount``, ``history`` (``year``, ``title``, ``decision``), ``blank``.

Every text that comes from a unit file passes through ``clean`` and is handed to docxtpl as a value,
so a unit's ``{{ … }}`` or ``=…`` prints as typed: values are never parsed as template or field code.
What the registration template does not ask (quê quán, trình độ …) is ``BLANK``, never invented.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from exemplars.domain import Gender, Honorific, LabelledEnum, MovementKind, SubjectGroup, SubjectKind
from exemplars.outputs import nd30
from exemplars.outputs.submission import GROUP_TITLES, ROMAN, fast_track_movements, legal_basis
from exemplars.outputs.submission import _effectiveness as effectiveness_text
from exemplars.outputs.submission import _initiative as initiative_text
from exemplars.register import cell_text, join_parts, label_of, row_dict
from exemplars.results import RunResult, SelectedCandidate, frame_records
from exemplars.rewards import format_vnd
from exemplars.rulebook import load_legal
from exemplars.rulebook.schema import Rulebook
from exemplars.selection import fast_track_total
from exemplars.settings import ResolvedHeader
from exemplars.vi.notation import vnd_in_words
from exemplars.xlsx import safe_text

#: A line the unit fills in by hand: the registration template does not hold this information.
BLANK = "……………………………………"
SHORT_BLANK = "……"
DATE_BLANK = "ngày …… tháng …… năm ……"


def clean(value: Any) -> str:
    """Text fit for a Word run: register blanks → "", no XML-illegal control characters."""
    return safe_text(cell_text(value))


def kind_counts(candidates: list[SelectedCandidate]) -> str:
    """"3 tập thể, 4 cá nhân" in the order of the subject kinds; "không có" when empty."""
    counts = Counter(c.kind for c in candidates)
    parts = [f"{counts[k]:02d} {k.label.lower()}" for k in SubjectKind if counts.get(k)]
    return ", ".join(parts) if parts else "không có"


@dataclass
class Sources:
    """Everything the documents read: the run, the register rows and award history by candidate id."""

    result: RunResult
    rulebook: Rulebook
    header: ResolvedHeader
    council_date: dt.date | None = None

    def __post_init__(self) -> None:
        cons = self.result.consolidation
        self.rows = {str(r["id"]): row_dict(r) for r in cons.records()}
        self.history: dict[str, list[dict[str, Any]]] = {}
        if cons.history is not None and len(cons.history) and "candidate_id" in cons.history.columns:
            for r in frame_records(cons.history):
                self.history.setdefault(str(r["candidate_id"]), []).append(r)
        sel = self.result.selection
        self.selected = _by_rank(sel.selected) if sel else []
        self.fast = _by_rank(sel.fast_track) if sel else []
        self.superior_forms = {f.id for f in self.rulebook.reward_forms if f.paid_by == "superior"}

    def row(self, c: SelectedCandidate) -> dict[str, Any]:
        return self.rows.get(c.id, {})

    def is_superior(self, c: SelectedCandidate) -> bool:
        form_id = c.reward.form_id if c.reward else clean(self.row(c).get("proposed_award"))
        return form_id in self.superior_forms

    def form_label(self, c: SelectedCandidate) -> str:
        if c.reward is not None:
            return c.reward.form_label
        form = self.rulebook.reward_form(clean(self.row(c).get("proposed_award")))
        return form.label if form else self.rulebook.reward_forms[0].label

    def agency_awardees(self) -> list[SelectedCandidate]:
        """Who the agency's own decision awards (council list and fast track, forms the agency pays)."""
        return [c for c in self.selected + self.fast if not self.is_superior(c)]

    def decider(self) -> str:
        return self.rulebook.selection.fast_track_decider or "Thủ trưởng cơ quan"

    def fast_title(self) -> str:
        movements = fast_track_movements([self.row(c) for c in self.fast], self.rulebook)
        return f"Đề xuất khen thưởng {movements.lower() or 'đột xuất'}"

    def track(self, c: SelectedCandidate) -> str:
        if c.track != "fast_track":
            return "Hội đồng xét chọn"
        movement = self.row(c).get("movement")
        kind = MovementKind.from_label(str(movement)) if movement else None
        return f"{kind.fast_track_label if kind else 'Đột xuất'} ({self.decider()} quyết định)"


def _by_rank(candidates: list[SelectedCandidate]) -> list[SelectedCandidate]:
    return sorted(candidates, key=lambda c: (c.rank if c.rank is not None else math.inf, -c.score, c.name))


def header(src: Sources, symbol: str, *, recipients: list[str] | None = None) -> dict[str, Any]:
    h, rb = src.header, src.rulebook
    lines = recipients if recipients is not None else list(h.recipients)
    sel = src.result.selection
    return {
        "parent_agency": clean(h.parent_agency).upper(), "agency": clean(h.agency).upper(),
        "agency_name": clean(h.agency), "number_line": nd30.doc_number_line("", symbol),
        "place_date": nd30.nd30_place_date(clean(h.locality), h.doc_date), "year": src.result.consolidation.year,
        "plan_title": clean(rb.plan_title), "draft": bool(sel.draft) if sel else True,
        "recipients": [r.strip() if r.strip().startswith("-") else f"- {r.strip()}" for r in lines if r.strip()],
        "signer_title": clean(h.signer_title).upper(), "signer_name": clean(h.signer_name), "authority": "",
    }


def _history(src: Sources, c: SelectedCandidate) -> list[dict[str, str]]:
    rows = []
    for r in sorted(src.history.get(c.id, []), key=lambda r: (str(r.get("year") or ""), clean(r.get("title")))):
        title = clean(r.get("title"))
        if not title:
            continue
        number, day, issuer = clean(r.get("decision_no")), clean(r.get("decision_date")), clean(r.get("issuer"))
        decision = join_parts(f"Số {number}" if number else "", f"ngày {day}" if day else "", sep=" ")
        rows.append({"year": clean(r.get("year")), "title": title, "decision": join_parts(decision, issuer, sep="; ")})
    return rows


def _choice(row: dict[str, Any], key: str, enum: type[LabelledEnum]) -> str:
    """Vietnamese label of a choice cell holding a code or a label ("" when blank or unknown)."""
    member = enum.from_label(clean(row.get(key)))
    return member.label if member is not None else ""


def candidate(src: Sources, c: SelectedCandidate, stt: int) -> dict[str, Any]:
    """One candidate as every document shows it."""
    row = src.row(c)
    name = clean(row.get("name")) or clean(c.name)
    unit = clean(row.get("unit_name")) or clean(c.unit_name)
    position, workplace = clean(row.get("position")), clean(row.get("workplace"))
    achievements = [safe_text(line.strip()) for line in clean(row.get("achievements")).splitlines() if line.strip()]
    form = src.form_label(c)
    person = c.kind is SubjectKind.CA_NHAN
    return {
        "id": c.id, "stt": stt, "name": name, "kind": c.kind.label.lower(), "group": c.kind.group.value,
        "unit": unit, "unit_upper": unit.upper(), "position": position or BLANK,
        "workplace": join_parts(workplace, unit) or BLANK,
        "where": join_parts(position, workplace, unit) if person else unit,
        "birth": clean(row.get("birth_date")) or BLANK, "gender": _choice(row, "gender", Gender) or BLANK,
        "honorific": _choice(row, "honorific", Honorific),
        "field": clean(row.get("field")) or BLANK, "movement": label_of("movement", row.get("movement")) or BLANK,
        "track": src.track(c), "achievements": achievements or [BLANK],
        "initiative": safe_text(initiative_text(row)) or "Không có.",
        "effectiveness": safe_text(effectiveness_text(row)).replace("\n", " ") or BLANK,
        "task": label_of("task_completion", row.get("task_completion")) or BLANK,
        "duties": (join_parts(position, workplace) or BLANK) if person else BLANK,
        "form": form, "form_upper": form.upper(), "amount": format_vnd(c.reward.amount) if c.reward else "",
        "amount_value": c.reward.amount if c.reward else 0, "superior": src.is_superior(c),
        "history": _history(src, c), "blank": BLANK,
    }


def proposal(src: Sources) -> dict[str, Any]:
    """The Tờ trình: what is proposed, on what basis, the counts by form and kind, the money, the annex."""
    rb, sel = src.rulebook, src.result.selection
    d = rb.dossier
    everyone = src.selected + src.fast
    rows = [candidate(src, c, i) for i, c in enumerate(everyone, start=1)]
    forms: list[dict[str, Any]] = []
    for form in rb.reward_forms:
        mine = [c for c in everyone if src.form_label(c) == form.label]
        if not mine:
            continue
        by_group = Counter(c.kind.group for c in mine)
        money = sum(c.reward.amount for c in mine if c.reward is not None)
        label = form.label + (" (cấp trên quyết định và chi trả)" if form.paid_by == "superior" else "")
        forms.append({"stt": len(forms) + 1, "label": label, "collectives": by_group.get(SubjectGroup.TAP_THE, 0),
                      "individuals": by_group.get(SubjectGroup.CA_NHAN, 0),
                      "households": by_group.get(SubjectGroup.HO_THT_HTX, 0), "amount": format_vnd(money)})
    agency_total = (sel.reward_total + fast_track_total(sel, rb)) if sel else 0
    superior = [c for c in everyone if src.is_superior(c)]
    superior_text = ""
    if superior and sel is not None:
        day = sel.superior_decision_date or sel.decision_date
        superior_text = (f"{kind_counts(superior)}; tiền thưởng {format_vnd(sel.superior_total)} đồng (tính theo "
                         f"ngày quyết định {day:%d/%m/%Y}), không tính vào số tiền cơ quan chi")
    voted = not (sel.draft if sel else True)
    meeting = f" {nd30.nd30_day_month(src.council_date)}" if src.council_date and voted else ""
    fast_text = kind_counts(src.fast)
    if src.fast:
        fast_text += f"; tiền thưởng {format_vnd(fast_track_total(sel, rb) if sel else 0)} đồng"
    council_text = kind_counts(src.selected)
    if src.selected and sel is not None:
        council_text += f"; tiền thưởng cơ quan chi {format_vnd(sel.reward_total)} đồng"
    h = header(src, d.proposal_symbol, recipients=list(d.proposal_recipients))
    return {"h": h, "t": {
        "submit_to": clean(d.submit_to), "council": clean(rb.selection.decided_by), "proposer": clean(d.proposer),
        "voted": voted, "meeting": meeting, "total_text": kind_counts(everyone),
        "council_text": council_text, "fast_title": f"{src.fast_title()} ({src.decider()} quyết định)",
        "fast_text": fast_text, "superior_text": superior_text, "forms": forms,
        "agency_amount": format_vnd(agency_total), "agency_amount_words": vnd_in_words(agency_total),
        "money_basis": legal_basis(everyone),
        "authority": f"TM. {clean(d.proposer).upper()}", "signer_title": clean(d.proposer_signer_title).upper(),
        "reference": f"số {SHORT_BLANK}/{d.proposal_symbol} {nd30.nd30_day_month(src.header.doc_date)}",
        "rows": rows,
    }}


def decision(src: Sources) -> dict[str, Any]:
    """The draft Quyết định and its annex: the awards the agency itself decides and pays."""
    rb, sel, h = src.rulebook, src.result.selection, src.header
    d = rb.dossier
    awardees = src.agency_awardees()
    sections = []
    groups = [g for g in GROUP_TITLES if any(k.group is g for k in rb.subject_kinds)]
    for number, group in zip(ROMAN, groups, strict=False):
        mine = [c for c in awardees if c.kind.group is group]
        if not mine:
            continue
        rows = [candidate(src, c, i) for i, c in enumerate(mine, start=1)]
        sections.append({"number": number, "title": GROUP_TITLES[group], "count": f"{len(rows):02d}",
                         "rows": rows, "amount": format_vnd(sum(r["amount_value"] for r in rows))})
    for number, section in zip(ROMAN, sections, strict=False):
        section["number"] = number  # sections without awardees are left out, the others numbered in order
    lines = [c.reward for c in awardees if c.reward is not None]
    decrees = sorted({r.decree for r in lines})
    decree_titles = [dc.title for dc in load_legal().decrees if dc.id in decrees]
    total = sum(r.amount for r in lines)
    forms = Counter(src.form_label(c) for c in awardees)
    articles = [f"{form}: {kind_counts([c for c in awardees if src.form_label(c) == form])}" for form in forms]
    signer = clean(d.decision_signer_title or rb.submission.signer_title).upper()
    issuer_title = clean(d.decision_issuer_title).upper() or f"{signer} {clean(h.agency).upper()}"
    salary = sorted({(r.base_salary, r.base_salary_instrument) for r in lines})
    salary_text = "; ".join(f"{format_vnd(a)} đồng ({i})" for a, i in salary)
    decision_day = sel.decision_date if sel else h.doc_date
    money = (f"Tập thể, cá nhân có tên tại Điều 1 được tặng kèm theo mức tiền thưởng theo {', '.join(decree_titles)} "
             f"(hệ số × mức lương cơ sở {salary_text}, áp dụng tại ngày quyết định {decision_day:%d/%m/%Y}); tổng số "
             f"tiền {format_vnd(total)} đồng (bằng chữ: {vnd_in_words(total)}), chi từ {clean(d.fund)}.") if lines else \
        f"Tiền thưởng chi từ {clean(d.fund)} theo quy định."
    return {"h": header(src, d.decision_symbol, recipients=list(d.decision_recipients)), "q": {
        "issuer_title": issuer_title, "issuer": clean(h.agency),
        "bases": [clean(b) for b in d.legal_bases] + decree_titles + [clean(rb.plan_title)],
        "proposer": clean(d.proposer),
        "proposal_reference": f"số {SHORT_BLANK}/{d.proposal_symbol} {nd30.nd30_day_month(h.doc_date)}",
        "article": f"Tặng thưởng {kind_counts(awardees)} đã có thành tích tiêu biểu trong phong trào thi đua năm "
                   f"{src.result.consolidation.year} (có danh sách kèm theo), gồm:",
        "articles": articles, "money": money, "executors": clean(d.executors), "authority": "",
        "signer_title": signer, "reference": f"số {SHORT_BLANK}/{d.decision_symbol} {DATE_BLANK}",
        "sections": sections, "count_text": kind_counts(awardees), "amount": format_vnd(total),
        "amount_words": f"bằng chữ: {vnd_in_words(total)}",
        "money_basis": legal_basis(awardees),
    }}

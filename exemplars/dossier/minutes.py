"""The Biên bản of the council meeting: members, the agenda, every candidate's vote, and the fast track apart.

Filled from the council's vote sheet as the ranking read it (đồng ý / tổng số thành viên per candidate,
members present when the sheet records them).  Without any vote there is no meeting to record:
``minutes`` returns None and the dossier says why (rule id ``HS-01``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from exemplars.dossier.context import BLANK, DATE_BLANK, SHORT_BLANK, Sources, candidate, clean, header, kind_counts
from exemplars.outputs import nd30
from exemplars.outputs.outcomes import clerk_text, plan_codes
from exemplars.results import frame_records
from exemplars.rulebook.schema import Voting
from exemplars.votes import Votes

VOTED = ("passed", "below", "no_quorum")


def percent(value: float) -> str:
    """"81,82%" (Vietnamese decimal comma, at most two decimals)."""
    return f"{round(value * 100, 2):g}".replace(".", ",") + "%"


def threshold_text(voting: Voting) -> str:
    base = "tổng số phiếu bầu" if voting.base == "cast" else "tổng số thành viên Hội đồng"
    word = "trên" if voting.comparison == "more_than" else "từ"
    tail = "" if voting.comparison == "more_than" else " trở lên"
    text = f"{word} {percent(voting.threshold)} {base}{tail} đồng ý"
    if voting.quorum:
        text += f"; số thành viên có mặt từ {percent(voting.quorum)} tổng số thành viên trở lên"
    return text


def _most_common(values: list[int]) -> int | None:
    return Counter(values).most_common(1)[0][0] if values else None


def has_votes(src: Sources) -> bool:
    """True when the council voted on at least one candidate of this run."""
    ranking = src.result.ranking
    if ranking is None or not len(ranking.table) or "vote_status" not in ranking.table.columns:
        return False
    return bool(ranking.table["vote_status"].isin(VOTED).any())


def minutes(src: Sources, votes: Votes | None = None) -> dict[str, Any] | None:
    """The Biên bản's data, or None when the council has not voted (no vote row for any candidate)."""
    if not has_votes(src) or src.result.ranking is None:
        return None
    rb, sel = src.rulebook, src.result.selection
    records = [r for r in frame_records(src.result.ranking.table) if r["vote_status"] in VOTED and not r["fast_track"]]
    chosen = {c.id for c in (sel.selected if sel else [])}
    reserve = {c.id: reason for c, reason in (sel.reserve if sel else [])}
    codes = plan_codes(rb)  # the council reads the quota's name, not its rule code
    rows: list[dict[str, Any]] = []
    for r in records:
        yes, members = int(r["vote_yes"]), int(r["vote_members"])
        if r["vote_status"] == "no_quorum":
            result = "Không đủ số thành viên có mặt"
        elif r["vote_status"] == "below":
            result = "Không đạt"
        elif r["id"] in chosen:
            result = "Đạt – được chọn"
        else:
            why = clerk_text(reserve[r["id"]], codes) if r["id"] in reserve else ""
            result = "Đạt – dự bị" + (f" ({why})" if why else "")
        rows.append({"stt": len(rows) + 1, "name": clean(r["name"]), "unit": clean(r["unit_name"] or r["unit_code"]),
                     "count": f"{yes}/{members}", "percent": percent(yes / members), "result": result})
    total = _most_common([int(r["vote_members"]) for r in records])
    present_values = [votes.present_of(str(r["id"]), clean(r["name"]), clean(r["unit_code"]), clean(r["unit_name"]))
                      for r in records] if votes is not None else []
    present = _most_common([p for p in present_values if p is not None])
    cons = src.result.consolidation
    received = sum(1 for f in cons.files if f.candidates)
    eligible = int(src.result.assessment.table["eligible"].sum()) if src.result.assessment is not None else 0
    d = rb.dossier
    fast = [candidate(src, c, i) for i, c in enumerate(src.fast, start=1)]
    return {"h": header(src, d.minutes_symbol, recipients=[]), "b": {
        "council": clean(rb.selection.decided_by),
        "when": f"…… giờ …… {nd30.nd30_day_month(src.council_date)}" if src.council_date else f"…… giờ …… {DATE_BLANK}",
        "where": BLANK, "members": total if total is not None else SHORT_BLANK,
        "present": present if present is not None else SHORT_BLANK,
        "absent": (total - present) if total is not None and present is not None else SHORT_BLANK,
        "chair": BLANK, "secretary": BLANK,
        "received": f"{len(cons.register)} hồ sơ đề nghị của {received} đơn vị",
        "eligible": f"{eligible} trường hợp đủ tiêu chuẩn, điều kiện",
        "threshold": threshold_text(rb.voting), "votes": rows,
        "fast_title": src.fast_title().removeprefix("Đề xuất khen thưởng ").strip(), "decider": src.decider(),
        "fast_count": kind_counts(src.fast), "fast": fast, "selected_count": kind_counts(src.selected),
        "chair_title": clean(d.council_chair_title).upper(), "secretary_title": clean(d.council_secretary_title).upper(),
    }}


def reports(src: Sources) -> list[tuple[str, dict[str, Any]]]:
    """(template name, data) of the Báo cáo thành tích of each selected candidate, council list then fast track."""
    out = []
    for i, c in enumerate(src.selected + src.fast, start=1):
        data = candidate(src, c, i)
        template = "bao-cao-thanh-tich-ca-nhan.docx" if data["group"] == "ca_nhan" else "bao-cao-thanh-tich-tap-the.docx"
        out.append((template, {"h": header(src, ""), "c": data}))
    return out

"""Ranking: explained scores, votes, tie-breaks, and independence from file and row order."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.registers import award, candidate, make_cons

from exemplars.ranking import rank
from exemplars.validate import validate
from exemplars.vi.notation import number_vi
from exemplars.votes import Votes


def ranked(rb, rows, history=None, votes=None):
    cons = make_cons(rb, rows, history=history)
    return rank(validate(cons, rb), rb, votes).table


def by_count(rb):
    """The rulebook scored the old way: criteria met × per_criterion."""
    return rb.model_copy(update={"scoring": rb.scoring.model_copy(update={"criteria_basis": "count"})})


def test_score_and_explanation(rb_dn):
    rows = [candidate(rb_dn, "a1", initiative_level="tinh", replicability="cao", task_completion="htxs",
                      **{"tc:A-11.2": True})]
    history = [award("a1", y, "Lao động tiên tiến") for y in (2023, 2024, 2025)]
    t = ranked(rb_dn, rows, history, Votes({"a1": (8, 10)}))
    r = t.iloc[0]
    assert r["score"] == 100 + 15 + 10 + 10 + 9 + 24
    assert r["breakdown"] == ("6/6 tiêu chí (100%) × 100 = 100 + sáng kiến cấp tỉnh, thành phố 15 + nhân rộng cao "
                              "10 + HTXSNV 10 + 3 năm khen thưởng × 3 = 9 + phiếu 80% × 30 = 24 → 168")
    assert (r["vote_yes"], r["vote_members"], r["vote_share"], r["vote_ok"], r["rank"]) == (8, 10, 0.8, True, 1)


def test_score_by_count_of_criteria(rb_dn):
    rb_dn = by_count(rb_dn)
    rows = [candidate(rb_dn, "a1", initiative_level="tinh", replicability="cao", task_completion="htxs",
                      **{"tc:A-11.2": True})]
    history = [award("a1", y, "Lao động tiên tiến") for y in (2023, 2024, 2025)]
    t = ranked(rb_dn, rows, history, Votes({"a1": (8, 10)}))
    r = t.iloc[0]
    assert r["score"] == 6 * 10 + 15 + 10 + 10 + 9 + 24
    assert r["breakdown"] == ("6/6 tiêu chí × 10 = 60 + sáng kiến cấp tỉnh, thành phố 15 + nhân rộng cao 10 + "
                              "HTXSNV 10 + 3 năm khen thưởng × 3 = 9 + phiếu 80% × 30 = 24 → 128")
    assert (r["vote_yes"], r["vote_members"], r["vote_share"], r["vote_ok"], r["rank"]) == (8, 10, 0.8, True, 1)


def test_award_years_are_capped_to_the_window(rb_dn):
    history = [award("a1", y, "Lao động tiên tiến") for y in range(2015, 2026)]
    t = ranked(rb_dn, [candidate(rb_dn, "a1")], history)
    assert "5 năm khen thưởng × 3 = 15" in t.iloc[0]["breakdown"]


def test_vote_below_threshold_is_not_ok(rb_dn):
    t = ranked(rb_dn, [candidate(rb_dn, "a1")], votes=Votes({"a1": (4, 10)}))
    assert not t.iloc[0]["vote_ok"] and t.iloc[0]["rank"] == 1
    assert "phiếu 40% × 30 = 12" in t.iloc[0]["breakdown"]


def test_missing_vote_is_ok_unless_required(rb_dn):
    t = ranked(rb_dn, [candidate(rb_dn, "a1")], votes=Votes())
    assert t.iloc[0]["vote_ok"] and t.iloc[0]["vote_share"] is None and "chưa có phiếu bầu" in t.iloc[0]["breakdown"]
    strict = rb_dn.model_copy(update={"voting": rb_dn.voting.model_copy(update={"required": True})})
    cons = make_cons(strict, [candidate(strict, "a1")])
    assert not rank(validate(cons, strict), strict, Votes()).table.iloc[0]["vote_ok"]


def test_votes_found_by_name_and_unit(rb_dn):
    votes = Votes()
    votes.add(9, 10, name="Ông Nguyễn Văn An", unit="VP")
    t = ranked(rb_dn, [candidate(rb_dn, "a1", name="Nguyễn Văn An")], votes=votes)
    assert t.iloc[0]["vote_yes"] == 9


def test_ineligible_candidates_come_last_without_rank(rb_dn):
    rows = [candidate(rb_dn, "a1", unit="VP", task_completion="ht", initiative_level="toan_quoc"),
            candidate(rb_dn, "a2", unit="QLDN")]
    t = ranked(rb_dn, rows)
    assert list(t["id"]) == ["a2", "a1"] and list(t["rank"]) == [1, None]


def test_tie_breaks_female_then_given_name(rb_dn):
    rows = [candidate(rb_dn, "z1", unit="VP", name="Trần Văn Bảo", gender="nam"),
            candidate(rb_dn, "z2", unit="QLDN", name="Nguyễn Văn An", gender="nam"),
            candidate(rb_dn, "z3", unit="QLDT", name="Lê Thị Yến", gender="nu")]
    t = ranked(rb_dn, rows)
    assert list(t["id"]) == ["z3", "z2", "z1"] and list(t["rank"]) == [1, 2, 3]


def test_tie_break_vote_share_before_criteria(rb_dn):
    rb_dn = by_count(rb_dn)
    rows = [candidate(rb_dn, "a1", unit="VP"), candidate(rb_dn, "a2", unit="QLDN", **{"tc:A-11.2": False})]
    # a1: one more criterion (+10), a2: 1/3 more votes (+10): equal scores, vote share decides.
    t = ranked(rb_dn, rows, votes=Votes({"a1": (5, 10), "a2": (25, 30)}))
    s = dict(zip(t["id"], t["score"], strict=True))
    assert abs(s["a1"] - s["a2"]) < 1e-9
    assert list(t["id"]) == ["a2", "a1"]


def test_number_formatting():
    assert (number_vi(12.0), number_vi(24.5), number_vi(2 / 3 * 100)) == ("12", "24,5", "66,67")


@settings(max_examples=80, deadline=None)
@given(met=st.integers(0, 5), unmet=st.integers(0, 5), kinds=st.lists(st.sampled_from(
    ["ca_nhan", "tap_the", "ho_gia_dinh", "to_hop_tac", "hop_tac_xa"]), min_size=2, max_size=2),
    level=st.sampled_from([None, "co_so", "tinh"]), replicable=st.sampled_from([None, "cao", "thap"]),
    task=st.sampled_from(["htxs", "htt"]), years=st.integers(0, 6), votes=st.one_of(st.none(), st.floats(0, 1)))
def test_identical_merit_scores_the_same_whatever_the_kind(rb_nn, met, unmet, kinds, level, replicable, task,
                                                          years, votes):
    """B-18: the same share of criteria met and the same other merits give the same score, whatever number
    of criteria each subject kind has in the plan (each kind's criteria list, scaled to the same share)."""
    from exemplars.domain import SubjectKind
    from exemplars.ranking import score_candidate

    row = {"initiative_level": level, "replicability": replicable, "task_completion": task}
    scores = []
    for kind in kinds:
        scale = len(rb_nn.criteria_for(SubjectKind(kind)))  # 5 for a tập thể, 4 for an individual, …
        applicable = (met + unmet) * scale or scale
        scores.append(score_candidate(row, met * scale, applicable, years, votes, rb_nn)[0])
    assert scores[0] == scores[1]


KINDS = st.sampled_from(["ca_nhan", "tap_the"])
MOVEMENTS = st.sampled_from(["thuong_xuyen", "cai_cach_hanh_chinh", "dot_xuat"])


@st.composite
def registers(draw):
    n = draw(st.integers(2, 12))
    rows = []
    for i in range(n):
        rows.append(dict(
            id=f"c{i:02d}", kind=draw(KINDS), movement=draw(MOVEMENTS),
            unit=draw(st.sampled_from(["VP", "QLDN", "QLDT"])),
            name=draw(st.sampled_from(["Nguyễn Văn An", "Lê Thị Bình", "Trần An", "Phạm Thị Bình"])),
            gender=draw(st.sampled_from(["nam", "nu"])),
            level=draw(st.sampled_from([None, "co_so", "tinh"])),
            task=draw(st.sampled_from(["htxs", "htt", "ht"])),
            optional=draw(st.booleans()),
        ))
    return rows


def _build(rb, spec):
    extra = {"gender": spec["gender"]} if spec["kind"] == "ca_nhan" else {}
    if spec["kind"] == "ca_nhan":
        extra["tc:A-11.2"] = spec["optional"]
    return candidate(rb, spec["id"], spec["kind"], unit=spec["unit"], movement=spec["movement"], name=spec["name"],
                     initiative_level=spec["level"], task_completion=spec["task"], **extra)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=registers(), order=st.randoms(use_true_random=False), votes_on=st.booleans())
def test_ranking_is_independent_of_row_and_file_order(rb_dn, spec, order, votes_on):
    votes = Votes({s["id"]: (i % 7 + 3, 10) for i, s in enumerate(spec)}) if votes_on else None
    first = ranked(rb_dn, [_build(rb_dn, s) for s in spec], votes=votes)
    shuffled = list(spec)
    order.shuffle(shuffled)
    rows = [_build(rb_dn, s) for s in shuffled]
    for r in rows:  # the same candidates, read from other files and rows
        r["source_file"] = f"khac-{r['unit_code']}.xlsx"
    second = ranked(rb_dn, rows, votes=votes)
    cols = ["id", "score", "rank", "breakdown", "vote_ok"]
    assert first[cols].to_dict("records") == second[cols].to_dict("records")

"""How the product reads each rule of a plan that is not a single finding.

The list the product makes is signed by a head of agency and pays out money, so every
reading is written down: what the plan says, what the product does, and which rulebook
setting changes it.  ``docs/rules.md`` renders these after the catalogue of rule ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    topic: str
    plan_says: str
    product_does: str
    setting: str
    source: str = ""


READINGS: tuple[Reading, ...] = (
    Reading(
        "Collective with an exemplary member and no disciplined member (A-17)",
        "Tập thể điển hình phải có cá nhân điển hình tiên tiến và không có cá nhân bị kỷ luật, phê bình.",
        "`collective_no_disciplined_member`: no individual of the collective in the register has any "
        "discipline or criticism. `collective_needs_exemplary_member`: at least one individual of the "
        "collective is eligible in the register, or the unit answered the A-17 criterion Có. The rule is bound "
        "to its criterion by id (`collective_members_criterion`, checked when the rulebook is loaded: an "
        "unknown id stops with a message naming the file and the field) and applies exactly where that "
        "criterion applies — its subject kinds and `only_movements` — so a đột xuất, người tốt việc tốt or "
        "chuyên đề collective is not asked for an exemplary member when A-17 covers only thường xuyên and cải "
        "cách hành chính. The finding carries the criterion id. Without a bound criterion the rule covers "
        "every tập thể (id A-17).",
        "`cross_rules.collective_no_disciplined_member`, `cross_rules.collective_needs_exemplary_member`, "
        "`cross_rules.collective_members_criterion` (Đồng Nai: \"A-17\"; NN&PTNT: not set, the rule is off)",
        "A-17 (mục II.3.1)"),
    Reading(
        "A leader needs his or her collective (A-20, B-16)",
        "Cá nhân là lãnh đạo, quản lý chỉ được xét khi tập thể do mình lãnh đạo đạt điển hình.",
        "`leader_requires_collective`: a leader (Lãnh đạo, quản lý = Có) qualifies only if the collective "
        "(Thuộc tập thể, or the unit) is nominated and eligible. The rule id comes from the plan's "
        "leaders-only criteria (A-20.x → A-20; B-16).",
        "`cross_rules.leader_requires_collective`, `criteria[].leaders_only`",
        "A-20 (mục II.3.2); B-16 (mục II.2.c)"),
    Reading(
        "A leader's collective must have excelled (A-20.3)",
        "Cá nhân giữ chức vụ lãnh đạo, quản lý: lãnh đạo tập thể hoàn thành xuất sắc nhiệm vụ.",
        "`leader_collective_rating`: when the leader's collective is in the register, its «Mức độ hoàn thành "
        "nhiệm vụ» must reach `min_rating`, or the leader is not eligible (error with the criterion id, on "
        "the «Thuộc tập thể» cell). The check is bound to `criterion` by id and applies where that criterion "
        "applies (leaders of its kinds and movements). A collective not nominated is left to the rule above. "
        "Đồng Nai: A-20.3, Hoàn thành xuất sắc; NN&PTNT: B-16, Hoàn thành tốt (the plan asks only that the "
        "collective meets its own criteria).",
        "`cross_rules.leader_collective_rating.criterion`, `cross_rules.leader_collective_rating.min_rating`",
        "A-20.3 (mục II.3.2); B-16 (mục II.2.c)"),
    Reading(
        "Who is a leader",
        "Cá nhân giữ chức vụ lãnh đạo, quản lý (A-20); người đứng đầu (B-16).",
        "The «Lãnh đạo, quản lý» column decides. When it is blank and «Chức vụ» contains, as whole words "
        "after folding, a position of `leader_positions` (Giám đốc, Phó Giám đốc, Trưởng/Phó phòng, "
        "Chánh/Phó Chánh Văn phòng, Chi cục trưởng, Hạt trưởng, Trạm trưởng, Đội trưởng, Tổ trưởng, Chủ "
        "nhiệm, Chủ tịch, Bí thư …), the candidate gets warning V4-CHUCVU and is treated as a leader: the "
        "leaders-only criteria and the leader rules apply. An explicit «Không» is respected; the unit's cell "
        "is never changed.",
        "`cross_rules.leader_positions`",
        "A-20 (mục II.3.2); B-16 (mục II.2.c)"),
    Reading(
        "Household culture streak (B-14)",
        "Hộ sản xuất giỏi phải đạt danh hiệu Gia đình văn hóa nhiều năm liền.",
        "`household_culture`: a household holds a title of `titles` for `min_consecutive_years` consecutive "
        "years ending last year (or this year), or any title of `outstanding_titles`. History = the unit's "
        "«Lịch sử khen thưởng» sheet plus earlier runs in the history store.",
        "`cross_rules.household_culture`",
        "B-14 (mục II.2.b)"),
    Reading(
        "Order of the checks",
        "—",
        "Field rules of every record, then A-22, then A-17 (which counts the individuals still eligible), "
        "then leaders (who need their collective eligible after A-17), then the history rules. A "
        "collective's eligibility is fixed before any leader is checked, so the result never depends on "
        "the order of rows or files. A cell already reported while reading is not reported again; the "
        "candidate is still blocked if that field is required.",
        "—"),
    Reading(
        "Fast track (A-23, A-27)",
        "Đột xuất, người tốt việc tốt, chuyên đề: không giới hạn số lượng; Trưởng ban quyết định.",
        "A candidate of a fast-track movement is validated like any other and marked `fast_track`; "
        "selection lists it apart, outside the quotas, without a council vote. The list's section, its total "
        "and each row name the real movement as the plan does (Đột xuất / Người tốt, việc tốt / Phong trào "
        "for a chuyên đề movement), in the order of `fast_track_movements`; the working register's status "
        "and «Diện» say the same.",
        "`selection.fast_track_movements`, `selection.fast_track_decider`",
        "A-23, A-27"),
    Reading(
        "Council vote threshold",
        "Hội đồng biểu quyết theo đa số (brief §2.5).",
        "`vote_ok` when the vote share (of all members, or of the votes cast) reaches the threshold. A "
        "candidate without a recorded vote is `vote_ok` unless votes are required.",
        "`voting.threshold` (both plans 0.5), `voting.base`, `voting.required`",
        "Luật TĐKT 2022; Nghị định 152/2025"),
    Reading(
        "Ranking score (B-18)",
        "Lựa chọn những mô hình tiêu biểu, có khả năng nhân rộng.",
        "Score = criteria points + points of the initiative level + points of replicability + points of task "
        "completion + award years (within the last `award_history_years`) × `award_history_per_year` + vote "
        "share × `vote_weight`. Criteria points are the share of the applicable criteria met × "
        "`criteria_points` (`criteria_basis = share`, default), so identical merit gives an identical score "
        "whatever the subject kind and however many criteria the plan gives it (an individual with 3/3 "
        "criteria and a collective with 5/5 both get 100); `criteria_basis = count` gives criteria met × "
        "`per_criterion`. Each candidate carries the explanation, e.g. `6/6 tiêu chí (100%) × 100 = 100 + sáng "
        "kiến cấp tỉnh, thành phố 15 + nhân rộng cao 10 + HTXSNV 10 + 3 năm khen thưởng × 3 = 9 + phiếu 80% × "
        "30 = 24 → 168`. In `models` mode a model must also be replicable: «Khả năng nhân rộng» blank or below "
        "`model_min_replicability` (default Trung bình) → reserve with the reason and warning V2-NHAN-RONG.",
        "`scoring.criteria_basis`, `scoring.criteria_points`, `scoring.*`, `selection.model_min_replicability`",
        "B-18"),
    Reading(
        "Ties",
        "Nghị định 152/2025 Điều 4: ưu tiên nữ, tập thể có từ 70% nữ khi các trường hợp có thành tích như nhau.",
        "Ties follow `tie_breaks` (score, vote share, criteria met, initiative level, women first, given name "
        "then full name — folded —, id). Women first: a woman, or a collective whose «Tỷ lệ nữ (%)» (optional "
        "template column; 75, \"75%\" or 0,75 in the %-formatted cell; a number up to 1 is a fraction) reaches "
        "`women_collective_share`. Eligible candidates get ranks 1..n; the id ends every tie, so file and row "
        "order never change the ranking. A candidate left out of a full quota or of the models with the score "
        "of the last one taken → V2-DONG-DIEM naming the deciding tie-break, and a note on both in the ranking "
        "sheet and the run summary.",
        "`scoring.tie_breaks`, `scoring.women_collective_share` (default 0.7)",
        "Nghị định 152/2025 Điều 4"),
    Reading(
        "Quotas (A-21)",
        "Mỗi năm tối đa 04 cá nhân và 03 tập thể (phong trào thường xuyên và cải cách hành chính).",
        "`quotas` mode: walking the ranking, a candidate covered by a quota (subject kind and movement) is "
        "taken while every covering quota has room; otherwise it is kept in reserve with the reason "
        "(«vượt hạn mức A-21-CN (tối đa 4 cá nhân)»). A candidate covered by no quota and not fast track is "
        "reserve («không thuộc hạn mức nào của kế hoạch»). Never two individuals of one collective among "
        "the selected (A-22 again). `vote_ok` is needed to be selected.",
        "`quotas`, `selection.mode`, `selection.max_individuals_per_collective`",
        "A-21, A-22"),
    Reading(
        "Money",
        "Tiền thưởng theo hệ số × mức lương cơ sở (Nghị định 152/2025).",
        "The candidate's proposed form when it is a form of the plan, else the plan's first form; "
        "coefficient of the decree in force on the decision date × base salary in force on that date, "
        "rounded per `legal.toml` (ceiling to 10.000 đồng, Nghị định 152/2025 Điều 49); households 1,5 × the "
        "individual amount, in the order `money.household_rounding` says: `household_amount` (default: the "
        "household's own amount is what is paid, so it is rounded once — 1,5 × 0,3 × 2.340.000 = 1.053.000 → "
        "1.060.000) or `individual_amount` (1,5 × the rounded individual amount — 1,5 × 710.000 = 1.065.000). `reward_total` is the total of the council's list that the agency pays: a form with `paid_by = \"superior\"` (the Bằng khen of the UBND tỉnh/thành phố, proposed to and paid by the province) is shown apart as «ĐỀ NGHỊ CẤP TRÊN KHEN THƯỞNG» (`superior_total`), computed on its own optional decision date (`superior_decision_date` of the run settings, default the award decision date); the fast-track list has its "
        "own lines and total because the head of agency decides it separately. A decision date before every "
        "decree or base salary stops the run with a Vietnamese message.",
        "`reward_forms` (`paid_by`), `money.household_rounding`, `legal.toml` (`decrees`, `base_salaries`, "
        "`household_factor`, `rounding`)",
        "Nghị định 152/2025 Điều 49"),
    Reading(
        "Which nurturing steps a plan has (B-23, B-28, B-29, A-31, B-27)",
        "Trên cơ sở đã đăng ký, các đơn vị xây dựng kế hoạch để bồi dưỡng, nhân rộng (B-23); đánh giá định kỳ "
        "6 tháng, 9 tháng và năm (B-28, B-29); biểu dương tại Hội nghị CBCC-VC, các cuộc họp, buổi chào cờ sáng "
        "thứ hai, mạng nội bộ (A-31).",
        "`nurture.steps` lists the steps: `plan` (a plan workbook per unit with exemplars), `progress` (rounds of "
        "progress reports) and `bulletin` (the bulletin and the flag-ceremony sheet). A command or button for a "
        "step the plan lacks stops with a message naming the setting. The Sở NN&PTNT plan has all three; the "
        "Đồng Nai plan asks its units for no nurturing plan and no 6- or 9-month evaluation, so only the "
        "bulletin. A rulebook without `[nurture]` has all three and no deadlines.",
        "`nurture.steps`, `nurture.channels`, `nurture.deadlines`",
        "B-23, B-28, B-29, A-31, B-27"),
    Reading(
        "An exemplar's status and figures in a round (B-23, B-28)",
        "Đánh giá công tác phát hiện, bồi dưỡng và nhân rộng điển hình định kỳ 6 tháng, 9 tháng và năm.",
        "Each round is read as of a reference day: the period's end, or the round's deadline when it falls "
        "earlier (the annual report is due 15/11), or for the plans their deadline. An action is done with a "
        "completion date or a result, late when its date is before the reference day without either, else "
        "pending. An adoption counts once its start day is reached (undated: counted, warning NR-07); each "
        "adopting unit or place counts once. Status: «Dừng» when the unit marks it stopped; «Đã nhân rộng» "
        "once one place adopted it; «Chưa có kế hoạch» without a plan row or without any action; else «Đang "
        "bồi dưỡng». A unit silent in a round keeps its last report (NR-09). The exemplars are the selections "
        "of the year's latest run that selected any; the bulletin leaves out the stopped ones.",
        "`nurture.deadlines` (reference days), `--as-of`",
        "B-23, B-28, B-29, B-30"),
)

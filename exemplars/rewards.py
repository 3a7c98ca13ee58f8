"""Reward money: coefficient × base salary in force on the decision date, rounded.

The law (Nghị định 152/2025/NĐ-CP Điều 49) takes the base salary in force on the
date the award decision is issued and rounds the product *up* to the ten-thousand
đồng; both the coefficient tables and the base salary history are dated data in
``legal.toml``, so this module only picks the right rows and does the arithmetic.
Arithmetic is done in ``Decimal`` so 0,3 × 2.530.000 is exactly 759.000.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from exemplars.domain import SubjectKind
from exemplars.errors import InputError
from exemplars.results import RewardLine
from exemplars.rulebook.schema import BaseSalary, Decree, LegalTables
from exemplars.vi.notation import format_coefficient, format_date, format_vnd


def decree_in_force(legal: LegalTables, day: dt.date) -> Decree:
    """The decree whose reward coefficients apply to a decision dated ``day``."""
    for decree in sorted(legal.decrees, key=lambda d: d.effective_from, reverse=True):
        if decree.effective_from <= day and (decree.effective_to is None or day <= decree.effective_to):
            return decree
    first = min(d.effective_from for d in legal.decrees)
    raise InputError(
        f"Ngày quyết định khen thưởng {format_date(day)} không thuộc thời gian hiệu lực của nghị định nào "
        f"trong bảng hệ số (sớm nhất từ {format_date(first)}). Hãy kiểm tra ngày quyết định hoặc bổ sung "
        "nghị định vào tệp legal.toml."
    )


def base_salary_on(legal: LegalTables, day: dt.date) -> BaseSalary:
    """The base salary (mức lương cơ sở) in force on ``day``."""
    in_force = [b for b in legal.base_salaries if b.effective_from <= day]
    if not in_force:
        first = min(b.effective_from for b in legal.base_salaries)
        raise InputError(
            f"Ngày quyết định khen thưởng {format_date(day)} trước mức lương cơ sở sớm nhất trong bảng "
            f"(từ {format_date(first)}). Hãy kiểm tra ngày quyết định hoặc bổ sung mức lương cơ sở vào legal.toml."
        )
    return max(in_force, key=lambda b: b.effective_from)


def _round(raw: Decimal, legal: LegalTables) -> tuple[int, str]:
    """Rounded amount and the Vietnamese words for the rounding applied ("" when none was needed)."""
    step = Decimal(legal.rounding.step)
    mode = legal.rounding.mode
    if mode == "none":
        return int(raw.to_integral_value(rounding=ROUND_HALF_UP)), ""
    rounding = ROUND_CEILING if mode == "ceil" else ROUND_HALF_UP
    amount = int((raw / step).to_integral_value(rounding=rounding) * step)
    if Decimal(amount) == raw:
        return amount, ""
    words = "làm tròn lên" if mode == "ceil" else "làm tròn"
    return amount, f" → {words} {format_vnd(amount)}"


def _coefficient(legal: LegalTables, decree: Decree, legal_key: str, kind: SubjectKind) -> tuple[Decimal, str]:
    """The coefficient for ``kind`` and how it reads in the rule text (household: "1,5 × 0,3")."""
    form_name = legal.forms.get(legal_key, legal_key)
    coefficients = decree.coefficients.get(legal_key)
    if coefficients is None:
        raise InputError(
            f"Nghị định {decree.id} không quy định hệ số tiền thưởng cho «{form_name}» (mã {legal_key}). "
            "Hãy chọn hình thức khen thưởng khác hoặc bổ sung legal.toml."
        )
    if kind is SubjectKind.HO_GIA_DINH:
        if coefficients.household is not None:
            value = Decimal(str(coefficients.household))
            return value, format_coefficient(value)
        if coefficients.individual is not None:
            factor = Decimal(str(legal.household_factor))
            individual = Decimal(str(coefficients.individual))
            return factor * individual, f"{format_coefficient(factor)} × {format_coefficient(individual)}"
        chosen, who = None, "hộ gia đình"
    elif kind.is_collective:
        chosen, who = coefficients.collective, "tập thể"
    else:
        chosen, who = coefficients.individual, "cá nhân"
    if chosen is None:
        raise InputError(
            f"Nghị định {decree.id} không quy định hệ số «{form_name}» cho {who}. "
            "Hãy chọn hình thức khen thưởng phù hợp với loại đối tượng."
        )
    value = Decimal(str(chosen))
    return value, format_coefficient(value)


def reward_for(
    legal: LegalTables,
    legal_key: str,
    kind: SubjectKind,
    decision_date: dt.date,
    *,
    form_id: str = "",
    form_label: str = "",
    household_rounding: str = "household_amount",
) -> RewardLine:
    """Reward money of one form for one subject kind, decided on ``decision_date``.

    A household paid at ``household_factor`` × the individual coefficient is rounded per
    ``household_rounding``: ``household_amount`` rounds 1,5 × 0,3 × salary once;
    ``individual_amount`` takes 1,5 × the already rounded individual amount.

    Raises ``InputError`` (Vietnamese) when no decree or base salary covers the date,
    or the decree has no coefficient for this form and subject kind.
    """
    decree = decree_in_force(legal, decision_date)
    salary = base_salary_on(legal, decision_date)
    coefficient, coefficient_text = _coefficient(legal, decree, legal_key, kind)
    raw = coefficient * salary.amount
    amount, rounding_text = _round(raw, legal)
    calculation = f"{coefficient_text} × {format_vnd(salary.amount)} = {format_vnd(raw)}{rounding_text}"
    individual = decree.coefficients[legal_key].individual
    if (kind is SubjectKind.HO_GIA_DINH and household_rounding == "individual_amount"
            and decree.coefficients[legal_key].household is None and individual is not None):
        factor = Decimal(str(legal.household_factor))
        one, one_rounding = _round(Decimal(str(individual)) * salary.amount, legal)
        raw = factor * one
        amount = int(raw.to_integral_value(rounding=ROUND_HALF_UP))
        calculation = (f"{format_coefficient(individual)} × {format_vnd(salary.amount)} = "
                       f"{format_vnd(Decimal(str(individual)) * salary.amount)}{one_rounding}; "
                       f"{format_coefficient(factor)} × {format_vnd(one)} = {format_vnd(amount)}")
    rule = f"{calculation} (Nghị định {decree.id}; lương cơ sở theo {salary.instrument})"
    return RewardLine(
        form_id=form_id or legal_key,
        form_label=form_label or legal.forms.get(legal_key, legal_key),
        legal_key=legal_key,
        subject_kind=kind,
        decree=decree.id,
        coefficient=float(coefficient),
        base_salary=salary.amount,
        base_salary_instrument=salary.instrument,
        raw_amount=float(raw),
        amount=amount,
        rule=rule,
    )
